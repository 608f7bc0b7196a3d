// Kafka: the one producer and the one consumer loop every service uses.
//
// Producer: idempotent, acks=all, murmur2 partitioner (the same key lands on
// the same partition as with the Java client). Produce() is asynchronous; the
// delivery callback runs once per record on the producer's own thread.
//
// ConsumerLoop: either a consumer-group member (workers: partitions shared
// among replicas, offsets committed only after a batch's outputs are
// acknowledged) or a group-less reader of every partition from the beginning
// (query replicas). A batch that fails is retried from its first offset, so
// delivery is at least once and never lossy.
//
// Nothing here depends on the dev cluster: the same code runs on real Kafka.
#pragma once

#include <atomic>
#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace RdKafka {
class Producer;
class KafkaConsumer;
}  // namespace RdKafka

namespace streamlens::kafka {

// Connection settings shared by producers and consumers.
struct Settings {
  std::string brokers;                           // "host:port,host:port"
  std::string client_id = "streamlens";
  std::map<std::string, std::string> overrides;  // any librdkafka property
};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

// One consumed record.
struct Record {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  int64_t timestamp_ms = 0;

  v1::Position position() const;
};

struct PendingRecord;  // a record in flight (kafka.cc)

// The outcome of producing one record.
struct Delivery {
  absl::Status status;
  v1::Position position;  // valid when status is OK
};

class Producer {
 public:
  using DeliveryCallback = std::function<void(const Delivery&)>;

  static absl::StatusOr<std::unique_ptr<Producer>> Create(const Settings& settings);
  ~Producer();  // flushes for up to 10 s, then drops what is left (and reports it)

  // Enqueues a record; `done` runs exactly once. `partition` -1 lets the
  // partitioner choose from the key.
  void Produce(std::string_view topic, std::string_view key, std::string_view value, DeliveryCallback done,
               int32_t partition = -1);

  // As Produce, but the record's value is handed over instead of copied:
  // librdkafka sends from `value` itself, which lives until `done` has run.
  void ProduceOwned(std::string_view topic, std::string_view key, std::string&& value, DeliveryCallback done,
                    int32_t partition = -1);

  // Produces and waits for the acknowledgement.
  Delivery ProduceSync(std::string_view topic, std::string_view key, std::string_view value,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Waits until every enqueued record is acknowledged or failed.
  absl::Status Flush(std::chrono::milliseconds timeout);

  // Number of partitions of `topic`, from cluster metadata.
  absl::StatusOr<int32_t> PartitionCount(std::string_view topic, std::chrono::milliseconds timeout);

  // The log end (next offset to be written) of every partition of `topic`.
  absl::StatusOr<std::map<TopicPartition, int64_t>> LogEnds(std::string_view topic, std::chrono::milliseconds timeout);

 private:
  Producer() = default;
  void PollLoop();
  // Enqueues `opaque` (owned from then on by the delivery report); `flags`
  // is RK_MSG_COPY for a borrowed value, 0 for one that `opaque` keeps.
  void Enqueue(std::string_view topic, std::string_view key, std::string_view value, int flags,
               PendingRecord* opaque, int32_t partition);

  std::unique_ptr<RdKafka::Producer> producer_;
  std::unique_ptr<class DeliveryReporter> reporter_;
  std::atomic<bool> stopping_{false};
  std::thread poller_;
};

// Collects the deliveries of a group of records so a caller can wait for all
// of them, then learn the highest offset written per partition.
class DeliveryBatch {
 public:
  // A callback to pass to Producer::Produce for one record of this batch.
  Producer::DeliveryCallback Track();
  // Waits for every tracked record; the first failure, or DEADLINE_EXCEEDED.
  absl::Status Wait(std::chrono::milliseconds timeout);
  // For each partition written: one past the highest offset acknowledged.
  std::map<TopicPartition, int64_t> EndOffsets() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int pending_ = 0;
  absl::Status first_error_;
  std::map<TopicPartition, int64_t> end_offsets_;
};

// A partition handed to this consumer, and where reading resumes.
struct Assignment {
  TopicPartition partition;
  int64_t start_offset = 0;  // the committed offset, or the log start
  int64_t log_start = 0;     // low watermark when assigned
  int64_t log_end = 0;       // high watermark when assigned
};

class ConsumerLoop {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    // Runs before any record of these partitions reaches OnBatch (e.g. to
    // rebuild state by replaying a partition up to `start_offset`).
    virtual void OnAssigned(const std::vector<Assignment>& assignments) {}
    // The partitions are no longer this consumer's; drop their state.
    virtual void OnRevoked(const std::vector<TopicPartition>& partitions) {}
    // Processes records (ordered per partition). Returning OK commits them
    // (group mode); an error makes the loop re-read them after a back-off.
    virtual absl::Status OnBatch(const std::vector<Record>& batch) = 0;
    // Records this consumer needed were deleted by retention before it read
    // them: `wanted` is where it had to start, `log_start` where the log now
    // begins. Reading goes on from `log_start`.
    virtual void OnRetentionGap(const TopicPartition& partition, int64_t wanted, int64_t log_start) {}
    // Every assigned partition was read up to its end at least once since the
    // last assignment (the consumer has caught up).
    virtual void OnCaughtUp() {}
  };

  struct Options {
    Settings settings;
    // Consumer group; empty reads every partition of `topics` from the
    // beginning without a group and commits nothing.
    std::string group_id;
    std::vector<std::string> topics;
    size_t max_batch = 500;
    std::chrono::milliseconds poll_timeout{50};
    std::chrono::milliseconds retry_backoff{500};
  };

  static absl::StatusOr<std::unique_ptr<ConsumerLoop>> Create(Options options, Handler* handler);
  ~ConsumerLoop();

  // Reads and dispatches until Stop(). Returns OK when stopped.
  absl::Status Run();
  // Asks Run() to return; safe from any thread.
  void Stop();

  // Next offset to read per assigned partition (what has been dispatched).
  std::map<TopicPartition, int64_t> Positions() const;
  // Lag per assigned partition (log end minus position), refreshed on each poll.
  std::map<TopicPartition, int64_t> Lag() const;

 private:
  friend class RebalanceHandler;
  ConsumerLoop() = default;
  void HandleAssign(std::vector<Assignment> assignments);
  void HandleRevoke(const std::vector<TopicPartition>& partitions);
  void RefreshCaughtUp();
  absl::Status AssignAllPartitions();

  Options options_;
  Handler* handler_ = nullptr;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<class RebalanceHandler> rebalance_;
  std::atomic<bool> stop_{false};
  bool caught_up_reported_ = false;
  mutable std::mutex mu_;
  std::map<TopicPartition, int64_t> positions_;  // guarded by mu_
  std::map<TopicPartition, int64_t> log_ends_;   // guarded by mu_
};

// Reads one partition from `from` up to (not including) `to`, calling `fn` for
// each record, without joining any group. Used by workers to rebuild state.
absl::Status ReadRange(const Settings& settings, const TopicPartition& partition, int64_t from, int64_t to,
                       const std::function<void(const Record&)>& fn,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace streamlens::kafka
