#include "services/query/query_probe.h"

namespace streamlens::query {
namespace {

const char* const kCodeNames[17] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
                                    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
                                    "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL",
                                    "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
const char* const kMethods[] = {"GetEntity", "SearchEntities", "GetMetricHistory", "GetLinks",
                                "TopMovers", "ListArticles",   "Watch"};

}  // namespace

QueryProbe::QueryProbe(MetricsRegistry& metrics)
    : records_lost(metrics.Counter("streamlens_query_records_lost_total", "Records deleted by retention before this replica read them")),
      lag(metrics.Gauge("streamlens_query_lag_records", "Records on the followed topics not yet read by this replica")),
      ready(metrics.Gauge("streamlens_query_ready", "1 once the view has caught up with the topics as of start")),
      entities(metrics.Gauge("streamlens_query_view_entities", "Entities in the view")),
      deltas(metrics.Gauge("streamlens_query_view_deltas", "Metric deltas in the view (latest version of each)")),
      articles(metrics.Gauge("streamlens_query_view_articles", "Articles in the view")),
      links(metrics.Gauge("streamlens_query_view_links", "Links (entity pairs) in the view")),
      bytes(metrics.Gauge("streamlens_query_view_bytes", "Estimated heap bytes held by the view")),
      waits_satisfied(prometheus::BuildCounter()
                          .Name("streamlens_query_consistency_waits_total")
                          .Help("Requests that waited for read-your-writes positions, by outcome")
                          .Register(metrics.registry())
                          .Add({{"outcome", "satisfied"}})),
      waits_expired(prometheus::BuildCounter()
                        .Name("streamlens_query_consistency_waits_total")
                        .Help("Requests that waited for read-your-writes positions, by outcome")
                        .Register(metrics.registry())
                        .Add({{"outcome", "deadline_exceeded"}})),
      watchers(metrics.Gauge("streamlens_query_watchers", "Open Watch streams")),
      requests_(prometheus::BuildCounter()
                    .Name("streamlens_query_requests_total")
                    .Help("QueryService calls answered, by method and gRPC status code")
                    .Register(metrics.registry())),
      latency_(prometheus::BuildHistogram()
                   .Name("streamlens_query_request_seconds")
                   .Help("QueryService call latency, by method (Watch: time to the first answer)")
                   .Register(metrics.registry())),
      applied_(prometheus::BuildCounter()
                   .Name("streamlens_query_applied_records_total")
                   .Help("Records read from Kafka that changed the view, by topic")
                   .Register(metrics.registry())),
      skipped_(prometheus::BuildCounter()
                   .Name("streamlens_query_skipped_records_total")
                   .Help("Records read that did not change the view: duplicates, stale versions, undecodable")
                   .Register(metrics.registry())),
      gaps_(prometheus::BuildCounter()
                .Name("streamlens_query_retention_gaps_total")
                .Help("Partitions whose records were deleted by retention before this replica read them")
                .Register(metrics.registry())) {
  for (const char* m : kMethods) {
    Method& method = methods_[m];
    for (int c = 0; c < 17; ++c) method.codes[c] = &requests_.Add({{"method", m}, {"code", kCodeNames[c]}});
    method.latency = &latency_.Add({{"method", m}}, MetricsRegistry::LatencyBuckets());
  }
}

void QueryProbe::Request(const std::string& method, int grpc_code, double seconds) {
  auto it = methods_.find(method);
  if (it == methods_.end()) return;
  if (grpc_code >= 0 && grpc_code < 17) it->second.codes[grpc_code]->Increment();
  it->second.latency->Observe(seconds);
}

prometheus::Counter& QueryProbe::Applied(const std::string& topic) { return applied_.Add({{"topic", topic}}); }
prometheus::Counter& QueryProbe::Skipped(const std::string& topic, const std::string& reason) {
  return skipped_.Add({{"topic", topic}, {"reason", reason}});
}
prometheus::Counter& QueryProbe::RetentionGap(const std::string& topic) { return gaps_.Add({{"topic", topic}}); }

}  // namespace streamlens::query
