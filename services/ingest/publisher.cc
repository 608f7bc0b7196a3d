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

void EventPublisher::Publish(v1::PublishRequest request, Done done) {
  const auto kind = request.event_case();
  // A request without an event (or a batch in a batch) is counted as "unknown".
  const bool known = kind == v1::PublishRequest::kNews || kind == v1::PublishRequest::kEarnings;
  const EventType type = kind == v1::PublishRequest::kNews ? EventType::kNews : EventType::kEarnings;
  if (probe_ && known) probe_->Received(type);
  auto prepared = PrepareEvent(std::move(request), clock_());
  if (!prepared.ok()) {
    if (probe_) {
      probe_->Rejected(known ? std::string(EventTypeName(type)) : "unknown", RejectionReason(prepared.status()));
    }
    done(PublishResult{prepared.status(), {}, {}});
    return;
  }
  Produce(std::move(*prepared), std::move(done));
}

void EventPublisher::PublishBatch(v1::PublishBatch batch, BatchDone done) {
  struct State {
    std::vector<PublishResult> results;
    std::atomic<size_t> remaining;
    BatchDone done;
  };
  const int n = batch.events_size();
  auto state = std::make_shared<State>();
  state->results.resize(static_cast<size_t>(n));
  // One count per event plus one for this loop, so that `done` cannot run
  // before every event has been handed to the producer.
  state->remaining = static_cast<size_t>(n) + 1;
  state->done = std::move(done);
  auto settle = [](State& s) {
    if (s.remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) s.done(std::move(s.results));
  };
  for (int i = 0; i < n; ++i) {
    Publish(std::move(*batch.mutable_events(i)), [state, i, settle](PublishResult r) {
      if (r.status.code() == absl::StatusCode::kInvalidArgument) {
        r.status = absl::InvalidArgumentError("events[" + std::to_string(i) + "]." + std::string(r.status.message()));
      }
      state->results[static_cast<size_t>(i)] = std::move(r);
      settle(*state);
    });
  }
  settle(*state);
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
                      if (probe_) {
                        if (d.status.ok()) {
                          std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                          probe_->Published(type, took.count());
                        } else {
                          probe_->DeliveryError(type);
                          probe_->Rejected(std::string(EventTypeName(type)), RejectionReason(d.status));
                        }
                      }
                      done(PublishResult{d.status, id, d.status.ok() ? d.position : v1::Position()});
                    });
}

}  // namespace streamlens::ingest
