#include "services/ingest/publisher.h"

#include <atomic>
#include <chrono>
#include <memory>

namespace streamlens::ingest {

EventPublisher::EventPublisher(kafka::Producer& producer, IngestProbe* probe, Clock clock)
    : producer_(producer), probe_(probe), clock_(std::move(clock)) {}

google::protobuf::Timestamp EventPublisher::SystemClock() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  google::protobuf::Timestamp ts;
  ts.set_seconds(ns / 1'000'000'000);
  ts.set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
  return ts;
}

absl::StatusOr<PreparedEvent> EventPublisher::Prepare(v1::PublishRequest* request) {
  const auto kind = request->event_case();
  // A request without an event (or a batch in a batch) is counted as "unknown".
  const bool known = kind == v1::PublishRequest::kNews || kind == v1::PublishRequest::kEarnings;
  const EventType type = kind == v1::PublishRequest::kNews ? EventType::kNews : EventType::kEarnings;
  if (probe_ && known) probe_->Received(type);
  auto prepared = PrepareEvent(request, clock_());
  if (!prepared.ok() && probe_) {
    probe_->Rejected(known ? std::string(EventTypeName(type)) : "unknown", RejectionReason(prepared.status()));
  }
  return prepared;
}

void EventPublisher::Publish(v1::PublishRequest* request, Done done) {
  auto prepared = Prepare(request);
  if (!prepared.ok()) {
    done(PublishResult{prepared.status(), {}, {}});
    return;
  }
  Produce(std::move(*prepared), std::move(done));
}

void EventPublisher::Delivered(EventType type, std::chrono::steady_clock::time_point start,
                               const absl::Status& status) {
  if (!probe_) return;
  if (status.ok()) {
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    probe_->Published(type, took.count());
  } else {
    probe_->DeliveryError(type);
    probe_->Rejected(std::string(EventTypeName(type)), RejectionReason(status));
  }
}

// A batch in flight: its results, filled in place as the events are
// answered, and what the metrics need of each event. Freed by the last
// answer (the producer runs each delivery callback exactly once).
struct EventPublisher::BatchState {
  struct Sent {
    EventType type = EventType::kNews;
    std::chrono::steady_clock::time_point start;
  };
  EventPublisher* publisher = nullptr;
  std::vector<PublishResult> results;
  std::vector<Sent> sent;
  // One count per event plus one for the publishing loop, so that `done`
  // cannot run before every event has been handed to the producer.
  std::atomic<size_t> remaining{0};
  BatchDone done;

  void Settle() {
    if (remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      done(std::move(results));
      delete this;
    }
  }
};

void EventPublisher::PublishBatch(v1::PublishBatch* batch, BatchDone done) {
  const size_t n = static_cast<size_t>(batch->events_size());
  auto* state = new BatchState;
  state->publisher = this;
  state->results.resize(n);
  state->sent.resize(n);
  state->remaining = n + 1;
  state->done = std::move(done);
  for (size_t i = 0; i < n; ++i) {
    PublishResult& result = state->results[i];
    auto prepared = Prepare(batch->mutable_events(static_cast<int>(i)));
    if (!prepared.ok()) {
      result.status = absl::InvalidArgumentError("events[" + std::to_string(i) + "]." +
                                                 std::string(prepared.status().message()));
      state->Settle();
      continue;
    }
    // The id and topic are known now; the delivery adds partition and offset.
    // (The callback, a pointer and an index, fits in std::function without
    // an allocation.)
    result.event_id = std::move(prepared->event_id);
    result.position.set_topic(std::string(prepared->topic));
    state->sent[i] = {prepared->type, std::chrono::steady_clock::now()};
    producer_.ProduceOwned(prepared->topic, prepared->key, std::move(prepared->value),
                           [state, i](const kafka::Delivery& d) {
                             const BatchState::Sent& sent = state->sent[i];
                             state->publisher->Delivered(sent.type, sent.start, d.status);
                             PublishResult& r = state->results[i];
                             if (d.status.ok()) {
                               r.position.set_partition(d.position.partition());
                               r.position.set_offset(d.position.offset());
                             } else {
                               r.status = d.status;
                               r.position.Clear();
                             }
                             state->Settle();
                           });
  }
  state->Settle();
}

void EventPublisher::PublishEntity(const v1::CatalogEntity& entity, Done done) {
  if (probe_) probe_->Received(EventType::kCatalog);
  auto prepared = PrepareEntity(entity);
  if (!prepared.ok()) {
    if (probe_) probe_->Rejected("catalog", RejectionReason(prepared.status()));
    done(PublishResult{prepared.status(), {}, {}});
    return;
  }
  Produce(std::move(*prepared), std::move(done));
}

void EventPublisher::PublishPrepared(PreparedEvent&& event, Done done) {
  if (probe_) probe_->Received(event.type);
  Produce(std::move(event), std::move(done));
}

void EventPublisher::Produce(PreparedEvent&& event, Done done) {
  auto start = std::chrono::steady_clock::now();
  EventType type = event.type;
  std::string id = std::move(event.event_id);
  producer_.ProduceOwned(event.topic, event.key, std::move(event.value),
                         [this, type, id = std::move(id), start, done = std::move(done)](const kafka::Delivery& d) {
                           Delivered(type, start, d.status);
                           done(PublishResult{d.status, id, d.status.ok() ? d.position : v1::Position()});
                         });
}

}  // namespace streamlens::ingest
