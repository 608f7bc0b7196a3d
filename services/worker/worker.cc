#include "services/worker/worker.h"

#include <google/protobuf/util/time_util.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "services/common/log.h"
#include "services/common/topics.h"
#include "services/worker/deltas/delta_engine.h"
#include "services/worker/deltas/prose_figures.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "services/worker/links/links_probe.h"
#include "services/worker/worker_probe.h"

namespace streamlens::worker {
namespace {

constexpr std::string_view kLog = "worker";
constexpr auto kAckTimeout = std::chrono::seconds(30);

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

google::protobuf::Timestamp Now() {
  return google::protobuf::util::TimeUtil::GetCurrentTime();
}

// Follows catalog.v1 from the beginning (every replica reads all of it) and
// queues the updates for the main loop, which owns the catalog.
class CatalogFollower : public kafka::ConsumerLoop::Handler {
 public:
  absl::Status OnBatch(const std::vector<kafka::Record>& batch) override {
    std::lock_guard lock(mu_);
    for (const auto& r : batch) {
      v1::CatalogEntity entity;
      if (entity.ParseFromString(r.value)) {
        pending_.push_back(std::move(entity));
      } else {
        SL_LOG(Warn, kLog) << "catalog.v1 " << r.partition << "@" << r.offset << ": not a CatalogEntity, skipped";
      }
    }
    return absl::OkStatus();
  }
  void OnCaughtUp() override {
    std::lock_guard lock(mu_);
    caught_up_ = true;
    cv_.notify_all();
  }
  bool WaitCaughtUp(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return caught_up_; });
  }
  std::deque<v1::CatalogEntity> Take() {
    std::lock_guard lock(mu_);
    return std::exchange(pending_, {});
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool caught_up_ = false;
  std::deque<v1::CatalogEntity> pending_;
};

}  // namespace

struct Worker::Impl : kafka::ConsumerLoop::Handler {
  Options options;
  WorkerProbe probe;
  links::LinksProbe links_probe;
  std::unique_ptr<kafka::Producer> producer;
  std::unique_ptr<kafka::ConsumerLoop> loop;
  CatalogFollower catalog_follower;
  std::unique_ptr<kafka::ConsumerLoop> catalog_loop;
  std::thread catalog_thread;
  links::EntityCatalog catalog;
  std::unique_ptr<links::Linker> linker;
  v1::EntityLink link;  // reused for every article: Linker::Link overwrites it in place
  // Discovered companies this worker published (acknowledged), and those of
  // the batch in flight: each id goes to catalog.v1 once per worker.
  std::unordered_set<std::string> discovered;
  std::vector<std::string> discovered_in_batch;
  deltas::DeltaEngine engine;

  Impl(const Options& o, MetricsRegistry& metrics) : options(o), probe(metrics), links_probe(metrics.registry()) {}

  void ApplyCatalogUpdates() {
    auto updates = catalog_follower.Take();
    if (updates.empty()) return;
    for (const auto& e : updates) catalog.Upsert(e);
    probe.catalog_updates.Increment(static_cast<double>(updates.size()));
    probe.catalog_size.Set(static_cast<double>(catalog.size()));
    uint64_t version_before = linker->catalog_version();
    auto started = std::chrono::steady_clock::now();
    absl::Status s = linker->Refresh();
    links_probe.ObserveRefresh(*linker, version_before, s, SecondsSince(started));
    if (!s.ok()) SL_LOG(Error, kLog) << "catalog refresh: " << s.message();
  }

  void DeadLetter(const kafka::Record& r, std::string_view stage, std::string_view reason, kafka::DeliveryBatch& acks) {
    v1::DeadLetter dl;
    *dl.mutable_source() = r.position();
    dl.set_key(r.key);
    dl.set_payload(r.value);
    dl.set_reason(std::string(reason));
    dl.set_stage(std::string(stage));
    dl.set_service(options.worker_id);
    *dl.mutable_at() = Now();
    probe.DeadLetters(std::string(stage)).Increment();
    SL_LOG(Warn, kLog) << "dead letter " << r.topic << "/" << r.partition << "@" << r.offset << " (" << stage
                       << "): " << reason;
    producer->ProduceOwned(topics::kDeadLetter, r.key, dl.SerializeAsString(), acks.Track());
  }

