// Validation and preparation of events: the errors a client sees name the
// field, ids are stable, and everything the loaders produce from real feeds
// passes.
#include "services/ingest/validate.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/topics.h"
#include "services/ingest/loaders/feed.h"
#include "tests/support/amounts.h"

namespace streamlens::ingest {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures = std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/";

google::protobuf::Timestamp Now() {
  google::protobuf::Timestamp ts;
  ts.set_seconds(1'790'000'000);
  return ts;
}

using streamlens::test_support::UsdMetric;

v1::EarningsEvent Alibaba() {
  v1::EarningsEvent e;
  e.mutable_entity()->set_id("company:baba");
  e.mutable_entity()->set_name("Alibaba Group Holding");
  e.mutable_period()->set_kind(v1::PERIOD_KIND_QUARTER);
  e.mutable_period()->set_fiscal_year(2024);
  e.mutable_period()->set_fiscal_quarter(3);
  e.mutable_period()->set_end_date("2023-12-31");
  *e.add_metrics() = UsdMetric(v1::METRIC_KIND_NET_INCOME, 1'510'000'000, 6'560'000'000);
  *e.add_metrics() = UsdMetric(v1::METRIC_KIND_REVENUE, 4'020'000'000, 2'790'000'000);
  return e;
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TEST(ValidateTest, NewsNeedsTitleOrBody) {
  v1::NewsEvent n;
  auto s = ValidateNews(n);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(s), "news.title: required unless body is set");
  n.set_body("text only");
  EXPECT_TRUE(ValidateNews(n).ok());
}

TEST(ValidateTest, BodyLimitIsOneMebibyte) {
  v1::NewsEvent n;
  n.set_title("t");
  n.set_body(std::string(kMaxBodyBytes, 'x'));
  EXPECT_TRUE(ValidateNews(n).ok());
  n.mutable_body()->push_back('x');
  EXPECT_EQ(Message(ValidateNews(n)), "news.body: 1048577 bytes exceeds 1 MiB");
}

TEST(ValidateTest, OversizedArticleFileIsRejectedNamingTheField) {
  auto dir = std::filesystem::temp_directory_path() / "streamlens-validate-oversized";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "huge.txt").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "A headline\n" << std::string(kMaxBodyBytes + 10, 'y');
  }
  std::vector<absl::Status> results;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) { results.push_back(PrepareEvent(e, Now()).status()); };
  ASSERT_TRUE(loaders::ReadFeeds({path}, cb).ok());
  std::filesystem::remove_all(dir);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(results[0]), "news.body: 1048586 bytes exceeds 1 MiB");
}

TEST(ValidateTest, MetricWithoutValueNamesItsIndex) {
  v1::EarningsEvent e = Alibaba();
  v1::Metric* m = e.add_metrics();
  m->set_kind(v1::METRIC_KIND_EPS);
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[2].value: missing");
}

TEST(ValidateTest, NdjsonLineMissingARequiredField) {
  std::vector<absl::Status> results;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) { results.push_back(PrepareEvent(e, Now()).status()); };
  ASSERT_TRUE(loaders::ReadFeeds({kFixtures + "events.ndjson"}, cb).ok());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_TRUE(results[1].ok()) << results[1];
  EXPECT_EQ(Message(results[2]), "earnings.metrics[0].value: missing");
}

