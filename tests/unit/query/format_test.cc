#include "services/query/format.h"

#include <gtest/gtest.h>

#include "tests/unit/view/view_records.h"

namespace streamlens::query {
namespace {

using namespace view::testing;

TEST(Format, AmountsReadAsPeopleWriteThem) {
  EXPECT_EQ(FormatAmount(Usd(4'020'000'000)), "$4.02 billion");
  EXPECT_EQ(FormatAmount(Usd(-433'000'000)), "-$433.00 million");
  EXPECT_EQ(FormatAmount(Usd(807'000)), "$807,000");
  v1::Amount eps = Usd(34, 2);
  eps.set_unit(v1::UNIT_MONEY_PER_SHARE);
  EXPECT_EQ(FormatAmount(eps), "$0.34");
  EXPECT_EQ(FormatAmount(Percent(4408)), "44.1%");
  v1::Amount cad = Usd(189'100'000);
  cad.set_currency("CAD");
  EXPECT_EQ(FormatAmount(cad), "CAD 189.10 million");
}

TEST(Format, DeltaSaysWhatChangedAndAgainstWhat) {
  auto d = Delta("d", kAlibaba, v1::METRIC_KIND_REVENUE, 2024, 3, 4'020'000'000, 2'790'000'000, 1,
                 "international commerce");
  EXPECT_EQ(FormatDelta(d),
            "international commerce revenue Q3 2024: $4.02 billion vs $2.79 billion, +44.1% year over year");
  auto loss = Delta("l", kChampion, v1::METRIC_KIND_NET_INCOME, 1987, 0, -119'000, 637'000, 2);
  loss.mutable_period()->set_kind(v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(FormatDelta(loss), "net income year 1987: -$119,000 vs $637,000, sign changed year over year (corrected)");
}

TEST(Format, LinkShowsTypeWeightRelationsAndRoles) {
  v1::LinkedEntity l;
  *l.mutable_entity() = kTsai;
  l.set_weight(2);
  l.add_relation_types(v1::RELATION_TYPE_EXECUTIVE_OF);
  l.add_roles("chair");
  l.set_depth(1);
  EXPECT_EQ(FormatLink(l), "Joe Tsai (person, weight 2, executive of: chair)");
  l.set_depth(2);
  l.set_via_entity_id("company:baba");
  EXPECT_EQ(FormatLink(l), "Joe Tsai (person, weight 2, executive of: chair, via company:baba)");
}

TEST(Format, LinkReadsStatedRelationsSubjectFirst) {
  v1::LinkedEntity l;
  *l.mutable_entity() = kTsai;
  l.set_weight(3);
  l.add_relation_types(v1::RELATION_TYPE_EXECUTIVE_OF);
  l.add_roles("chair");
  l.set_depth(1);
  auto* r = l.add_relations();
  r->set_type(v1::RELATION_TYPE_EXECUTIVE_OF);
  r->set_direction(v1::RELATION_DIRECTION_INCOMING);
  r->set_role("chair");
  r->set_article_count(2);
  auto* owns = l.add_relations();
  owns->set_type(v1::RELATION_TYPE_OWNS);
  owns->set_direction(v1::RELATION_DIRECTION_OUTGOING);
  owns->set_article_count(1);
  EXPECT_EQ(FormatLink(l, "Alibaba"),
            "Joe Tsai (person, weight 3; Joe Tsai executive of Alibaba [chair] (2 articles); Alibaba owns Joe Tsai)");
  EXPECT_EQ(FormatLink(l), "Joe Tsai (person, weight 3; Joe Tsai executive of this entity [chair] (2 articles); "
                           "this entity owns Joe Tsai)");
  l.set_depth(2);
  l.set_via_entity_id("company:baba");
  EXPECT_EQ(FormatLink(l, "NBIM"), "Joe Tsai (person, weight 3; Joe Tsai executive of company:baba [chair] (2 articles); "
                                   "company:baba owns Joe Tsai, via company:baba)");
}

}  // namespace
}  // namespace streamlens::query
