// LinksProbe: the entity linker's metrics, declared once, for the worker to
// instantiate with its prometheus::Registry (STYLE: one probe per
// component). Complements WorkerProbe (links published, mentions found,
// catalog updates and size) with what only the linker knows:
//   streamlens_links_articles_total             articles linked
//   streamlens_links_bytes_total                title+dateline+body bytes scanned (rate = throughput)
//   streamlens_links_link_seconds               time to link one article (histogram)
//   streamlens_links_entities_per_article       entities per article (histogram)
//   streamlens_links_relations_total{type}      relations read, by type
//   streamlens_links_ticker_only_companies_total companies known only from a ticker mark
//   streamlens_links_discovered_companies_total ticker-marked companies published to catalog.v1
//   streamlens_links_discovery_skipped_total{reason} marks of ticker-only companies not published:
//                                               headline|no-legal-form|name
//   streamlens_links_matcher_rebuilds_total{result} matcher rebuilds after catalog changes (ok|error)
//   streamlens_links_matcher_rebuild_seconds    time to recompile the Hyperscan database
//   streamlens_links_catalog_version            catalog version the matcher was built from
//   streamlens_links_matcher_patterns           distinct literals in the database
// Thread-safe (prometheus-cpp metrics are).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

class LinksProbe {
 public:
  explicit LinksProbe(prometheus::Registry& registry);

  // After Linker::Link: one article, its link and how long linking took.
  // `catalog` tells ticker-only companies (not in it) from catalog ones.
  void ObserveLink(const EntityCatalog& catalog, const v1::NewsEvent& article, const v1::EntityLink& link,
                   double seconds);

  // Ticker-marked companies published to catalog.v1 as discovered entities
  // (counted once acknowledged).
  void ObserveDiscovered(size_t companies) { discovered_.Increment(static_cast<double>(companies)); }
  // A mark of a ticker-only company whose name could not name a catalog
  // entry (`reason` from UnusableCompanyName).
  void ObserveDiscoverySkipped(std::string_view reason);

  // After Linker::Refresh: counts a rebuild when the catalog version moved
  // (or the refresh failed), and updates the version and size gauges.
  void ObserveRefresh(const Linker& linker, uint64_t version_before, const absl::Status& status, double seconds);

 private:
  prometheus::Counter& articles_;
  prometheus::Counter& bytes_;
  prometheus::Histogram& link_seconds_;
  prometheus::Histogram& entities_per_article_;
  prometheus::Family<prometheus::Counter>& relations_;
  prometheus::Counter& ticker_only_;
  prometheus::Counter& discovered_;
  prometheus::Family<prometheus::Counter>& discovery_skipped_;
  prometheus::Counter& rebuilds_ok_;
  prometheus::Counter& rebuilds_error_;
  prometheus::Histogram& rebuild_seconds_;
  prometheus::Gauge& catalog_version_;
  prometheus::Gauge& patterns_;
};

}  // namespace streamlens::links
