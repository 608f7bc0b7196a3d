// Worker: the Kafka side of entity links and metric deltas. The only file of
// services/worker that knows Kafka; the logic lives in links/ and deltas/.
//
// Every replica joins one consumer group on news.v1 and earnings.v1, so any
// replica can take any partition. For each batch it links articles
// (entity-links.v1), republishes figures stated in prose as earnings
// (earnings.v1), publishes the ticker-marked companies the catalog lacks
// (catalog.v1), computes deltas (metric-deltas.v1), sends what it cannot
// process to deadletter.v1 with the reason, waits for every output to be
// acknowledged, publishes a Progress record (progress.v1) and only then
// commits its offsets. Deterministic ids make a replayed batch harmless.
//
// On assignment of an earnings.v1 partition the worker replays it from the
// log start up to the committed offset to rebuild the delta history; the
// catalog is followed from catalog.v1 by every replica (not shared).
// Thread-safe: Run() on one thread, Stop() from any.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/kafka.h"
#include "services/common/metrics.h"

namespace streamlens::worker {

class Worker {
 public:
  struct Options {
    kafka::Settings kafka;
    std::string group_id = "streamlens-workers";
    // Unique per replica; written into Progress and DeadLetter records.
    std::string worker_id;
    // Catalog files loaded before catalog.v1 is followed; empty for none.
    std::string catalog_dir;
    size_t max_batch = 500;
  };

  static absl::StatusOr<std::unique_ptr<Worker>> Create(const Options& options, MetricsRegistry& metrics);
  ~Worker();

  // Consumes until Stop(). Returns OK when stopped.
  absl::Status Run();
  void Stop();

 private:
  Worker() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streamlens::worker
