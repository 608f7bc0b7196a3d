// query_load_bench: measures a running query service (not a Google Benchmark:
// the figures need live servers). Three modes:
//
//   load       closed-loop unary load over real gRPC (GenericStub, raw bytes),
//              the same client for QueryService calls and the gRPC health
//              check, so their QPS and latency compare on equal terms:
//                query_load_bench load --target=127.0.0.1:50052 --method=GetEntity --id=company:baba
//                query_load_bench load --target=... --method=TopMovers --metric=revenue
//                query_load_bench load --target=... --method=Health
//   freshness  publishes articles through IngestService at a steady rate and
//              times each from Publish to its change on Watch (the view has
//              applied it: GetEntity shows it):
//                query_load_bench freshness --ingest=127.0.0.1:50051 --query=127.0.0.1:50052 --rate=20
//   rebuild    starts a query replica on --brokers and times it until caught
//              up, then prints view size, estimated bytes and RSS per entity.
//
// See docs/performance.md (## Query) for the commands and figures.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <google/protobuf/util/time_util.h>

#include "services/common/metrics.h"
#include "services/query/query_node.h"
#include "streamlens/v1/ingest.grpc.pb.h"
#include "streamlens/v1/query.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::map<std::string, std::string> ParseFlags(int argc, char** argv, int from) {
  std::map<std::string, std::string> flags;
  for (int i = from; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) continue;
    auto eq = a.find('=');
    flags[a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2)] =
        eq == std::string::npos ? "true" : a.substr(eq + 1);
  }
  return flags;
}

std::string Get(const std::map<std::string, std::string>& f, const std::string& k, const std::string& def) {
  auto it = f.find(k);
  return it == f.end() ? def : it->second;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

long RssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// ---------------------------------------------------------------------------
// load
// ---------------------------------------------------------------------------

int Load(const std::map<std::string, std::string>& flags) {
  const std::string target = Get(flags, "target", "127.0.0.1:50052");
  const std::string method = Get(flags, "method", "GetEntity");
  const int threads = std::stoi(Get(flags, "threads", "2"));
  const int inflight = std::stoi(Get(flags, "inflight", "8"));
  const double seconds = std::stod(Get(flags, "seconds", "10"));
  std::string path;
  std::string payload;
  if (method == "Health") {
    path = "/grpc.health.v1.Health/Check";
  } else if (method == "GetEntity") {
    path = "/streamlens.v1.QueryService/GetEntity";
    streamlens::v1::GetEntityRequest r;
    r.set_entity_id(Get(flags, "id", "company:baba"));
    payload = r.SerializeAsString();
  } else if (method == "TopMovers") {
    path = "/streamlens.v1.QueryService/TopMovers";
    streamlens::v1::TopMoversRequest r;
    streamlens::v1::MetricKind metric = streamlens::v1::METRIC_KIND_REVENUE;
    std::string m = Get(flags, "metric", "revenue");
    if (m == "net-income") metric = streamlens::v1::METRIC_KIND_NET_INCOME;
    if (m == "eps") metric = streamlens::v1::METRIC_KIND_EPS;
    r.set_metric(metric);
    payload = r.SerializeAsString();
  } else {
    std::cerr << "--method: one of GetEntity, TopMovers, Health\n";
    return 2;
  }

  std::mutex mu;
  std::vector<double> latencies_us;
  std::atomic<long> errors{0};
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto started = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      // One channel per thread (distinct arguments so gRPC does not share the subchannel).
      grpc::ChannelArguments args;
      args.SetInt("streamlens.load_thread", t);
      auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
      grpc::GenericStub stub(channel);
      grpc::CompletionQueue cq;
      struct Call {
        grpc::ClientContext context;
        std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
        grpc::ByteBuffer response;
        grpc::Status status;
        Clock::time_point start;
      };
      grpc::Slice slice(payload);
      grpc::ByteBuffer request(&slice, 1);
      auto launch = [&] {
        auto* c = new Call();
        c->context.set_deadline(std::chrono::system_clock::now() + 5s);
        c->start = Clock::now();
        c->reader = stub.PrepareUnaryCall(&c->context, path, request, &cq);
        c->reader->StartCall();
        c->reader->Finish(&c->response, &c->status, c);
      };
      for (int i = 0; i < inflight; ++i) launch();
      std::vector<double> local;
      int outstanding = inflight;
      void* tag;
      bool ok;
      while (outstanding > 0 && cq.Next(&tag, &ok)) {
        auto* c = static_cast<Call*>(tag);
        double us = std::chrono::duration<double, std::micro>(Clock::now() - c->start).count();
        if (ok && c->status.ok()) {
          local.push_back(us);
        } else {
          ++errors;
        }
        delete c;
        --outstanding;
        if (Clock::now() < until) {
          launch();
          ++outstanding;
        }
      }
      std::lock_guard lock(mu);
      latencies_us.insert(latencies_us.end(), local.begin(), local.end());
    });
  }
  for (auto& w : workers) w.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  double qps = static_cast<double>(latencies_us.size()) / elapsed;
  std::printf("method=%s calls=%zu errors=%ld concurrency=%d qps=%.0f p50_us=%.0f p99_us=%.0f\n", method.c_str(),
              latencies_us.size(), errors.load(), threads * inflight, qps, Percentile(latencies_us, 0.50),
              Percentile(latencies_us, 0.99));
  return errors.load() > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// freshness
// ---------------------------------------------------------------------------

