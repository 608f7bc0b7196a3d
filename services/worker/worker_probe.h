// WorkerProbe: the worker's metrics, declared once. Every family is
// registered in the process's MetricsRegistry under streamlens_worker_*.
#pragma once

#include <map>
#include <string>

#include "services/common/metrics.h"

namespace streamlens::worker {

struct WorkerProbe {
  explicit WorkerProbe(MetricsRegistry& metrics);

  prometheus::Counter& Records(const std::string& topic) { return records_.Add({{"topic", topic}}); }
  prometheus::Counter& DeadLetters(const std::string& stage) { return dead_letters_.Add({{"stage", stage}}); }
  prometheus::Gauge& Lag(const std::string& topic, int partition) {
    return lag_.Add({{"topic", topic}, {"partition", std::to_string(partition)}});
  }

  prometheus::Family<prometheus::Counter>& records_;
  prometheus::Family<prometheus::Counter>& dead_letters_;
  prometheus::Family<prometheus::Gauge>& lag_;
  prometheus::Counter& links_published;
  prometheus::Counter& mentions_found;
  prometheus::Counter& deltas_published;
  prometheus::Counter& prose_reports_published;
  prometheus::Counter& batches_retried;
  prometheus::Counter& retention_gaps;
  prometheus::Counter& catalog_updates;
  prometheus::Gauge& catalog_size;
  prometheus::Gauge& delta_history_size;
  prometheus::Histogram& batch_seconds;
  prometheus::Histogram& rebuild_seconds;
};

}  // namespace streamlens::worker
