#include "services/common/kafka.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <future>
#include <set>

#include "services/common/log.h"

namespace streamlens::kafka {
namespace {

constexpr std::string_view kLog = "kafka";

absl::Status SetAll(RdKafka::Conf* conf, const std::map<std::string, std::string>& props) {
  std::string err;
  for (const auto& [k, v] : props) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
      return absl::InvalidArgumentError("kafka property " + k + "=" + v + ": " + err);
    }
  }
  return absl::OkStatus();
}

std::map<std::string, std::string> Merge(std::map<std::string, std::string> base,
                                         const std::map<std::string, std::string>& overrides) {
  for (const auto& [k, v] : overrides) base[k] = v;
  return base;
}

absl::Status FromKafka(RdKafka::ErrorCode code, std::string_view what) {
  if (code == RdKafka::ERR_NO_ERROR) return absl::OkStatus();
  std::string msg = std::string(what) + ": " + RdKafka::err2str(code);
  if (code == RdKafka::ERR__TIMED_OUT || code == RdKafka::ERR_REQUEST_TIMED_OUT || code == RdKafka::ERR__MSG_TIMED_OUT) {
    return absl::DeadlineExceededError(msg);
  }
  return absl::UnavailableError(msg);
}

Record RecordFrom(const RdKafka::Message& msg) {
  Record r;
  r.topic = msg.topic_name();
  r.partition = msg.partition();
  r.offset = msg.offset();
  if (msg.key() != nullptr) r.key = *msg.key();
  r.value.assign(static_cast<const char*>(msg.payload()), msg.len());
  r.timestamp_ms = msg.timestamp().timestamp;
  return r;
}

// Routes librdkafka's own logs and errors into our log, at a fitting level.
class EventLogger : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        if (event.err() == RdKafka::ERR__PARTITION_EOF) return;
        SL_LOG(Warn, kLog) << RdKafka::err2str(event.err()) << ": " << event.str();
        return;
      case RdKafka::Event::EVENT_LOG:
        if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_ERROR) {
          if (event.str().find("reached end of partition") != std::string::npos) return;
          SL_LOG(Warn, kLog) << event.fac() << ": " << event.str();
        } else {
          SL_LOG(Debug, kLog) << event.fac() << ": " << event.str();
        }
        return;
      default:
        return;
    }
  }
};

RdKafka::EventCb* SharedEventLogger() {
  static EventLogger logger;
  return &logger;
}

// Applies our defaults, the caller's overrides and the log routing.
absl::Status Configure(RdKafka::Conf* conf, const std::map<std::string, std::string>& props) {
  if (auto s = SetAll(conf, props); !s.ok()) return s;
  std::string err;
  conf->set("event_cb", SharedEventLogger(), err);
  return absl::OkStatus();
}

}  // namespace

v1::Position Record::position() const {
  v1::Position p;
  p.set_topic(topic);
  p.set_partition(partition);
  p.set_offset(offset);
  return p;
}

// ---------------------------------------------------------------------------
// Producer
// ---------------------------------------------------------------------------

// What a record carries through librdkafka until its delivery report: the
// callback, and the value when it was handed over (ProduceOwned).
struct PendingRecord {
  Producer::DeliveryCallback done;
  std::string value;
};

class DeliveryReporter : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<PendingRecord> pending(static_cast<PendingRecord*>(message.msg_opaque()));
    if (pending == nullptr) return;
    Delivery d;
    // The message text only for a failure (this runs once per record).
    if (message.err() != RdKafka::ERR_NO_ERROR) d.status = FromKafka(message.err(), "produce to " + message.topic_name());
    d.position.set_topic(message.topic_name());
    d.position.set_partition(message.partition());
    d.position.set_offset(message.offset());
    pending->done(d);
  }
};

absl::StatusOr<std::unique_ptr<Producer>> Producer::Create(const Settings& settings) {
  if (settings.brokers.empty()) return absl::InvalidArgumentError("kafka: no brokers given");
  std::unique_ptr<Producer> p(new Producer());
  p->reporter_ = std::make_unique<DeliveryReporter>();
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  auto props = Merge(
      {
          {"bootstrap.servers", settings.brokers},
          {"client.id", settings.client_id},
          {"enable.idempotence", "true"},
          {"acks", "all"},
          {"linger.ms", "5"},
          {"partitioner", "murmur2_random"},
          {"message.timeout.ms", "30000"},
          // Articles may be up to 1 MiB of text: leave room for the envelope.
          {"message.max.bytes", "2097152"},
      },
      settings.overrides);
  if (auto s = Configure(conf.get(), props); !s.ok()) return s;
  std::string err;
  conf->set("dr_cb", p->reporter_.get(), err);
  p->producer_.reset(RdKafka::Producer::create(conf.get(), err));
  if (!p->producer_) return absl::InvalidArgumentError("kafka producer: " + err);
  p->poller_ = std::thread([raw = p.get()] { raw->PollLoop(); });
  return p;
}

