// Ingest throughput, side by side with raw `kcat` producing the same
// serialized payloads to the same Kafka in the same run.
//
//   ingest_bench [--brokers=HOST:PORT] [--data=DIR] [--runs=5] [--kcat=kcat]
//
// Without --brokers it starts an in-process dev cluster (then the cluster
// shares this process's CPU; bench/ingest_bench.sh runs `streamlens
// dev-kafka` as its own process instead). Each run measures, in turn:
//   kcat          kcat -P of the prepared payloads (news.v1 then earnings.v1),
//                 idempotent, acks=all, linger.ms=5, murmur2 partitioner, as
//                 our producer; wall time of the two processes.
//   kafka::Producer the same prepared payloads through the producer wrapper
//                 every service uses (no parsing, no gRPC): the floor of ours.
//   file loader   `streamlens ingest --brokers` (cli::RunIngest in process):
//                 reading and parsing the SGML, validation, serialization,
//                 publishing, until every record is acknowledged; once with
//                 --parse-threads=1 (parsing on the publishing thread), once
//                 with --parse-threads (default 2, the command's default).
//   PublishStream a gRPC client streaming the already parsed events to the
//                 ingest service (IngestServiceImpl on 127.0.0.1), until the
//                 last response: one event per message ("single"), and in
//                 PublishBatch messages of --batch events ("batched"); the
//                 messages are built before the clock starts.
// And, to show where the loader's time goes, without Kafka:
//   parse         ReadFeeds alone (read the files, SGML, earnings tables).
//   parse+prepare ReadFeeds and PrepareEvent (validation, ids, serialization)
//                 of every event: the loader's CPU work on its own thread.
// Prints events/s per run, medians and the ratios to kcat.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "services/cli/commands.h"
#include "services/common/config.h"
#include "services/common/dev_cluster.h"
#include "services/common/grpc_server.h"
#include "services/common/kafka.h"
#include "services/common/metrics.h"
#include "services/ingest/batch_builder.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/loaders/feed.h"
#include "services/ingest/publisher.h"
#include "services/ingest/validate.h"
#include "streamlens/v1/ingest.grpc.pb.h"

namespace streamlens {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// kcat delimiters: escape sequences kcat decodes; the payloads are checked
// not to contain them.
constexpr char kKeyDelim[] = "\x1f\x1f\x1f\x1f";
constexpr char kMsgDelim[] = "\x1e\x1e\x1e\x1e";
constexpr char kKeyDelimArg[] = "\\x1f\\x1f\\x1f\\x1f";
constexpr char kMsgDelimArg[] = "\\x1e\\x1e\\x1e\\x1e";

int RunProcess(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Seconds to read `data` with ReadFeeds alone; `*events` gets the count.
double ParseOnly(const std::string& data, size_t* events, int threads = 1) {
  auto t0 = Clock::now();
  loaders::FeedCallbacks cb;
  cb.parse_threads = threads;
  cb.on_event = [&](const v1::PublishRequest&, const std::string&) { ++*events; };
  (void)loaders::ReadFeeds({data}, cb);
  return Seconds(t0);
}

// Seconds to read `data` and prepare (validate, id, serialize) every event;
// `*bytes` gets the serialized size.
double ParseAndPrepare(const std::string& data, size_t* bytes) {
  auto t0 = Clock::now();
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) {
    auto p = ingest::PrepareEvent(e, ingest::EventPublisher::SystemClock());
    if (p.ok()) *bytes += p->value.size();
  };
  (void)loaders::ReadFeeds({data}, cb);
  return Seconds(t0);
}

}  // namespace
}  // namespace streamlens

