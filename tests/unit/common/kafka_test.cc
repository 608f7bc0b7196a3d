// The Kafka wrapper against the embedded dev cluster over real TCP.
#include "services/common/kafka.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "services/common/dev_cluster.h"
#include "services/common/topics.h"

namespace streamlens::kafka {
namespace {

class KafkaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = DevCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = std::move(*cluster);
    ASSERT_TRUE(cluster_->CreateTopic("t", 3).ok());
    settings_.brokers = cluster_->bootstrap();
    auto producer = Producer::Create(settings_);
    ASSERT_TRUE(producer.ok()) << producer.status();
    producer_ = std::move(*producer);
  }

  std::unique_ptr<DevCluster> cluster_;
  Settings settings_;
  std::unique_ptr<Producer> producer_;
};

// Collects what a consumer loop sees, and stops it once `want` records came.
class Collector : public ConsumerLoop::Handler {
 public:
  explicit Collector(size_t want) : want_(want) {}
  absl::Status OnBatch(const std::vector<Record>& batch) override {
    if (fail_next_) {
      fail_next_ = false;
      return absl::UnavailableError("injected failure");
    }
    std::lock_guard lock(mu_);
    for (const auto& r : batch) records_.push_back(r);
    if (records_.size() >= want_ && loop_ != nullptr) loop_->Stop();
    return absl::OkStatus();
  }
  void OnAssigned(const std::vector<Assignment>& a) override { assigned_ += a.size(); }

  ConsumerLoop* loop_ = nullptr;
  bool fail_next_ = false;
  size_t assigned_ = 0;
  std::mutex mu_;
  std::vector<Record> records_;

 private:
  size_t want_;
};

TEST_F(KafkaTest, ProduceSyncReturnsWhereTheRecordLanded) {
  auto d1 = producer_->ProduceSync("t", "key-a", "v1");
  auto d2 = producer_->ProduceSync("t", "key-a", "v2");
  ASSERT_TRUE(d1.status.ok()) << d1.status;
  ASSERT_TRUE(d2.status.ok()) << d2.status;
  // Same key, same partition, consecutive offsets.
  EXPECT_EQ(d1.position.topic(), "t");
  EXPECT_EQ(d1.position.partition(), d2.position.partition());
  EXPECT_EQ(d2.position.offset(), d1.position.offset() + 1);

  std::vector<std::string> seen;
  TopicPartition tp{"t", d1.position.partition()};
  ASSERT_TRUE(ReadRange(settings_, tp, d1.position.offset(), d2.position.offset() + 1,
                        [&](const Record& r) { seen.push_back(r.key + "=" + r.value); })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"key-a=v1", "key-a=v2"}));
}

TEST_F(KafkaTest, DeliveryBatchReportsEndOffsetsPerPartition) {
  DeliveryBatch batch;
  for (int i = 0; i < 30; ++i) producer_->Produce("t", "k" + std::to_string(i), "v", batch.Track());
  ASSERT_TRUE(batch.Wait(std::chrono::seconds(10)).ok());
  int64_t total = 0;
  for (const auto& [tp, end] : batch.EndOffsets()) total += end;
  EXPECT_EQ(total, 30);  // fresh topic: end offsets sum to the record count
  auto ends = producer_->LogEnds("t", std::chrono::seconds(5));
  ASSERT_TRUE(ends.ok());
  EXPECT_EQ(*ends, batch.EndOffsets());
}

// A handed-over value is sent as it was, though the caller's string is gone
// (moved from, then out of scope) before the record is delivered.
TEST_F(KafkaTest, ProduceOwnedSendsTheHandedOverValues) {
  DeliveryBatch batch;
  std::map<std::string, std::string> sent;
  for (int i = 0; i < 40; ++i) {
    std::string key = "k" + std::to_string(i);
    std::string value(100 + i * 37, static_cast<char>('a' + i % 26));  // past the small-string size
    sent[key] = value;
    producer_->ProduceOwned("t", key, std::move(value), batch.Track());
  }
  ASSERT_TRUE(batch.Wait(std::chrono::seconds(10)).ok());
  Collector collector(40);
  auto loop = ConsumerLoop::Create({settings_, "", {"t"}}, &collector);
  ASSERT_TRUE(loop.ok()) << loop.status();
  collector.loop_ = loop->get();
  ASSERT_TRUE((*loop)->Run().ok());
  std::map<std::string, std::string> received;
  for (const auto& r : collector.records_) received[r.key] = r.value;
  EXPECT_EQ(received, sent);
}

TEST_F(KafkaTest, ProducingToAMissingTopicFailsWithAReason) {
  auto d = producer_->ProduceSync("no-such-topic", "k", "v", std::chrono::seconds(20));
  // The mock auto-creates topics like a default broker, or refuses; either
  // way the caller is told, never left waiting.
  if (!d.status.ok()) {
    EXPECT_FALSE(d.status.message().empty());
  }
}

TEST_F(KafkaTest, GroupLessLoopReadsEveryPartitionFromTheStart) {
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(producer_->ProduceSync("t", "k" + std::to_string(i), "v").status.ok());
  Collector collector(20);
  auto loop = ConsumerLoop::Create({settings_, "", {"t"}}, &collector);
  ASSERT_TRUE(loop.ok()) << loop.status();
  collector.loop_ = loop->get();
  ASSERT_TRUE((*loop)->Run().ok());
  EXPECT_EQ(collector.records_.size(), 20u);
  EXPECT_EQ(collector.assigned_, 3u);
}

TEST_F(KafkaTest, FailedBatchIsReadAgainNotSkipped) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(producer_->ProduceSync("t", "same-key", std::to_string(i)).status.ok());
  Collector collector(5);
  collector.fail_next_ = true;
  ConsumerLoop::Options options{settings_, "", {"t"}};
  options.retry_backoff = std::chrono::milliseconds(10);
  auto loop = ConsumerLoop::Create(options, &collector);
  ASSERT_TRUE(loop.ok());
  collector.loop_ = loop->get();
  ASSERT_TRUE((*loop)->Run().ok());
  ASSERT_EQ(collector.records_.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(collector.records_[i].value, std::to_string(i));
}

TEST_F(KafkaTest, GroupMemberResumesFromCommittedOffset) {
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(producer_->ProduceSync("t", "k" + std::to_string(i), "a").status.ok());
  ConsumerLoop::Options options{settings_, "g1", {"t"}};
  {
    Collector first(6);
    auto loop = ConsumerLoop::Create(options, &first);
    ASSERT_TRUE(loop.ok());
    first.loop_ = loop->get();
    ASSERT_TRUE((*loop)->Run().ok());
    EXPECT_EQ(first.records_.size(), 6u);
  }
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(producer_->ProduceSync("t", "k" + std::to_string(i), "b").status.ok());
  Collector second(4);
  auto loop = ConsumerLoop::Create(options, &second);
  ASSERT_TRUE(loop.ok());
  second.loop_ = loop->get();
  ASSERT_TRUE((*loop)->Run().ok());
  ASSERT_EQ(second.records_.size(), 4u);  // only what came after the commit
  for (const auto& r : second.records_) EXPECT_EQ(r.value, "b");
}

}  // namespace
}  // namespace streamlens::kafka
