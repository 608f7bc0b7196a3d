#include "services/worker/worker_probe.h"

#include "services/common/metrics.h"

namespace streamlens::worker {
namespace {

prometheus::Counter& Counter(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r).Add({});
}

prometheus::Gauge& Gauge(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(r).Add({});
}

}  // namespace

WorkerProbe::WorkerProbe(prometheus::Registry& r)
    : records_(prometheus::BuildCounter()
                   .Name("streamlens_worker_records_total")
                   .Help("Source records processed, by topic")
                   .Register(r)),
      dead_letters_(prometheus::BuildCounter()
                        .Name("streamlens_worker_dead_letters_total")
                        .Help("Records sent to deadletter.v1, by failing stage")
                        .Register(r)),
      lag_(prometheus::BuildGauge()
               .Name("streamlens_worker_consumer_lag")
               .Help("Records behind the log end, per assigned partition")
               .Register(r)),
      links_published(Counter(r, "streamlens_worker_links_published_total", "EntityLink records published")),
      mentions_found(Counter(r, "streamlens_worker_mentions_total", "Entity mentions found in articles")),
      deltas_published(Counter(r, "streamlens_worker_deltas_published_total", "MetricDelta records published")),
      prose_reports_published(Counter(r, "streamlens_worker_prose_reports_total",
                                      "Earnings reports read from article prose and republished")),
      batches_retried(Counter(r, "streamlens_worker_batches_retried_total",
                              "Batches re-read because an output was not acknowledged")),
      retention_gaps(Counter(r, "streamlens_worker_retention_gaps_total",
                             "Partitions whose log start had passed the offset the worker needed")),
      catalog_updates(Counter(r, "streamlens_worker_catalog_updates_total", "Catalog records applied from catalog.v1")),
      catalog_size(Gauge(r, "streamlens_worker_catalog_entities", "Entities in the worker's catalog")),
      delta_history_size(Gauge(r, "streamlens_worker_delta_history_values",
                               "Values held in the delta history of assigned partitions")),
      batch_seconds(prometheus::BuildHistogram()
                        .Name("streamlens_worker_batch_seconds")
                        .Help("Time to process a batch, outputs acknowledged")
                        .Register(r)
                        .Add({}, MetricsRegistry::LatencyBuckets())),
      rebuild_seconds(prometheus::BuildHistogram()
                          .Name("streamlens_worker_rebuild_seconds")
                          .Help("Time to rebuild delta history after an assignment")
                          .Register(r)
                          .Add({}, MetricsRegistry::LatencyBuckets())) {}

}  // namespace streamlens::worker
