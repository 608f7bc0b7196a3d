// EntityCatalog: loading the shipped catalog, reporting bad files by file and
// line, versioned updates; and the linker following those updates.
#include "services/worker/links/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "services/worker/links/linker.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kCatalogDir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";

std::string Code(const v1::CatalogEntity& e, const std::string& scheme) {
  for (const auto& c : e.codes()) {
    if (c.scheme() == scheme) return c.value();
  }
  return "";
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("links-catalog-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(EntityCatalogTest, ShippedCatalogHasTheEntitiesNewsNeeds) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  EXPECT_GT(catalog.size(), 1300u);
  const auto* usa = catalog.Find("place:usa");
  ASSERT_NE(usa, nullptr);
  EXPECT_EQ(Code(*usa, "reuters21578"), "usa");
  EXPECT_EQ(Code(*usa, "iso3166-alpha2"), "US");
  EXPECT_THAT(usa->aliases(), Contains("U.S."));
  const auto* germany = catalog.Find("place:germany");
  ASSERT_NE(germany, nullptr);
  EXPECT_EQ(Code(*germany, "reuters21578"), "west-germany");
  ASSERT_NE(catalog.Find("place:ussr"), nullptr);
  EXPECT_EQ(catalog.Find("place:rochester")->parent_id(), "place:usa");
  const auto* baba = catalog.Find("company:baba");
  ASSERT_NE(baba, nullptr);
  EXPECT_EQ(Code(*baba, "ticker"), "BABA");
  EXPECT_EQ(Code(*baba, "cik"), "0001577552");
  EXPECT_EQ(catalog.Find("brand:tmall")->parent_id(), "company:baba");
  EXPECT_THAT(catalog.Find("org:norges-bank-investment-management")->case_sensitive_aliases(), Contains("NBIM"));
  // S&P 500 companies with ticker, CIK and sector.
  const auto* mmm = catalog.Find("company:mmm");
  ASSERT_NE(mmm, nullptr);
  EXPECT_EQ(Code(*mmm, "cik"), "0000066740");
  EXPECT_EQ(mmm->attributes().at("sector"), "Industrials");
  EXPECT_EQ(Code(*catalog.Find("exchange:nyse"), "reuters21578"), "nyse");
  EXPECT_EQ(Code(*catalog.Find("person:paul-volcker"), "reuters21578"), "volcker");
  // Ids are "<type>:<slug>" and entities come back in id order.
  auto all = catalog.All();
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1]->id(), all[i]->id());
}

TEST(EntityCatalogTest, EveryReutersAnnotationCodeOfTheDataHasAnEntity) {
  // The codes used in the <PLACES>, <ORGS>, <PEOPLE> and <EXCHANGES> of the
  // 18,000 shared Reuters articles (listed in the fixture).
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  std::set<std::string> known;
  for (const auto* e : catalog.All()) known.insert(Code(*e, "reuters21578"));
  std::ifstream in(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/links/reuters-codes.txt");
  ASSERT_TRUE(in.good());
  std::string code;
  int n = 0;
  while (in >> code) {
    ++n;
    EXPECT_TRUE(known.count(code) != 0) << "no catalog entity has reuters21578 code " << code;
  }
  EXPECT_GT(n, 300);
}

TEST(EntityCatalogTest, BadLinesAreReportedWithFileAndLine) {
  TempDir dir;
  dir.Write("a.ndjson", R"({"id": "place:x", "type": "ENTITY_TYPE_PLACE", "name": "X"})" "\n");
  dir.Write("b.ndjson",
            "\n" R"({"id": "place:y", "type": "ENTITY_TYPE_PLACE", "name": "Y"})" "\n" R"({"id": "place:z", "nme": "Z"})"
            "\n");
  EntityCatalog catalog;
  auto s = catalog.LoadDirectory(dir.path());
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("b.ndjson:3"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("nme"));
  EXPECT_EQ(catalog.size(), 0u) << "a failed load changes nothing";

  TempDir dir2;
  dir2.Write("c.ndjson", R"({"id": "place:y", "type": "ENTITY_TYPE_PLACE"})" "\n");
  s = catalog.LoadDirectory(dir2.path());
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("c.ndjson:1: name: missing"));

  TempDir dir3;
  dir3.Write("d.ndjson", R"({"id": "nocolon", "type": "ENTITY_TYPE_PLACE", "name": "N"})" "\n");
  s = catalog.LoadDirectory(dir3.path());
  EXPECT_THAT(std::string(s.message()), HasSubstr("d.ndjson:1: id"));

  EXPECT_FALSE(catalog.LoadDirectory(dir.path() + "/missing").ok());
}

