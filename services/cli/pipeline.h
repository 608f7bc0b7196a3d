// Pipeline: composes the services in one process. `streamlens up` runs every
// role (on the embedded dev cluster unless brokers are given); `streamlens
// serve ROLE` runs one role against a real Kafka. This is the only place
// where services meet outside Kafka: cli/ composes, services never include
// each other.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/config.h"

namespace streamlens::cli {

enum class Role { kIngest, kWorker, kQuery };

struct PipelineOptions {
  std::set<Role> roles;
  std::string brokers;  // empty: start the embedded dev cluster
  std::string ingest_address = "0.0.0.0:50051";
  std::string query_address = "0.0.0.0:50052";
  std::string metrics_address = "0.0.0.0:9464";
  int workers = 1;
  std::string group_id = "streamlens-workers";
  std::string worker_id;
  std::string catalog_dir;  // empty: no shipped catalog
};

// Options shared by `up` and `serve`, and how to read them.
std::vector<Option> PipelineFlags();
PipelineOptions PipelineOptionsFrom(const Config& config);

class Pipeline {
 public:
  static absl::StatusOr<std::unique_ptr<Pipeline>> Start(const PipelineOptions& options);
  ~Pipeline();  // stops every role

  const std::string& brokers() const;
  int ingest_port() const;   // 0 when not running
  int query_port() const;    // 0 when not running
  int metrics_port() const;
  // Blocks until the query role's view has caught up (true), or the timeout.
  bool WaitQueryReady(std::chrono::milliseconds timeout) const;
  // The query view's summary ("" without the query role).
  std::string Summary(int max_entities) const;

 private:
  Pipeline() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGINT and SIGTERM in the calling thread (call before starting
// threads, so they inherit the mask), and waits for one.
void BlockStopSignals();
int WaitForStopSignal();

}  // namespace streamlens::cli
