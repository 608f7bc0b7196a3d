// ReadFeeds: format by extension, origins on every event and rejection,
// directories, bad paths, and (when ../shared/data is present) the whole
// Reuters-21578 set.
#include "services/ingest/loaders/feed.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace streamlens::loaders {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures = std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/";

struct Collected {
  std::vector<std::pair<v1::PublishRequest, std::string>> events;
  std::vector<std::pair<std::string, std::string>> rejected;
  size_t last_done = 0, last_total = 0;
};

absl::Status Read(const std::vector<std::string>& paths, Collected* c) {
  FeedCallbacks cb;
  cb.on_event = [c](const v1::PublishRequest& e, const std::string& origin) { c->events.push_back({e, origin}); };
  cb.on_rejected = [c](const std::string& origin, const std::string& reason) { c->rejected.push_back({origin, reason}); };
  cb.on_progress = [c](size_t done, size_t total) {
    EXPECT_GE(done, c->last_done);
    c->last_done = done;
    c->last_total = total;
  };
  return ReadFeeds(paths, cb);
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("streamlens-feed-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(FeedTest, NdjsonEventsAndBadLinesWithLineNumbers) {
  Collected c;
  ASSERT_TRUE(Read({kFixtures + "events.ndjson"}, &c).ok());
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.events[0].second, kFixtures + "events.ndjson:1");
  EXPECT_EQ(c.events[0].first.news().id(), "dc360-alibaba-tsai");
  EXPECT_EQ(c.events[1].first.earnings().metrics(0).value().units(), 1510000000);
  // Line 7 parses; validation (not the loader) rejects its missing value.
  EXPECT_EQ(c.events[2].second, kFixtures + "events.ndjson:7");
  ASSERT_EQ(c.rejected.size(), 3u);
  EXPECT_EQ(c.rejected[0].first, kFixtures + "events.ndjson:3");
  EXPECT_THAT(c.rejected[0].second, HasSubstr("invalid JSON"));
  EXPECT_EQ(c.rejected[1].first, kFixtures + "events.ndjson:4");
  EXPECT_THAT(c.rejected[1].second, HasSubstr("headline"));
  EXPECT_EQ(c.rejected[2].first, kFixtures + "events.ndjson:6");
  EXPECT_THAT(c.rejected[2].second, HasSubstr("neither \"news\" nor \"earnings\""));
  EXPECT_EQ(c.last_done, c.last_total);
}

TEST(FeedTest, TextArticleWithHeaderAndStableId) {
  Collected a, b;
  ASSERT_TRUE(Read({kFixtures + "alibaba-excerpt.txt"}, &a).ok());
  ASSERT_TRUE(Read({kFixtures + "alibaba-excerpt.txt"}, &b).ok());
  ASSERT_EQ(a.events.size(), 1u);
  const auto& news = a.events[0].first.news();
  EXPECT_EQ(news.title(), "Alibaba chair Joe Tsai on AI, chips and the U.S.");
  EXPECT_EQ(news.source(), "digitalcommerce360");
  EXPECT_THAT(news.body(), testing::StartsWith("However, Alibaba has \xE2\x80\x9Cmade some efforts"));
  EXPECT_THAT(news.body(), HasSubstr("Norges Bank Investment Management"));
  EXPECT_THAT(news.id(), testing::StartsWith("news-"));
  EXPECT_EQ(news.id(), b.events[0].first.news().id());
}

TEST(FeedTest, TextArticleWithoutHeaderAndLatin1) {
  Collected c;
  ASSERT_TRUE(Read({kFixtures + "latin1-article.txt"}, &c).ok());
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].first.news().title(), "plain title line");
  EXPECT_EQ(c.events[0].first.news().body(), "body line one\nbody line \xC3\xA9 two (Latin-1)");
  EXPECT_EQ(c.events[0].first.news().source(), "file");
}

TEST(FeedTest, ReutersFileGivesNewsAndEarningsWithArticleOrigins) {
  Collected c;
  ASSERT_TRUE(Read({kFixtures + "reuters-excerpt.sgm"}, &c).ok());
  size_t news = 0, earnings = 0;
  for (const auto& [e, origin] : c.events) {
    news += e.has_news();
    earnings += e.has_earnings();
    EXPECT_THAT(origin, HasSubstr("reuters-excerpt.sgm NEWID="));
  }
  EXPECT_EQ(news, 12u);
  // Cobanco 1, Brown-Forman 2, Grease Monkey 1, Co-Steel 2, Swift 1, Worthington 2, BAe 1, Ciro 1.
  EXPECT_EQ(earnings, 11u);
  // Ohio Mattress (prose) yields no figures, and Grease Monkey has one typo
  // line: both are reported, not dropped.
  std::map<std::string, std::string> rejected(c.rejected.begin(), c.rejected.end());
  EXPECT_THAT(rejected[kFixtures + "reuters-excerpt.sgm NEWID=12"], HasSubstr("no figure lines"));
  EXPECT_THAT(rejected[kFixtures + "reuters-excerpt.sgm NEWID=1009"], HasSubstr("1,0053,234"));
}

