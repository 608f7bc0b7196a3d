// Sentences, titles before surnames, and relations read from Reuters-style
// prose through the whole linker.
#include "services/worker/links/relations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "services/worker/links/text_units.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

TEST(TextUnitsTest, SentencesEndAtPointsButNotAbbreviations) {
  const std::string text =
      "Champion Products Inc. said the U.S. unit rose. Mr. Smith agreed! Was it?\n    New paragraph here";
  auto ends = SentenceEnds(text);
  ASSERT_EQ(ends.size(), 4u);
  EXPECT_EQ(text.substr(0, ends[0]), "Champion Products Inc. said the U.S. unit rose.");
  EXPECT_EQ(text.substr(ends[0], ends[1] - ends[0]), " Mr. Smith agreed!");
  EXPECT_EQ(text.substr(ends[1], ends[2] - ends[1]), " Was it?");
  EXPECT_EQ(ends[3], text.size());
}

// The scan skips 16 bytes at a time between candidate bytes: an end must be
// found wherever it falls, before, across or after such a block, and a point
// that ends no sentence ("1.5", "U.S.") must not stop it.
TEST(TextUnitsTest, SentenceEndsAreFoundAtEveryOffset) {
  for (size_t at = 0; at < 40; ++at) {
    const std::string first = std::string(at, 'x') + " rose 1.5 pct in the U.S.";
    const std::string text = first + " Then it fell! More follows here, long enough to span a block";
    auto ends = SentenceEnds(text);
    ASSERT_EQ(ends.size(), 2u) << at;
    EXPECT_EQ(ends[0], first.size() + std::string(" Then it fell!").size()) << at;
    EXPECT_EQ(ends[1], text.size()) << at;
    EXPECT_EQ(FirstSentenceEnd(text), ends[0]) << at;
  }
  EXPECT_EQ(FirstSentenceEnd(std::string(100, 'a')), 100u);
  EXPECT_EQ(FirstSentenceEnd(std::string(37, 'a') + ". B"), 38u);
}

TEST(TextUnitsTest, PreviousWordSkipsSpacesAndPoints) {
  const std::string text = "Treasury Secretary  Baker and Mr. Volcker";
  EXPECT_EQ(PreviousWord(text, text.find("Baker")), "Secretary");
  EXPECT_EQ(PreviousWord(text, text.find("Volcker")), "Mr");
  EXPECT_EQ(PreviousWord(text, 0), "");
}

class RelationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new EntityCatalog();
    ASSERT_TRUE(catalog_->LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog").ok());
    linker_ = Linker::Create(*catalog_)->release();
  }
  static void TearDownTestSuite() {
    delete linker_;
    delete catalog_;
  }
  static v1::EntityLink LinkBody(const std::string& body) {
    v1::NewsEvent a;
    a.set_id("r");
    a.set_body(body);
    return test_support::LinkOf(*linker_, a);
  }
  static bool Has(const v1::EntityLink& link, const std::string& s, v1::RelationType t, const std::string& o) {
    for (const auto& r : link.relations()) {
      if (r.subject_id() == s && r.type() == t && r.object_id() == o) return true;
    }
    return false;
  }
  static EntityCatalog* catalog_;
  static Linker* linker_;
};
EntityCatalog* RelationsTest::catalog_ = nullptr;
Linker* RelationsTest::linker_ = nullptr;

TEST_F(RelationsTest, AcquisitionStatedInASentence) {
  auto link = LinkBody("Chevron Corp said it agreed to acquire Zoetis for 60 billion dlrs.");
  EXPECT_TRUE(Has(link, "company:cvx", v1::RELATION_TYPE_ACQUIRES, "company:zts"));
  EXPECT_FALSE(Has(link, "company:zts", v1::RELATION_TYPE_ACQUIRES, "company:cvx"));
}

TEST_F(RelationsTest, RelationsStayInsideTheirSentence) {
  // "acquire" and the companies are in different sentences: no relation.
  auto link = LinkBody("Chevron said profits rose. Analysts expect others to acquire Zoetis.");
  EXPECT_EQ(link.relations_size(), 0);
}

TEST_F(RelationsTest, PersonCommaRoleOfOrganisation) {
  auto link = LinkBody("Paul Volcker, chairman of the Federal Reserve, said rates were steady.");
  ASSERT_EQ(link.relations_size(), 1);
  EXPECT_EQ(link.relations(0).subject_id(), "person:paul-volcker");
  EXPECT_EQ(link.relations(0).object_id(), "org:federal-reserve");
  EXPECT_EQ(link.relations(0).type(), v1::RELATION_TYPE_EXECUTIVE_OF);
  EXPECT_EQ(link.relations(0).role(), "chair");
  EXPECT_THAT(link.relations(0).evidence(), ::testing::HasSubstr("chairman of the Federal Reserve"));
}

}  // namespace
}  // namespace streamlens::links