Producer::~Producer() {
  if (producer_) {
    if (producer_->flush(10'000) != RdKafka::ERR_NO_ERROR) {
      SL_LOG(Warn, kLog) << producer_->outq_len() << " records not delivered at shutdown";
    }
  }
  stopping_ = true;
  // Wake the poller now rather than at the end of its current poll (up to
  // 50 ms at every shutdown).
  if (producer_) {
    rd_kafka_queue_t* main_queue = rd_kafka_queue_get_main(producer_->c_ptr());
    rd_kafka_queue_yield(main_queue);
    rd_kafka_queue_destroy(main_queue);
  }
  if (poller_.joinable()) poller_.join();
  // Records still queued are failed by librdkafka on destroy; their callbacks
  // run from the purge below.
  if (producer_) {
    producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    producer_->poll(0);
  }
}

void Producer::PollLoop() {
  while (!stopping_) producer_->poll(50);
}

void Producer::Produce(std::string_view topic, std::string_view key, std::string_view value, DeliveryCallback done,
                       int32_t partition) {
  Enqueue(topic, key, value, RdKafka::Producer::RK_MSG_COPY, new PendingRecord{std::move(done), {}}, partition);
}

void Producer::ProduceOwned(std::string_view topic, std::string_view key, std::string&& value, DeliveryCallback done,
                            int32_t partition) {
  auto* opaque = new PendingRecord{std::move(done), std::move(value)};
  // No copy: librdkafka reads opaque->value until the delivery report, which
  // frees it with the record.
  Enqueue(topic, key, opaque->value, 0, opaque, partition);
}

void Producer::Enqueue(std::string_view topic, std::string_view key, std::string_view value, int flags,
                       PendingRecord* opaque, int32_t partition) {
  for (;;) {
    RdKafka::ErrorCode code = producer_->produce(
        std::string(topic), partition < 0 ? RdKafka::Topic::PARTITION_UA : partition, flags,
        const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0, opaque);
    if (code == RdKafka::ERR_NO_ERROR) return;
    if (code == RdKafka::ERR__QUEUE_FULL) {
      // Back-pressure: wait for deliveries to drain the local queue.
      producer_->poll(10);
      continue;
    }
    Delivery d;
    d.status = FromKafka(code, "produce to " + std::string(topic));
    opaque->done(d);
    delete opaque;
    return;
  }
}

Delivery Producer::ProduceSync(std::string_view topic, std::string_view key, std::string_view value,
                               std::chrono::milliseconds timeout) {
  auto promise = std::make_shared<std::promise<Delivery>>();
  auto future = promise->get_future();
  Produce(topic, key, value, [promise](const Delivery& d) { promise->set_value(d); });
  if (future.wait_for(timeout) != std::future_status::ready) {
    return Delivery{absl::DeadlineExceededError("produce to " + std::string(topic) + ": no acknowledgement"), {}};
  }
  return future.get();
}

absl::Status Producer::Flush(std::chrono::milliseconds timeout) {
  return FromKafka(producer_->flush(static_cast<int>(timeout.count())), "flush");
}

absl::StatusOr<int32_t> Producer::PartitionCount(std::string_view topic, std::chrono::milliseconds timeout) {
  std::string err;
  std::unique_ptr<RdKafka::Topic> t(RdKafka::Topic::create(producer_.get(), std::string(topic), nullptr, err));
  if (!t) return absl::InvalidArgumentError(err);
  RdKafka::Metadata* raw = nullptr;
  auto code = producer_->metadata(false, t.get(), &raw, static_cast<int>(timeout.count()));
  std::unique_ptr<RdKafka::Metadata> md(raw);
  if (code != RdKafka::ERR_NO_ERROR) return FromKafka(code, "metadata for " + std::string(topic));
  for (const auto* tm : *md->topics()) {
    if (tm->topic() == topic) {
      if (tm->err() != RdKafka::ERR_NO_ERROR) return FromKafka(tm->err(), "metadata for " + std::string(topic));
      return static_cast<int32_t>(tm->partitions()->size());
    }
  }
  return absl::NotFoundError("topic " + std::string(topic) + " does not exist");
}

absl::StatusOr<std::map<TopicPartition, int64_t>> Producer::LogEnds(std::string_view topic,
                                                                    std::chrono::milliseconds timeout) {
  auto count = PartitionCount(topic, timeout);
  if (!count.ok()) return count.status();
  std::map<TopicPartition, int64_t> ends;
  for (int32_t p = 0; p < *count; ++p) {
    int64_t low = 0, high = 0;
    auto code = producer_->query_watermark_offsets(std::string(topic), p, &low, &high, static_cast<int>(timeout.count()));
    if (code != RdKafka::ERR_NO_ERROR) return FromKafka(code, "watermarks of " + std::string(topic));
    ends[{std::string(topic), p}] = high;
  }
  return ends;
}

// ---------------------------------------------------------------------------
// DeliveryBatch
// ---------------------------------------------------------------------------

Producer::DeliveryCallback DeliveryBatch::Track() {
  {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  return [this](const Delivery& d) {
    std::lock_guard lock(mu_);
    if (!d.status.ok()) {
      if (first_error_.ok()) first_error_ = d.status;
    } else {
      TopicPartition tp{d.position.topic(), d.position.partition()};
      auto& end = end_offsets_[tp];
      end = std::max(end, d.position.offset() + 1);
    }
    if (--pending_ == 0) cv_.notify_all();
  };
}

absl::Status DeliveryBatch::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, timeout, [this] { return pending_ == 0; })) {
    return absl::DeadlineExceededError(std::to_string(pending_) + " records not acknowledged in time");
  }
  return first_error_;
}

