// The salience model (salience.h): the per-entity prior decides between
// entities an article names the same way, unseen entities fall back to their
// kind's rate, salience.json is checked field by field, and the shipped
// model keeps the title and dateline above a passing mention.
#include "services/worker/links/salience.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

using ::testing::HasSubstr;

// Organisations: a passing mention alone says little (bias -2), the title a
// lot; the prior counts fully. Rate 0.3: an unseen organisation starts there.
constexpr const char* kModel = R"({
  "smoothing": 2,
  "kinds": {
    "place": {"rate": 0.7, "threshold": 0.5, "weights": {"bias": 0, "dateline": 3}},
    "organisation": {"rate": 0.3, "threshold": 0.4,
                     "weights": {"bias": -0.5, "title": 3, "log_body_count": 0.5, "prior": 1}},
    "person": {"rate": 0.5, "threshold": 0.5, "weights": {"prior": 1}},
    "exchange": {"rate": 0.5, "threshold": 0.5, "weights": {"prior": 1}}
  },
  "entities": {"org:often": [45, 50], "org:seldom": [2, 60]}
})";

SalienceModel Model() {
  auto model = SalienceModel::FromJson(kModel);
  EXPECT_TRUE(model.ok()) << model.status();
  return *model;
}

double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

TEST(SalienceModelTest, PriorIsTheEntityRateSmoothedTowardItsKind) {
  const SalienceModel model = Model();
  EXPECT_TRUE(model.trained());
  // (45 + 2 * 0.3) / (50 + 2)
  EXPECT_NEAR(model.PriorLogit("org:often", v1::ENTITY_TYPE_ORGANISATION), Logit(45.6 / 52), 1e-9);
  EXPECT_NEAR(model.PriorLogit("org:seldom", v1::ENTITY_TYPE_ORGANISATION), Logit(2.6 / 62), 1e-9);
  // Never seen: the kind's rate, whatever its type's model kind.
  EXPECT_NEAR(model.PriorLogit("org:new", v1::ENTITY_TYPE_ORGANISATION), Logit(0.3), 1e-9);
  EXPECT_NEAR(model.PriorLogit("place:atlantis", v1::ENTITY_TYPE_PLACE), Logit(0.7), 1e-9);
  EXPECT_NEAR(model.PriorLogit("company:acme", v1::ENTITY_TYPE_COMPANY), Logit(0.3), 1e-9);
}

// A kind's own `smoothing` overrides the file's: people's records are
// trusted less (more pseudo-mentions at the kind's rate) than organisations'.
TEST(SalienceModelTest, AKindsOwnSmoothingOverridesTheFiles) {
  std::string json = kModel;
  json.replace(json.find("\"person\": {\"rate\": 0.5,"), 23, "\"person\": {\"smoothing\": 20, \"rate\": 0.5,");
  json.replace(json.find("\"org:often\""), 0, "\"person:often\": [45, 50], ");
  auto model = SalienceModel::FromJson(json);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_NEAR(model->PriorLogit("person:often", v1::ENTITY_TYPE_PERSON), Logit((45 + 20 * 0.5) / (50 + 20.0)), 1e-9);
  EXPECT_NEAR(model->PriorLogit("org:often", v1::ENTITY_TYPE_ORGANISATION), Logit(45.6 / 52), 1e-9);
  EXPECT_THAT(std::string(SalienceModel::FromJson(std::string(json).replace(json.find("\"smoothing\": 20"), 15,
                                                                            "\"smoothing\": -1"))
                              .status()
                              .message()),
              HasSubstr("kinds.person.smoothing: must not be negative"));
}

TEST(SalienceModelTest, ScoreIsTheLogisticOfTheWeightedInputs) {
  const SalienceModel model = Model();
  SalienceFeatures once;
  once.body_count = 1;
  once.body_length = 2000;
  once.first_body_offset = 1500;
  EXPECT_NEAR(model.Score(SalienceKind::kOrganisation, once, 0.25), Sigmoid(-0.5 + 0.5 * std::log(2.0) + 0.25), 1e-9);
  SalienceFeatures title = once;
  title.in_title = true;
  EXPECT_NEAR(model.Score(SalienceKind::kOrganisation, title, 0.25),
              Sigmoid(-0.5 + 3 + 0.5 * std::log(2.0) + 0.25), 1e-9);
  const auto inputs = SalienceInputs(once, 0.25);
  const auto& names = SalienceInputNames();
  auto input = [&](std::string_view name) { return inputs[std::find(names.begin(), names.end(), name) - names.begin()]; };
  EXPECT_DOUBLE_EQ(input("bias"), 1.0);
  EXPECT_DOUBLE_EQ(input("first_position"), 0.75);
  EXPECT_DOUBLE_EQ(input("prior_passing"), 0.25);  // neither title nor dateline
  EXPECT_DOUBLE_EQ(input("speech"), 0.0);
  SalienceFeatures speaks = once;
  speaks.speech = true;
  EXPECT_DOUBLE_EQ(SalienceInputs(speaks, 0.25)[std::find(names.begin(), names.end(), "speech") - names.begin()], 1.0);
  EXPECT_DOUBLE_EQ(SalienceInputs(title, 0.25)[std::find(names.begin(), names.end(), "prior_passing") - names.begin()],
                   0.0);
}

