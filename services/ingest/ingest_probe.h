// IngestProbe: the ingest side's metrics, declared once here and registered
// in the process's MetricsRegistry (names prefixed streamlens_ingest_):
//   streamlens_ingest_events_received_total{type}
//   streamlens_ingest_events_published_total{type}
//   streamlens_ingest_events_rejected_total{type, reason}   reason: field path or status code
//   streamlens_ingest_publish_latency_seconds{type}          enqueue to Kafka acknowledgement
//   streamlens_ingest_kafka_delivery_errors_total{type}
// Several probes on one registry share the same series. Thread-safe.
#pragma once

#include <array>
#include <string>

#include "services/common/metrics.h"
#include "services/ingest/validate.h"

namespace streamlens::ingest {

class IngestProbe {
 public:
  explicit IngestProbe(MetricsRegistry& metrics);

  void Received(EventType type);
  void Published(EventType type, double seconds);
  // `type` is "unknown" when the request held no event, "batch" for a batch
  // refused as a whole.
  void Rejected(const std::string& type, const std::string& reason);
  void DeliveryError(EventType type);

 private:
  static size_t Index(EventType type) { return static_cast<size_t>(type); }

  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& published_;
  prometheus::Family<prometheus::Counter>& rejected_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Family<prometheus::Counter>& delivery_errors_;
  // Series per event type, resolved once (news, earnings, catalog).
  std::array<prometheus::Counter*, 3> received_by_type_{};
  std::array<prometheus::Counter*, 3> published_by_type_{};
  std::array<prometheus::Histogram*, 3> latency_by_type_{};
  std::array<prometheus::Counter*, 3> delivery_errors_by_type_{};
};

}  // namespace streamlens::ingest
