// Reuters-21578 SGML splitting and NewsEvent conversion, on excerpts of the
// real files (tests/fixtures/ingest/reuters-excerpt.sgm holds 12 articles
// copied byte for byte from ../shared/data/reuters21578) and on broken input.
#include "services/ingest/loaders/reuters_sgml.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/arena.h>
#include <google/protobuf/util/time_util.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/ingest/loaders/civil_date.h"

namespace streamlens::loaders {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Parsed {
  std::vector<ReutersArticle> articles;
  std::vector<std::tuple<int, int64_t, std::string>> broken;
};

Parsed Parse(std::string_view text) {
  Parsed p;
  ParseReutersSgml(
      text, [&](ReutersArticle&& a) { p.articles.push_back(std::move(a)); },
      [&](int line, int64_t newid, const std::string& reason) { p.broken.emplace_back(line, newid, reason); });
  return p;
}

const ReutersArticle& ById(const Parsed& p, int64_t id) {
  for (const auto& a : p.articles) {
    if (a.newid == id) return a;
  }
  static ReutersArticle none;
  ADD_FAILURE() << "no article NEWID=" << id;
  return none;
}

TEST(ReutersSgmlTest, ReadsEveryArticleOfARealExcerpt) {
  Parsed p = Parse(Fixture("reuters-excerpt.sgm"));
  EXPECT_TRUE(p.broken.empty());
  ASSERT_EQ(p.articles.size(), 12u);

  const ReutersArticle& cocoa = ById(p, 1);
  EXPECT_EQ(cocoa.line, 2);
  EXPECT_EQ(cocoa.title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(cocoa.dateline, "SALVADOR, Feb 26 -");
  EXPECT_THAT(cocoa.body, StartsWith("Showers continued throughout the week in\nthe Bahia cocoa zone"));
  // The sign-off and the &#3; framing are gone; the text ends with the story.
  EXPECT_THAT(cocoa.body, testing::EndsWith("the 1986/87 crop and 1.06 mln bags against the 1987/88\ncrop.\n"
                                            "    Final figures for the period to February 28 are expected to\n"
                                            "be published by the Brazilian Cocoa Trade Commission after\n"
                                            "carnival which ends midday on February 27."));
  EXPECT_EQ(cocoa.topics, std::vector<std::string>({"cocoa"}));
  EXPECT_EQ(cocoa.places, std::vector<std::string>({"el-salvador", "usa", "uruguay"}));
  EXPECT_TRUE(cocoa.people.empty());
}

TEST(ReutersSgmlTest, NoControlCharactersOrEscapesSurvive) {
  Parsed p = Parse(Fixture("reuters-excerpt.sgm"));
  for (const auto& a : p.articles) {
    for (const std::string* text : {&a.title, &a.body, &a.dateline}) {
      EXPECT_THAT(*text, Not(HasSubstr("&lt;"))) << a.newid;
      EXPECT_THAT(*text, Not(HasSubstr("&#"))) << a.newid;
      for (char c : *text) EXPECT_TRUE(c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20) << a.newid;
    }
  }
}

TEST(ReutersSgmlTest, ArticlesWithoutBody) {
  Parsed p = Parse(Fixture("reuters-excerpt.sgm"));
  // TEXT TYPE="BRIEF": a headline only.
  const ReutersArticle& brief = ById(p, 30);
  EXPECT_EQ(brief.text_type, "BRIEF");
  EXPECT_FALSE(brief.has_body);
  EXPECT_EQ(brief.title, "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK");
  // TEXT TYPE="UNPROC": no title, the raw text is the body.
  const ReutersArticle& unproc = ById(p, 99);
  EXPECT_EQ(unproc.text_type, "UNPROC");
  EXPECT_TRUE(unproc.title.empty());
  EXPECT_THAT(unproc.body, StartsWith("FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26"));
}

// TOPICS="BYPASS" stories were never indexed (reut2-013 NEWID 13433 is one):
// their empty <PLACES> is no annotation, so the event carries none and the
// link evaluation does not count every entity found in them as wrong.
TEST(ReutersSgmlTest, BypassedStoriesCarryNoAnnotations) {
  const std::string article =
      "<REUTERS TOPICS=\"BYPASS\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"2416\" NEWID=\"13433\">\n"
      "<DATE> 7-APR-1987 04:48:19.04</DATE>\n<TOPICS></TOPICS>\n<PLACES></PLACES>\n<PEOPLE></PEOPLE>\n"
      "<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
      "<TEXT>&#2;\n<TITLE>SINGAPORE RUBBER CLOSES QUIET</TITLE>\n<BODY>Rubber was quiet on the LME.\n</BODY></TEXT>\n"
      "</REUTERS>\n";
  Parsed bypassed = Parse(article);
  ASSERT_EQ(bypassed.articles.size(), 1u);
  EXPECT_TRUE(bypassed.articles[0].bypassed);
  auto event = ToNewsEvent(bypassed.articles[0]);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->title(), "SINGAPORE RUBBER CLOSES QUIET");
  EXPECT_FALSE(event->has_annotations());
  // The same story indexed (TOPICS="NO": no topic, yet its places were read) keeps its empty annotations.
  std::string indexed = article;
  indexed.replace(indexed.find("BYPASS"), 6, "NO");
  Parsed read = Parse(indexed);
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_FALSE(read.articles[0].bypassed);
  auto indexed_event = ToNewsEvent(read.articles[0]);
  ASSERT_TRUE(indexed_event.ok());
  EXPECT_TRUE(indexed_event->has_annotations());
}

TEST(ReutersSgmlTest, NewsEventCarriesIdDateTickersAndAnnotations) {
  Parsed p = Parse(Fixture("reuters-excerpt.sgm"));
  auto cocoa = ToNewsEvent(ById(p, 1));
  ASSERT_TRUE(cocoa.ok()) << cocoa.status();
  EXPECT_EQ(cocoa->id(), "reuters-1");
  EXPECT_EQ(cocoa->source(), "reuters21578");
  EXPECT_EQ(google::protobuf::util::TimeUtil::ToString(cocoa->published_at()), "1987-02-26T15:01:01.790Z");
  EXPECT_EQ(cocoa->annotations().places_size(), 3);

  auto swift = ToNewsEvent(ById(p, 2496));
  ASSERT_TRUE(swift.ok());
  EXPECT_EQ(swift->title(), "SWIFT INDEPENDENT PACKING CO <SFTPr> 1ST QTR NET");
  ASSERT_EQ(swift->tickers_size(), 1);
  EXPECT_EQ(swift->tickers(0).symbol(), "SFTPr");
  EXPECT_EQ(swift->tickers(0).company_name(), "SWIFT INDEPENDENT PACKING CO");
  EXPECT_EQ(swift->topics(0), "earn");

  // "<CO-STEEL INC>" names an unlisted company: not a ticker.
  auto costeel = ToNewsEvent(ById(p, 1245));
  ASSERT_TRUE(costeel.ok());
  EXPECT_EQ(costeel->tickers_size(), 0);
}

// `streamlens ingest` builds news events on an arena (the loader's, reset
// after each article): the event must be the same, byte for byte.
TEST(ReutersSgmlTest, NewsEventBuiltOnAnArenaIsTheSameEvent) {
  Parsed p = Parse(Fixture("reuters-excerpt.sgm"));
  ASSERT_EQ(p.articles.size(), 12u);
  google::protobuf::Arena arena;
  for (const ReutersArticle& a : p.articles) {
    auto on_heap = ToNewsEvent(a);
    ASSERT_TRUE(on_heap.ok()) << a.newid << ": " << on_heap.status();
    auto* on_arena = google::protobuf::Arena::CreateMessage<v1::NewsEvent>(&arena);
    ASSERT_TRUE(ToNewsEvent(ReutersArticle(a), on_arena).ok()) << a.newid;
    EXPECT_EQ(on_arena->SerializeAsString(), on_heap->SerializeAsString()) << "NEWID=" << a.newid;
    EXPECT_EQ(on_arena->tickers_size(), on_heap->tickers_size()) << "NEWID=" << a.newid;
  }
  // A date that cannot be read fails the same way.
  ReutersArticle bad = p.articles[0];
  bad.date = "yesterday";
  auto* event = google::protobuf::Arena::CreateMessage<v1::NewsEvent>(&arena);
  absl::Status s = ToNewsEvent(ReutersArticle(bad), event);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), ToNewsEvent(bad).status().message());
}

