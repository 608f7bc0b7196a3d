// ViewStore: the materialised view every query replica holds in memory.
//
// It applies the derived records (MetricDelta, EntityLink) and the catalog
// (CatalogEntity) and answers the QueryService questions from them. It knows
// nothing of Kafka or gRPC: callers hand it records and requests, it returns
// protos or a Status (INVALID_ARGUMENT naming the field, NOT_FOUND with the id).
//
// Applying is idempotent and order-independent where replicas could disagree:
//  - a MetricDelta is keyed by (entity, metric, segment, basis, period); the
//    higher `version` wins (a correction), ties go to the larger id, so a
//    duplicate or a stale record changes nothing;
//  - an EntityLink is keyed by article: the same link id again changes
//    nothing; a new id for the same article (re-linked with a newer catalog)
//    replaces the article's earlier contribution;
//  - a CatalogEntity replaces the profile (or deletes it; an entity that
//    records still mention falls back to the EntityRef they carry).
// Article order is (published_at, article id), so windows, novelty and
// evidence lists do not depend on the order partitions were read in.
//
// Every change gets a sequence number and is kept in a bounded change log for
// Watch.
//
// Thread-safety: one writer (Apply*) and any number of concurrent readers;
// an internal reader/writer lock serialises them.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"
#include "streamlens/v1/query.pb.h"

namespace streamlens::view {

// Which changes a watcher wants; empty lists mean all.
struct WatchFilter {
  std::set<std::string> entity_ids;
  std::set<int> metrics;       // v1::MetricKind; when set, only delta changes pass
  std::set<int> entity_types;  // v1::EntityType of any touched entity

  static WatchFilter From(const v1::WatchRequest& request);
};

// Sizes of the view, for gauges and the memory figures in docs/performance.md.
struct ViewStats {
  size_t entities = 0;          // every entity known (catalog or records)
  size_t catalog_entities = 0;  // with a catalog profile
  size_t deltas = 0;            // latest version of each delta key
  size_t articles = 0;
  size_t links = 0;             // undirected edges of the link graph
  int64_t sequence = 0;         // last change applied
  size_t approx_bytes = 0;      // estimate of heap bytes held
};

class ViewStore {
 public:
  struct Options {
    // Changes kept for Watch resumption.
    size_t change_log_capacity = 4096;
    // Evidence article ids returned per link.
    size_t max_evidence = 10;
  };

  ViewStore();
  explicit ViewStore(Options options);
  ~ViewStore();
  ViewStore(const ViewStore&) = delete;
  ViewStore& operator=(const ViewStore&) = delete;

  // Each returns true when the view changed (and a change was logged).
  bool ApplyDelta(const v1::MetricDelta& delta);
  bool ApplyLink(const v1::EntityLink& link);
  bool ApplyCatalog(const v1::CatalogEntity& entity);

  // ---- Queries (requests are validated here) ----
  absl::StatusOr<v1::EntityView> GetEntity(const v1::GetEntityRequest& request) const;
  absl::StatusOr<v1::SearchEntitiesResponse> SearchEntities(const v1::SearchEntitiesRequest& request) const;
  absl::StatusOr<v1::GetMetricHistoryResponse> GetMetricHistory(const v1::GetMetricHistoryRequest& request) const;
  absl::StatusOr<v1::GetLinksResponse> GetLinks(const v1::GetLinksRequest& request) const;
  absl::StatusOr<v1::TopMoversResponse> TopMovers(const v1::TopMoversRequest& request) const;
  absl::StatusOr<v1::ListArticlesResponse> ListArticles(const v1::ListArticlesRequest& request) const;

  // ---- Change feed ----
  // Sequence of the last change applied (0 before any).
  int64_t LastSequence() const;
  // Appends to `out` up to `max` changes with sequence > `after` that pass
  // `filter`, and returns the sequence scanned up to (resume from it).
  // OUT_OF_RANGE when changes after `after` are no longer kept.
  absl::StatusOr<int64_t> ChangesAfter(int64_t after, const WatchFilter& filter, size_t max,
                                       std::vector<v1::ViewChange>* out) const;

  ViewStats Stats() const;

  // Entity ids with the most articles and deltas, for summaries.
  std::vector<std::string> BusiestEntities(size_t max) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  mutable std::shared_mutex mu_;
};

}  // namespace streamlens::view
