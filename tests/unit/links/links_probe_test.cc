// LinksProbe: the linker's metrics move as articles are linked and the
// catalog changes.
#include "services/worker/links/links_probe.h"

#include <gtest/gtest.h>

#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

std::string Scrape(prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

TEST(LinksProbeTest, CountsArticlesBytesRelationsTickerOnlyCompaniesAndRebuilds) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog").ok());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  prometheus::Registry registry;
  LinksProbe probe(registry);

  v1::NewsEvent article;
  article.set_id("a");
  article.set_title("CHAMPION PRODUCTS <CH> BUYS STAKE");
  article.set_body("Champion Products Inc <CH> said Alibaba owns Taobao.");
  auto* mark = article.add_tickers();
  mark->set_symbol("CH");
  mark->set_company_name("Champion Products Inc");
  probe.ObserveLink(catalog, article, test_support::LinkOf(**linker, article), 0.00002);

  uint64_t before = (*linker)->catalog_version();
  v1::CatalogEntity e;
  e.set_id("company:ch");
  e.set_type(v1::ENTITY_TYPE_COMPANY);
  e.set_name("Champion Products");
  catalog.Upsert(e);
  auto status = (*linker)->Refresh();
  probe.ObserveRefresh(**linker, before, status, 0.05);

  const std::string text = Scrape(registry);
  EXPECT_NE(text.find("streamlens_links_articles_total 1"), std::string::npos) << text;
  EXPECT_NE(text.find("streamlens_links_bytes_total " + std::to_string(article.title().size() + article.body().size())),
            std::string::npos);
  EXPECT_NE(text.find("streamlens_links_relations_total{type=\"RELATION_TYPE_OWNS\"} 1"), std::string::npos);
  EXPECT_NE(text.find("streamlens_links_ticker_only_companies_total 1"), std::string::npos);
  EXPECT_NE(text.find("streamlens_links_matcher_rebuilds_total{result=\"ok\"} 1"), std::string::npos);
  EXPECT_NE(text.find("streamlens_links_catalog_version " + std::to_string(catalog.version())), std::string::npos);
}

}  // namespace
}  // namespace streamlens::links