  void ProcessNews(const kafka::Record& r, kafka::DeliveryBatch& acks) {
    v1::NewsEvent article;
    if (!article.ParseFromString(r.value)) return DeadLetter(r, "decode", "not a NewsEvent", acks);
    auto started = std::chrono::steady_clock::now();
    linker->Link(article, &link);
    links_probe.ObserveLink(catalog, article, link, SecondsSince(started));
    *link.mutable_source_position() = r.position();
    probe.mentions_found.Increment(link.mentions_size());
    producer->ProduceOwned(topics::kEntityLinks, article.id(), link.SerializeAsString(), acks.Track());
    probe.links_published.Increment();
    for (const auto& company : linker->marked_companies()) PublishDiscovered(company, article.id(), acks);
    for (auto& report : deltas::ExtractProseFigures(article, link)) {
      producer->ProduceOwned(topics::kEarnings, report.entity().id(), report.SerializeAsString(), acks.Track());
      probe.prose_reports_published.Increment();
    }
  }

  // A ticker-marked company the catalog does not hold goes to catalog.v1,
  // keyed by its id; every worker's catalog follower then loads it and later
  // articles match it by name (docs/architecture.md, "Discovered companies").
  void PublishDiscovered(const links::MarkedCompany& company, const std::string& article_id,
                         kafka::DeliveryBatch& acks) {
    if (catalog.Find(company.id) != nullptr || discovered.count(company.id) > 0 ||
        std::find(discovered_in_batch.begin(), discovered_in_batch.end(), company.id) != discovered_in_batch.end()) {
      return;
    }
    if (auto reason = links::UnusableCompanyName(company.name)) return links_probe.ObserveDiscoverySkipped(*reason);
    const v1::CatalogEntity entity = links::DiscoveredCompany(company, article_id);
    producer->ProduceOwned(topics::kCatalog, entity.id(), entity.SerializeAsString(), acks.Track());
    discovered_in_batch.push_back(company.id);
  }

  void ProcessEarnings(const kafka::Record& r, kafka::DeliveryBatch& acks) {
    v1::EarningsEvent report;
    if (!report.ParseFromString(r.value)) return DeadLetter(r, "decode", "not an EarningsEvent", acks);
    auto deltas = engine.Apply(report, r.position());
    if (!deltas.ok()) return DeadLetter(r, "deltas", std::string(deltas.status().message()), acks);
    for (const auto& d : *deltas) {
      producer->ProduceOwned(topics::kMetricDeltas, d.entity().id(), d.SerializeAsString(), acks.Track());
    }
    probe.deltas_published.Increment(static_cast<double>(deltas->size()));
  }

  absl::Status OnBatch(const std::vector<kafka::Record>& batch) override {
    auto started = std::chrono::steady_clock::now();
    ApplyCatalogUpdates();
    discovered_in_batch.clear();
    kafka::DeliveryBatch acks;
    std::map<kafka::TopicPartition, int64_t> sources;
    for (const auto& r : batch) {
      if (r.topic == topics::kNews) {
        ProcessNews(r, acks);
      } else if (r.topic == topics::kEarnings) {
        ProcessEarnings(r, acks);
      }
      probe.Records(r.topic).Increment();
      sources[{r.topic, r.partition}] = r.offset + 1;
    }
    if (auto s = acks.Wait(kAckTimeout); !s.ok()) {
      probe.batches_retried.Increment();
      return s;  // the retried batch publishes its discovered companies again
    }
    discovered.insert(discovered_in_batch.begin(), discovered_in_batch.end());
    links_probe.ObserveDiscovered(discovered_in_batch.size());
    // Progress goes out after the outputs are acknowledged, so a reader that
    // has applied the listed outputs has applied everything these sources made.
    v1::Progress progress;
    progress.set_worker_id(options.worker_id);
    for (const auto& [tp, next] : sources) {
      auto* p = progress.add_sources();
      p->set_topic(tp.topic);
      p->set_partition(tp.partition);
      p->set_next_offset(next);
    }
    for (const auto& [tp, end] : acks.EndOffsets()) {
      // Only what a query view reads: prose reports on earnings.v1 get
      // their own Progress when processed, dead letters are for humans.
      if (tp.topic != topics::kMetricDeltas && tp.topic != topics::kEntityLinks) continue;
      auto* p = progress.add_outputs();
      p->set_topic(tp.topic);
      p->set_partition(tp.partition);
      p->set_next_offset(end);
    }
    *progress.mutable_at() = Now();
    auto delivered = producer->ProduceSync(topics::kProgress, options.worker_id, progress.SerializeAsString(), kAckTimeout);
    if (!delivered.status.ok()) {
      probe.batches_retried.Increment();
      return delivered.status;
    }
    UpdateLag();
    probe.delta_history_size.Set(static_cast<double>(engine.HistorySize()));
    probe.batch_seconds.Observe(SecondsSince(started));
    return absl::OkStatus();
  }

  void UpdateLag() {
    if (!loop) return;
    for (const auto& [tp, lag] : loop->Lag()) probe.Lag(tp.topic, tp.partition).Set(static_cast<double>(lag));
  }

