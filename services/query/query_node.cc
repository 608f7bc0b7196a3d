#include "services/query/query_node.h"

#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "services/common/log.h"
#include "services/common/topics.h"
#include "services/query/format.h"
#include "services/query/query_probe.h"
#include "services/query/query_service.h"
#include "services/worker/links/catalog.h"

namespace streamlens::query {
namespace {

constexpr std::string_view kLog = "query";
using Clock = std::chrono::steady_clock;

}  // namespace

struct QueryNode::Impl final : kafka::ConsumerLoop::Handler {
  Impl(const Options& o, MetricsRegistry& metrics)
      : options(o), probe(metrics), service(state, probe, QueryService::Options{}), started(Clock::now()) {}

  absl::Status OnBatch(const std::vector<kafka::Record>& batch) override {
    for (const auto& r : batch) {
      Apply(r);
      state.Applied(r.topic, r.partition, r.offset + 1);
    }
    records_read += batch.size();
    service.OnViewAdvanced();
    return absl::OkStatus();
  }

  void Apply(const kafka::Record& r) {
    bool decoded = true;
    bool changed = false;
    if (r.topic == topics::kMetricDeltas) {
      v1::MetricDelta d;
      decoded = d.ParseFromString(r.value);
      changed = decoded && state.view().ApplyDelta(d);
    } else if (r.topic == topics::kEntityLinks) {
      v1::EntityLink l;
      decoded = l.ParseFromString(r.value);
      changed = decoded && state.view().ApplyLink(l);
    } else if (r.topic == topics::kCatalog) {
      v1::CatalogEntity c;
      decoded = c.ParseFromString(r.value);
      // A Kafka tombstone (empty value) for an entity id deletes it too.
      if (decoded && c.id().empty() && !r.key.empty()) {
        c.set_id(r.key);
        if (r.value.empty()) c.set_deleted(true);
      }
      changed = decoded && state.view().ApplyCatalog(c);
    } else if (r.topic == topics::kProgress) {
      v1::Progress p;
      decoded = p.ParseFromString(r.value);
      if (decoded) state.Progress(p);
      changed = decoded;
    }
    if (!decoded) {
      probe.Skipped(r.topic, "undecodable").Increment();
      if (++undecodable <= 10) {
        SL_LOG(Warn, kLog) << "skipping undecodable record " << r.topic << "/" << r.partition << "@" << r.offset;
      }
    } else if (changed) {
      probe.Applied(r.topic).Increment();
    } else {
      probe.Skipped(r.topic, "duplicate_or_stale").Increment();
    }
  }

  void OnRetentionGap(const kafka::TopicPartition& partition, int64_t wanted, int64_t log_start) override {
    // The view cannot be complete: count it, say it, and show it in Summary().
    probe.RetentionGap(partition.topic).Increment();
    probe.records_lost.Increment(static_cast<double>(log_start - wanted));
    state.add_records_lost(log_start - wanted);
    SL_LOG(Warn, kLog) << "retention gap on " << partition.topic << "/" << partition.partition << ": records "
                       << wanted << ".." << log_start - 1 << " were deleted before this replica read them; "
                       << "the view is incomplete";
    std::lock_guard lock(mu);
    gaps.push_back(partition.topic + "/" + std::to_string(partition.partition) + " lost " +
                   std::to_string(log_start - wanted) + " records");
  }

  void OnCaughtUp() override {
    {
      std::lock_guard lock(mu);
      if (state.ready()) return;
      rebuild = Clock::now() - started;
      state.set_ready();
    }
    probe.ready.Set(1);
    ready_cv.notify_all();
    SL_LOG(Info, kLog) << "view caught up in "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(rebuild).count() << " ms ("
                       << records_read << " records)";
  }

  void Housekeeping() {
    std::unique_lock lock(mu);
    while (!stopping) {
      lock.unlock();
      auto stats = state.view().Stats();
      probe.entities.Set(static_cast<double>(stats.entities));
      probe.deltas.Set(static_cast<double>(stats.deltas));
      probe.articles.Set(static_cast<double>(stats.articles));
      probe.links.Set(static_cast<double>(stats.links));
      probe.bytes.Set(static_cast<double>(stats.approx_bytes));
      int64_t lag = 0;
      for (const auto& [tp, n] : loop->Lag()) lag += n;
      state.set_lag(lag);
      probe.lag.Set(static_cast<double>(lag));
      lock.lock();
      stop_cv.wait_for(lock, std::chrono::seconds(1), [this] { return stopping; });
    }
  }