// salience.json beside the entity files is the salience model; without one
// the catalog scores with SalienceModel::Untrained(); a bad one fails the
// load with the file and field, leaving the catalog as it was.
TEST(EntityCatalogTest, LoadsTheSalienceModelBesideTheEntities) {
  const std::string entity = R"({"id": "org:imf", "type": "ENTITY_TYPE_ORGANISATION", "name": "IMF"})" "\n";
  const std::string model =
      R"({"kinds": {"place": {"rate": 0.7, "threshold": 0.45, "weights": {"dateline": 4}},)"
      R"( "organisation": {"rate": 0.4, "threshold": 0.35, "weights": {"prior": 1}},)"
      R"( "person": {"rate": 0.5, "threshold": 0.4, "weights": {}}, "exchange": {"rate": 0.5, "threshold": 0.5, "weights": {}}},)"
      R"( "entities": {"org:imf": [30, 40]}})";
  TempDir dir;
  dir.Write("orgs.ndjson", entity);
  EntityCatalog untrained;
  ASSERT_TRUE(untrained.LoadDirectory(dir.path()).ok());
  EXPECT_FALSE(untrained.salience_model().trained());

  dir.Write("salience.json", model);
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(dir.path()).ok());
  EXPECT_TRUE(catalog.salience_model().trained());
  EXPECT_DOUBLE_EQ(catalog.salience_model().threshold(SalienceKind::kOrganisation), 0.35);
  EXPECT_GT(catalog.salience_model().PriorLogit("org:imf", v1::ENTITY_TYPE_ORGANISATION), Logit(0.4));

  dir.Write("salience.json", R"({"kinds": {"place": {"rate": 2}}})");
  const auto before = catalog.version();
  const absl::Status s = catalog.LoadDirectory(dir.path());
  EXPECT_THAT(std::string(s.message()), HasSubstr("salience.json: kinds.place.rate: must be between 0 and 1"));
  EXPECT_EQ(catalog.version(), before);
  EXPECT_DOUBLE_EQ(catalog.salience_model().threshold(SalienceKind::kOrganisation), 0.35);
}

TEST(EntityCatalogTest, UpsertVersionsChangesOnly) {
  EntityCatalog catalog;
  v1::CatalogEntity e;
  e.set_id("company:acme");
  e.set_type(v1::ENTITY_TYPE_COMPANY);
  e.set_name("Acme Widgets");
  catalog.Upsert(e);
  EXPECT_EQ(catalog.version(), 1u);
  catalog.Upsert(e);  // a replayed record changes nothing
  EXPECT_EQ(catalog.version(), 1u);
  e.add_aliases("Acme");
  catalog.Upsert(e);
  EXPECT_EQ(catalog.version(), 2u);
  EXPECT_EQ(catalog.Find("company:acme")->aliases_size(), 1);
  v1::CatalogEntity tombstone;
  tombstone.set_id("company:acme");
  tombstone.set_deleted(true);
  catalog.Upsert(tombstone);
  EXPECT_EQ(catalog.Find("company:acme"), nullptr);
  EXPECT_EQ(catalog.version(), 3u);
}

// Workers racing an update may publish a discovered company after a curated
// entry with its id: the curated entry stays. A curated record replaces a
// discovered one.
TEST(EntityCatalogTest, ADiscoveredEntryNeverReplacesACuratedOne) {
  EntityCatalog catalog;
  v1::CatalogEntity curated;
  curated.set_id("company:ch");
  curated.set_type(v1::ENTITY_TYPE_COMPANY);
  curated.set_name("Champion Products Inc.");
  v1::CatalogEntity discovered = curated;
  discovered.set_name("Champion Products Inc");
  (*discovered.mutable_attributes())["discovered_from"] = "reuters-9";

  catalog.Upsert(curated);
  const uint64_t version = catalog.version();
  catalog.Upsert(discovered);
  EXPECT_EQ(catalog.Find("company:ch")->name(), "Champion Products Inc.");
  EXPECT_EQ(catalog.version(), version);

  EntityCatalog other;
  other.Upsert(discovered);
  other.Upsert(curated);
  EXPECT_EQ(other.Find("company:ch")->name(), "Champion Products Inc.");
  EXPECT_FALSE(IsDiscovered(*other.Find("company:ch")));
}

TEST(EntityCatalogTest, LinkerFollowsCatalogUpdatesAfterRefresh) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(kCatalogDir).ok());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  v1::NewsEvent article;
  article.set_id("a-1");
  article.set_title("");
  article.set_body("Quantum Gizmo Works said orders rose, Quantum Gizmo added.");
  auto ids = [&] {
    std::vector<std::string> out;
    const v1::EntityLink link = test_support::LinkOf(**linker, article);
    for (const auto& m : link.mentions()) out.push_back(m.entity().id());
    return out;
  };
  EXPECT_THAT(ids(), Not(Contains("company:qgw")));
  const std::string before_id = test_support::LinkOf(**linker, article).id();

  v1::CatalogEntity e;
  e.set_id("company:qgw");
  e.set_type(v1::ENTITY_TYPE_COMPANY);
  e.set_name("Quantum Gizmo Works");
  e.add_aliases("Quantum Gizmo");
  catalog.Upsert(e);
  ASSERT_TRUE((*linker)->Refresh().ok());
  EXPECT_THAT(ids(), Contains("company:qgw"));
  EXPECT_EQ((*linker)->catalog_version(), catalog.version());
  EXPECT_NE(test_support::LinkOf(**linker, article).id(), before_id) << "the link id carries the catalog version";

  v1::CatalogEntity tombstone;
  tombstone.set_id("company:qgw");
  tombstone.set_deleted(true);
  catalog.Upsert(tombstone);
  ASSERT_TRUE((*linker)->Refresh().ok());
  EXPECT_THAT(ids(), Not(Contains("company:qgw")));
}

}  // namespace
}  // namespace streamlens::links
