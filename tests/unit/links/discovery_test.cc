// Companies discovered from ticker marks: which marks name a catalog entry,
// what the entry holds, and that later articles naming the company without
// its mark link to it once the catalog holds it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

using ::testing::Contains;
using ::testing::Not;
using ::testing::Optional;

const std::string kCatalogDir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";

v1::NewsEvent Article(const std::string& id, const std::string& title, const std::string& body) {
  v1::NewsEvent a;
  a.set_id(id);
  a.set_title(title);
  a.set_body(body);
  return a;
}

void Mark(v1::NewsEvent& a, const std::string& symbol, const std::string& name) {
  auto* m = a.add_tickers();
  m->set_symbol(symbol);
  m->set_company_name(name);
}

std::vector<std::string> Ids(const v1::EntityLink& link) {
  std::vector<std::string> ids;
  for (const auto& m : link.mentions()) ids.push_back(m.entity().id());
  return ids;
}

TEST(DiscoveryTest, OnlyNamesEndingInALegalFormAndNotInCapitalsAreUsable) {
  EXPECT_EQ(UnusableCompanyName("Champion Products Inc"), std::nullopt);
  EXPECT_EQ(UnusableCompanyName("Nippon Gakki Co Ltd"), std::nullopt);
  EXPECT_EQ(UnusableCompanyName("IBM Corp"), std::nullopt);
  // A headline fragment: the id from the symbol is right, the name is not.
  EXPECT_THAT(UnusableCompanyName("CLAREMONT TO BOOST CHAMPION PRODUCTS"), Optional(std::string_view("headline")));
  EXPECT_THAT(UnusableCompanyName("CHAMPION PRODUCTS INC"), Optional(std::string_view("headline")));
  EXPECT_THAT(UnusableCompanyName("U.S. Conglomerate Alcoa"), Optional(std::string_view("name")));
  EXPECT_THAT(UnusableCompanyName("Shell Francaise"), Optional(std::string_view("no-legal-form")));
  EXPECT_THAT(UnusableCompanyName("Triangle Industries Inc's"), Optional(std::string_view("no-legal-form")));
  EXPECT_THAT(UnusableCompanyName("Hoffman-LaRoche Inc and SmithKline Beckman Corp"),
              Optional(std::string_view("no-legal-form")));
  EXPECT_THAT(UnusableCompanyName("Industrie> A300-600R and 15 Boeing Co"), Optional(std::string_view("name")));
  EXPECT_THAT(UnusableCompanyName(""), Optional(std::string_view("name")));
}

TEST(DiscoveryTest, TheEntryHoldsTheMarkTheAliasTheTickerAndItsOrigin) {
  const v1::CatalogEntity e = DiscoveredCompany({"company:ch", "Champion Products Inc", "CH", true}, "reuters-9");
  EXPECT_EQ(e.id(), "company:ch");
  EXPECT_EQ(e.type(), v1::ENTITY_TYPE_COMPANY);
  EXPECT_EQ(e.name(), "Champion Products Inc");
  EXPECT_THAT(e.aliases(), ::testing::ElementsAre("Champion Products"));
  ASSERT_EQ(e.codes_size(), 1);
  EXPECT_EQ(e.codes(0).scheme(), "ticker");
  EXPECT_EQ(e.codes(0).value(), "CH");
  EXPECT_EQ(e.attributes().at("discovered_from"), "reuters-9");
  EXPECT_TRUE(IsDiscovered(e));
  // A symbol another catalog company holds is not claimed; a one-word short
  // name ("Gelco") is no alias: it would match too much.
  const v1::CatalogEntity g = DiscoveredCompany({"company:gelco-corp", "Gelco Corp", "C", false}, "reuters-1");
  EXPECT_EQ(g.codes_size(), 0);
  EXPECT_EQ(g.aliases_size(), 0);
}

TEST(DiscoveryTest, LaterArticlesNamingTheCompanyLinkToTheDiscoveredEntry) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  const v1::NewsEvent later = Article("reuters-20", "", "Champion Products said its dividend would rise.");
  ASSERT_THAT(Ids(test_support::LinkOf(**linker, later)), Not(Contains("company:ch")));

  v1::NewsEvent first = Article("reuters-9", "CLAREMONT TO BOOST CHAMPION PRODUCTS <CH> STAKE",
                                "Champion Products Inc <CH> said Claremont raised its stake.");
  Mark(first, "CH", "CLAREMONT TO BOOST CHAMPION PRODUCTS");
  Mark(first, "CH", "Champion Products Inc");
  v1::EntityLink link;
  (*linker)->Link(first, &link);
  const auto& marked = (*linker)->marked_companies();
  ASSERT_EQ(marked.size(), 2u);  // one per mark, the same company
  EXPECT_EQ(marked[0].id, "company:ch");
  EXPECT_EQ(marked[1].id, "company:ch");
  EXPECT_TRUE(marked[1].symbol_free);
  EXPECT_THAT(UnusableCompanyName(marked[0].name), Optional(std::string_view("headline")));
  ASSERT_EQ(UnusableCompanyName(marked[1].name), std::nullopt);

  catalog.Upsert(DiscoveredCompany(marked[1], first.id()));
  ASSERT_TRUE((*linker)->Refresh().ok());
  EXPECT_THAT(Ids(test_support::LinkOf(**linker, later)), Contains("company:ch"));
  // Known now, the company is no longer ticker-only.
  (*linker)->Link(first, &link);
  EXPECT_TRUE((*linker)->marked_companies().empty());
  EXPECT_THAT(Ids(link), Contains("company:ch"));
}

TEST(DiscoveryTest, CatalogCompaniesAreNotMarked) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  v1::NewsEvent a = Article("reuters-5", "", "International Business Machines Corp <IBM> said.");
  Mark(a, "IBM", "International Business Machines Corp");
  v1::EntityLink link;
  (*linker)->Link(a, &link);
  EXPECT_THAT(Ids(link), Contains("company:ibm"));
  EXPECT_TRUE((*linker)->marked_companies().empty());
}

// A company's name after its mark is found by the name matcher and by the
// mark's short name: one span, counted once.
TEST(DiscoveryTest, ANameFoundTwiceIsOneSpan) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  v1::NewsEvent a = Article("reuters-6", "", "Boeing Co <BA> won an order. Boeing said the jets cost more.");
  Mark(a, "BA", "Boeing Co");
  const v1::EntityLink link = test_support::LinkOf(**linker, a);
  const v1::EntityMention* boeing = nullptr;
  for (const auto& m : link.mentions()) {
    if (m.entity().id() == "company:ba") boeing = &m;
  }
  ASSERT_NE(boeing, nullptr);
  std::set<std::pair<int, int>> distinct;
  for (const auto& s : boeing->spans()) distinct.insert({s.begin(), s.end()});
  EXPECT_EQ(distinct.size(), static_cast<size_t>(boeing->spans_size()));
}

}  // namespace
}  // namespace streamlens::links
