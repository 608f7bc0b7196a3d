#include "services/cli/pipeline.h"

#include <csignal>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

#include "services/common/dev_cluster.h"
#include "services/common/grpc_server.h"
#include "services/common/kafka.h"
#include "services/common/log.h"
#include "services/common/metrics.h"
#include "services/ingest/ingest_service.h"
#include "services/query/query_node.h"
#include "services/worker/worker.h"

namespace streamlens::cli {

std::vector<Option> PipelineFlags() {
  return {
      {"brokers", "", "Kafka bootstrap servers; empty starts the embedded dev cluster (up only)"},
      {"ingest-address", "0.0.0.0:50051", "IngestService gRPC listen address (port 0 picks one)"},
      {"query-address", "0.0.0.0:50052", "QueryService gRPC listen address (port 0 picks one)"},
      {"metrics-address", "0.0.0.0:9464", "Prometheus /metrics listen address (port 0 picks one)"},
      {"workers", "1", "worker replicas in this process", OptionType::kInt},
      {"group", "streamlens-workers", "consumer group of the workers"},
      {"worker-id", "", "this worker's id in progress and dead-letter records (default host-pid)"},
      {"catalog-dir", "", "entity catalog folder (default <data-dir>/catalog)"},
      {"data-dir", "", "data folder with catalog/ and sample/ (default STREAMLENS_DATA_DIR or the source tree)"},
      {"help", "false", "show this help", OptionType::kBool},
  };
}

PipelineOptions PipelineOptionsFrom(const Config& config) {
  PipelineOptions o;
  o.brokers = config.Get("brokers");
  o.ingest_address = config.Get("ingest-address");
  o.query_address = config.Get("query-address");
  o.metrics_address = config.Get("metrics-address");
  o.workers = static_cast<int>(config.GetInt("workers"));
  o.group_id = config.Get("group");
  o.worker_id = config.Get("worker-id");
  std::string data_dir = config.Get("data-dir").empty() ? DefaultDataDir() : config.Get("data-dir");
  o.catalog_dir = config.Get("catalog-dir").empty() ? data_dir + "/catalog" : config.Get("catalog-dir");
  return o;
}

struct Pipeline::Impl {
  PipelineOptions options;
  std::unique_ptr<DevCluster> dev_cluster;
  std::string brokers;
  MetricsRegistry metrics;
  int metrics_port = 0;
  std::unique_ptr<kafka::Producer> ingest_producer;
  std::unique_ptr<ingest::IngestServiceImpl> ingest_service;
  std::unique_ptr<GrpcServer> ingest_server;
  std::vector<std::unique_ptr<worker::Worker>> workers;
  std::vector<std::thread> worker_threads;
  std::unique_ptr<query::QueryNode> query_node;
  std::unique_ptr<GrpcServer> query_server;
  std::thread readiness_thread;
  std::atomic<bool> stopping{false};

