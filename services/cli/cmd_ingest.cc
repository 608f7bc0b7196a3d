// `streamlens ingest FILE|DIR...`: reads feeds (Reuters SGML, NDJSON, text
// articles) and publishes every event through the same validation as the
// ingest service: straight to Kafka (--brokers), through a running ingest
// service (--target, over PublishStream in batches of --batch events), or nowhere (--dry-run: the events
// as NDJSON on standard output). Ends with a summary on standard error that
// accounts for every piece of input: events read and published, and each
// rejection with its origin and reason.
//
// Exit status: 0 when every valid event was published; 1 when a path cannot
// be read or some events were not acknowledged; 2 for a usage error.
#include <unistd.h>

#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "services/cli/commands.h"
#include "services/common/config.h"
#include "services/common/json.h"
#include "services/common/kafka.h"
#include "services/common/topics.h"
#include "services/ingest/batch_builder.h"
#include "services/ingest/loaders/feed.h"
#include "services/ingest/publisher.h"
#include "services/ingest/validate.h"
#include "streamlens/v1/ingest.grpc.pb.h"

namespace streamlens::cli {
namespace {

constexpr char kUsage[] =
    "usage: streamlens ingest [options] FILE|DIR...\n\n"
    "Reads feeds and publishes their events. Formats by extension: .sgm (Reuters-21578\n"
    "SGML: every article a news event, every `earn` report also earnings events),\n"
    ".ndjson/.jsonl (one PublishRequest per line in the protobuf JSON mapping), .txt\n"
    "(one article). Directories are read recursively in name order.\n\n";

// Everything the run has to account for. Delivery callbacks arrive on the
// producer's (or the gRPC reader's) thread: the counts are atomic (one event
// costs no lock), the rejections are guarded by a mutex.
class IngestReport {
 public:
  void Read(bool news) {
    ++(news ? news_read_ : earnings_read_);
    ++outstanding_;
  }
  void Published() {
    ++published_;
    Settle();
  }
  // A rejected event that had been counted as read.
  void Failed(const std::string& origin, const std::string& reason, bool delivery) {
    {
      std::lock_guard lock(mu_);
      rejections_.push_back({origin, reason});
    }
    if (delivery) ++delivery_failures_;
    Settle();
  }
  // A piece of input that never became an event (bad line, article, file).
  void Rejected(const std::string& origin, const std::string& reason) {
    std::lock_guard lock(mu_);
    rejections_.push_back({origin, reason});
  }
  bool WaitSettled(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mu_);
    return cv_.wait_until(lock, deadline, [&] { return outstanding_ == 0; });
  }
  size_t read() const { return news_read_ + earnings_read_; }
  size_t published() const { return published_; }

  // The final summary; rejections listed one per line (to `list`, which may
  // be the summary stream itself), grouped counts first.
  void Print(std::ostream& out, std::ostream* list, const std::string& list_name, bool dry_run,
             double seconds) const {
    std::lock_guard lock(mu_);
    size_t read = news_read_ + earnings_read_;
    out << "read " << read << " events (" << news_read_ << " news, " << earnings_read_ << " earnings) in "
        << static_cast<int>(seconds * 1000) / 1000.0 << " s\n";
    if (dry_run) {
      out << "dry run: " << published_ << " valid events written to standard output, nothing published\n";
    } else {
      out << "published " << published_ << " events";
      if (seconds > 0) out << " (" << static_cast<long>(published_ / seconds) << " events/s)";
      out << "\n";
    }
    if (outstanding_ > 0) out << "NOT ACKNOWLEDGED: " << outstanding_ << " events (timed out waiting for Kafka)\n";
    out << "rejected " << rejections_.size() << " (" << delivery_failures_ << " Kafka delivery failures)\n";
    if (rejections_.empty()) return;
    std::map<std::string, size_t> by_reason;
    for (const auto& r : rejections_) by_reason[Category(r.reason)]++;
    std::vector<std::pair<size_t, std::string>> sorted;
    for (const auto& [reason, n] : by_reason) sorted.push_back({n, reason});
    std::sort(sorted.rbegin(), sorted.rend());
    out << "rejections by reason:\n";
    for (const auto& [n, reason] : sorted) out << "  " << n << "\t" << reason << "\n";
    if (list != &out) out << "every rejection, with origin and reason: " << list_name << "\n";
    else out << "every rejection, with origin and reason:\n";
    for (const auto& r : rejections_) *list << "  " << r.origin << ": " << r.reason << "\n";
  }

