#include "services/ingest/ingest_probe.h"

namespace streamlens::ingest {

IngestProbe::IngestProbe(MetricsRegistry& metrics)
    : received_(prometheus::BuildCounter()
                    .Name("streamlens_ingest_events_received_total")
                    .Help("Events received for publishing, by type")
                    .Register(metrics.registry())),
      published_(prometheus::BuildCounter()
                     .Name("streamlens_ingest_events_published_total")
                     .Help("Events acknowledged by Kafka, by type")
                     .Register(metrics.registry())),
      rejected_(prometheus::BuildCounter()
                    .Name("streamlens_ingest_events_rejected_total")
                    .Help("Events not published, by type and reason (the invalid field, or the Kafka status)")
                    .Register(metrics.registry())),
      latency_(prometheus::BuildHistogram()
                   .Name("streamlens_ingest_publish_latency_seconds")
                   .Help("Time from accepting an event to its Kafka acknowledgement")
                   .Register(metrics.registry())),
      delivery_errors_(prometheus::BuildCounter()
                           .Name("streamlens_ingest_kafka_delivery_errors_total")
                           .Help("Records Kafka failed to acknowledge, by type")
                           .Register(metrics.registry())) {
  for (EventType t : {EventType::kNews, EventType::kEarnings, EventType::kCatalog}) {
    std::map<std::string, std::string> labels{{"type", std::string(EventTypeName(t))}};
    received_by_type_[Index(t)] = &received_.Add(labels);
    published_by_type_[Index(t)] = &published_.Add(labels);
    latency_by_type_[Index(t)] = &latency_.Add(labels, MetricsRegistry::LatencyBuckets());
    delivery_errors_by_type_[Index(t)] = &delivery_errors_.Add(labels);
  }
}

void IngestProbe::Received(EventType type) { received_by_type_[Index(type)]->Increment(); }

void IngestProbe::Published(EventType type, double seconds) {
  published_by_type_[Index(type)]->Increment();
  latency_by_type_[Index(type)]->Observe(seconds);
}

void IngestProbe::Rejected(const std::string& type, const std::string& reason) {
  rejected_.Add({{"type", type}, {"reason", reason}}).Increment();
}

void IngestProbe::DeliveryError(EventType type) { delivery_errors_by_type_[Index(type)]->Increment(); }

}  // namespace streamlens::ingest
