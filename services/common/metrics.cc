#include "services/common/metrics.h"

#include "prometheus/exposer.h"
#include "prometheus/text_serializer.h"

namespace streamlens {

MetricsRegistry::MetricsRegistry() : registry_(std::make_shared<prometheus::Registry>()) {}
MetricsRegistry::~MetricsRegistry() = default;

absl::StatusOr<int> MetricsRegistry::Serve(const std::string& bind_address) {
  if (exposer_) return absl::FailedPreconditionError("metrics already served");
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(bind_address, /*num_threads=*/1);
  } catch (const std::exception& e) {
    return absl::UnavailableError("cannot serve /metrics on " + bind_address + ": " + e.what());
  }
  exposer_->RegisterCollectable(registry_);
  auto ports = exposer_->GetListeningPorts();
  if (ports.empty()) return absl::UnavailableError("cannot serve /metrics on " + bind_address);
  return ports.front();
}

std::string MetricsRegistry::Scrape() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

prometheus::Histogram::BucketBoundaries MetricsRegistry::LatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

prometheus::Counter& MetricsRegistry::Counter(const std::string& name, const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(*registry_).Add({});
}

prometheus::Gauge& MetricsRegistry::Gauge(const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(*registry_).Add({});
}

prometheus::Histogram& MetricsRegistry::LatencyHistogram(const std::string& name, const std::string& help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(*registry_).Add({}, LatencyBuckets());
}

}  // namespace streamlens
