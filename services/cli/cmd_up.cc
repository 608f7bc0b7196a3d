// `streamlens up`: the whole pipeline in one process, fed with the project's
// sample data, on the embedded Kafka unless --brokers is given.
#include <grpcpp/grpcpp.h>

#include <iostream>
#include <map>

#include "services/cli/commands.h"
#include "services/cli/pipeline.h"
#include "services/common/kafka.h"
#include "services/common/topics.h"
#include "services/ingest/loaders/feed.h"
#include "streamlens/v1/ingest.grpc.pb.h"
#include "streamlens/v1/query.grpc.pb.h"

namespace streamlens::cli {
namespace {

struct LoadResult {
  int published = 0;
  int rejected = 0;
  std::vector<v1::Position> positions;  // the highest per partition
};

// Publishes every event of the sample feeds through the ingest gRPC service,
// as any client would.
absl::StatusOr<LoadResult> LoadSample(const std::string& dir, int ingest_port) {
  std::vector<std::pair<v1::PublishRequest, std::string>> events;
  LoadResult result;
  loaders::FeedCallbacks callbacks;
  callbacks.on_event = [&](const v1::PublishRequest& e, const std::string& origin) { events.emplace_back(e, origin); };
  callbacks.on_rejected = [&](const std::string& origin, const std::string& reason) {
    std::cerr << "sample: rejected " << origin << ": " << reason << "\n";
    ++result.rejected;
  };
  if (auto s = loaders::ReadFeeds({dir}, callbacks); !s.ok()) return s;

  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(ingest_port), grpc::InsecureChannelCredentials());
  auto stub = v1::IngestService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  auto stream = stub->PublishStream(&context);
  for (const auto& [e, origin] : events) stream->Write(e);
  stream->WritesDone();
  std::map<std::pair<std::string, int>, v1::Position> highest;
  v1::PublishResponse response;
  while (stream->Read(&response)) {
    if (response.has_error()) {
      const auto& origin = events[static_cast<size_t>(response.sequence())].second;
      std::cerr << "sample: " << origin << ": " << response.error().message() << "\n";
      ++result.rejected;
      continue;
    }
    ++result.published;
    auto key = std::make_pair(response.position().topic(), response.position().partition());
    if (!highest.count(key) || highest[key].offset() < response.position().offset()) highest[key] = response.position();
  }
  if (auto s = stream->Finish(); !s.ok()) return absl::UnavailableError("PublishStream: " + s.error_message());
  for (const auto& [k, p] : highest) result.positions.push_back(p);
  return result;
}

// Waits until the query view has processed `positions` (read your writes).
absl::Status WaitForView(int query_port, const std::vector<v1::Position>& positions) {
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(query_port), grpc::InsecureChannelCredentials());
  auto stub = v1::QueryService::NewStub(channel);
  v1::GetEntityRequest request;
  request.set_entity_id("company:baba");
  for (const auto& p : positions) *request.mutable_consistency()->add_after() = p;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::EntityView view;
  auto s = stub->GetEntity(&context, request, &view);
  if (s.ok() || s.error_code() == grpc::StatusCode::NOT_FOUND) return absl::OkStatus();
  return absl::DeadlineExceededError("view did not catch up: " + s.error_message());
}

}  // namespace

int RunUp(const Args& args) {
  auto flags = PipelineFlags();
  flags.push_back({"once", "false", "exit after loading the sample and printing the summary", OptionType::kBool});
  flags.push_back({"sample-dir", "", "feeds loaded at start (default <data-dir>/sample)"});
  flags.push_back({"no-sample", "false", "load no sample data", OptionType::kBool});
  auto config = Config::Load(flags, args);
  if (!config.ok()) {
    std::cerr << "streamlens up: " << config.status().message() << "\n\n" << Config::Usage(flags);
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << "usage: streamlens up [options]\n\n" << Config::Usage(flags);
    return 0;
  }
  BlockStopSignals();
  PipelineOptions options = PipelineOptionsFrom(*config);
  options.roles = {Role::kIngest, Role::kWorker, Role::kQuery};
  auto pipeline = Pipeline::Start(options);
  if (!pipeline.ok()) {
    std::cerr << "streamlens up: " << pipeline.status().message() << "\n";
    return 1;
  }
  auto& p = **pipeline;
  std::cout << "Streamlens is up.\n"
            << "  kafka    " << p.brokers() << "\n"
            << "  ingest   127.0.0.1:" << p.ingest_port() << "   (streamlens.v1.IngestService)\n"
            << "  query    127.0.0.1:" << p.query_port() << "   (streamlens.v1.QueryService)\n"
            << "  metrics  http://127.0.0.1:" << p.metrics_port() << "/metrics\n"
            << std::flush;

  if (!config->GetBool("no-sample")) {
    std::string data_dir = config->Get("data-dir").empty() ? DefaultDataDir() : config->Get("data-dir");
    std::string sample = config->Get("sample-dir").empty() ? data_dir + "/sample" : config->Get("sample-dir");
    auto loaded = LoadSample(sample, p.ingest_port());
    if (!loaded.ok()) {
      std::cerr << "streamlens up: sample: " << loaded.status().message() << "\n";
      return 1;
    }
    std::cout << "Loaded sample from " << sample << ": " << loaded->published << " events published, "
              << loaded->rejected << " rejected.\n";
    if (auto s = WaitForView(p.query_port(), loaded->positions); !s.ok()) {
      std::cerr << "streamlens up: " << s.message() << "\n";
      return 1;
    }
    // Workers republish figures read from prose on earnings.v1; wait for
    // those too, at the log ends as they are now.
    auto probe = kafka::Producer::Create({p.brokers(), "streamlens-up", {}});
    if (probe.ok()) {
      auto ends = (*probe)->LogEnds(topics::kEarnings, std::chrono::seconds(10));
      if (ends.ok()) {
        std::vector<v1::Position> positions;
        for (const auto& [tp, end] : *ends) {
          if (end == 0) continue;
          v1::Position pos;
          pos.set_topic(tp.topic);
          pos.set_partition(tp.partition);
          pos.set_offset(end - 1);
          positions.push_back(pos);
        }
        if (auto s = WaitForView(p.query_port(), positions); !s.ok()) {
          std::cerr << "streamlens up: " << s.message() << "\n";
          return 1;
        }
      }
    }
  } else {
    p.WaitQueryReady(std::chrono::seconds(60));
  }
  std::cout << "\n" << p.Summary(10) << std::flush;
  if (config->GetBool("once")) return 0;
  std::cout << "\nServing until Ctrl-C.\n" << std::flush;
  WaitForStopSignal();
  std::cout << "Stopping.\n";
  return 0;
}

}  // namespace streamlens::cli
