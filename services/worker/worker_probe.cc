#include "services/worker/worker_probe.h"

namespace streamlens::worker {

WorkerProbe::WorkerProbe(MetricsRegistry& m)
    : records_(prometheus::BuildCounter()
                   .Name("streamlens_worker_records_total")
                   .Help("Source records processed, by topic")
                   .Register(m.registry())),
      dead_letters_(prometheus::BuildCounter()
                        .Name("streamlens_worker_dead_letters_total")
                        .Help("Records sent to deadletter.v1, by failing stage")
                        .Register(m.registry())),
      lag_(prometheus::BuildGauge()
               .Name("streamlens_worker_consumer_lag")
               .Help("Records behind the log end, per assigned partition")
               .Register(m.registry())),
      links_published(m.Counter("streamlens_worker_links_published_total", "EntityLink records published")),
      mentions_found(m.Counter("streamlens_worker_mentions_total", "Entity mentions found in articles")),
      deltas_published(m.Counter("streamlens_worker_deltas_published_total", "MetricDelta records published")),
      prose_reports_published(m.Counter("streamlens_worker_prose_reports_total",
                                        "Earnings reports read from article prose and republished")),
      batches_retried(m.Counter("streamlens_worker_batches_retried_total",
                                "Batches re-read because an output was not acknowledged")),
      retention_gaps(m.Counter("streamlens_worker_retention_gaps_total",
                               "Partitions whose log start had passed the offset the worker needed")),
      catalog_updates(m.Counter("streamlens_worker_catalog_updates_total", "Catalog records applied from catalog.v1")),
      catalog_size(m.Gauge("streamlens_worker_catalog_entities", "Entities in the worker's catalog")),
      delta_history_size(m.Gauge("streamlens_worker_delta_history_values",
                                 "Values held in the delta history of assigned partitions")),
      batch_seconds(m.LatencyHistogram("streamlens_worker_batch_seconds", "Time to process a batch, outputs acknowledged")),
      rebuild_seconds(m.LatencyHistogram("streamlens_worker_rebuild_seconds",
                                         "Time to rebuild delta history after an assignment")) {}

}  // namespace streamlens::worker