  void OnAssigned(const std::vector<kafka::Assignment>& assignments) override {
    // Rebuild the delta history of each earnings partition from its log
    // start up to where this worker resumes; outputs are discarded since
    // they were published by whoever processed those records first.
    auto started = std::chrono::steady_clock::now();
    size_t replayed = 0;
    for (const auto& a : assignments) {
      if (a.partition.topic != topics::kEarnings || a.start_offset <= a.log_start) continue;
      auto s = kafka::ReadRange(options.kafka, a.partition, a.log_start, a.start_offset, [&](const kafka::Record& r) {
        v1::EarningsEvent report;
        if (report.ParseFromString(r.value)) (void)engine.Apply(report, r.position());
        ++replayed;
      });
      if (!s.ok()) SL_LOG(Error, kLog) << "rebuild of earnings partition " << a.partition.partition << ": " << s.message();
    }
    double secs = SecondsSince(started);
    probe.rebuild_seconds.Observe(secs);
    SL_LOG(Info, kLog) << options.worker_id << " assigned " << assignments.size() << " partitions; replayed "
                       << replayed << " earnings in " << secs << " s";
  }

  void OnRevoked(const std::vector<kafka::TopicPartition>& partitions) override {
    for (const auto& tp : partitions) {
      if (tp.topic == topics::kEarnings) engine.ForgetPartition(tp.partition);
    }
  }

  void OnRetentionGap(const kafka::TopicPartition& tp, int64_t wanted, int64_t log_start) override {
    probe.retention_gaps.Increment();
    SL_LOG(Error, kLog) << tp.topic << "/" << tp.partition << ": records " << wanted << ".." << log_start
                        << " were deleted by retention before this worker processed them";
  }
};

absl::StatusOr<std::unique_ptr<Worker>> Worker::Create(const Options& options, MetricsRegistry& metrics) {
  std::unique_ptr<Worker> w(new Worker());
  w->impl_ = std::make_unique<Impl>(options, metrics);
  Impl& impl = *w->impl_;
  if (impl.options.worker_id.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    impl.options.worker_id = std::string(host) + "-" + std::to_string(getpid());
  }
  if (!options.catalog_dir.empty()) {
    if (auto s = impl.catalog.LoadDirectory(options.catalog_dir); !s.ok()) return s;
  }
  auto linker = links::Linker::Create(impl.catalog);
  if (!linker.ok()) return linker.status();
  impl.linker = std::move(*linker);

  kafka::Settings settings = options.kafka;
  settings.client_id = impl.options.worker_id;
  // A worker waits for its outputs before it commits: batching them longer
  // than a millisecond only adds latency to every batch (freshness).
  settings.overrides.try_emplace("linger.ms", "1");
  auto producer = kafka::Producer::Create(settings);
  if (!producer.ok()) return producer.status();
  impl.producer = std::move(*producer);

  // Follow the catalog first, so the first articles are linked against it.
  auto catalog_loop = kafka::ConsumerLoop::Create({settings, "", {std::string(topics::kCatalog)}}, &impl.catalog_follower);
  if (!catalog_loop.ok()) return catalog_loop.status();
  impl.catalog_loop = std::move(*catalog_loop);
  impl.catalog_thread = std::thread([&impl] { (void)impl.catalog_loop->Run(); });
  if (!impl.catalog_follower.WaitCaughtUp(std::chrono::seconds(60))) {
    return absl::UnavailableError("catalog.v1 not read to its end within 60 s");
  }
  impl.ApplyCatalogUpdates();
  impl.probe.catalog_size.Set(static_cast<double>(impl.catalog.size()));

  kafka::ConsumerLoop::Options loop_options;
  loop_options.settings = settings;
  loop_options.group_id = options.group_id;
  loop_options.topics = {std::string(topics::kNews), std::string(topics::kEarnings)};
  loop_options.max_batch = options.max_batch;
  auto loop = kafka::ConsumerLoop::Create(loop_options, &impl);
  if (!loop.ok()) return loop.status();
  impl.loop = std::move(*loop);
  return w;
}

Worker::~Worker() {
  if (!impl_) return;
  Stop();
  if (impl_->catalog_thread.joinable()) impl_->catalog_thread.join();
  // Closing a group consumer revokes its partitions through the handler:
  // close the loops while the state they call into is still alive.
  impl_->loop.reset();
  impl_->catalog_loop.reset();
}

absl::Status Worker::Run() { return impl_->loop->Run(); }

void Worker::Stop() {
  if (impl_->loop) impl_->loop->Stop();
  if (impl_->catalog_loop) impl_->catalog_loop->Stop();
}

}  // namespace streamlens::worker
