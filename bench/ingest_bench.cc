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
//   PublishStream batched, pre-serialized: the same batch messages,
//                 serialized before the clock starts and written as raw
//                 bytes (grpc::GenericStub), so that, like kcat's, the
//                 client's input is ready-made bytes: what remains inside
//                 the clock is the transport and the service.
// And, to show where the loader's time goes, without Kafka:
//   parse         ReadFeeds alone (read the files, SGML, earnings tables).
//   parse+prepare ReadFeeds and PrepareEvent (validation, ids, serialization)
//                 of every event: the loader's CPU work on its own thread.
// Prints events/s per run, medians and the ratios to kcat. --stages picks a
// subset (e.g. --stages=batched to profile the service's batched path alone).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <any>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <grpcpp/generic/generic_stub.h>
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

// CPU seconds (user + system) of this process, or of its waited-for children.
double CpuSeconds(int who = RUSAGE_SELF) {
  rusage u{};
  getrusage(who, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

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

// Seconds to read `data` and prepare (validate, id, serialize) every event,
// as `streamlens ingest --brokers --parse-threads=N` does (FeedCallbacks::prepare,
// in place, on the parse threads); `*bytes` gets the serialized size (which
// varies by a few bytes with ingested_at), `*events` (if given) the count.
double ParseAndPrepare(const std::string& data, size_t* bytes, int threads = 1, size_t* events = nullptr) {
  auto t0 = Clock::now();
  loaders::FeedCallbacks cb;
  cb.parse_threads = threads;
  cb.prepare = [](v1::PublishRequest&& e, const std::string&) -> std::any {
    return ingest::PrepareEvent(&e, ingest::EventPublisher::SystemClock());
  };
  cb.on_prepared = [&](std::any& any, const std::string&) {
    auto& p = std::any_cast<absl::StatusOr<ingest::PreparedEvent>&>(any);
    if (p.ok()) *bytes += p->value.size();
    if (events) ++*events;
  };
  (void)loaders::ReadFeeds({data}, cb);
  return Seconds(t0);
}

// Counts the events one PublishStream answer settles: a lone event's answer is
// its own result, a batch's carries one result per event.
void CountResults(const v1::PublishResponse& response, size_t* ok, size_t* failed) {
  if (response.results_size() == 0) (response.has_error() ? *failed : *ok)++;
  for (const auto& r : response.results()) (r.has_error() ? *failed : *ok)++;
}

// PublishStream through the generated stub: writes every request, reads and
// counts every result; the call's status.
grpc::Status PublishAll(v1::IngestService::Stub& stub, const std::vector<v1::PublishRequest>& requests, size_t* ok,
                        size_t* failed) {
  grpc::ClientContext context;
  auto stream = stub.PublishStream(&context);
  std::thread reader([&] {
    v1::PublishResponse response;
    while (stream->Read(&response)) CountResults(response, ok, failed);
  });
  for (const auto& request : requests) {
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  reader.join();
  return stream->Finish();
}

// PublishStream with requests serialized beforehand: writes `requests` as
// raw bytes one after the other, reads and counts every result.
class PreserializedStream : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  PreserializedStream(grpc::GenericStub& stub, const std::vector<grpc::ByteBuffer>& requests) : requests_(requests) {
    stub.PrepareBidiStreamingCall(&context_, "/streamlens.v1.IngestService/PublishStream", grpc::StubOptions(), this);
    StartRead(&response_);
    NextWrite();
    StartCall();
  }
  // Waits for the end of the call; its status, with the results counted.
  grpc::Status Wait(size_t* ok, size_t* failed) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return done_; });
    *ok = ok_;
    *failed = failed_;
    return status_;
  }

 private:
  void NextWrite() {
    if (next_ < requests_.size()) {
      StartWrite(&requests_[next_++]);
    } else {
      StartWritesDone();
    }
  }
  void OnWriteDone(bool ok) override {
    if (ok) NextWrite();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    v1::PublishResponse response;
    if (grpc::SerializationTraits<v1::PublishResponse>::Deserialize(&response_, &response).ok()) {
      CountResults(response, &ok_, &failed_);
    }
    StartRead(&response_);
  }
  void OnDone(const grpc::Status& status) override {
    std::lock_guard lock(mu_);
    status_ = status;
    done_ = true;
    cv_.notify_all();
  }

  grpc::ClientContext context_;
  const std::vector<grpc::ByteBuffer>& requests_;
  size_t next_ = 0;
  grpc::ByteBuffer response_;
  size_t ok_ = 0, failed_ = 0;  // touched by the reactor's callbacks only, one at a time
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;  // guarded by mu_
  grpc::Status status_;
};

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
      {"stages-only", "false", "measure only parse, parse+prepare, and parse+prepare on --parse-threads threads as streamlens ingest does (no Kafka; for profiling the loader)",
       OptionType::kBool},
      {"stages", "all",
       "comma-separated measurements to run: kcat, producer, loader, single, batched, preserialized, parse "
       "(all: every one)"},
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
      size_t threaded_bytes = 0, threaded_events = 0;
      threaded_s.push_back(ParseAndPrepare(config->Get("data"), &threaded_bytes, threads, &threaded_events));
      if (threaded_events != events) {
        std::fprintf(stderr, "parse+prepare on %d threads gave %zu events, parse %zu\n", threads, threaded_events, events);
        return 1;
      }
    }
    std::printf("%zu events; median of %zu runs: parse %.3f s (%.0f ev/s), parse+prepare %.3f s (%.0f ev/s), "
                "parse+prepare on %d threads (as streamlens ingest) %.3f s (%.0f ev/s)\n",
                events, parse_s.size(), Median(parse_s), events / Median(parse_s), Median(prepare_s),
                events / Median(prepare_s), threads, Median(threaded_s), events / Median(threaded_s));
    return 0;
  }
  std::set<std::string> stages;
  for (std::string_view rest = config->Get("stages"); !rest.empty();) {
    size_t comma = rest.find(',');
    stages.emplace(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  for (const auto& s : stages) {
    static const std::set<std::string> kKnown = {"all", "kcat", "producer", "loader", "single", "batched",
                                                 "preserialized", "parse"};
    if (!kKnown.contains(s)) {
      std::cerr << "unknown stage " << s << "\n" << Config::Usage(flags);
      return 2;
    }
  }
  auto measure = [&](const std::string& stage) { return stages.contains("all") || stages.contains(stage); };

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
  // The same messages serialized, for the pre-serialized variant.
  std::vector<grpc::ByteBuffer> serialized_batches(batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    bool own = false;
    if (!grpc::SerializationTraits<v1::PublishRequest>::Serialize(batches[i], &serialized_batches[i], &own).ok()) {
      return 1;
    }
  }
  grpc::GenericStub generic_stub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string((*server)->port()), grpc::InsecureChannelCredentials()));

  std::vector<double> kcat_rates, producer_rates, loader_rates, parallel_rates, stream_rates, batched_rates,
      preserialized_rates, parse_rates, prepare_rates;
  // CPU microseconds per event, by the stage's rates vector: this process's
  // (the client, the service and the producer; the Kafka cluster runs in its
  // own process), or kcat's.
  std::map<const std::vector<double>*, std::vector<double>> cpu_us;
  auto add_cpu = [&](const std::vector<double>& rates, double cpu_before, int who = RUSAGE_SELF) {
    cpu_us[&rates].push_back((CpuSeconds(who) - cpu_before) * 1e6 / valid);
  };
  // Whether a PublishStream call accepted every valid event; says why not.
  auto published = [&](const char* stage, const grpc::Status& status, size_t ok, size_t failed) {
    if (status.ok() && ok == valid) return true;
    std::cerr << stage << ": " << status.error_message() << " ok=" << ok << " failed=" << failed << "\n";
    return false;
  };
  const std::vector<std::string> kcat_common = {"-P", "-q", "-b", brokers, "-K", kKeyDelimArg, "-D", kMsgDelimArg,
                                                "-X", "enable.idempotence=true", "-X", "acks=all", "-X",
                                                "linger.ms=5", "-X", "partitioner=murmur2_random", "-X",
                                                "message.max.bytes=2097152"};
  for (int64_t run = 0; run < config->GetInt("runs"); ++run) {
    std::string line = "run " + std::to_string(run + 1) + ":";
    auto report = [&line](const char* name, double rate) {
      char buf[96];
      std::snprintf(buf, sizeof buf, " %s %.0f ev/s;", name, rate);
      line += buf;
    };
    if (measure("kcat")) {
      auto t0 = Clock::now();
      const double cpu0 = CpuSeconds(RUSAGE_CHILDREN);
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
      add_cpu(kcat_rates, cpu0, RUSAGE_CHILDREN);
      report("kcat", kcat_rates.back());
    }

    // producer only: the same prepared payloads through kafka::Producer (the
    // wrapper every service uses), a fresh producer as kcat starts fresh.
    if (measure("producer")) {
      auto t0 = Clock::now();
      const double cpu0 = CpuSeconds();
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
      add_cpu(producer_rates, cpu0);
      report("kafka::Producer", producer_rates.back());
    }

    // file loader: `streamlens ingest --brokers`, parsing on the publishing
    // thread and on worker threads; which goes first alternates by run.
    if (measure("loader")) {
      auto loader = [&](const std::string& threads, std::vector<double>* rates) {
        auto start = Clock::now();
        const double cpu0 = CpuSeconds();
        std::ostringstream sink;
        auto* saved = std::cerr.rdbuf(sink.rdbuf());
        int rc = cli::RunIngest(
            {"--brokers=" + brokers, "--progress=false", "--report=/dev/null", "--parse-threads=" + threads, data});
        std::cerr.rdbuf(saved);
        rates->push_back(valid / Seconds(start));
        add_cpu(*rates, cpu0);
        if (rc != 0) std::cerr << "streamlens ingest --parse-threads=" << threads << " failed\n";
        return rc == 0;
      };
      bool loaders_ok = run % 2 == 0 ? loader("1", &loader_rates) && loader(config->Get("parse-threads"), &parallel_rates)
                                     : loader(config->Get("parse-threads"), &parallel_rates) && loader("1", &loader_rates);
      if (!loaders_ok) return 1;
      report("file loader", loader_rates.back());
      report("(threads)", parallel_rates.back());
    }

    // PublishStream, one event per message, then in batches: the requests
    // are built before the clock starts.
    auto stream_stage = [&](const char* what, const char* name, const std::vector<v1::PublishRequest>& requests,
                            std::vector<double>* rates) {
      auto t0 = Clock::now();
      const double cpu0 = CpuSeconds();
      size_t ok = 0, failed = 0;
      grpc::Status status = PublishAll(*stub, requests, &ok, &failed);
      if (!published(what, status, ok, failed)) return false;
      rates->push_back(valid / Seconds(t0));
      add_cpu(*rates, cpu0);
      report(name, rates->back());
      return true;
    };
    if (measure("single") && !stream_stage("PublishStream", "PublishStream single", events, &stream_rates)) return 1;
    if (measure("batched") && !stream_stage("PublishStream (batched)", "batched", batches, &batched_rates)) return 1;

    // PublishStream, batched, the requests serialized before the clock
    if (measure("preserialized")) {
      auto t0 = Clock::now();
      const double cpu0 = CpuSeconds();
      PreserializedStream stream(generic_stub, serialized_batches);
      size_t ok = 0, failed = 0;
      grpc::Status status = stream.Wait(&ok, &failed);
      if (!published("PublishStream (pre-serialized)", status, ok, failed)) return 1;
      preserialized_rates.push_back(valid / Seconds(t0));
      add_cpu(preserialized_rates, cpu0);
      report("batched pre-serialized", preserialized_rates.back());
    }

    // Where the loader's time goes: parsing alone, then parsing and preparing.
    if (measure("parse")) {
      size_t parsed = 0, bytes = 0;
      parse_rates.push_back(valid / ParseOnly(data, &parsed));
      prepare_rates.push_back(valid / ParseAndPrepare(data, &bytes));
      if (parsed != events.size() || bytes == 0) {
        std::cerr << "parse stage read " << parsed << " events, expected " << events.size() << "\n";
        return 1;
      }
      report("parse", parse_rates.back());
      report("parse+prepare", prepare_rates.back());
    }
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
  const double k = kcat_rates.empty() ? 0 : Median(kcat_rates);
  std::printf("median of %lld runs (events/s, ratio to kcat, CPU us per event of the measured process):\n",
              static_cast<long long>(config->GetInt("runs")));
  for (const auto& [name, rates] : std::vector<std::pair<std::string, std::vector<double>*>>{
           {"kcat", &kcat_rates},
           {"kafka::Producer, prepared payloads", &producer_rates},
           {"file loader, --parse-threads=1", &loader_rates},
           {"file loader, --parse-threads=" + config->Get("parse-threads"), &parallel_rates},
           {"PublishStream, one event per message", &stream_rates},
           {"PublishStream, batches of " + config->Get("batch"), &batched_rates},
           {"PublishStream, batches, pre-serialized", &preserialized_rates},
           {"parse only (no Kafka)", &parse_rates},
           {"parse + validate + serialize (no Kafka)", &prepare_rates}}) {
    if (rates->empty()) continue;
    double m = Median(*rates);
    char ratio[16] = "-";
    if (k > 0) std::snprintf(ratio, sizeof ratio, "%.2f", m / k);
    char cpu[24] = "";
    if (auto it = cpu_us.find(rates); it != cpu_us.end()) std::snprintf(cpu, sizeof cpu, "%6.1f us/ev", Median(it->second));
    std::printf("  %-45s %9.0f  %s  %s  (min %.0f, max %.0f)\n", name.c_str(), m, ratio, cpu,
                *std::min_element(rates->begin(), rates->end()), *std::max_element(rates->begin(), rates->end()));
  }
  (*server)->Shutdown();
  std::filesystem::remove_all(dir);
  return 0;
}