  ~Impl() {
    stopping = true;
    if (readiness_thread.joinable()) readiness_thread.join();
    if (ingest_server) ingest_server->Shutdown();
    if (query_server) query_server->Shutdown();
    for (auto& w : workers) w->Stop();
    for (auto& t : worker_threads) t.join();
    workers.clear();
    query_server.reset();
    query_node.reset();
    ingest_server.reset();
    ingest_service.reset();
    ingest_producer.reset();
    dev_cluster.reset();
  }
};

absl::StatusOr<std::unique_ptr<Pipeline>> Pipeline::Start(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->impl_ = std::make_unique<Impl>();
  Impl& impl = *p->impl_;
  impl.options = options;
  impl.brokers = options.brokers;
  if (impl.brokers.empty()) {
    auto cluster = DevCluster::Start();
    if (!cluster.ok()) return cluster.status();
    impl.dev_cluster = std::move(*cluster);
    impl.brokers = impl.dev_cluster->bootstrap();
    SL_LOG(Info, "up") << "embedded Kafka dev cluster at " << impl.brokers;
  }
  kafka::Settings kafka{impl.brokers, "streamlens", {}};

  auto metrics_port = impl.metrics.Serve(options.metrics_address);
  if (!metrics_port.ok()) return metrics_port.status();
  impl.metrics_port = *metrics_port;

  if (options.roles.count(Role::kIngest)) {
    kafka::Settings s = kafka;
    s.client_id = "streamlens-ingest";
    auto producer = kafka::Producer::Create(s);
    if (!producer.ok()) return producer.status();
    impl.ingest_producer = std::move(*producer);
    impl.ingest_service = std::make_unique<ingest::IngestServiceImpl>(*impl.ingest_producer, impl.metrics);
    auto server = GrpcServer::Start(options.ingest_address, {impl.ingest_service.get()});
    if (!server.ok()) return server.status();
    impl.ingest_server = std::move(*server);
  }
  if (options.roles.count(Role::kWorker)) {
    for (int i = 0; i < options.workers; ++i) {
      worker::Worker::Options wo;
      wo.kafka = kafka;
      wo.group_id = options.group_id;
      wo.worker_id = options.worker_id.empty() ? "" : options.worker_id + (options.workers > 1 ? "-" + std::to_string(i) : "");
      wo.catalog_dir = options.catalog_dir;
      // Workers in one process share the registry's families (prometheus-cpp
      // merges same-named families), so their counters add up per process.
      auto w = worker::Worker::Create(wo, impl.metrics);
      if (!w.ok()) return w.status();
      impl.workers.push_back(std::move(*w));
    }
    for (auto& w : impl.workers) {
      impl.worker_threads.emplace_back([raw = w.get()] {
        if (auto s = raw->Run(); !s.ok()) SL_LOG(Error, "worker") << s.message();
      });
    }
  }
  if (options.roles.count(Role::kQuery)) {
    query::QueryNode::Options qo;
    qo.kafka = kafka;
    qo.kafka.client_id = "streamlens-query";
    qo.catalog_dir = options.catalog_dir;
    auto node = query::QueryNode::Start(qo, impl.metrics);
    if (!node.ok()) return node.status();
    impl.query_node = std::move(*node);
    // Not ready (health NOT_SERVING) until the view has caught up.
    auto server = GrpcServer::Start(options.query_address, {impl.query_node->service()}, /*serving=*/false);
    if (!server.ok()) return server.status();
    impl.query_server = std::move(*server);
    impl.readiness_thread = std::thread([&impl] {
      while (!impl.stopping) {
        if (impl.query_node->WaitReady(std::chrono::milliseconds(200))) {
          impl.query_server->SetServing(true);
          SL_LOG(Info, "query") << "view caught up; serving";
          return;
        }
      }
    });
  }
  return p;
}

Pipeline::~Pipeline() = default;

const std::string& Pipeline::brokers() const { return impl_->brokers; }
int Pipeline::ingest_port() const { return impl_->ingest_server ? impl_->ingest_server->port() : 0; }
int Pipeline::query_port() const { return impl_->query_server ? impl_->query_server->port() : 0; }
int Pipeline::metrics_port() const { return impl_->metrics_port; }

bool Pipeline::WaitQueryReady(std::chrono::milliseconds timeout) const {
  return impl_->query_node && impl_->query_node->WaitReady(timeout);
}

std::string Pipeline::Summary(int max_entities) const {
  return impl_->query_node ? impl_->query_node->Summary(max_entities) : "";
}

namespace {

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

std::atomic<bool> g_waiting_for_stop{false};
std::promise<int> g_stop_signal;

}  // namespace

void BlockStopSignals() {
  sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // One thread takes the signals. Before the command waits for one (still
  // starting up), a signal ends the process at once rather than being held.
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    if (!g_waiting_for_stop) {
      std::fprintf(stderr, "streamlens: signal %d during start-up, exiting\n", sig);
      std::_Exit(128 + sig);
    }
    g_stop_signal.set_value(sig);
  }).detach();
}

int WaitForStopSignal() {
  g_waiting_for_stop = true;
  return g_stop_signal.get_future().get();
}

}  // namespace streamlens::cli
