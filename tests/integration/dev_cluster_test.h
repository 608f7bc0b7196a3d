// DevClusterTest: the fixture integration tests share — a fresh embedded
// Kafka (librdkafka's mock cluster over loopback TCP) per test, its
// connection settings, and a producer to feed it.
#pragma once

#include <gtest/gtest.h>

#include <google/protobuf/message.h>

#include "services/common/dev_cluster.h"
#include "services/common/kafka.h"

namespace streamlens {

class DevClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = DevCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = std::move(*cluster);
    settings_.brokers = cluster_->bootstrap();
    auto producer = kafka::Producer::Create(settings_);
    ASSERT_TRUE(producer.ok()) << producer.status();
    producer_ = std::move(*producer);
  }

  // Produces `value` and waits for the acknowledgement; returns where it landed.
  v1::Position Produce(std::string_view topic, const std::string& key, const std::string& value) {
    auto d = producer_->ProduceSync(topic, key, value);
    EXPECT_TRUE(d.status.ok()) << d.status;
    return d.position;
  }
  v1::Position Produce(std::string_view topic, const std::string& key, const google::protobuf::Message& m) {
    return Produce(topic, key, m.SerializeAsString());
  }

  std::unique_ptr<DevCluster> cluster_;
  kafka::Settings settings_;
  std::unique_ptr<kafka::Producer> producer_;
};

}  // namespace streamlens