std::map<TopicPartition, int64_t> DeliveryBatch::EndOffsets() const {
  std::lock_guard lock(mu_);
  return end_offsets_;
}

// ---------------------------------------------------------------------------
// ConsumerLoop
// ---------------------------------------------------------------------------

class RebalanceHandler : public RdKafka::RebalanceCb {
 public:
  explicit RebalanceHandler(ConsumerLoop* loop) : loop_(loop) {}
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      // Resume from the committed offset, or the log start when none.
      consumer->committed(partitions, 10'000);
      std::vector<Assignment> assignments;
      for (auto* p : partitions) {
        Assignment a;
        a.partition = {p->topic(), p->partition()};
        int64_t low = 0, high = 0;
        consumer->query_watermark_offsets(p->topic(), p->partition(), &low, &high, 10'000);
        a.log_start = low;
        a.log_end = high;
        a.start_offset = p->offset() >= 0 ? p->offset() : 0;
        if (a.start_offset < low) {
          loop_->handler_->OnRetentionGap(a.partition, a.start_offset, low);
          a.start_offset = low;
        }
        p->set_offset(a.start_offset);
        assignments.push_back(a);
      }
      loop_->HandleAssign(assignments);
      consumer->assign(partitions);
    } else {
      std::vector<TopicPartition> revoked;
      for (auto* p : partitions) revoked.push_back({p->topic(), p->partition()});
      loop_->HandleRevoke(revoked);
      consumer->unassign();
    }
  }

 private:
  ConsumerLoop* loop_;
};

absl::StatusOr<std::unique_ptr<ConsumerLoop>> ConsumerLoop::Create(Options options, Handler* handler) {
  if (options.settings.brokers.empty()) return absl::InvalidArgumentError("kafka: no brokers given");
  if (options.topics.empty()) return absl::InvalidArgumentError("kafka consumer: no topics");
  std::unique_ptr<ConsumerLoop> loop(new ConsumerLoop());
  loop->options_ = std::move(options);
  loop->handler_ = handler;
  loop->rebalance_ = std::make_unique<RebalanceHandler>(loop.get());
  const bool grouped = !loop->options_.group_id.empty();
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  auto props = Merge(
      {
          {"bootstrap.servers", loop->options_.settings.brokers},
          {"client.id", loop->options_.settings.client_id},
          // A group-less reader still needs a group id for the API; it never joins it.
          {"group.id", grouped ? loop->options_.group_id : "streamlens-reader"},
          {"enable.auto.commit", "false"},
          {"enable.auto.offset.store", "false"},
          {"auto.offset.reset", "earliest"},
          {"enable.partition.eof", "true"},
          {"session.timeout.ms", "10000"},
          {"heartbeat.interval.ms", "1000"},
          {"fetch.wait.max.ms", "10"},
          {"topic.metadata.refresh.interval.ms", "10000"},
      },
      loop->options_.settings.overrides);
  if (auto s = Configure(conf.get(), props); !s.ok()) return s;
  std::string err;
  if (grouped) conf->set("rebalance_cb", loop->rebalance_.get(), err);
  loop->consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!loop->consumer_) return absl::InvalidArgumentError("kafka consumer: " + err);
  if (grouped) {
    auto code = loop->consumer_->subscribe(loop->options_.topics);
    if (code != RdKafka::ERR_NO_ERROR) return FromKafka(code, "subscribe");
  } else if (auto s = loop->AssignAllPartitions(); !s.ok()) {
    return s;
  }
  return loop;
}