TEST(ReutersSgmlTest, TruncatedFileReportsTheCutArticleAndKeepsTheRest) {
  Parsed p = Parse(Fixture("reuters-truncated.sgm"));
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].newid, 1);
  EXPECT_EQ(p.articles[1].newid, 11);
  ASSERT_EQ(p.broken.size(), 1u);
  auto [line, newid, reason] = p.broken[0];
  EXPECT_EQ(newid, 14);
  EXPECT_GT(line, 50);
  EXPECT_THAT(reason, HasSubstr("truncated"));
}

TEST(ReutersSgmlTest, BrokenElementsAreReportedWithWhy) {
  std::string text =
      "<REUTERS NEWID=\"7\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>A</TITLE>"
      "<BODY>no end of body\n</TEXT>\n</REUTERS>\n"
      "<REUTERS TOPICS=\"NO\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><BODY>x</BODY></TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"9\">\n<TEXT><BODY>x</BODY></TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"10\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>ok</TITLE></TEXT>\n</REUTERS>\n";
  Parsed p = Parse(text);
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].newid, 10);
  ASSERT_EQ(p.broken.size(), 3u);
  EXPECT_EQ(std::get<0>(p.broken[0]), 1);
  EXPECT_EQ(std::get<2>(p.broken[0]), "<BODY> not terminated");
  EXPECT_EQ(std::get<0>(p.broken[1]), 7);
  EXPECT_THAT(std::get<2>(p.broken[1]), HasSubstr("NEWID"));
  EXPECT_EQ(std::get<1>(p.broken[2]), 9);
  EXPECT_THAT(std::get<2>(p.broken[2]), HasSubstr("<DATE>"));
}