TEST(ValidateTest, EarningsFieldErrors) {
  v1::EarningsEvent e = Alibaba();
  e.mutable_entity()->clear_id();
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.entity.id: required");
  e.mutable_entity()->set_id("Alibaba");
  EXPECT_THAT(Message(ValidateEarnings(e)), HasSubstr("earnings.entity.id: \"Alibaba\" is not of the form"));

  e = Alibaba();
  e.clear_metrics();
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics: at least one metric is required");

  e = Alibaba();
  e.mutable_metrics(1)->mutable_value()->clear_currency();
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[1].value.currency: required for money amounts");

  e = Alibaba();
  e.mutable_metrics(0)->mutable_prior_value()->set_unit(v1::UNIT_SHARES);
  e.mutable_metrics(0)->mutable_prior_value()->clear_currency();
  EXPECT_EQ(Message(ValidateEarnings(e)),
            "earnings.metrics[0].prior_value.unit: UNIT_SHARES differs from value's UNIT_MONEY");

  e = Alibaba();
  e.mutable_metrics(1)->set_kind(v1::METRIC_KIND_NET_INCOME);
  EXPECT_EQ(Message(ValidateEarnings(e)),
            "earnings.metrics[1].kind: METRIC_KIND_NET_INCOME already given in metrics[0] for the same segment");

  e = Alibaba();
  e.mutable_metrics(0)->mutable_value()->set_scale(12);
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[0].value.scale: 12 is outside 0..9");

  e = Alibaba();
  e.mutable_period()->set_end_date("2023-02-30");
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.period.end_date: \"2023-02-30\" is not a YYYY-MM-DD date");

  e = Alibaba();
  e.mutable_metrics(0)->mutable_reported_change()->set_units(-77);
  e.mutable_metrics(0)->mutable_reported_change()->set_unit(v1::UNIT_MONEY);
  e.mutable_metrics(0)->mutable_reported_change()->set_currency("USD");
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[0].reported_change.unit: must be UNIT_PERCENT");

  e = Alibaba();
  e.mutable_metrics(1)->set_label("Net \xff");
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[1].label: invalid UTF-8 at byte 4");

  // The same kind twice is allowed for different segments, and then not again in either.
  e = Alibaba();
  e.mutable_metrics(1)->set_kind(v1::METRIC_KIND_NET_INCOME);
  e.mutable_metrics(1)->set_segment("cloud");
  EXPECT_TRUE(ValidateEarnings(e).ok()) << ValidateEarnings(e);
  *e.add_metrics() = e.metrics(1);
  EXPECT_EQ(Message(ValidateEarnings(e)), "earnings.metrics[2].kind: METRIC_KIND_NET_INCOME already given in metrics[1] "
                                          "for the same segment");
}

TEST(ValidateTest, InvalidUtf8IsNamed) {
  v1::NewsEvent n;
  n.set_title("Soci\xe9t\xe9 G\xe9n\xe9rale");
  EXPECT_EQ(Message(ValidateNews(n)), "news.title: invalid UTF-8 at byte 4");
}

// The byte named is the first bad one however long the ASCII before it
// (ASCII is checked eight bytes at a time), and valid multi-byte text passes.
TEST(ValidateTest, InvalidUtf8IsNamedAfterLongAsciiRuns) {
  for (size_t ascii : {0u, 7u, 8u, 9u, 15u, 16u, 17u, 100u}) {
    v1::NewsEvent n;
    n.set_title("t");
    n.set_body(std::string(ascii, 'a') + "Soci\xc3\xa9t\xc3\xa9 and more text after it" + "\xe9" + std::string(20, 'b'));
    const size_t bad = ascii + std::string("Soci\xc3\xa9t\xc3\xa9 and more text after it").size();
    EXPECT_EQ(Message(ValidateNews(n)), "news.body: invalid UTF-8 at byte " + std::to_string(bad)) << ascii;
    n.set_body(std::string(ascii, 'a') + "Soci\xc3\xa9t\xc3\xa9" + std::string(ascii, 'z'));
    EXPECT_TRUE(ValidateNews(n).ok()) << ascii;
  }
}

TEST(ValidateTest, CatalogEntities) {
  v1::CatalogEntity c;
  c.set_id("company:baba");
  c.set_type(v1::ENTITY_TYPE_COMPANY);
  EXPECT_EQ(Message(ValidateCatalogEntity(c)), "entity.name: required");
  c.set_name("Alibaba Group Holding");
  EXPECT_TRUE(ValidateCatalogEntity(c).ok());
  v1::CatalogEntity tombstone;
  tombstone.set_id("brand:taobao");
  tombstone.set_deleted(true);
  EXPECT_TRUE(ValidateCatalogEntity(tombstone).ok());
  auto prepared = PrepareEntity(c);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->topic, topics::kCatalog);
  EXPECT_EQ(prepared->key, "company:baba");
}

