// Metrics: the one Prometheus registry and /metrics endpoint per process.
//
// Components receive the registry and declare their own metric families in a
// small "probe" struct (see e.g. services/worker/worker_probe.h). All metric
// names start with "streamlens_". Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace prometheus {
class Exposer;
}

namespace streamlens {

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();

  prometheus::Registry& registry() { return *registry_; }

  // Serves /metrics on `bind_address` ("0.0.0.0:9464"; port 0 picks a free
  // port). Returns the bound port.
  absl::StatusOr<int> Serve(const std::string& bind_address);

  // The text exposition of every metric, as /metrics serves it.
  std::string Scrape() const;

  // Latency buckets in seconds, 100 µs to 10 s.
  static prometheus::Histogram::BucketBoundaries LatencyBuckets();

  // One-line declarations for probes: a new family and its unlabelled metric.
  prometheus::Counter& Counter(const std::string& name, const std::string& help);
  prometheus::Gauge& Gauge(const std::string& name, const std::string& help);
  prometheus::Histogram& LatencyHistogram(const std::string& name, const std::string& help);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace streamlens
