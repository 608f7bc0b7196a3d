#include "services/query/view/view_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/unit/view/view_records.h"

namespace streamlens::view {
namespace {

using namespace testing;  // the records in view_records.h
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::GetEntityRequest EntityRequest(const std::string& id) {
  v1::GetEntityRequest r;
  r.set_entity_id(id);
  return r;
}

std::vector<std::string> Ids(const v1::GetLinksResponse& r) {
  std::vector<std::string> ids;
  for (const auto& l : r.links()) ids.push_back(l.entity().id());
  return ids;
}

TEST(ViewStoreDeltas, ApplyingTheSameDeltaTwiceChangesNothing) {
  ViewStore view;
  auto d = Delta("d1", kChampion, v1::METRIC_KIND_EPS, 1987, 1, 34, 119);
  EXPECT_TRUE(view.ApplyDelta(d));
  int64_t seq = view.LastSequence();
  EXPECT_FALSE(view.ApplyDelta(d));
  EXPECT_EQ(view.LastSequence(), seq);
  EXPECT_EQ(view.Stats().deltas, 1u);
  v1::GetMetricHistoryRequest h;
  h.set_entity_id("company:ch");
  h.set_metric(v1::METRIC_KIND_EPS);
  auto history = view.GetMetricHistory(h);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->deltas_size(), 1);
  EXPECT_EQ(history->deltas(0).current().units(), 34);
}

TEST(ViewStoreDeltas, HigherVersionIsACorrectionAndAStaleOneIsIgnored) {
  ViewStore view;
  view.ApplyDelta(Delta("d1", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000, 1));
  auto corrected = Delta("d1b", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'600'000'000, 6'560'000'000, 2);
  EXPECT_TRUE(view.ApplyDelta(corrected));
  // The original arriving again (a worker re-processing) must not undo it.
  EXPECT_FALSE(view.ApplyDelta(Delta("d1", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000,
                                     6'560'000'000, 1)));
  auto e = view.GetEntity(EntityRequest("company:baba"));
  ASSERT_TRUE(e.ok()) << e.status();
  ASSERT_EQ(e->latest_deltas_size(), 1);
  EXPECT_EQ(e->latest_deltas(0).current().units(), 1'600'000'000);
  EXPECT_TRUE(e->latest_deltas(0).correction());
  EXPECT_EQ(view.Stats().deltas, 1u);
}

TEST(ViewStoreDeltas, LatestDeltaPerMetricIsTheNewestPeriod) {
  ViewStore view;
  view.ApplyDelta(Delta("q2", kChampion, v1::METRIC_KIND_EPS, 1987, 2, 40, 30));
  view.ApplyDelta(Delta("q4", kChampion, v1::METRIC_KIND_EPS, 1986, 4, 20, 10));
  view.ApplyDelta(Delta("q1", kChampion, v1::METRIC_KIND_EPS, 1987, 1, 34, 119));
  view.ApplyDelta(Delta("rev", kChampion, v1::METRIC_KIND_REVENUE, 1987, 1, 40'200'000, 35'100'000));
  auto e = view.GetEntity(EntityRequest("company:ch"));
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->latest_deltas_size(), 2);
  for (const auto& d : e->latest_deltas()) {
    if (d.metric() == v1::METRIC_KIND_EPS) {
      EXPECT_EQ(d.id(), "q2");
    }
  }
  v1::GetMetricHistoryRequest h;
  h.set_entity_id("company:ch");
  h.set_metric(v1::METRIC_KIND_EPS);
  h.set_page_size(2);
  auto page1 = view.GetMetricHistory(h);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->deltas_size(), 2);
  EXPECT_EQ(page1->deltas(0).id(), "q2");
  EXPECT_EQ(page1->deltas(1).id(), "q1");
  ASSERT_FALSE(page1->next_page_token().empty());
  h.set_page_token(page1->next_page_token());
  auto page2 = view.GetMetricHistory(h);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->deltas_size(), 1);
  EXPECT_EQ(page2->deltas(0).id(), "q4");
  EXPECT_TRUE(page2->next_page_token().empty());
}

TEST(ViewStoreLinks, AlibabaArticleGivesTypedLinksWithRolesAndEvidence) {
  ViewStore view;
  ASSERT_TRUE(view.ApplyLink(AlibabaArticle()));
  auto e = view.GetEntity(EntityRequest("company:baba"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->profile().name(), "Alibaba Group Holding");  // from the EntityRef: no catalog yet
  EXPECT_EQ(e->mentions().total(), 1);
  EXPECT_EQ(e->mentions().last_24h(), 1);
  ASSERT_EQ(e->recent_articles_size(), 1);
  EXPECT_EQ(e->recent_articles(0).mention_count(), 9);
  EXPECT_TRUE(e->recent_articles(0).novel());
  ASSERT_EQ(e->links_size(), 7);
  // Entities with a stated relation weigh more than plain co-mentions.
  std::map<std::string, v1::LinkedEntity> by_id;
  for (const auto& l : e->links()) by_id[l.entity().id()] = l;
  const auto& tsai = by_id.at("person:joe-tsai");
  EXPECT_EQ(tsai.weight(), 2.0);
  EXPECT_THAT(tsai.relation_types(), ElementsAre(v1::RELATION_TYPE_EXECUTIVE_OF));
  EXPECT_THAT(tsai.roles(), ElementsAre("chair"));
  EXPECT_THAT(tsai.evidence_article_ids(), ElementsAre("dc360-alibaba-tsai"));
  EXPECT_EQ(tsai.depth(), 1);
  EXPECT_EQ(by_id.at("place:usa").weight(), 1.0);
  EXPECT_TRUE(by_id.at("place:usa").relation_types().empty());
  EXPECT_EQ(e->links(e->links_size() - 1).weight(), 1.0);
}

// The relations of `entity`'s link to `neighbour`, as
// "TYPE DIRECTION role article count" strings.
// A second article: NBIM, located in Norway (a depth-2 neighbour of Alibaba).
v1::EntityLink NbimInNorway() {
  auto norway = Ref("place:norway", v1::ENTITY_TYPE_PLACE, "Norway");
  return Link("nbim-1", "2024-01-01T00:00:00Z", {Mention(kNbim, 1, 1), Mention(norway, 1, 1)},
              {Relation("org:norges-bank-investment-management", "place:norway", v1::RELATION_TYPE_LOCATED_IN)});
}

std::vector<std::string> Stated(const ViewStore& view, const std::string& entity, const std::string& neighbour) {
  auto e = view.GetEntity(EntityRequest(entity));
  EXPECT_TRUE(e.ok()) << e.status();
  std::vector<std::string> out;
  if (!e.ok()) return out;
  for (const auto& l : e->links()) {
    if (l.entity().id() != neighbour) continue;
    for (const auto& r : l.relations()) {
      out.push_back(v1::RelationType_Name(r.type()) + " " + v1::RelationDirection_Name(r.direction()) + " " +
                    r.role() + " " + r.article_id() + " " + std::to_string(r.article_count()));
    }
  }
  return out;
}

TEST(ViewStoreLinks, StatedRelationsSayWhichEntityIsTheSubject) {
  ViewStore view;
  ASSERT_TRUE(view.ApplyLink(AlibabaArticle()));
  // Joe Tsai is executive of Alibaba: incoming on Alibaba's link, outgoing on his.
  EXPECT_THAT(Stated(view, "company:baba", "person:joe-tsai"),
              ElementsAre("RELATION_TYPE_EXECUTIVE_OF RELATION_DIRECTION_INCOMING chair dc360-alibaba-tsai 1"));
  EXPECT_THAT(Stated(view, "person:joe-tsai", "company:baba"),
              ElementsAre("RELATION_TYPE_EXECUTIVE_OF RELATION_DIRECTION_OUTGOING chair dc360-alibaba-tsai 1"));
  // Alibaba owns Taobao; NBIM invests in Alibaba.
  EXPECT_THAT(Stated(view, "company:baba", "brand:taobao"),
              ElementsAre("RELATION_TYPE_OWNS RELATION_DIRECTION_OUTGOING  dc360-alibaba-tsai 1"));
  EXPECT_THAT(Stated(view, "brand:taobao", "company:baba"),
              ElementsAre("RELATION_TYPE_OWNS RELATION_DIRECTION_INCOMING  dc360-alibaba-tsai 1"));
  EXPECT_THAT(Stated(view, "company:baba", "org:norges-bank-investment-management"),
              ElementsAre("RELATION_TYPE_INVESTOR_IN RELATION_DIRECTION_INCOMING  dc360-alibaba-tsai 1"));
  // Co-mentions state nothing.
  EXPECT_THAT(Stated(view, "company:baba", "place:usa"), IsEmpty());

  // A later article states the same relation again and one the other way
  // round: counted per (type, direction, role), newest article first.
  view.ApplyLink(Link("later", "2024-03-01T00:00:00Z", {Mention(kAlibaba, 1, 1), Mention(kTaobao, 1, 1)},
                      {Relation("company:baba", "brand:taobao", v1::RELATION_TYPE_OWNS),
                       Relation("brand:taobao", "company:baba", v1::RELATION_TYPE_INVESTOR_IN)}));
  view.ApplyLink(Link("earlier", "2023-01-01T00:00:00Z", {Mention(kAlibaba, 1, 1), Mention(kTaobao, 1, 1)},
                      {Relation("company:baba", "brand:taobao", v1::RELATION_TYPE_OWNS)}));
  EXPECT_THAT(Stated(view, "company:baba", "brand:taobao"),
              ElementsAre("RELATION_TYPE_OWNS RELATION_DIRECTION_OUTGOING  later 3",
                          "RELATION_TYPE_INVESTOR_IN RELATION_DIRECTION_INCOMING  later 1"));
  // The old fields are still filled.
  auto e = view.GetEntity(EntityRequest("company:baba"));
  for (const auto& l : e->links()) {
    if (l.entity().id() == "brand:taobao") {
      EXPECT_THAT(l.relation_types(), ElementsAre(v1::RELATION_TYPE_OWNS, v1::RELATION_TYPE_INVESTOR_IN));
    }
  }

  // Depth 2: the direction is relative to the via entity.
  view.ApplyLink(NbimInNorway());
  v1::GetLinksRequest r;
  r.set_entity_id("company:baba");
  r.set_depth(2);
  r.add_relation_types(v1::RELATION_TYPE_LOCATED_IN);
  r.add_relation_types(v1::RELATION_TYPE_INVESTOR_IN);
  auto links = view.GetLinks(r);
  ASSERT_TRUE(links.ok()) << links.status();
  const v1::LinkedEntity* to_norway = nullptr;
  for (const auto& l : links->links()) {
    if (l.entity().id() == "place:norway") to_norway = &l;
  }
  ASSERT_NE(to_norway, nullptr);
  EXPECT_EQ(to_norway->via_entity_id(), "org:norges-bank-investment-management");
  ASSERT_EQ(to_norway->relations_size(), 1);
  EXPECT_EQ(to_norway->relations(0).direction(), v1::RELATION_DIRECTION_OUTGOING);
}

TEST(ViewStoreLinks, RelinkingAnArticleWithdrawsItsStatedRelations) {
  ViewStore view;
  view.ApplyLink(AlibabaArticle());
  // The relinked article no longer states Joe Tsai's role.
  view.ApplyLink(Link("dc360-alibaba-tsai", "2024-02-20T12:00:00Z", {Mention(kAlibaba, 0.95, 9), Mention(kTsai, 0.8, 5)},
                      {}, "link-v2"));
  EXPECT_THAT(Stated(view, "company:baba", "person:joe-tsai"), IsEmpty());
  EXPECT_THAT(Stated(view, "person:joe-tsai", "company:baba"), IsEmpty());
}

TEST(ViewStoreLinks, ApplyingTheSameLinkTwiceChangesNothing) {
  ViewStore view;
  view.ApplyLink(AlibabaArticle());
  auto before = view.Stats();
  EXPECT_FALSE(view.ApplyLink(AlibabaArticle()));
  auto after = view.Stats();
  EXPECT_EQ(after.sequence, before.sequence);
  EXPECT_EQ(after.links, before.links);
  auto e = view.GetEntity(EntityRequest("company:baba"));
  EXPECT_EQ(e->mentions().total(), 1);
  EXPECT_EQ(e->links(0).weight(), 2.0);
}

TEST(ViewStoreLinks, RelinkedArticleReplacesItsEarlierLinks) {
  ViewStore view;
  view.ApplyLink(AlibabaArticle());
  ASSERT_EQ(view.GetEntity(EntityRequest("company:baba"))->links_size(), 7);  // ranks and caches the links
  // A newer catalog no longer finds the United States in the article.
  auto relinked = Link("dc360-alibaba-tsai", "2024-02-20T12:00:00Z",
                       {Mention(kAlibaba, 0.95, 9), Mention(kTsai, 0.8, 5)},
                       {Relation("person:joe-tsai", "company:baba", v1::RELATION_TYPE_EXECUTIVE_OF, "chair")},
                       "link-v2");
  EXPECT_TRUE(view.ApplyLink(relinked));
  v1::GetLinksRequest r;
  r.set_entity_id("company:baba");
  auto links = view.GetLinks(r);
  ASSERT_TRUE(links.ok());
  EXPECT_THAT(Ids(*links), ElementsAre("person:joe-tsai"));
  EXPECT_EQ(links->links(0).weight(), 2.0);
  EXPECT_EQ(view.Stats().links, 1u);
  // place:usa is no longer mentioned anywhere: it has left the view.
  auto usa = view.GetEntity(EntityRequest("place:usa"));
  EXPECT_EQ(usa.status().code(), absl::StatusCode::kNotFound);
}

TEST(ViewStoreLinks, CountsOverWindowsEndingAtTheNewestArticle) {
  ViewStore view;
  view.ApplyLink(Link("a1", "1987-03-10T12:00:00Z", {Mention(kUsa, 0.5, 1), Mention(kChampion, 0.9, 2)}));
  view.ApplyLink(Link("a2", "1987-03-10T02:00:00Z", {Mention(kUsa, 0.5, 1)}));
  view.ApplyLink(Link("a3", "1987-03-07T12:00:00Z", {Mention(kUsa, 0.5, 1)}));
  view.ApplyLink(Link("a4", "1987-02-20T12:00:00Z", {Mention(kUsa, 0.5, 1)}));
  auto e = view.GetEntity(EntityRequest("place:usa"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->mentions().last_24h(), 2);
  EXPECT_EQ(e->mentions().last_7d(), 3);
  EXPECT_EQ(e->mentions().total(), 4);
  // A newer article anywhere moves the window end.
  view.ApplyLink(Link("a5", "1987-03-12T12:00:00Z", {Mention(kChina, 0.5, 1)}));
  e = view.GetEntity(EntityRequest("place:usa"));
  EXPECT_EQ(e->mentions().last_24h(), 0);
  EXPECT_EQ(e->mentions().last_7d(), 3);
}

TEST(ViewStoreLinks, NoveltyMarksTheFirstArticleLinkingTwoEntitiesWhateverTheReadOrder) {
  auto first = Link("r1", "1987-03-01T00:00:00Z", {Mention(kAlibaba, 1, 1), Mention(kTsai, 1, 1)});
  auto again = Link("r2", "1987-03-02T00:00:00Z", {Mention(kAlibaba, 1, 1), Mention(kTsai, 1, 1)});
  auto fresh = Link("r3", "1987-03-03T00:00:00Z", {Mention(kAlibaba, 1, 1), Mention(kTsai, 1, 1), Mention(kNbim, 1, 1)});
  for (bool reversed : {false, true}) {
    ViewStore view;
    std::vector<v1::EntityLink> order = {first, again, fresh};
    if (reversed) std::reverse(order.begin(), order.end());
    for (const auto& l : order) view.ApplyLink(l);
    v1::ListArticlesRequest r;
    r.set_entity_id("company:baba");
    auto articles = view.ListArticles(r);
    ASSERT_TRUE(articles.ok());
    ASSERT_EQ(articles->articles_size(), 3);
    EXPECT_EQ(articles->articles(0).article_id(), "r3");
    EXPECT_TRUE(articles->articles(0).novel()) << "first article with NBIM";
    EXPECT_FALSE(articles->articles(1).novel()) << "second article with Joe Tsai";
    EXPECT_TRUE(articles->articles(2).novel()) << "first article with Joe Tsai";
  }
}

TEST(ViewStoreLinks, DepthTwoGoesThroughTheStrongestNeighbourAndFiltersApply) {
  ViewStore view;
  view.ApplyLink(AlibabaArticle());
  // Nicolai Tangen leads NBIM (a second article), Tangen was not in Alibaba's
  // article set here except through the first; add a new depth-2 entity.
  view.ApplyLink(NbimInNorway());
  v1::GetLinksRequest r;
  r.set_entity_id("company:baba");
  r.set_depth(2);
  auto links = view.GetLinks(r);
  ASSERT_TRUE(links.ok()) << links.status();
  ASSERT_EQ(links->links_size(), 8);
  const auto& last = links->links(7);
  EXPECT_EQ(last.entity().id(), "place:norway");
  EXPECT_EQ(last.depth(), 2);
  EXPECT_EQ(last.via_entity_id(), "org:norges-bank-investment-management");
  EXPECT_EQ(last.weight(), 2.0);  // min(baba-nbim 2, nbim-norway 2)
  EXPECT_THAT(last.evidence_article_ids(), ElementsAre("nbim-1"));

  r.set_depth(1);
  r.add_relation_types(v1::RELATION_TYPE_OWNS);
  links = view.GetLinks(r);
  ASSERT_TRUE(links.ok());
  EXPECT_THAT(Ids(*links), ElementsAre("brand:taobao", "brand:tmall"));

  r.clear_relation_types();
  r.set_entity_type(v1::ENTITY_TYPE_PERSON);
  links = view.GetLinks(r);
  EXPECT_THAT(Ids(*links), ElementsAre("person:joe-tsai", "person:nicolai-tangen"));

  r.set_depth(3);
  EXPECT_EQ(view.GetLinks(r).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(view.GetLinks(r).status().message()), HasSubstr("depth"));
}

TEST(ViewStorePaging, ArticlesPageWithoutGapsOrRepeatsWhileNewsArrives) {
  ViewStore view;
  for (int i = 0; i < 25; ++i) {
    char ts[32];
    std::snprintf(ts, sizeof ts, "1987-03-%02dT10:00:00Z", i + 1);
    view.ApplyLink(Link("reuters-" + std::to_string(i), ts, {Mention(kUsa, 0.5, 1)}));
  }
  v1::ListArticlesRequest r;
  r.set_entity_id("place:usa");
  r.set_page_size(10);
  std::set<std::string> seen;
  int pages = 0;
  for (;;) {
    auto page = view.ListArticles(r);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& a : page->articles()) EXPECT_TRUE(seen.insert(a.article_id()).second) << a.article_id();
    ++pages;
    if (pages == 1) view.ApplyLink(Link("late", "1987-04-01T00:00:00Z", {Mention(kUsa, 0.5, 1)}));  // at the head
    if (page->next_page_token().empty()) break;
    r.set_page_token(page->next_page_token());
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 25u);
}

TEST(ViewStorePaging, GarbageOrForeignTokensAreInvalidArguments) {
  ViewStore view;
  for (int i = 0; i < 30; ++i) view.ApplyLink(Link("a" + std::to_string(i), "1987-03-01T00:00:00Z", {Mention(kUsa, 0.5, 1), Mention(kChina, 0.5, 1)}));
  v1::ListArticlesRequest r;
  r.set_entity_id("place:usa");
  r.set_page_size(5);
  auto page = view.ListArticles(r);
  ASSERT_FALSE(page->next_page_token().empty());

  r.set_page_token("not*base64!");
  auto s = view.ListArticles(r).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("page_token"));

  // A token of place:usa's list used for place:china's.
  v1::ListArticlesRequest other;
  other.set_entity_id("place:china");
  other.set_page_token(page->next_page_token());
  EXPECT_EQ(view.ListArticles(other).status().code(), absl::StatusCode::kInvalidArgument);

  // A token of ListArticles used for SearchEntities.
  v1::SearchEntitiesRequest search;
  search.set_query("usa");
  search.set_page_token(page->next_page_token());
  EXPECT_EQ(view.SearchEntities(search).status().code(), absl::StatusCode::kInvalidArgument);

  r.set_page_token("");
  r.set_page_size(101);
  s = view.ListArticles(r).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("page_size"));
}

TEST(ViewStoreSearch, FindsByTickerNameAliasAndPrefixBestFirst) {
  ViewStore view;
  view.ApplyCatalog(CatalogAlibaba());
  v1::CatalogEntity ant;
  ant.set_id("company:ant-group");
  ant.set_type(v1::ENTITY_TYPE_COMPANY);
  ant.set_name("Ant Group");
  view.ApplyCatalog(ant);
  view.ApplyLink(AlibabaArticle());  // record-only entities become searchable too

  auto search = [&](const std::string& q, v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED) {
    v1::SearchEntitiesRequest r;
    r.set_query(q);
    r.set_type(type);
    auto resp = view.SearchEntities(r);
    EXPECT_TRUE(resp.ok()) << resp.status();
    std::vector<std::string> ids;
    for (const auto& e : resp->entities()) ids.push_back(e.id());
    return ids;
  };
  EXPECT_THAT(search("BABA"), ElementsAre("company:baba"));
  EXPECT_THAT(search("alib"), ElementsAre("company:baba"));
  EXPECT_THAT(search("Alibaba Group"), ElementsAre("company:baba"));
  // "group" is a word of both names; the one the stream mentions comes first.
  EXPECT_THAT(search("group"), ElementsAre("company:baba", "company:ant-group"));
  EXPECT_THAT(search("ant"), ElementsAre("company:ant-group"));
  EXPECT_THAT(search("tsai"), ElementsAre("person:joe-tsai"));
  EXPECT_THAT(search("t", v1::ENTITY_TYPE_BRAND), ElementsAre("brand:taobao", "brand:tmall"));
  EXPECT_TRUE(search("zzz").empty());

  v1::SearchEntitiesRequest empty;
  empty.set_query("  ,, ");
  auto s = view.SearchEntities(empty).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("query"));
}