TEST(FeedTest, TruncatedSgmlIsReportedWithLine) {
  Collected c;
  ASSERT_TRUE(Read({kFixtures + "reuters-truncated.sgm"}, &c).ok());
  EXPECT_EQ(c.events.size(), 3u);  // two articles, Cobanco's earnings
  ASSERT_EQ(c.rejected.size(), 1u);
  EXPECT_THAT(c.rejected[0].first, testing::MatchesRegex(".*reuters-truncated.sgm:[0-9]+ NEWID=14"));
  EXPECT_THAT(c.rejected[0].second, HasSubstr("truncated"));
}

TEST(FeedTest, DirectoryIsReadInNameOrderAndStrangersAreReported) {
  TempDir dir;
  dir.Write("b/2.txt", "second\nbody");
  dir.Write("a.txt", "first\nbody");
  dir.Write("README.md", "# not a feed, not worth a rejection");
  std::string csv = dir.Write("prices.csv", "a,b\n");
  Collected c;
  ASSERT_TRUE(Read({dir.path()}, &c).ok());
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].first.news().title(), "first");
  EXPECT_EQ(c.events[1].first.news().title(), "second");
  ASSERT_EQ(c.rejected.size(), 1u);
  EXPECT_EQ(c.rejected[0].first, csv);
  EXPECT_THAT(c.rejected[0].second, HasSubstr("unknown extension"));
}

TEST(FeedTest, UnreadablePathsFailBeforeAnythingIsRead) {
  Collected c;
  auto missing = Read({kFixtures + "alibaba-excerpt.txt", "/nonexistent/feed.sgm"}, &c);
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.message()), HasSubstr("/nonexistent/feed.sgm"));
  EXPECT_TRUE(c.events.empty());
  TempDir dir;
  auto unknown = Read({dir.Write("x.csv", "1")}, &c);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
}

TEST(FeedTest, EmptyTextArticleIsRejected) {
  TempDir dir;
  std::string path = dir.Write("empty.txt", "\n\n  \n");
  Collected c;
  ASSERT_TRUE(Read({path}, &c).ok());
  EXPECT_TRUE(c.events.empty());
  ASSERT_EQ(c.rejected.size(), 1u);
  EXPECT_THAT(c.rejected[0].second, HasSubstr("empty article"));
}

// The whole shared set: every article becomes a news event and every `earn`
// report is accounted for (events, or a rejection saying why).
TEST(FeedTest, HeadlineFlashTakesTheCurrencyOfTheCompanysFullReport) {
  // NEWID 2460 is a BRIEF flash (no dateline, no places); NEWID 2483, the full
  // report that follows it in reut2-002.sgm, is datelined TORONTO: the
  // flash's cents are Canadian.
  Collected c;
  ASSERT_TRUE(Read({kFixtures + "reuters-flash.sgm"}, &c).ok());
  std::vector<v1::EarningsEvent> flash, full;
  for (const auto& [e, origin] : c.events) {
    if (!e.has_earnings()) continue;
    (origin.find("NEWID=2460") != std::string::npos ? flash : full).push_back(e.earnings());
  }
  ASSERT_EQ(flash.size(), 1u);
  EXPECT_EQ(flash[0].origin(), v1::FIGURE_ORIGIN_HEADLINE);
  EXPECT_EQ(flash[0].source_article_id(), "reuters-2460");
  ASSERT_EQ(flash[0].metrics_size(), 1);
  EXPECT_EQ(flash[0].metrics(0).value().currency(), "CAD");
  EXPECT_EQ(flash[0].metrics(0).value().units(), 36);
  ASSERT_EQ(full.size(), 2u);  // the quarter and the year, from the table
  EXPECT_EQ(full[0].origin(), v1::FIGURE_ORIGIN_TABLE);
  // Every article is accounted for: nothing rejected.
  EXPECT_TRUE(c.rejected.empty()) << c.rejected[0].first << ": " << c.rejected[0].second;
}

TEST(FeedTest, WholeReutersSetIsAccountedFor) {
  const std::string dir = std::string(STREAMLENS_SOURCE_DIR) + "/../shared/data/reuters21578";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir << " is absent";
  size_t news = 0, earnings = 0;
  std::vector<std::string> broken;
  std::map<std::string, bool> earn_articles;  // origin -> accounted for
  FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string& origin) {
    if (e.has_news()) {
      ++news;
      for (const auto& t : e.news().topics()) {
        if (t == "earn") earn_articles.emplace(origin, false);
      }
    } else {
      ++earnings;
      earn_articles[origin] = true;
    }
  };
  cb.on_rejected = [&](const std::string& origin, const std::string& reason) {
    if (reason.rfind("earnings: ", 0) == 0) {
      earn_articles[origin] = true;
    } else if (reason.rfind("earnings figure not read", 0) != 0) {
      broken.push_back(origin + ": " + reason);
    }
  };
  ASSERT_TRUE(ReadFeeds({dir}, cb).ok());
  // One article of the set is empty (NEWID=12793, an UNPROC text holding
  // only control characters): it is reported, every other one is published.
  EXPECT_EQ(news, 17999u);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_THAT(broken[0], HasSubstr("reut2-012.sgm NEWID=12793: empty article"));
  EXPECT_GT(earnings, 3000u);
  size_t unaccounted = 0;
  for (const auto& [origin, ok] : earn_articles) unaccounted += !ok;
  EXPECT_EQ(unaccounted, 0u);
}

}  // namespace
}  // namespace streamlens::loaders
