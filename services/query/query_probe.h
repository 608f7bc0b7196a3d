// QueryProbe: every metric a query replica exports, declared once.
//
//   streamlens_query_requests_total{method,code}     calls answered
//   streamlens_query_request_seconds{method}         latency histogram
//   streamlens_query_applied_records_total{topic}    records that changed the view
//   streamlens_query_skipped_records_total{topic,reason}  duplicates / undecodable
//   streamlens_query_retention_gaps_total{topic}     partitions whose start was lost
//   streamlens_query_records_lost_total              records lost to retention
//   streamlens_query_lag_records                     records not yet read
//   streamlens_query_ready                           1 once caught up
//   streamlens_query_view_{entities,deltas,articles,links,bytes}  view size
//   streamlens_query_consistency_waits_total{outcome}  read-your-writes waits
//   streamlens_query_watchers                        open Watch streams
// Thread-safe (prometheus-cpp metrics are).
#pragma once

#include <array>
#include <map>
#include <string>

#include "services/common/metrics.h"

namespace streamlens::query {

class QueryProbe {
 public:
  explicit QueryProbe(MetricsRegistry& metrics);

  // One answered call.
  void Request(const std::string& method, int grpc_code, double seconds);
  prometheus::Counter& Applied(const std::string& topic);
  prometheus::Counter& Skipped(const std::string& topic, const std::string& reason);
  prometheus::Counter& RetentionGap(const std::string& topic);

  prometheus::Counter& records_lost;
  prometheus::Gauge& lag;
  prometheus::Gauge& ready;
  prometheus::Gauge& entities;
  prometheus::Gauge& deltas;
  prometheus::Gauge& articles;
  prometheus::Gauge& links;
  prometheus::Gauge& bytes;
  prometheus::Counter& waits_satisfied;
  prometheus::Counter& waits_expired;
  prometheus::Gauge& watchers;

 private:
  struct Method {
    std::array<prometheus::Counter*, 17> codes{};
    prometheus::Histogram* latency = nullptr;
  };
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Family<prometheus::Counter>& applied_;
  prometheus::Family<prometheus::Counter>& skipped_;
  prometheus::Family<prometheus::Counter>& gaps_;
  std::map<std::string, Method> methods_;  // fixed at construction: read without a lock
};

}  // namespace streamlens::query