TEST(SalienceModelTest, BadModelsNameTheField) {
  auto error = [](const std::string& json) { return std::string(SalienceModel::FromJson(json).status().message()); };
  EXPECT_THAT(error("{"), ::testing::Not(::testing::IsEmpty()));
  EXPECT_THAT(error(R"({"kinds": {}})"), HasSubstr("kinds.place: missing"));
  std::string model = kModel;
  EXPECT_THAT(error(std::string(model).replace(model.find("\"title\": 3"), 10, "\"titel\": 3")),
              HasSubstr("kinds.organisation.weights.titel: unknown input"));
  EXPECT_THAT(error(std::string(model).replace(model.find("[45, 50]"), 8, "[50, 45]")),
              HasSubstr("entities.org:often: annotated must be between 0 and mentioned"));
  EXPECT_THAT(error(std::string(model).replace(model.find("\"threshold\": 0.4"), 16, "\"threshold\": 4")),
              HasSubstr("kinds.organisation.threshold: must be between 0 and 1"));
}

// Two organisations named the same way, once in the body: the one the
// editors usually tag is selected, the one they seldom tag is not, and one
// the model never saw lands at its kind's rate.
TEST(SalienceModelTest, LinkerSelectsByThePriorWhenTheTextCannotTell) {
  EntityCatalog catalog;
  for (const auto& [id, name] : std::vector<std::pair<std::string, std::string>>{
           {"org:often", "Often Fund"}, {"org:seldom", "Seldom Council"}, {"org:new", "New Board"}}) {
    v1::CatalogEntity e;
    e.set_id(id);
    e.set_type(v1::ENTITY_TYPE_ORGANISATION);
    e.set_name(name);
    catalog.Upsert(e);
  }
  catalog.SetSalienceModel(Model());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok()) << linker.status();
  v1::NewsEvent article;
  article.set_id("a-1");
  article.set_title("TALKS ON DEBT RESUME");
  article.set_body("Talks resumed on Monday. Officials of the Often Fund, the Seldom Council and the New Board "
                   "attended, delegates said.");
  const v1::EntityLink link = test_support::LinkOf(**linker, article);
  std::map<std::string, double> salience;
  for (const auto& m : link.mentions()) salience[m.entity().id()] = m.salience();
  ASSERT_EQ(salience.size(), 3u);
  const double threshold = catalog.salience_model().threshold(SalienceKind::kOrganisation);
  EXPECT_GE(salience["org:often"], threshold);
  EXPECT_LT(salience["org:seldom"], threshold);
  EXPECT_GT(salience["org:often"], salience["org:new"]);
  EXPECT_GT(salience["org:new"], salience["org:seldom"]);
  // The same words in the title make even the seldom-tagged one salient.
  article.set_title("SELDOM COUNCIL MEETS ON DEBT");
  const v1::EntityLink about = test_support::LinkOf(**linker, article);
  bool found = false;
  for (const auto& m : about.mentions()) {
    if (m.entity().id() != "org:seldom") continue;
    found = true;
    EXPECT_GE(m.salience(), threshold);
  }
  EXPECT_TRUE(found);
}

// The shipped model (data/catalog/salience.json), on text that is not
// Reuters': what the title and dateline name outranks a passing mention,
// and every salience is a probability.
TEST(SalienceModelTest, ShippedModelRanksTitleAndDatelineAboveAPassingMention) {
  EntityCatalog catalog;
  ASSERT_TRUE(catalog.LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog").ok());
  ASSERT_TRUE(catalog.salience_model().trained());
  auto linker = Linker::Create(catalog);
  ASSERT_TRUE(linker.ok());
  v1::NewsEvent article;
  article.set_id("a-2");
  article.set_title("Brazil and the IMF agree on a new loan");
  article.set_dateline("BRASILIA, June 3 -");
  article.set_body("Brazil reached agreement with the International Monetary Fund on Tuesday, the IMF said. "
                   "The accord was welcomed in Argentina, and by OPEC oil ministers meeting in Vienna.");
  std::map<std::string, double> salience;
  const v1::EntityLink link = test_support::LinkOf(**linker, article);
  for (const auto& m : link.mentions()) {
    EXPECT_GT(m.salience(), 0.0);
    EXPECT_LT(m.salience(), 1.0);
    salience[m.entity().id()] = m.salience();
  }
  const auto& model = catalog.salience_model();
  EXPECT_GE(salience["place:brazil"], model.threshold(SalienceKind::kPlace));
  EXPECT_LT(salience["place:argentina"], model.threshold(SalienceKind::kPlace));
  EXPECT_GE(salience["org:imf"], model.threshold(SalienceKind::kOrganisation));
  EXPECT_LT(salience["org:opec"], model.threshold(SalienceKind::kOrganisation));
}

}  // namespace
}  // namespace streamlens::links