TEST(ReutersSgmlTest, UnescapeDecodesEntitiesDropsControlsConvertsLatin1) {
  EXPECT_EQ(UnescapeSgml("CHAMPION PRODUCTS &lt;CH> &amp; Co&#3;"), "CHAMPION PRODUCTS <CH> & Co");
  EXPECT_EQ(UnescapeSgml("&#2;\x05text\x7f"), "text");
  EXPECT_EQ(UnescapeSgml("Soci\xe9t\xe9"), "Soci\xc3\xa9t\xc3\xa9");
  EXPECT_EQ(UnescapeSgml("AT&T & more"), "AT&T & more");
}

// Plain text is copied sixteen bytes at a time: an escape, a control
// character, a Latin-1 letter, a newline or a tab is handled wherever it falls
// in a block, and in the tail after the last whole block.
TEST(ReutersSgmlTest, UnescapeHandlesEachSpecialAtEveryPositionOfALongRun) {
  const struct {
    std::string raw;
    std::string decoded;
  } kSpecials[] = {{"&lt;", "<"}, {"&amp;", "&"}, {"&#3;", ""}, {"\x05", ""}, {"\x7f", ""},
                   {"\xe9", "\xc3\xa9"}, {"\n", "\n"}, {"\t", "\t"}, {"&", "&"}};
  for (const auto& special : kSpecials) {
    for (size_t at = 0; at <= 40; ++at) {
      const std::string before(at, 'a'), after(40 - at, 'b');
      EXPECT_EQ(UnescapeSgml(before + special.raw + after), before + special.decoded + after)
          << "special " << testing::PrintToString(special.raw) << " at " << at;
    }
  }
}

TEST(ReutersSgmlTest, MonthNamesInAnyCaseAndAbbreviation) {
  EXPECT_EQ(MonthFromName("Feb"), 2);
  EXPECT_EQ(MonthFromName("FEB."), 2);
  EXPECT_EQ(MonthFromName("sept"), 9);
  EXPECT_EQ(MonthFromName("September"), 9);
  EXPECT_EQ(MonthFromName("DECEMBER"), 12);
  EXPECT_EQ(MonthFromName("mar"), 3);
  for (std::string_view not_a_month : {"ma", "sep-", "septembers", "marches", "fe", "net", "", "."}) {
    EXPECT_FALSE(MonthFromName(not_a_month).has_value()) << not_a_month;
  }
}

TEST(ReutersSgmlTest, BadDateIsAnErrorButJunkAfterTheClockIsNot) {
  ReutersArticle a;
  a.newid = 5;
  a.title = "t";
  a.date = "27-MAR-1987 00:02:59.13RM";
  auto ok = ToNewsEvent(a);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(google::protobuf::util::TimeUtil::ToString(ok->published_at()), "1987-03-27T00:02:59.130Z");
  a.date = "31-FEB-1987 10:00:00.00";
  auto bad = ToNewsEvent(a);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("<DATE>"));
}

}  // namespace
}  // namespace streamlens::loaders
