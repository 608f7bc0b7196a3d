#include "services/worker/links/links_probe.h"

namespace streamlens::links {

LinksProbe::LinksProbe(prometheus::Registry& registry)
    : articles_(prometheus::BuildCounter()
                    .Name("streamlens_links_articles_total")
                    .Help("Articles linked")
                    .Register(registry)
                    .Add({})),
      bytes_(prometheus::BuildCounter()
                 .Name("streamlens_links_bytes_total")
                 .Help("Title, dateline and body bytes scanned by the linker")
                 .Register(registry)
                 .Add({})),
      link_seconds_(prometheus::BuildHistogram()
                        .Name("streamlens_links_link_seconds")
                        .Help("Time to link one article")
                        .Register(registry)
                        .Add({}, prometheus::Histogram::BucketBoundaries{1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3,
                                                                          3e-3, 1e-2})),
      entities_per_article_(prometheus::BuildHistogram()
                                .Name("streamlens_links_entities_per_article")
                                .Help("Entities found in one article")
                                .Register(registry)
                                .Add({}, prometheus::Histogram::BucketBoundaries{0, 1, 2, 3, 5, 8, 13, 21, 34})),
      relations_(prometheus::BuildCounter()
                     .Name("streamlens_links_relations_total")
                     .Help("Relations read from article text, by type")
                     .Register(registry)),
      ticker_only_(prometheus::BuildCounter()
                       .Name("streamlens_links_ticker_only_companies_total")
                       .Help("Companies linked from a ticker mark that the catalog does not know")
                       .Register(registry)
                       .Add({})),
      discovered_(prometheus::BuildCounter()
                      .Name("streamlens_links_discovered_companies_total")
                      .Help("Ticker-marked companies this worker published to catalog.v1 as discovered entities")
                      .Register(registry)
                      .Add({})),
      discovery_skipped_(prometheus::BuildCounter()
                             .Name("streamlens_links_discovery_skipped_total")
                             .Help("Marks of ticker-only companies not published to the catalog: the mark's name "
                                   "is no usable company name (headline, no-legal-form, name)")
                             .Register(registry)),
      rebuilds_ok_(prometheus::BuildCounter()
                       .Name("streamlens_links_matcher_rebuilds_total")
                       .Help("Hyperscan database rebuilds after catalog changes")
                       .Register(registry)
                       .Add({{"result", "ok"}})),
      rebuilds_error_(prometheus::BuildCounter()
                          .Name("streamlens_links_matcher_rebuilds_total")
                          .Help("Hyperscan database rebuilds after catalog changes")
                          .Register(registry)
                          .Add({{"result", "error"}})),
      rebuild_seconds_(prometheus::BuildHistogram()
                           .Name("streamlens_links_matcher_rebuild_seconds")
                           .Help("Time to recompile the catalog names")
                           .Register(registry)
                           .Add({}, prometheus::Histogram::BucketBoundaries{0.01, 0.03, 0.1, 0.3, 1, 3, 10})),
      catalog_version_(prometheus::BuildGauge()
                           .Name("streamlens_links_catalog_version")
                           .Help("Catalog version the matcher was built from")
                           .Register(registry)
                           .Add({})),
      patterns_(prometheus::BuildGauge()
                    .Name("streamlens_links_matcher_patterns")
                    .Help("Distinct literals (names, blockers, cue words) in the Hyperscan database")
                    .Register(registry)
                    .Add({})) {}

void LinksProbe::ObserveLink(const EntityCatalog& catalog, const v1::NewsEvent& article, const v1::EntityLink& link,
                             double seconds) {
  articles_.Increment();
  bytes_.Increment(static_cast<double>(article.title().size() + article.dateline().size() + article.body().size()));
  link_seconds_.Observe(seconds);
  entities_per_article_.Observe(static_cast<double>(link.mentions_size()));
  for (const auto& r : link.relations()) relations_.Add({{"type", v1::RelationType_Name(r.type())}}).Increment();
  for (const auto& m : link.mentions()) {
    if (m.entity().type() == v1::ENTITY_TYPE_COMPANY && catalog.Find(m.entity().id()) == nullptr) ticker_only_.Increment();
  }
}

void LinksProbe::ObserveDiscoverySkipped(std::string_view reason) {
  discovery_skipped_.Add({{"reason", std::string(reason)}}).Increment();
}

void LinksProbe::ObserveRefresh(const Linker& linker, uint64_t version_before, const absl::Status& status,
                                double seconds) {
  if (!status.ok()) {
    rebuilds_error_.Increment();
  } else if (linker.catalog_version() != version_before) {
    rebuilds_ok_.Increment();
    rebuild_seconds_.Observe(seconds);
  }
  catalog_version_.Set(static_cast<double>(linker.catalog_version()));
  patterns_.Set(static_cast<double>(linker.pattern_count()));
}

}  // namespace streamlens::links