  bool complete() const { return outstanding_ == 0 && delivery_failures_ == 0; }

 private:
  struct Rejection {
    std::string origin;
    std::string reason;
  };
  // The reason without the quoted input, so that like reasons group.
  static std::string Category(const std::string& reason) {
    size_t quote = reason.find('"');
    std::string head = quote == std::string::npos ? reason : reason.substr(0, quote);
    size_t colon = reason.rfind("\": ");
    if (quote != std::string::npos && colon != std::string::npos && colon > quote) {
      head += "...: " + reason.substr(colon + 3);
    }
    return head;
  }
  void Settle() {
    if (--outstanding_ == 0) {
      // Under the lock, so that WaitSettled cannot miss the wake-up.
      std::lock_guard lock(mu_);
      cv_.notify_all();
    }
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<size_t> news_read_ = 0, earnings_read_ = 0, published_ = 0, outstanding_ = 0, delivery_failures_ = 0;
  std::vector<Rejection> rejections_;  // guarded by mu_
};

// An event made ready for --dry-run on a parse thread: its JSON line, or why
// it was refused.
struct Prepared {
  bool news = false;
  absl::Status status;
  std::string json_line;
};

// An event validated and serialized on a parse thread, for Kafka.
struct PreparedForKafka {
  bool news = false;
  absl::StatusOr<ingest::PreparedEvent> event;
};

// A one-line progress bar on standard error, redrawn at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Update(size_t done, size_t total, size_t events) {
    if (!enabled_ || total == 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    int width = 30;
    int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%s%s] %3d%%  %zu events", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), static_cast<int>(100 * done / total), events);
    std::fflush(stderr);
    drawn_ = true;
  }
  void Clear() {
    if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int RunIngest(const Args& args) {
  std::vector<Option> flags = {
      {"brokers", "", "Kafka bootstrap servers to publish to (not needed with --target or --dry-run)"},
      {"target", "", "publish through a running ingest service at this gRPC address (host:port) instead"},
      {"batch", "1000",
       "with --target: events per PublishStream message (at most 1 MiB of them; 1 sends single events, for a "
       "service that predates batches)",
       OptionType::kInt},
      {"parse-threads", "2",
       "files parsed at once on worker threads (events are still published in feed order); 1 parses on the "
       "publishing thread, which is better on a machine with no idle core (see docs/performance.md)",
       OptionType::kInt},
      {"dry-run", "false", "write the events as NDJSON to standard output and publish nothing", OptionType::kBool},
      {"report", "", "write the list of rejections to this file instead of standard error"},
      {"progress", "true", "show a progress bar when standard error is a terminal", OptionType::kBool},
      {"timeout", "60s", "how long to wait for the last acknowledgements", OptionType::kDurationMs},
      {"help", "false", "show this help", OptionType::kBool},
  };
  auto config = Config::Load(flags, args);
  if (!config.ok()) {
    std::cerr << "streamlens ingest: " << config.status().message() << "\n\n" << kUsage << Config::Usage(flags);
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << kUsage << Config::Usage(flags);
    return 0;
  }
  const bool dry_run = config->GetBool("dry-run");
  const std::string target = config->Get("target");
  const std::string brokers = config->Get("brokers");
  if (config->positional().empty()) {
    std::cerr << "streamlens ingest: no FILE or DIR given\n\n" << kUsage << Config::Usage(flags);
    return 2;
  }
  if (!dry_run && target.empty() && brokers.empty()) {
    std::cerr << "streamlens ingest: --brokers (or " << Config::EnvName("brokers")
              << ") is required unless --target or --dry-run is given\n";
    return 2;
  }
  if (!target.empty() && !brokers.empty() && config->IsSet("brokers") && !dry_run) {
    std::cerr << "streamlens ingest: give either --brokers or --target, not both\n";
    return 2;
  }

  IngestReport report;
  ProgressBar progress(config->GetBool("progress") && isatty(STDERR_FILENO));
  const auto start = std::chrono::steady_clock::now();
  loaders::FeedCallbacks callbacks;
  callbacks.parse_threads = static_cast<int>(std::clamp<int64_t>(config->GetInt("parse-threads"), 1, 16));
  callbacks.on_rejected = [&](const std::string& origin, const std::string& reason) { report.Rejected(origin, reason); };
  callbacks.on_progress = [&](size_t done, size_t total) { progress.Update(done, total, report.read()); };

  std::unique_ptr<kafka::Producer> producer;
  std::unique_ptr<ingest::EventPublisher> publisher;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::IngestService::Stub> stub;
  grpc::ClientContext stream_context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::PublishRequest, v1::PublishResponse>> stream;
  std::thread stream_reader;
  std::mutex origins_mu;
  // The origins of the events of each stream message, by stream sequence
  // (one for a single event); an entry is emptied once answered. Guarded by
  // origins_mu.
  std::vector<std::vector<std::string>> origins;
  std::atomic<bool> stream_broken{false};
  const int64_t batch_events = config->GetInt("batch");
  if (batch_events < 1 || batch_events > ingest::kMaxBatchEvents) {
    std::cerr << "streamlens ingest: --batch must be 1.." << ingest::kMaxBatchEvents << "\n";
    return 2;
  }
  ingest::BatchBuilder batch(static_cast<size_t>(batch_events));
  std::vector<std::string> batch_origins;
  // Sends the events gathered so far as one message: a batch, or the event
  // itself with --batch=1.
  auto send_batch = [&] {
    if (batch.empty()) return;
    v1::PublishRequest request = batch.Take();
    if (batch_events == 1) {
      v1::PublishRequest single = std::move(*request.mutable_batch()->mutable_events(0));
      request = std::move(single);
    }
    size_t sequence;
    {
      std::lock_guard lock(origins_mu);
      sequence = origins.size();
      origins.push_back(std::move(batch_origins));
    }
    batch_origins.clear();
    if (stream_broken || !stream->Write(request)) {
      stream_broken = true;
      std::vector<std::string> lost;
      {
        std::lock_guard lock(origins_mu);
        lost = std::move(origins[sequence]);
        origins[sequence].clear();
      }
      for (const auto& origin : lost) report.Failed(origin, "the ingest service closed the stream", true);
    }
  };
  // One answer: a single event's, or a batch's with a result per event.
  auto settle = [&report](const std::string& origin, const v1::PublishResponse& r) {
    if (r.has_error()) {
      report.Failed(origin, r.error().message(), r.error().code() != grpc::StatusCode::INVALID_ARGUMENT);
    } else {
      report.Published();
    }
  };

  if (dry_run) {
    // Validation and the JSON line on the parse threads; the calling thread
    // writes the lines in feed order.
    // The event is completed in place (it may live on the loader's arena).
    callbacks.prepare = [](v1::PublishRequest&& event, const std::string&) -> std::any {
      const bool news = event.has_news();
      auto prepared = ingest::PrepareEvent(&event, ingest::EventPublisher::SystemClock());
      if (!prepared.ok()) return Prepared{news, prepared.status(), {}};
      // ingested_at is left out so that the output of a feed is the same on every run.
      if (event.has_news()) event.mutable_news()->clear_ingested_at();
      if (event.has_earnings()) event.mutable_earnings()->clear_ingested_at();
      return Prepared{news, absl::OkStatus(), ToJsonLine(event)};
    };
    callbacks.on_prepared = [&](std::any& any, const std::string& origin) {
      auto& p = std::any_cast<Prepared&>(any);
      report.Read(p.news);
      if (!p.status.ok()) {
        report.Failed(origin, std::string(p.status.message()), false);
        return;
      }
      p.json_line += '\n';
      std::cout << p.json_line;
      report.Published();
    };
  } else if (!target.empty()) {
    channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
    stub = v1::IngestService::NewStub(channel);
    stream = stub->PublishStream(&stream_context);
    stream_reader = std::thread([&] {
      v1::PublishResponse response;
      while (stream->Read(&response)) {
        std::vector<std::string> answered;
        {
          std::lock_guard lock(origins_mu);
          if (response.sequence() >= 0 && static_cast<size_t>(response.sequence()) < origins.size()) {
            answered = std::move(origins[response.sequence()]);
            origins[response.sequence()].clear();
          }
        }
        if (response.results_size() == 0) {
          // A single event's answer, or a batch refused as a whole (by a
          // service that predates batches, too): every event gets the error.
          for (const auto& origin : answered) settle(origin, response);
          continue;
        }
        for (size_t i = 0; i < answered.size(); ++i) {
          if (i < static_cast<size_t>(response.results_size())) {
            v1::PublishResponse* result = response.mutable_results(static_cast<int>(i));
            // The field path starts at the batch ("events[3].earnings..."):
            // the report names the event by its origin instead.
            const std::string prefix = "events[" + std::to_string(i) + "].";
            if (result->error().message().rfind(prefix, 0) == 0) {
              result->mutable_error()->mutable_message()->erase(0, prefix.size());
            }
            settle(answered[i], *result);
          } else {
            report.Failed(answered[i], "the ingest service answered the batch without this event", true);
          }
        }
      }
    });
    callbacks.on_event = [&](const v1::PublishRequest& event, const std::string& origin) {
      report.Read(event.has_news());
      batch_origins.push_back(origin);
      if (batch.Add(event)) send_batch();
    };
  } else {
    kafka::Settings settings;
    settings.brokers = brokers;
    settings.client_id = "streamlens-ingest";
    // Articles may be up to 1 MiB (see validate.h); librdkafka's default
    // limit is 1,000,000 bytes per message.
    settings.overrides["message.max.bytes"] = "2097152";
    auto created = kafka::Producer::Create(settings);
    if (!created.ok()) {
      std::cerr << "streamlens ingest: " << created.status().message() << "\n";
      return 1;
    }
    producer = std::move(*created);
    // Learn the topics' partitions before the first record: librdkafka
    // otherwise parks the first records until a metadata refresh, which
    // costs about a second per run (measured in bench/ingest_bench.cc).
    for (std::string_view topic : {topics::kNews, topics::kEarnings}) {
      if (auto n = producer->PartitionCount(topic, std::chrono::seconds(10)); !n.ok()) {
        std::cerr << "streamlens ingest: " << n.status().message() << "\n";
        return 1;
      }
    }
    publisher = std::make_unique<ingest::EventPublisher>(*producer, nullptr);
    // Validation and serialization on the parse threads, in place (the event
    // may live on the loader's arena: no copy); the calling thread only
    // produces, in feed order.
    callbacks.prepare = [](v1::PublishRequest&& event, const std::string&) -> std::any {
      const bool news = event.has_news();
      return PreparedForKafka{news, ingest::PrepareEvent(&event, ingest::EventPublisher::SystemClock())};
    };
    callbacks.on_prepared = [&](std::any& any, const std::string& origin) {
      auto& p = std::any_cast<PreparedForKafka&>(any);
      report.Read(p.news);
      if (!p.event.ok()) {
        report.Failed(origin, std::string(p.event.status().message()), false);
        return;
      }
      publisher->PublishPrepared(std::move(*p.event), [&report, origin](ingest::PublishResult r) {
        if (r.status.ok()) {
          report.Published();
        } else {
          report.Failed(origin, std::string(r.status.message()), true);
        }
      });
    };
  }

  absl::Status read_status = loaders::ReadFeeds(config->positional(), callbacks);
  auto deadline = std::chrono::steady_clock::now() + config->GetDuration("timeout");
  if (stream) {
    send_batch();
    stream->WritesDone();
    stream_reader.join();
    grpc::Status s = stream->Finish();
    if (!s.ok()) std::cerr << "streamlens ingest: ingest service: " << s.error_message() << "\n";
    // Whatever the service did not answer will not be answered now.
    for (auto& unanswered : origins) {
      for (const auto& origin : unanswered) {
        report.Failed(origin, "no answer from the ingest service" + (s.ok() ? "" : ": " + s.error_message()), true);
      }
    }
  }
  if (producer) (void)producer->Flush(config->GetDuration("timeout"));
  report.WaitSettled(deadline);
  progress.Clear();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (!read_status.ok()) std::cerr << "streamlens ingest: " << read_status.message() << "\n";
  std::ofstream list_file;
  std::ostream* list = &std::cerr;
  const std::string list_name = config->Get("report");
  if (!list_name.empty()) {
    list_file.open(list_name);
    if (!list_file) {
      std::cerr << "streamlens ingest: cannot write " << list_name << "; listing rejections here\n";
    } else {
      list = &list_file;
    }
  }
  report.Print(std::cerr, list, list_name, dry_run, seconds);
  return read_status.ok() && report.complete() ? 0 : 1;
}

}  // namespace streamlens::cli