TEST(PrepareTest, NewsGetsDerivedStableIdSourceAndIngestionTime) {
  v1::PublishRequest r;
  r.mutable_news()->set_title("Alibaba's Joe Tsai: the U.S. leads China in AI");
  r.mutable_news()->set_body("The U.S. has a slight lead over China...");
  v1::PublishRequest completed;
  auto a = PrepareEvent(r, Now(), &completed);
  auto b = PrepareEvent(r, Now());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->event_id, b->event_id);
  EXPECT_THAT(a->event_id, testing::StartsWith("news-"));
  EXPECT_EQ(a->topic, topics::kNews);
  EXPECT_EQ(a->key, a->event_id);
  EXPECT_EQ(completed.news().source(), "api");
  EXPECT_EQ(completed.news().ingested_at().seconds(), Now().seconds());
  v1::NewsEvent decoded;
  ASSERT_TRUE(decoded.ParseFromString(a->value));
  EXPECT_EQ(decoded.id(), a->event_id);
  // A different body is a different article.
  r.mutable_news()->set_body("Another text");
  EXPECT_NE(PrepareEvent(r, Now())->event_id, a->event_id);
}

TEST(PrepareTest, EarningsAreKeyedByEntityAndKeepTheirId) {
  v1::PublishRequest r;
  *r.mutable_earnings() = Alibaba();
  auto derived = PrepareEvent(r, Now());
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(derived->topic, topics::kEarnings);
  EXPECT_EQ(derived->key, "company:baba");
  EXPECT_THAT(derived->event_id, testing::StartsWith("earnings-"));
  r.mutable_earnings()->set_id("my-report-1");
  EXPECT_EQ(PrepareEvent(r, Now())->event_id, "my-report-1");
  v1::PublishRequest empty;
  EXPECT_EQ(Message(PrepareEvent(empty, Now()).status()), "event: one of news or earnings is required");
}

TEST(PrepareTest, RejectionReasonsAreBoundedFieldPaths) {
  EXPECT_EQ(RejectionReason(absl::InvalidArgumentError("earnings.metrics[2].value: missing")), "earnings.metrics.value");
  EXPECT_EQ(RejectionReason(absl::InvalidArgumentError("news.body: 1048577 bytes exceeds 1 MiB")), "news.body");
  EXPECT_EQ(RejectionReason(absl::UnavailableError("produce to news.v1: Broker: timed out")), "UNAVAILABLE");
}

// Everything the loaders make of real Reuters articles is valid.
TEST(PrepareTest, EveryEventOfTheReutersExcerptIsValid) {
  size_t n = 0;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string& origin) {
    auto s = PrepareEvent(e, Now()).status();
    EXPECT_TRUE(s.ok()) << origin << ": " << s;
    ++n;
  };
  ASSERT_TRUE(loaders::ReadFeeds({kFixtures + "reuters-excerpt.sgm"}, cb).ok());
  EXPECT_EQ(n, 23u);
}

}  // namespace
}  // namespace streamlens::ingest

namespace streamlens::ingest {
namespace {

// The project's own sample (data/sample, loaded by `streamlens up`) reads and
// validates without a single rejection.
TEST(PrepareTest, SampleDataIsValid) {
  size_t news = 0, earnings = 0;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string& origin) {
    auto s = PrepareEvent(e, Now()).status();
    EXPECT_TRUE(s.ok()) << origin << ": " << s;
    news += e.has_news();
    earnings += e.has_earnings();
  };
  cb.on_rejected = [](const std::string& origin, const std::string& reason) {
    ADD_FAILURE() << origin << ": " << reason;
  };
  ASSERT_TRUE(loaders::ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/data/sample"}, cb).ok());
  EXPECT_EQ(news, 1u);
  EXPECT_EQ(earnings, 8u);
}

}  // namespace
}  // namespace streamlens::ingest
