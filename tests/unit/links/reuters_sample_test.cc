// Real Reuters articles (tests/fixtures/links/reuters-sample.sgm) read by the
// feed loader, linked, and scored against their own hand annotations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "services/ingest/loaders/feed.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/evaluation.h"
#include "services/worker/links/linker.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

using ::testing::Contains;
using ::testing::IsSupersetOf;

class ReutersSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(catalog_.LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog").ok());
    auto linker = Linker::Create(catalog_);
    ASSERT_TRUE(linker.ok());
    linker_ = std::move(*linker);
    loaders::FeedCallbacks callbacks;
    callbacks.on_event = [&](const v1::PublishRequest& r, const std::string&) {
      if (r.has_news()) articles_[r.news().id()] = r.news();
    };
    callbacks.on_rejected = [](const std::string&, const std::string&) {};
    ASSERT_TRUE(
        loaders::ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/links/reuters-sample.sgm"}, callbacks)
            .ok());
    ASSERT_EQ(articles_.size(), 5u);
  }

  std::vector<std::string> Ids(const std::string& article_id) {
    std::vector<std::string> ids;
    const v1::EntityLink link = test_support::LinkOf(*linker_, articles_.at(article_id));
    for (const auto& m : link.mentions()) ids.push_back(m.entity().id());
    return ids;
  }

  EntityCatalog catalog_;
  std::unique_ptr<Linker> linker_;
  std::map<std::string, v1::NewsEvent> articles_;
};

TEST_F(ReutersSampleTest, LinksWhatTheAnnotatorsMarked) {
  // ROCHESTER, N.Y. dateline and the ticker-marked company.
  EXPECT_THAT(Ids("reuters-9"), IsSupersetOf({"place:usa", "company:ch"}));
  // Mixed-case dateline "Toronto".
  EXPECT_THAT(Ids("reuters-40"), Contains("place:canada"));
  // BONN and a Brazilian minister meeting Stoltenberg.
  EXPECT_THAT(Ids("reuters-1248"), IsSupersetOf({"place:germany", "place:brazil", "person:gerhard-stoltenberg"}));
  // "TREASURY'S BAKER" in a title-only article.
  EXPECT_THAT(Ids("reuters-2600"), IsSupersetOf({"person:james-baker", "place:usa"}));
  EXPECT_THAT(Ids("reuters-12828"), IsSupersetOf({"person:gerhard-stoltenberg", "org:imf", "place:brazil"}));
}

TEST_F(ReutersSampleTest, EvaluationScoresAgainstTheAnnotations) {
  LinkEvaluation evaluation(catalog_, {0.3, 0.2, 0.25, 0.2});
  for (const auto& [id, article] : articles_) evaluation.Add(article, test_support::LinkOf(*linker_, article));
  EXPECT_EQ(evaluation.articles(), 5);
  const KindScore& places = evaluation.score(AnnotationKind::kPlaces);
  // Annotated: usa, canada, west-germany+brazil, usa, west-germany+brazil.
  EXPECT_EQ(places.true_positives + places.false_negatives, 7);
  EXPECT_GE(places.recall(), 0.85);
  EXPECT_GE(places.precision(), 0.7);
  const KindScore& people = evaluation.score(AnnotationKind::kPeople);
  EXPECT_EQ(people.true_positives, 3);
  EXPECT_EQ(people.false_negatives, 0);
  EXPECT_THAT(evaluation.Table(), ::testing::HasSubstr("| places | 7 |"));
  // A threshold above every salience predicts nothing.
  LinkEvaluation strict(catalog_, {1.1, 1.1, 1.1, 1.1});
  for (const auto& [id, article] : articles_) strict.Add(article, test_support::LinkOf(*linker_, article));
  EXPECT_EQ(strict.score(AnnotationKind::kPlaces).true_positives + strict.score(AnnotationKind::kPlaces).false_positives, 0);
}

TEST_F(ReutersSampleTest, ArticlesWithoutAnnotationsAreNotScored) {
  LinkEvaluation evaluation(catalog_, {0, 0, 0, 0});
  v1::NewsEvent plain;
  plain.set_id("plain");
  plain.set_body("The U.S. said.");
  evaluation.Add(plain, test_support::LinkOf(*linker_, plain));
  EXPECT_EQ(evaluation.articles(), 0);
}

}  // namespace
}  // namespace streamlens::links