int Freshness(const std::map<std::string, std::string>& flags) {
  const std::string ingest_target = Get(flags, "ingest", "127.0.0.1:50051");
  const std::string query_target = Get(flags, "query", "127.0.0.1:50052");
  const double rate = std::stod(Get(flags, "rate", "20"));
  const double seconds = std::stod(Get(flags, "seconds", "20"));
  auto ingest = streamlens::v1::IngestService::NewStub(
      grpc::CreateChannel(ingest_target, grpc::InsecureChannelCredentials()));
  auto query = streamlens::v1::QueryService::NewStub(
      grpc::CreateChannel(query_target, grpc::InsecureChannelCredentials()));

  std::mutex mu;
  std::map<std::string, Clock::time_point> sent;   // article id -> Publish start
  std::map<std::string, Clock::time_point> seen;   // article id -> change on Watch
  grpc::ClientContext watch_context;
  streamlens::v1::WatchRequest watch_request;
  watch_request.add_entity_ids("company:baba");
  auto stream = query->Watch(&watch_context, watch_request);
  stream->WaitForInitialMetadata();
  std::thread reader([&] {
    streamlens::v1::ViewChange change;
    while (stream->Read(&change)) {
      if (change.kind() != streamlens::v1::CHANGE_KIND_ARTICLE) continue;
      std::lock_guard lock(mu);
      seen.try_emplace(change.link().article_id(), Clock::now());
    }
  });

  const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  const int total = static_cast<int>(rate * seconds);
  auto next = Clock::now();
  long failures = 0;
  for (int i = 0; i < total; ++i) {
    std::this_thread::sleep_until(next);  // pacing the load, not waiting for a condition
    next += interval;
    streamlens::v1::PublishRequest request;
    auto* news = request.mutable_news();
    news->set_source("freshness-bench");
    news->set_title("Alibaba chair Joe Tsai on Taobao and Tmall, update " + std::to_string(i) + " of run " +
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
    news->set_body("Alibaba Group chair Joe Tsai said Taobao and Tmall grew in China, Norges Bank Investment "
                   "Management's Nicolai Tangen heard in an interview.");
    *news->mutable_published_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    streamlens::v1::PublishResponse response;
    auto start = Clock::now();
    auto s = ingest->Publish(&context, request, &response);
    if (!s.ok()) {
      ++failures;
      continue;
    }
    std::lock_guard lock(mu);
    sent.try_emplace(response.event_id(), start);
  }
  // Wait (bounded) for the last articles to show up.
  auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      size_t done = 0;
      for (const auto& [id, t] : sent) done += seen.count(id);
      if (done == sent.size()) break;
    }
    std::this_thread::sleep_for(20ms);  // polling a counter the reader thread fills
  }
  watch_context.TryCancel();
  reader.join();
  std::vector<double> ms;
  size_t missing = 0;
  for (const auto& [id, t] : sent) {
    auto it = seen.find(id);
    if (it == seen.end()) {
      ++missing;
      continue;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(it->second - t).count());
  }
  std::printf("freshness rate=%.0f/s articles=%zu missing=%zu publish_failures=%ld p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
              rate, ms.size(), missing, failures, Percentile(ms, 0.50), Percentile(ms, 0.99),
              ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
  return missing > 0 || failures > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// rebuild
// ---------------------------------------------------------------------------

int Rebuild(const std::map<std::string, std::string>& flags) {
  streamlens::MetricsRegistry metrics;
  streamlens::query::QueryNode::Options options;
  options.kafka.brokers = Get(flags, "brokers", "");
  options.kafka.client_id = "query-rebuild-bench";
  options.catalog_dir = Get(flags, "catalog-dir", std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog");
  long rss_before = RssKb();
  auto started = Clock::now();
  auto node = streamlens::query::QueryNode::Start(options, metrics);
  if (!node.ok()) {
    std::cerr << node.status() << "\n";
    return 1;
  }
  if (!(*node)->WaitReady(600s)) {
    std::cerr << "not caught up within 600 s\n";
    return 1;
  }
  double secs = std::chrono::duration<double>(Clock::now() - started).count();
  long rss_after = RssKb();
  std::string scrape = metrics.Scrape();
  auto gauge = [&](const std::string& name) {
    auto pos = scrape.find("\n" + name + " ");
    return pos == std::string::npos ? 0.0 : std::stod(scrape.substr(pos + name.size() + 2));
  };
  // The gauges refresh every second: wait for one refresh after catching up.
  std::this_thread::sleep_for(1500ms);
  scrape = metrics.Scrape();
  double entities = gauge("streamlens_query_view_entities");
  double bytes = gauge("streamlens_query_view_bytes");
  std::printf("rebuild seconds=%.2f entities=%.0f deltas=%.0f articles=%.0f links=%.0f view_bytes=%.0f "
              "bytes_per_entity=%.0f rss_delta_kb=%ld rss_per_entity_bytes=%.0f lost=%.0f\n",
              secs, entities, gauge("streamlens_query_view_deltas"), gauge("streamlens_query_view_articles"),
              gauge("streamlens_query_view_links"), bytes, entities > 0 ? bytes / entities : 0.0,
              rss_after - rss_before, entities > 0 ? static_cast<double>(rss_after - rss_before) * 1024 / entities : 0.0,
              gauge("streamlens_query_records_lost_total"));
  std::cout << (*node)->Summary(3);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  auto flags = ParseFlags(argc, argv, 2);
  if (mode == "load") return Load(flags);
  if (mode == "freshness") return Freshness(flags);
  if (mode == "rebuild") return Rebuild(flags);
  std::cerr << "usage: query_load_bench load|freshness|rebuild [--flags]; see the comment at the top of "
               "bench/query_load_bench.cc\n";
  return 2;
}
