// The worker against the embedded Kafka: dead letters, progress records,
// catalog updates at run time, and history rebuilt after a restart.
#include "tests/integration/dev_cluster_test.h"
#include "services/worker/worker.h"

#include <gtest/gtest.h>

#include <thread>

#include "services/common/dev_cluster.h"
#include "services/common/topics.h"

namespace streamlens::worker {
namespace {

using namespace std::chrono_literals;

// Reads a topic from the beginning until `predicate` accepts a record, or the deadline.
template <typename Message>
std::optional<Message> WaitForRecord(const kafka::Settings& settings, std::string_view topic,
                                     const std::function<bool(const Message&, const kafka::Record&)>& predicate,
                                     std::chrono::milliseconds deadline = 30s) {
  struct Finder : kafka::ConsumerLoop::Handler {
    std::function<bool(const Message&, const kafka::Record&)> predicate;
    std::optional<Message> found;
    kafka::ConsumerLoop* loop = nullptr;
    absl::Status OnBatch(const std::vector<kafka::Record>& batch) override {
      for (const auto& r : batch) {
        Message m;
        if (!found && m.ParseFromString(r.value) && predicate(m, r)) {
          found = m;
          loop->Stop();
        }
      }
      return absl::OkStatus();
    }
  } finder;
  finder.predicate = predicate;
  auto loop = kafka::ConsumerLoop::Create({settings, "", {std::string(topic)}}, &finder);
  if (!loop.ok()) return std::nullopt;
  finder.loop = loop->get();
  std::thread stopper([&, until = std::chrono::steady_clock::now() + deadline] {
    while (!finder.found && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(10ms);
    (*loop)->Stop();
  });
  (void)(*loop)->Run();
  stopper.join();
  return finder.found;
}

class WorkerTest : public DevClusterTest {
 protected:
  void TearDown() override { StopWorker(); }

  void StartWorker(const std::string& id) {
    Worker::Options options;
    options.kafka = settings_;
    options.worker_id = id;
    options.catalog_dir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";
    metrics_ = std::make_unique<MetricsRegistry>();
    auto worker = Worker::Create(options, *metrics_);
    ASSERT_TRUE(worker.ok()) << worker.status();
    worker_ = std::move(*worker);
    thread_ = std::thread([this] { (void)worker_->Run(); });
  }
  void StopWorker() {
    if (!worker_) return;
    worker_->Stop();
    thread_.join();
    worker_.reset();
  }

  v1::Position PublishArticle(const std::string& id, const std::string& body) {
    v1::NewsEvent a;
    a.set_id(id);
    a.set_title("Company news");
    a.set_body(body);
    return Produce(topics::kNews, id, a.SerializeAsString());
  }

  std::unique_ptr<MetricsRegistry> metrics_;
  std::unique_ptr<Worker> worker_;
  std::thread thread_;
};

TEST_F(WorkerTest, UndecodableRecordGoesToDeadLetterWithReasonAndIsCounted) {
  StartWorker("w1");
  v1::Position bad = Produce(topics::kNews, "garbage", std::string("\xff\xff\xff not protobuf", 18));
  auto dl = WaitForRecord<v1::DeadLetter>(settings_, topics::kDeadLetter, [&](const v1::DeadLetter& d, auto&) {
    return d.source().partition() == bad.partition() && d.source().offset() == bad.offset();
  });
  ASSERT_TRUE(dl.has_value()) << "no dead letter for the garbage record";
  EXPECT_EQ(dl->stage(), "decode");
  EXPECT_EQ(dl->reason(), "not a NewsEvent");
  EXPECT_EQ(dl->key(), "garbage");
  EXPECT_EQ(dl->service(), "w1");
  EXPECT_NE(metrics_->Scrape().find("streamlens_worker_dead_letters_total{stage=\"decode\"} 1"), std::string::npos);
}

TEST_F(WorkerTest, ProgressCoversTheSourceAndListsTheOutputs) {
  StartWorker("w1");
  v1::Position pos = PublishArticle("a-1", "The International Monetary Fund met in Washington.");
  auto progress = WaitForRecord<v1::Progress>(settings_, topics::kProgress, [&](const v1::Progress& p, auto&) {
    for (const auto& s : p.sources()) {
      if (s.topic() == "news.v1" && s.partition() == pos.partition() && s.next_offset() > pos.offset()) return true;
    }
    return false;
  });
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->worker_id(), "w1");
  bool lists_links = false;
  for (const auto& o : progress->outputs()) lists_links |= o.topic() == "entity-links.v1" && o.next_offset() > 0;
  EXPECT_TRUE(lists_links);
  auto link = WaitForRecord<v1::EntityLink>(settings_, topics::kEntityLinks,
                                            [](const v1::EntityLink& l, auto&) { return l.article_id() == "a-1"; });
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->source_position().offset(), pos.offset());
}

TEST_F(WorkerTest, CatalogUpdateChangesLinksOfLaterArticlesWithoutRestart) {
  StartWorker("w1");
  const std::string text = "Shares of Zorblax Industries rose after the results.";
  auto mentions_zorblax = [](const v1::EntityLink& l) {
    for (const auto& m : l.mentions()) {
      if (m.entity().id() == "company:zorblax") return true;
    }
    return false;
  };
  PublishArticle("before", text);
  auto before = WaitForRecord<v1::EntityLink>(settings_, topics::kEntityLinks,
                                              [](const v1::EntityLink& l, auto&) { return l.article_id() == "before"; });
  ASSERT_TRUE(before.has_value());
  EXPECT_FALSE(mentions_zorblax(*before));

  v1::CatalogEntity zorblax;
  zorblax.set_id("company:zorblax");
  zorblax.set_type(v1::ENTITY_TYPE_COMPANY);
  zorblax.set_name("Zorblax Industries");
  Produce(topics::kCatalog, zorblax.id(), zorblax.SerializeAsString());

  // Articles keep flowing; one published after the update is linked to it.
  std::optional<v1::EntityLink> after;
  auto until = std::chrono::steady_clock::now() + 30s;
  for (int i = 0; !after && std::chrono::steady_clock::now() < until; ++i) {
    std::string id = "after-" + std::to_string(i);
    PublishArticle(id, text);
    auto link = WaitForRecord<v1::EntityLink>(settings_, topics::kEntityLinks,
                                              [&](const v1::EntityLink& l, auto&) { return l.article_id() == id; });
    ASSERT_TRUE(link.has_value());
    if (mentions_zorblax(*link)) after = link;
  }
  ASSERT_TRUE(after.has_value()) << "the catalog update never reached the linker";
}

// Issue 5: a company known only from its ticker mark goes into the catalog
// (catalog.v1), and a later article that names it without the mark links to it.
TEST_F(WorkerTest, TickerMarkedCompanyIsDiscoveredAndLaterArticlesNameIt) {
  StartWorker("w1");
  auto marked_article = [](const std::string& id) {
    v1::NewsEvent a;
    a.set_id(id);
    a.set_title("CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT");
    a.set_body("Champion Products Inc <CH> said its board approved a two-for-one stock split.");
    auto* mark = a.add_tickers();
    mark->set_symbol("CH");
    mark->set_company_name("Champion Products Inc");
    return a;
  };
  Produce(topics::kNews, "reuters-9", marked_article("reuters-9").SerializeAsString());
  auto entity = WaitForRecord<v1::CatalogEntity>(
      settings_, topics::kCatalog, [](const v1::CatalogEntity&, const kafka::Record& r) { return r.key == "company:ch"; });
  ASSERT_TRUE(entity.has_value()) << "no catalog.v1 record for the ticker-marked company";
  EXPECT_EQ(entity->name(), "Champion Products Inc");
  EXPECT_EQ(entity->type(), v1::ENTITY_TYPE_COMPANY);
  EXPECT_EQ(entity->attributes().at("discovered_from"), "reuters-9");
  ASSERT_EQ(entity->codes_size(), 1);
  EXPECT_EQ(entity->codes(0).value(), "CH");

  auto mentions_ch = [](const v1::EntityLink& l) {
    for (const auto& m : l.mentions()) {
      if (m.entity().id() == "company:ch") return true;
    }
    return false;
  };
  // Articles keep flowing; once the worker's catalog follower has loaded the
  // entry, one saying only "Champion Products" links to it.
  std::optional<v1::EntityLink> named;
  auto until = std::chrono::steady_clock::now() + 30s;
  for (int i = 0; !named && std::chrono::steady_clock::now() < until; ++i) {
    const std::string id = "later-" + std::to_string(i);
    PublishArticle(id, "Champion Products said its quarterly dividend would be raised.");
    auto link = WaitForRecord<v1::EntityLink>(settings_, topics::kEntityLinks,
                                              [&](const v1::EntityLink& l, auto&) { return l.article_id() == id; });
    ASSERT_TRUE(link.has_value());
    if (mentions_ch(*link)) named = link;
  }
  ASSERT_TRUE(named.has_value()) << "the discovered company never reached the linker";

  // Known now: another marked article links to it and publishes nothing more.
  Produce(topics::kNews, "reuters-10", marked_article("reuters-10").SerializeAsString());
  auto again = WaitForRecord<v1::EntityLink>(settings_, topics::kEntityLinks,
                                             [](const v1::EntityLink& l, auto&) { return l.article_id() == "reuters-10"; });
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(mentions_ch(*again));
  EXPECT_NE(metrics_->Scrape().find("streamlens_links_discovered_companies_total 1\n"), std::string::npos)
      << metrics_->Scrape();
}

v1::EarningsEvent Report(const std::string& id, int quarter, int64_t revenue) {
  v1::EarningsEvent e;
  e.set_id(id);
  e.mutable_entity()->set_id("company:acme");
  e.mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
  e.mutable_period()->set_kind(v1::PERIOD_KIND_QUARTER);
  e.mutable_period()->set_fiscal_year(1987);
  e.mutable_period()->set_fiscal_quarter(quarter);
  auto* m = e.add_metrics();
  m->set_kind(v1::METRIC_KIND_REVENUE);
  m->mutable_value()->set_units(revenue);
  m->mutable_value()->set_unit(v1::UNIT_MONEY);
  m->mutable_value()->set_currency("USD");
  return e;
}

TEST_F(WorkerTest, RestartedWorkerRebuildsHistoryFromKafka) {
  StartWorker("w1");
  Produce(topics::kEarnings, "company:acme", Report("acme-q1", 1, 100'000'000).SerializeAsString());
  auto q1 = WaitForRecord<v1::Progress>(settings_, topics::kProgress, [](const v1::Progress& p, auto&) {
    for (const auto& s : p.sources()) {
      if (s.topic() == "earnings.v1" && s.next_offset() >= 1) return true;
    }
    return false;
  });
  ASSERT_TRUE(q1.has_value());
  StopWorker();  // the history of acme lives only in Kafka now

  StartWorker("w2");
  Produce(topics::kEarnings, "company:acme", Report("acme-q2", 2, 120'000'000).SerializeAsString());
  auto delta = WaitForRecord<v1::MetricDelta>(settings_, topics::kMetricDeltas, [](const v1::MetricDelta& d, auto&) {
    return d.source_event_id() == "acme-q2";
  });
  ASSERT_TRUE(delta.has_value()) << "no delta: history of Q1 was not rebuilt";
  EXPECT_EQ(delta->prior_source(), v1::PRIOR_SOURCE_HISTORY);
  EXPECT_EQ(delta->basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  EXPECT_EQ(delta->prior_period().fiscal_quarter(), 1);
}

}  // namespace
}  // namespace streamlens::worker