  Options options;
  QueryProbe probe;
  ViewState state;
  QueryService service;
  std::unique_ptr<kafka::ConsumerLoop> loop;
  std::thread consumer;
  std::thread housekeeping;
  Clock::time_point started;
  std::atomic<size_t> records_read{0};
  int undecodable = 0;  // consumer thread only

  mutable std::mutex mu;
  mutable std::condition_variable ready_cv;
  std::condition_variable stop_cv;
  bool stopping = false;                 // guarded by mu
  Clock::duration rebuild{};             // guarded by mu
  std::vector<std::string> gaps;         // guarded by mu
};

absl::StatusOr<std::unique_ptr<QueryNode>> QueryNode::Start(const Options& options, MetricsRegistry& metrics) {
  std::unique_ptr<QueryNode> node(new QueryNode());
  node->impl_ = std::make_unique<Impl>(options, metrics);
  Impl& impl = *node->impl_;
  if (!options.catalog_dir.empty()) {
    links::EntityCatalog catalog;
    if (auto s = catalog.LoadDirectory(options.catalog_dir); !s.ok()) return s;
    for (const auto* e : catalog.All()) impl.state.view().ApplyCatalog(*e);
    SL_LOG(Info, kLog) << "catalog: " << catalog.size() << " entities from " << options.catalog_dir;
  }
  kafka::ConsumerLoop::Options loop_options;
  loop_options.settings = options.kafka;
  loop_options.topics = {std::string(topics::kMetricDeltas), std::string(topics::kEntityLinks),
                         std::string(topics::kCatalog), std::string(topics::kProgress)};
  auto loop = kafka::ConsumerLoop::Create(loop_options, &impl);
  if (!loop.ok()) return loop.status();
  impl.loop = std::move(*loop);
  impl.consumer = std::thread([&impl] {
    if (auto s = impl.loop->Run(); !s.ok()) SL_LOG(Error, kLog) << "consumer stopped: " << s.message();
  });
  impl.housekeeping = std::thread([&impl] { impl.Housekeeping(); });
  return node;
}

QueryNode::~QueryNode() {
  if (!impl_) return;
  impl_->loop->Stop();
  if (impl_->consumer.joinable()) impl_->consumer.join();
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  if (impl_->housekeeping.joinable()) impl_->housekeeping.join();
}

grpc::Service* QueryNode::service() { return &impl_->service; }

bool QueryNode::Ready() const { return impl_->state.ready(); }

bool QueryNode::WaitReady(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  return impl_->ready_cv.wait_for(lock, timeout, [this] { return impl_->state.ready(); });
}

std::string QueryNode::Summary(int max_entities) const {
  const auto& view = impl_->state.view();
  auto stats = view.Stats();
  std::ostringstream out;
  out << "view: " << stats.entities << " entities (" << stats.catalog_entities << " from the catalog), "
      << stats.deltas << " deltas, " << stats.articles << " articles, " << stats.links << " links";
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->state.ready()) {
      out << "; caught up in " << std::chrono::duration_cast<std::chrono::milliseconds>(impl_->rebuild).count()
          << " ms";
    } else {
      out << "; still catching up (" << impl_->state.lag() << " records to read)";
    }
    out << "\n";
    for (const auto& g : impl_->gaps) out << "WARNING: incomplete view: " << g << " to retention\n";
  }
  for (const auto& id : view.BusiestEntities(static_cast<size_t>(std::max(0, max_entities)))) {
    v1::GetEntityRequest request;
    request.set_entity_id(id);
    auto e = view.GetEntity(request);
    if (!e.ok()) continue;
    out << "\n" << e->profile().name() << " [" << id << "]\n";
    for (const auto& d : e->latest_deltas()) out << "  " << FormatDelta(d) << "\n";
    out << "  articles: " << e->mentions().total() << " (last 24 h: " << e->mentions().last_24h()
        << ", last 7 days: " << e->mentions().last_7d() << ")\n";
    if (e->links_size() > 0) {
      out << "  linked to: ";
      for (int i = 0; i < e->links_size() && i < 8; ++i) out << (i ? "; " : "") << FormatLink(e->links(i), e->profile().name());
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace streamlens::query
