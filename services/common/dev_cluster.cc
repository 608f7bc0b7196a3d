#include "services/common/dev_cluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>

#include "services/common/topics.h"

namespace streamlens {

absl::StatusOr<std::unique_ptr<DevCluster>> DevCluster::Start(int brokers) {
  std::unique_ptr<DevCluster> c(new DevCluster());
  c->brokers_ = brokers;
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  c->handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (c->handle_ == nullptr) return absl::InternalError(std::string("dev cluster: ") + err);
  c->mock_ = rd_kafka_mock_cluster_new(c->handle_, brokers);
  if (c->mock_ == nullptr) return absl::InternalError("dev cluster: cannot start mock brokers");
  c->bootstrap_ = rd_kafka_mock_cluster_bootstraps(c->mock_);
  for (const auto& t : topics::kAll) {
    if (auto s = c->CreateTopic(std::string(t.name), t.partitions); !s.ok()) return s;
  }
  return c;
}

DevCluster::~DevCluster() {
  if (mock_ != nullptr) rd_kafka_mock_cluster_destroy(mock_);
  if (handle_ != nullptr) rd_kafka_destroy(handle_);
}

absl::Status DevCluster::CreateTopic(const std::string& name, int partitions) {
  auto err = rd_kafka_mock_topic_create(mock_, name.c_str(), partitions, std::min(brokers_, 3));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::InternalError("dev cluster: create topic " + name + ": " + rd_kafka_err2str(err));
  }
  return absl::OkStatus();
}

absl::Status DevCluster::SetBrokerDown(int id, bool down) {
  auto err = down ? rd_kafka_mock_broker_set_down(mock_, id) : rd_kafka_mock_broker_set_up(mock_, id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return absl::InternalError(rd_kafka_err2str(err));
  return absl::OkStatus();
}

}  // namespace streamlens