TEST(ViewStoreCatalog, ProfileComesFromTheCatalogAndFallsBackWhenDeleted) {
  ViewStore view;
  EXPECT_TRUE(view.ApplyCatalog(CatalogAlibaba()));
  EXPECT_FALSE(view.ApplyCatalog(CatalogAlibaba()));  // same record again
  auto e = view.GetEntity(EntityRequest("company:baba"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->profile().codes(0).value(), "BABA");
  EXPECT_EQ(e->mentions().total(), 0);

  view.ApplyDelta(Delta("d1", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000));
  auto tombstone = CatalogAlibaba();
  tombstone.set_deleted(true);
  EXPECT_TRUE(view.ApplyCatalog(tombstone));
  e = view.GetEntity(EntityRequest("company:baba"));
  ASSERT_TRUE(e.ok()) << "records still mention it";
  EXPECT_EQ(e->profile().name(), "Alibaba Group Holding");
  EXPECT_EQ(e->profile().codes_size(), 0);

  v1::CatalogEntity gone;
  gone.set_id("org:imf");
  gone.set_type(v1::ENTITY_TYPE_ORGANISATION);
  gone.set_name("International Monetary Fund");
  view.ApplyCatalog(gone);
  gone.set_deleted(true);
  view.ApplyCatalog(gone);
  auto missing = view.GetEntity(EntityRequest("org:imf"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("org:imf"));
}

// A replica loads data/catalog, then replays catalog.v1, where a worker may
// have published a company it discovered from a ticker mark before the
// curated entry existed: the curated profile must stay.
TEST(ViewStoreCatalog, DiscoveredCompanyNeverReplacesTheCuratedProfile) {
  ViewStore view;
  EXPECT_TRUE(view.ApplyCatalog(CatalogAlibaba()));
  v1::CatalogEntity discovered;
  discovered.set_id("company:baba");
  discovered.set_type(v1::ENTITY_TYPE_COMPANY);
  discovered.set_name("Alibaba Group Holding Ltd");
  (*discovered.mutable_attributes())["discovered_from"] = "reuters-9";
  EXPECT_FALSE(view.ApplyCatalog(discovered));
  auto e = view.GetEntity(EntityRequest("company:baba"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->profile().codes(0).value(), "BABA");
  EXPECT_EQ(e->profile().attributes().count("discovered_from"), 0u);

  // A discovered company the catalog lacks is shown, and a curated entry
  // published later replaces it.
  auto champion = discovered;
  champion.set_id("company:ch");
  champion.set_name("Champion Products Inc");
  EXPECT_TRUE(view.ApplyCatalog(champion));
  EXPECT_EQ(view.GetEntity(EntityRequest("company:ch"))->profile().name(), "Champion Products Inc");
  auto curated = champion;
  curated.mutable_attributes()->clear();
  curated.set_name("Champion Products");
  EXPECT_TRUE(view.ApplyCatalog(curated));
  EXPECT_EQ(view.GetEntity(EntityRequest("company:ch"))->profile().name(), "Champion Products");
}

TEST(ViewStoreMovers, RanksLatestDeltasByPercentOrAbsoluteChange) {
  ViewStore view;
  auto a = Ref("company:a", v1::ENTITY_TYPE_COMPANY, "A");
  auto b = Ref("company:b", v1::ENTITY_TYPE_COMPANY, "B");
  auto c = Ref("company:c", v1::ENTITY_TYPE_COMPANY, "C");
  view.ApplyDelta(Delta("a1", a, v1::METRIC_KIND_REVENUE, 1987, 1, 110, 100));       // +10%
  view.ApplyDelta(Delta("a0", a, v1::METRIC_KIND_REVENUE, 1986, 4, 500, 100));       // older period: not latest
  view.ApplyDelta(Delta("b1", b, v1::METRIC_KIND_REVENUE, 1987, 1, 50, 100));        // -50%
  view.ApplyDelta(Delta("c1", c, v1::METRIC_KIND_REVENUE, 1987, 1, 5000, -1000));    // sign change
  view.ApplyDelta(Delta("c2", c, v1::METRIC_KIND_NET_INCOME, 1987, 1, 1000, 100));   // other metric
  view.ApplyDelta(Delta("ali", kAlibaba, v1::METRIC_KIND_REVENUE, 2024, 3, 4'020'000'000, 2'790'000'000, 1,
                        "international commerce"));  // +44%, a segment
  v1::TopMoversRequest r;
  r.set_metric(v1::METRIC_KIND_REVENUE);
  auto movers = view.TopMovers(r);
  ASSERT_TRUE(movers.ok()) << movers.status();
  std::vector<std::string> ids;
  for (const auto& d : movers->deltas()) ids.push_back(d.id());
  EXPECT_THAT(ids, ElementsAre("b1", "ali", "a1"));

  // A new delta after a ranking was computed shows up in the next one.
  auto d = Ref("company:d", v1::ENTITY_TYPE_COMPANY, "D");
  view.ApplyDelta(Delta("d1", d, v1::METRIC_KIND_REVENUE, 1987, 1, 300, 100));  // +200%
  movers = view.TopMovers(r);
  ASSERT_EQ(movers->deltas_size(), 4);
  EXPECT_EQ(movers->deltas(0).id(), "d1");

  r.set_by_absolute_change(true);
  r.set_page_size(2);
  movers = view.TopMovers(r);
  ASSERT_EQ(movers->deltas_size(), 2);
  EXPECT_EQ(movers->deltas(0).id(), "ali");
  EXPECT_EQ(movers->deltas(1).id(), "c1");
  r.set_page_token(movers->next_page_token());
  movers = view.TopMovers(r);
  ASSERT_TRUE(movers.ok());
  ASSERT_EQ(movers->deltas_size(), 2);
  EXPECT_EQ(movers->deltas(0).id(), "d1");
  EXPECT_EQ(movers->deltas(1).id(), "b1");

  r.set_basis(v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  r.clear_page_token();
  EXPECT_EQ(view.TopMovers(r)->deltas_size(), 0);

  v1::TopMoversRequest bad;
  auto s = view.TopMovers(bad).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("metric"));
}

TEST(ViewStoreChanges, FeedIsFilteredAndResumable) {
  ViewStore::Options options;
  options.change_log_capacity = 3;
  ViewStore view(options);
  view.ApplyCatalog(CatalogAlibaba());                                                                      // 1
  view.ApplyDelta(Delta("d1", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000));  // 2
  view.ApplyLink(AlibabaArticle());                                                                         // 3
  view.ApplyDelta(Delta("c1", kChampion, v1::METRIC_KIND_EPS, 1987, 1, 34, 119));                            // 4
  EXPECT_EQ(view.LastSequence(), 4);

  std::vector<v1::ViewChange> out;
  WatchFilter baba;
  baba.entity_ids = {"company:baba"};
  auto scanned = view.ChangesAfter(1, baba, 10, &out);
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_EQ(*scanned, 4);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind(), v1::CHANGE_KIND_DELTA);
  EXPECT_EQ(out[1].kind(), v1::CHANGE_KIND_ARTICLE);
  EXPECT_EQ(out[1].link().article_id(), "dc360-alibaba-tsai");

  out.clear();
  WatchFilter people;
  people.entity_types = {v1::ENTITY_TYPE_PERSON};
  ASSERT_TRUE(view.ChangesAfter(1, people, 10, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].sequence(), 3);

  out.clear();
  WatchFilter eps;
  eps.metrics = {v1::METRIC_KIND_EPS};
  ASSERT_TRUE(view.ChangesAfter(1, eps, 10, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].delta().id(), "c1");

  // Sequence 1 has left the log of 3.
  auto gone = view.ChangesAfter(0, WatchFilter{}, 10, &out);
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(gone.status().message()), HasSubstr("after_sequence"));
}

TEST(ViewStoreValidation, MissingIdsNameTheField) {
  ViewStore view;
  auto s = view.GetEntity(EntityRequest("")).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("entity_id"));
  v1::GetMetricHistoryRequest h;
  h.set_entity_id("company:baba");
  s = view.GetMetricHistory(h).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("metric"));
  v1::ListArticlesRequest a;
  a.set_entity_id("company:nope");
  s = view.ListArticles(a).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(s.message()), HasSubstr("company:nope"));
}

TEST(ViewStoreStats, ReplayingEverythingTwiceLeavesTheSameView) {
  ViewStore view;
  auto replay = [&] {
    view.ApplyCatalog(CatalogAlibaba());
    view.ApplyLink(AlibabaArticle());
    view.ApplyDelta(Delta("d1", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000));
    view.ApplyDelta(Delta("c1", kChampion, v1::METRIC_KIND_EPS, 1987, 1, 34, 119));
  };
  replay();
  auto first = view.Stats();
  auto before = view.GetEntity(EntityRequest("company:baba"));
  replay();
  auto second = view.Stats();
  EXPECT_EQ(first.sequence, second.sequence);
  EXPECT_EQ(first.entities, second.entities);
  EXPECT_EQ(first.links, second.links);
  EXPECT_EQ(first.deltas, second.deltas);
  EXPECT_EQ(before->DebugString(), view.GetEntity(EntityRequest("company:baba"))->DebugString());
  EXPECT_EQ(first.entities, 9u);
  EXPECT_GT(first.approx_bytes, 1000u);
}

}  // namespace
}  // namespace streamlens::view
