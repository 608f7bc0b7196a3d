#include "services/ingest/publisher.h"

#include <chrono>

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
  std::string type = kind == v1::PublishRequest::kNews       ? "news"
                     : kind == v1::PublishRequest::kEarnings ? "earnings"
                                                             : "unknown";
  if (probe_ && kind != v1::PublishRequest::EVENT_NOT_SET) {
    probe_->Received(kind == v1::PublishRequest::kNews ? EventType::kNews : EventType::kEarnings);
  }
  auto prepared = PrepareEvent(std::move(request), clock_());
  if (!prepared.ok()) {
    if (probe_) probe_->Rejected(type, RejectionReason(prepared.status()));
    done(PublishResult{prepared.status(), {}, {}});
    return;
  }
  Produce(std::move(*prepared), std::move(done));
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

void EventPublisher::Produce(PreparedEvent&& event, Done done) {
  auto start = std::chrono::steady_clock::now();
  EventType type = event.type;
  std::string id = event.event_id;
  producer_.Produce(event.topic, event.key, event.value,
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