ConsumerLoop::~ConsumerLoop() {
  if (consumer_) consumer_->close();
}

absl::Status ConsumerLoop::AssignAllPartitions() {
  std::vector<Assignment> assignments;
  std::vector<RdKafka::TopicPartition*> parts;
  for (const auto& topic : options_.topics) {
    std::string err;
    std::unique_ptr<RdKafka::Topic> t(RdKafka::Topic::create(consumer_.get(), topic, nullptr, err));
    RdKafka::Metadata* raw = nullptr;
    absl::Status last;
    // Metadata can lag topic creation for a moment: retry briefly.
    for (int attempt = 0; attempt < 50; ++attempt) {
      auto code = consumer_->metadata(false, t.get(), &raw, 5000);
      std::unique_ptr<RdKafka::Metadata> md(raw);
      raw = nullptr;
      last = FromKafka(code, "metadata for " + topic);
      if (!last.ok()) continue;
      const RdKafka::TopicMetadata* tm = md->topics()->empty() ? nullptr : md->topics()->front();
      if (tm == nullptr || tm->err() != RdKafka::ERR_NO_ERROR || tm->partitions()->empty()) {
        last = absl::NotFoundError("topic " + topic + " does not exist");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // retry back-off, not a wait for a condition
        continue;
      }
      for (const auto* pm : *tm->partitions()) {
        Assignment a;
        a.partition = {topic, pm->id()};
        int64_t low = 0, high = 0;
        consumer_->query_watermark_offsets(topic, pm->id(), &low, &high, 10'000);
        a.log_start = low;
        a.log_end = high;
        a.start_offset = low;
        if (low > 0) handler_->OnRetentionGap(a.partition, 0, low);
        assignments.push_back(a);
        parts.push_back(RdKafka::TopicPartition::create(topic, pm->id(), low));
      }
      break;
    }
    if (!last.ok()) return last;
  }
  HandleAssign(assignments);
  auto code = consumer_->assign(parts);
  for (auto* p : parts) delete p;
  return FromKafka(code, "assign");
}

void ConsumerLoop::HandleAssign(std::vector<Assignment> assignments) {
  handler_->OnAssigned(assignments);
  std::lock_guard lock(mu_);
  positions_.clear();
  log_ends_.clear();
  for (const auto& a : assignments) {
    positions_[a.partition] = a.start_offset;
    log_ends_[a.partition] = a.log_end;
  }
  caught_up_reported_ = false;
}

void ConsumerLoop::HandleRevoke(const std::vector<TopicPartition>& partitions) {
  handler_->OnRevoked(partitions);
  std::lock_guard lock(mu_);
  for (const auto& p : partitions) {
    positions_.erase(p);
    log_ends_.erase(p);
  }
}

void ConsumerLoop::RefreshCaughtUp() {
  bool caught_up;
  {
    std::lock_guard lock(mu_);
    if (caught_up_reported_ || positions_.empty()) return;
    caught_up = true;
    for (const auto& [tp, pos] : positions_) {
      if (pos < log_ends_[tp]) caught_up = false;
    }
    if (caught_up) caught_up_reported_ = true;
  }
  if (caught_up) handler_->OnCaughtUp();
}

absl::Status ConsumerLoop::Run() {
  const bool grouped = !options_.group_id.empty();
  std::vector<Record> batch;
  while (!stop_) {
    batch.clear();
    // Block for the first record, then take what is already buffered.
    auto timeout = options_.poll_timeout;
    while (batch.size() < options_.max_batch) {
      std::unique_ptr<RdKafka::Message> msg(consumer_->consume(static_cast<int>(timeout.count())));
      timeout = std::chrono::milliseconds(0);
      if (msg->err() == RdKafka::ERR__TIMED_OUT) break;
      if (msg->err() == RdKafka::ERR__PARTITION_EOF) {
        std::lock_guard lock(mu_);
        TopicPartition tp{msg->topic_name(), msg->partition()};
        log_ends_[tp] = std::max(log_ends_[tp], msg->offset());
        continue;
      }
      if (msg->err() != RdKafka::ERR_NO_ERROR) {
        SL_LOG(Warn, kLog) << "consume: " << msg->errstr();
        break;
      }
      batch.push_back(RecordFrom(*msg));
    }
    if (batch.empty()) {
      RefreshCaughtUp();
      continue;
    }
    absl::Status s = handler_->OnBatch(batch);
    if (!s.ok()) {
      // Re-read the batch after a back-off: nothing is committed or skipped.
      SL_LOG(Warn, kLog) << "batch of " << batch.size() << " failed, retrying: " << s.message();
      std::map<TopicPartition, int64_t> first;
      for (const auto& r : batch) first.try_emplace({r.topic, r.partition}, r.offset);
      for (const auto& [tp, off] : first) {
        std::unique_ptr<RdKafka::TopicPartition> p(RdKafka::TopicPartition::create(tp.topic, tp.partition, off));
        consumer_->seek(*p, 5000);
      }
      // Back off in short slices so Stop() stays prompt; librdkafka keeps
      // the group session alive from its own threads meanwhile.
      auto until = std::chrono::steady_clock::now() + options_.retry_backoff;
      while (!stop_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      continue;
    }
    std::map<TopicPartition, int64_t> next;
    for (const auto& r : batch) next[{r.topic, r.partition}] = r.offset + 1;
    {
      std::lock_guard lock(mu_);
      for (const auto& [tp, off] : next) {
        if (positions_.count(tp)) positions_[tp] = off;
      }
    }
    if (grouped) {
      std::vector<RdKafka::TopicPartition*> offsets;
      for (const auto& [tp, off] : next) offsets.push_back(RdKafka::TopicPartition::create(tp.topic, tp.partition, off));
      auto code = consumer_->commitSync(offsets);
      for (auto* p : offsets) delete p;
      if (code != RdKafka::ERR_NO_ERROR) {
        // Outputs are already acknowledged; a failed commit only means this
        // batch may be processed again, which deterministic ids make harmless.
        SL_LOG(Warn, kLog) << "commit failed: " << RdKafka::err2str(code);
      }
    }
    RefreshCaughtUp();
  }
  return absl::OkStatus();
}

void ConsumerLoop::Stop() { stop_ = true; }

std::map<TopicPartition, int64_t> ConsumerLoop::Positions() const {
  std::lock_guard lock(mu_);
  return positions_;
}

std::map<TopicPartition, int64_t> ConsumerLoop::Lag() const {
  std::lock_guard lock(mu_);
  std::map<TopicPartition, int64_t> lag;
  for (const auto& [tp, pos] : positions_) {
    auto it = log_ends_.find(tp);
    lag[tp] = it == log_ends_.end() ? 0 : std::max<int64_t>(0, it->second - pos);
  }
  return lag;
}

// ---------------------------------------------------------------------------
// ReadRange
// ---------------------------------------------------------------------------

absl::Status ReadRange(const Settings& settings, const TopicPartition& partition, int64_t from, int64_t to,
                       const std::function<void(const Record&)>& fn, std::chrono::milliseconds timeout) {
  if (from >= to) return absl::OkStatus();
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  auto props = Merge(
      {
          {"bootstrap.servers", settings.brokers},
          {"client.id", settings.client_id + "-replay"},
          {"group.id", "streamlens-replay"},
          {"enable.auto.commit", "false"},
          {"auto.offset.reset", "earliest"},
          {"fetch.wait.max.ms", "10"},
      },
      settings.overrides);
  if (auto s = Configure(conf.get(), props); !s.ok()) return s;
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!consumer) return absl::InvalidArgumentError("kafka replay consumer: " + err);
  std::unique_ptr<RdKafka::TopicPartition> tp(
      RdKafka::TopicPartition::create(partition.topic, partition.partition, from));
  std::vector<RdKafka::TopicPartition*> parts = {tp.get()};
  if (auto code = consumer->assign(parts); code != RdKafka::ERR_NO_ERROR) return FromKafka(code, "assign");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int64_t next = from;
  absl::Status result;
  while (next < to) {
    if (std::chrono::steady_clock::now() > deadline) {
      result = absl::DeadlineExceededError("replay of " + partition.topic + "/" + std::to_string(partition.partition) +
                                           " stopped at " + std::to_string(next) + " of " + std::to_string(to));
      break;
    }
    std::unique_ptr<RdKafka::Message> msg(consumer->consume(100));
    if (msg->err() == RdKafka::ERR__TIMED_OUT || msg->err() == RdKafka::ERR__PARTITION_EOF) continue;
    if (msg->err() != RdKafka::ERR_NO_ERROR) {
      SL_LOG(Warn, kLog) << "replay: " << msg->errstr();
      continue;
    }
    if (msg->offset() >= to) break;
    fn(RecordFrom(*msg));
    next = msg->offset() + 1;
  }
  consumer->close();
  return result;
}

}  // namespace streamlens::kafka
