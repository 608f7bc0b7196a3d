// DevCluster: the embedded Kafka for development and tests.
//
// librdkafka's mock cluster speaks the real Kafka protocol on loopback TCP,
// with consumer groups, idempotent producing and offset commits, so every
// other process (kcat included) can use its bootstrap address. It is a
// development tool only: services never depend on it. It keeps at most 5 MiB
// per partition (see topics.h) and creates the Streamlens topics at start.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace streamlens {

class DevCluster {
 public:
  // Starts `brokers` mock brokers on 127.0.0.1 and creates every topic of
  // topics::kAll. The replication factor is min(brokers, 3).
  static absl::StatusOr<std::unique_ptr<DevCluster>> Start(int brokers = 1);
  ~DevCluster();

  // "127.0.0.1:port,..." for bootstrap.servers.
  const std::string& bootstrap() const { return bootstrap_; }

  // Creates one more topic.
  absl::Status CreateTopic(const std::string& name, int partitions);

  // Fault injection for tests: takes broker `id` (1-based) down or up.
  absl::Status SetBrokerDown(int id, bool down);

  rd_kafka_mock_cluster_s* mock() { return mock_; }

 private:
  DevCluster() = default;
  rd_kafka_s* handle_ = nullptr;
  rd_kafka_mock_cluster_s* mock_ = nullptr;
  int brokers_ = 1;
  std::string bootstrap_;
};

}  // namespace streamlens
