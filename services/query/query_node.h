// QueryNode: one query replica. Follows the derived topics, the catalog and
// progress.v1 from Kafka, materialises the whole view in memory, and serves
// QueryService. Reports not-ready (gRPC health NOT_SERVING) until it has
// caught up with the topics as they were when it started.
//
// INTERFACE OWNED BY THE CLI (services/cli/cmd_serve.cc and cmd_up.cc start
// it). Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "services/common/kafka.h"
#include "services/common/metrics.h"

namespace streamlens::query {

class QueryNode {
 public:
  struct Options {
    kafka::Settings kafka;
    // Catalog files loaded before catalog.v1 is applied; empty for none.
    std::string catalog_dir;
  };

  // Starts following Kafka on a thread of its own. `metrics` must outlive it.
  static absl::StatusOr<std::unique_ptr<QueryNode>> Start(const Options& options, MetricsRegistry& metrics);
  ~QueryNode();  // stops following

  // The QueryService implementation to register with a gRPC server.
  grpc::Service* service();

  // True once the view has caught up with every topic's end as of Start().
  bool Ready() const;

  // Blocks until Ready() or the timeout; returns Ready().
  bool WaitReady(std::chrono::milliseconds timeout) const;

  // A short human-readable summary of the view: entity, delta and link
  // counts, and the top entities with their deltas and links (for `streamlens up`).
  std::string Summary(int max_entities) const;

 private:
  QueryNode() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streamlens::query