int main(int argc, char** argv) {
  using namespace streamlens;
  std::vector<Option> flags = {
      {"brokers", "", "Kafka bootstrap servers (empty: start an in-process dev cluster)"},
      {"data", std::string(STREAMLENS_SOURCE_DIR) + "/../shared/data/reuters21578", "feeds to publish"},
      {"runs", "5", "measurements of each kind", OptionType::kInt},
      {"kcat", "kcat", "kcat binary"},
      {"batch", "1000", "events per PublishBatch message for batched PublishStream", OptionType::kInt},
      {"parse-threads", "2", "parse threads of the second file loader measurement", OptionType::kInt},
      {"stages-only", "false", "measure only parse and parse+prepare (no Kafka; for profiling the loader)",
       OptionType::kBool},
      {"help", "false", "show this help", OptionType::kBool},
  };
  // bench/run.sh passes Google Benchmark flags to every *_bench binary: take
  // --benchmark_repetitions as the number of runs, ignore the others.
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--benchmark_repetitions=", 0) == 0) {
      args.push_back("--runs=" + a.substr(a.find('=') + 1));
    } else if (a.rfind("--benchmark_", 0) != 0) {
      args.push_back(a);
    }
  }
  auto config = Config::Load(flags, args);
  if (!config.ok() || config->GetBool("help")) {
    std::cerr << (config.ok() ? "" : std::string(config.status().message()) + "\n") << Config::Usage(flags);
    return config.ok() ? 0 : 2;
  }
  if (config->GetBool("stages-only")) {
    std::vector<double> parse_s, prepare_s, threaded_s;
    size_t events = 0, bytes = 0;
    const int threads = static_cast<int>(config->GetInt("parse-threads"));
    for (int64_t run = 0; run < config->GetInt("runs"); ++run) {
      events = 0;
      parse_s.push_back(ParseOnly(config->Get("data"), &events));
      prepare_s.push_back(ParseAndPrepare(config->Get("data"), &bytes));
      size_t threaded_events = 0;
      threaded_s.push_back(ParseOnly(config->Get("data"), &threaded_events, threads));
      if (threaded_events != events) return 1;
    }
    std::printf("%zu events; median of %zu runs: parse %.3f s (%.0f ev/s), parse+prepare %.3f s (%.0f ev/s), "
                "parse on %d threads %.3f s (%.0f ev/s)\n",
                events, parse_s.size(), Median(parse_s), events / Median(parse_s), Median(prepare_s),
                events / Median(prepare_s), threads, Median(threaded_s), events / Median(threaded_s));
    return 0;
  }
  std::unique_ptr<DevCluster> cluster;
  std::string brokers = config->Get("brokers");
  if (brokers.empty()) {
    auto started = DevCluster::Start(1);
    if (!started.ok()) {
      std::cerr << started.status() << "\n";
      return 1;
    }
    cluster = std::move(*started);
    brokers = cluster->bootstrap();
  }
  const std::string data = config->Get("data");

  // The events, parsed once (for PublishStream), and their serialized form (for kcat).
  std::vector<v1::PublishRequest> events;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) { events.push_back(e); };
  if (auto s = loaders::ReadFeeds({data}, cb); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  size_t valid = 0;
  std::vector<ingest::PreparedEvent> prepared_events;
  std::string dir = "/tmp/streamlens-ingest-bench-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  {
    std::ofstream news(dir + "/news.bin", std::ios::binary), earnings(dir + "/earnings.bin", std::ios::binary);
    for (const auto& e : events) {
      auto prepared = ingest::PrepareEvent(e, ingest::EventPublisher::SystemClock());
      if (!prepared.ok()) continue;
      if (prepared->value.find(kMsgDelim) != std::string::npos || prepared->value.find(kKeyDelim) != std::string::npos) {
        std::cerr << "a payload contains the kcat delimiter\n";
        return 1;
      }
      std::ofstream& out = prepared->type == ingest::EventType::kNews ? news : earnings;
      out << prepared->key << kKeyDelim << prepared->value << kMsgDelim;
      prepared_events.push_back(std::move(*prepared));
      ++valid;
    }
  }
  std::cout << "brokers " << brokers << (cluster ? " (in-process dev cluster)" : "") << "; " << valid
            << " valid events of " << events.size() << " read from " << data << "\n";

  // The ingest service for PublishStream, with its own producer.
  kafka::Settings settings;
  settings.brokers = brokers;
  settings.overrides["message.max.bytes"] = "2097152";
  auto service_producer = kafka::Producer::Create(settings);
  if (!service_producer.ok()) {
    std::cerr << service_producer.status() << "\n";
    return 1;
  }
  MetricsRegistry metrics;
  ingest::IngestServiceImpl service(**service_producer, metrics);
  auto server = GrpcServer::Start("127.0.0.1:0", {&service});
  if (!server.ok()) {
    std::cerr << server.status() << "\n";
    return 1;
  }
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string((*server)->port()), grpc::InsecureChannelCredentials()));

  // The batched stream's messages, built once.
  std::vector<v1::PublishRequest> batches;
  {
    ingest::BatchBuilder builder(static_cast<size_t>(config->GetInt("batch")));
    for (const auto& e : events) {
      if (builder.Add(e)) batches.push_back(builder.Take());
    }
    if (!builder.empty()) batches.push_back(builder.Take());
  }

  std::vector<double> kcat_rates, producer_rates, loader_rates, parallel_rates, stream_rates, batched_rates, parse_rates,
      prepare_rates;
  const std::vector<std::string> kcat_common = {"-P", "-q", "-b", brokers, "-K", kKeyDelimArg, "-D", kMsgDelimArg,
                                                "-X", "enable.idempotence=true", "-X", "acks=all", "-X",
                                                "linger.ms=5", "-X", "partitioner=murmur2_random", "-X",
                                                "message.max.bytes=2097152"};
  for (int64_t run = 0; run < config->GetInt("runs"); ++run) {
    // kcat
    auto t0 = Clock::now();
    for (const auto& [topic, file] : {std::pair{"news.v1", "/news.bin"}, std::pair{"earnings.v1", "/earnings.bin"}}) {
      std::vector<std::string> args = {config->Get("kcat")};
      args.insert(args.end(), kcat_common.begin(), kcat_common.end());
      args.insert(args.end(), {"-t", topic, "-l", dir + file});
      if (RunProcess(args) != 0) {
        std::cerr << "kcat failed\n";
        return 1;
      }
    }
    kcat_rates.push_back(valid / Seconds(t0));

    // producer only: the same prepared payloads through kafka::Producer (the
    // wrapper every service uses), a fresh producer as kcat starts fresh.
    t0 = Clock::now();
    {
      auto producer = kafka::Producer::Create(settings);
      if (!producer.ok()) return 1;
      // As `streamlens ingest` does: topic metadata first (see cmd_ingest.cc).
      for (std::string_view topic : {"news.v1", "earnings.v1"}) (void)(*producer)->PartitionCount(topic, std::chrono::seconds(10));
      kafka::DeliveryBatch batch;
      for (const auto& p : prepared_events) (*producer)->Produce(p.topic, p.key, p.value, batch.Track());
      if (auto s = batch.Wait(std::chrono::seconds(60)); !s.ok()) {
        std::cerr << "producer: " << s << "\n";
        return 1;
      }
    }
    producer_rates.push_back(valid / Seconds(t0));

    // file loader: `streamlens ingest --brokers`, parsing on the publishing
    // thread and on worker threads; which goes first alternates by run.
    auto loader = [&](const std::string& threads, std::vector<double>* rates) {
      auto start = Clock::now();
      std::ostringstream sink;
      auto* saved = std::cerr.rdbuf(sink.rdbuf());
      int rc = cli::RunIngest(
          {"--brokers=" + brokers, "--progress=false", "--report=/dev/null", "--parse-threads=" + threads, data});
      std::cerr.rdbuf(saved);
      rates->push_back(valid / Seconds(start));
      if (rc != 0) std::cerr << "streamlens ingest --parse-threads=" << threads << " failed\n";
      return rc == 0;
    };
    bool loaders_ok = run % 2 == 0 ? loader("1", &loader_rates) && loader(config->Get("parse-threads"), &parallel_rates)
                                   : loader(config->Get("parse-threads"), &parallel_rates) && loader("1", &loader_rates);
    if (!loaders_ok) return 1;

    // PublishStream
    t0 = Clock::now();
    grpc::ClientContext context;
    auto stream = stub->PublishStream(&context);
    size_t ok = 0, failed = 0;
    std::thread reader([&] {
      v1::PublishResponse response;
      while (stream->Read(&response)) (response.has_error() ? failed : ok)++;
    });
    for (const auto& e : events) {
      if (!stream->Write(e)) break;
    }
    stream->WritesDone();
    reader.join();
    grpc::Status status = stream->Finish();
    double stream_s = Seconds(t0);
    if (!status.ok() || ok != valid) {
      std::cerr << "PublishStream: " << status.error_message() << " ok=" << ok << " failed=" << failed << "\n";
      return 1;
    }
    stream_rates.push_back(valid / stream_s);

    // PublishStream, batched
    t0 = Clock::now();
    {
      grpc::ClientContext batch_context;
      auto batch_stream = stub->PublishStream(&batch_context);
      size_t batch_ok = 0, batch_failed = 0;
      std::thread batch_reader([&] {
        v1::PublishResponse response;
        while (batch_stream->Read(&response)) {
          for (const auto& r : response.results()) (r.has_error() ? batch_failed : batch_ok)++;
        }
      });
      for (const auto& b : batches) {
        if (!batch_stream->Write(b)) break;
      }
      batch_stream->WritesDone();
      batch_reader.join();
      grpc::Status batch_status = batch_stream->Finish();
      if (!batch_status.ok() || batch_ok != valid) {
        std::cerr << "PublishStream (batched): " << batch_status.error_message() << " ok=" << batch_ok
                  << " failed=" << batch_failed << "\n";
        return 1;
      }
    }
    batched_rates.push_back(valid / Seconds(t0));

    // Where the loader's time goes: parsing alone, then parsing and preparing.
    size_t parsed = 0, bytes = 0;
    parse_rates.push_back(valid / ParseOnly(data, &parsed));
    prepare_rates.push_back(valid / ParseAndPrepare(data, &bytes));
    if (parsed != events.size() || bytes == 0) {
      std::cerr << "parse stage read " << parsed << " events, expected " << events.size() << "\n";
      return 1;
    }

    std::printf("run %lld: kcat %.0f ev/s, kafka::Producer %.0f, file loader %.0f (threads %.0f), PublishStream "
                "single %.0f, batched %.0f; parse %.0f, parse+prepare %.0f\n",
                static_cast<long long>(run + 1), kcat_rates.back(), producer_rates.back(), loader_rates.back(),
                parallel_rates.back(),
                stream_rates.back(), batched_rates.back(), parse_rates.back(), prepare_rates.back());
    std::fflush(stdout);
  }
  double k = Median(kcat_rates);
  std::printf("median of %zu runs (events/s, ratio to kcat):\n", kcat_rates.size());
  for (const auto& [name, rates] : std::vector<std::pair<std::string, std::vector<double>*>>{
           {"kcat", &kcat_rates},
           {"kafka::Producer, prepared payloads", &producer_rates},
           {"file loader, --parse-threads=1", &loader_rates},
           {"file loader, --parse-threads=" + config->Get("parse-threads"), &parallel_rates},
           {"PublishStream, one event per message", &stream_rates},
           {"PublishStream, batches of " + config->Get("batch"), &batched_rates},
           {"parse only (no Kafka)", &parse_rates},
           {"parse + validate + serialize (no Kafka)", &prepare_rates}}) {
    double m = Median(*rates);
    std::printf("  %-45s %9.0f  %.2f   (min %.0f, max %.0f)\n", name.c_str(), m, m / k,
                *std::min_element(rates->begin(), rates->end()), *std::max_element(rates->begin(), rates->end()));
  }
  (*server)->Shutdown();
  std::filesystem::remove_all(dir);
  return 0;
}
