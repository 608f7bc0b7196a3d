// DeltaEngine: deltas from real Reuters earnings reports (figures copied from
// ../shared/data/reuters21578, article named in each test) and from the
// Alibaba article's prose figures; history, late data, restatements,
// duplicates, partitions.
#include "services/worker/deltas/delta_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/deltas/test_reports.h"

namespace streamlens::deltas {
namespace {

using namespace testing;  // NOLINT: the report builders
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<v1::MetricDelta> ApplyOk(DeltaEngine& engine, const v1::EarningsEvent& r, int64_t offset = 0,
                                     int32_t partition = 0) {
  auto out = engine.Apply(r, At(partition, offset));
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : std::vector<v1::MetricDelta>{};
}

// COBANCO INC <CBCO> YEAR NET (NEWID 11): "Shr 34 cts vs 1.19 dlrs /
// Net 807,000 vs 2,858,000".
TEST(DeltaEngine, ReportedPriorsOfAReutersReport) {
  DeltaEngine engine;
  auto r = Report("reuters-11-year", "company:cbco", Year(1986));
  AddMetric(r, v1::METRIC_KIND_EPS, "Shr", UsdPerShare(34), UsdPerShare(119));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(807000), Usd(2858000));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(2));

  const auto& eps = deltas[0];
  EXPECT_EQ(eps.metric(), v1::METRIC_KIND_EPS);
  EXPECT_EQ(eps.prior_source(), v1::PRIOR_SOURCE_REPORTED);
  EXPECT_EQ(eps.basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  EXPECT_EQ(eps.absolute_change().units(), -85);  // -0.85 dollars per share
  EXPECT_EQ(eps.absolute_change().scale(), 2);
  EXPECT_EQ(eps.absolute_change().unit(), v1::UNIT_MONEY_PER_SHARE);
  EXPECT_EQ(eps.absolute_change().currency(), "USD");
  EXPECT_EQ(eps.percent_status(), v1::PERCENT_CHANGE_STATUS_OK);
  EXPECT_EQ(eps.percent_change().units(), -7143);  // -71.428..% rounds half away to -71.43%
  EXPECT_EQ(eps.percent_change().scale(), 2);
  EXPECT_EQ(eps.percent_change().unit(), v1::UNIT_PERCENT);
  EXPECT_EQ(eps.prior_period().fiscal_year(), 1985);
  EXPECT_EQ(eps.version(), 1);
  EXPECT_FALSE(eps.correction());
  EXPECT_EQ(eps.source_event_id(), "reuters-11-year");

  const auto& net = deltas[1];
  EXPECT_EQ(net.absolute_change().units(), -2051000);
  EXPECT_EQ(net.percent_change().units(), -7176);  // -71.763%
  EXPECT_NE(net.id(), eps.id());
}

// Prior stated at another scale ("1.19 dlrs" as 1190 at scale 3 vs "34 cts"):
// compared at the common scale.
TEST(DeltaEngine, ComparesAtTheCommonScale) {
  DeltaEngine engine;
  auto r = Report("r1", "company:cbco", Year(1986));
  v1::Amount prior = UsdPerShare(1190);
  prior.set_scale(3);
  AddMetric(r, v1::METRIC_KIND_EPS, "Shr", UsdPerShare(34), prior);
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), -850);
  EXPECT_EQ(deltas[0].absolute_change().scale(), 3);
  EXPECT_EQ(deltas[0].percent_change().units(), -7143);
}

// COLECO INDUSTRIES INC <CLO> 4TH QTR: "Net loss 110.6 mln vs profit 4.1 mln".
TEST(DeltaEngine, ProfitTurnedLossHasAnAbsoluteChangeAndNoPercentage) {
  DeltaEngine engine;
  auto r = Report("reuters-coleco-q4", "company:clo", Quarter(1986, 4));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(-110600000), Usd(4100000));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), -114700000);
  EXPECT_EQ(deltas[0].percent_status(), v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE);
  EXPECT_FALSE(deltas[0].has_percent_change());
}

// The issue's own example: loss 3.4 mln vs profit 1.0 mln is -4.4 mln.
TEST(DeltaEngine, LossAgainstProfitIsMinusTheSum) {
  DeltaEngine engine;
  auto r = Report("r", "company:x", Quarter(1987, 1));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(-3400000), Usd(1000000));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), -4400000);
  EXPECT_EQ(deltas[0].percent_status(), v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE);
}

// TECHAMERICA GROUP INC <TCH>, year: "Net loss 5,058,145 vs loss 766,185":
// a percentage against a negative prior would mislead.
TEST(DeltaEngine, NegativePriorGivesNoPercentage) {
  DeltaEngine engine;
  auto r = Report("reuters-tch-year", "company:tch", Year(1986));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(-5058145), Usd(-766185));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), -4291960);
  EXPECT_EQ(deltas[0].percent_status(), v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE);
  EXPECT_FALSE(deltas[0].has_percent_change());
}

// "Net profit 1,200,000 vs nil": no percentage exists.
TEST(DeltaEngine, NilPriorIsPriorZero) {
  DeltaEngine engine;
  auto r = Report("r", "company:x", Year(1986));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1200000), Usd(0));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), 1200000);
  EXPECT_EQ(deltas[0].percent_status(), v1::PERCENT_CHANGE_STATUS_PRIOR_ZERO);
  EXPECT_FALSE(deltas[0].has_percent_change());
}

// "Net nil vs 2.0 mln": a nil current value is zero, down 100%.
TEST(DeltaEngine, NilCurrentIsZero) {
  DeltaEngine engine;
  auto r = Report("r", "company:x", Year(1986));
  v1::Metric* m = r.add_metrics();
  m->set_kind(v1::METRIC_KIND_NET_INCOME);
  m->set_nil(true);
  *m->mutable_prior_value() = Usd(2000000);
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].current().units(), 0);
  EXPECT_EQ(deltas[0].current().currency(), "USD");
  EXPECT_EQ(deltas[0].absolute_change().units(), -2000000);
  EXPECT_EQ(deltas[0].percent_change().units(), -10000);
}

// The Alibaba article: international sales "a 44% year-over-year rise to
// $4.02 billion"; "77% drop in Q3 net income to $1.51 billion"; EBITA "a 388%
// drop ... to a net EBITA loss of $433 million".
TEST(DeltaEngine, PriorDerivedFromAStatedChange) {
  DeltaEngine engine;
  auto r = Report("prose-1", "company:baba", Quarter(0, 3));
  v1::Metric* sales = AddMetric(r, v1::METRIC_KIND_REVENUE, "sales", Usd(4020000000));
  sales->set_segment("international digital commerce");
  *sales->mutable_reported_change() = Percent(4400);
  sales->set_basis(v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  v1::Metric* ebita = AddMetric(r, v1::METRIC_KIND_EBITA, "EBITA", Usd(-433000000));
  *ebita->mutable_reported_change() = Percent(-38800);
  v1::Metric* net = AddMetric(r, v1::METRIC_KIND_NET_INCOME, "net income", Usd(1510000000));
  *net->mutable_reported_change() = Percent(-7700);
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(3));

  // 4.02 / 1.44 = 2.7917 billion, kept to the three digits 4.02 is stated with.
  EXPECT_EQ(deltas[0].prior().units(), 2790000000);
  EXPECT_EQ(deltas[0].absolute_change().units(), 1230000000);
  EXPECT_EQ(deltas[0].percent_change().units(), 4400);  // as stated, not recomputed
  EXPECT_EQ(deltas[0].prior_source(), v1::PRIOR_SOURCE_REPORTED);
  EXPECT_EQ(deltas[0].segment(), "international digital commerce");

  // A stated change on a loss: the sign of the prior is ambiguous, so the
  // stated percentage is given without a prior.
  EXPECT_FALSE(deltas[1].has_prior());
  EXPECT_FALSE(deltas[1].has_absolute_change());
  EXPECT_EQ(deltas[1].percent_change().units(), -38800);
  EXPECT_EQ(deltas[1].percent_status(), v1::PERCENT_CHANGE_STATUS_OK);

  // 1.51 / 0.23 = 6.565 billion -> 6.57 billion.
  EXPECT_EQ(deltas[2].prior().units(), 6570000000);
  EXPECT_EQ(deltas[2].absolute_change().units(), -5060000000);
  EXPECT_EQ(deltas[2].percent_change().units(), -7700);
}

TEST(DeltaEngine, BadReportsNameTheField) {
  DeltaEngine engine;
  auto mismatch = Report("r", "company:x", Year(1986));
  AddMetric(mismatch, v1::METRIC_KIND_NET_INCOME, "Net", Usd(807000), UsdPerShare(119));
  auto s = engine.Apply(mismatch, At(0, 0));
  ASSERT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("metrics[0].prior_value.unit"));

  auto currency = Report("r", "company:x", Year(1986));
  AddMetric(currency, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1), Usd(1));
  v1::Amount cad = Usd(2);
  cad.set_currency("CAD");
  AddMetric(currency, v1::METRIC_KIND_REVENUE, "Revs", Usd(1), cad);
  s = engine.Apply(currency, At(0, 0));
  ASSERT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("metrics[1].prior_value.currency"));

  auto no_entity = Report("r", "", Year(1986));
  AddMetric(no_entity, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1));
  EXPECT_THAT(engine.Apply(no_entity, At(0, 0)).status().message(), HasSubstr("entity.id"));

  auto no_value = Report("r", "company:x", Year(1986));
  no_value.add_metrics()->set_kind(v1::METRIC_KIND_REVENUE);
  EXPECT_THAT(engine.Apply(no_value, At(0, 0)).status().message(), HasSubstr("metrics[0].value: missing"));

  auto bad_date = Report("r", "company:x", Quarter(1987, 1, "Feb 28 1987"));
  AddMetric(bad_date, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1));
  EXPECT_THAT(engine.Apply(bad_date, At(0, 0)).status().message(), HasSubstr("period.end_date"));

  // A rejected report leaves no trace in history.
  EXPECT_EQ(engine.HistorySize(), 0u);
}

TEST(DeltaEngine, YearOverYearAndQuarterOverQuarterFromHistory) {
  DeltaEngine engine;
  auto q1_86 = Report("q1-86", "company:x", Quarter(1986, 1));
  AddMetric(q1_86, v1::METRIC_KIND_REVENUE, "Revs", Usd(35100000));
  auto q4_86 = Report("q4-86", "company:x", Quarter(1986, 4));
  AddMetric(q4_86, v1::METRIC_KIND_REVENUE, "Revs", Usd(38000000));
  auto q1_87 = Report("q1-87", "company:x", Quarter(1987, 1));
  AddMetric(q1_87, v1::METRIC_KIND_REVENUE, "Revs", Usd(40200000));

  EXPECT_THAT(ApplyOk(engine, q1_86, 0), IsEmpty());
  auto after_q4 = ApplyOk(engine, q4_86, 1);  // Q3 1986 unknown: no QoQ; no Q4 1985: no YoY
  EXPECT_THAT(after_q4, IsEmpty());
  auto deltas = ApplyOk(engine, q1_87, 2);
  ASSERT_THAT(deltas, SizeIs(2));
  EXPECT_EQ(deltas[0].basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  EXPECT_EQ(deltas[0].prior_source(), v1::PRIOR_SOURCE_HISTORY);
  EXPECT_EQ(deltas[0].prior().units(), 35100000);
  EXPECT_EQ(deltas[0].prior_period().fiscal_year(), 1986);
  EXPECT_EQ(deltas[0].prior_period().fiscal_quarter(), 1);
  EXPECT_EQ(deltas[0].absolute_change().units(), 5100000);
  EXPECT_EQ(deltas[0].percent_change().units(), 1453);  // 14.53%
  EXPECT_EQ(deltas[1].basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  EXPECT_EQ(deltas[1].prior().units(), 38000000);
  EXPECT_EQ(deltas[1].prior_period().fiscal_quarter(), 4);
  EXPECT_EQ(deltas[1].percent_change().units(), 579);  // 5.789% -> 5.79%
  EXPECT_NE(deltas[0].id(), deltas[1].id());
  EXPECT_EQ(engine.HistorySize(), 3u);
}

TEST(DeltaEngine, ReportedPriorWinsOverHistoryForItsBasis) {
  DeltaEngine engine;
  auto q1_86 = Report("q1-86", "company:x", Quarter(1986, 1));
  AddMetric(q1_86, v1::METRIC_KIND_NET_INCOME, "Net", Usd(2858000));
  auto q1_87 = Report("q1-87", "company:x", Quarter(1987, 1));
  // The report restates last year's quarter: its own prior is used.
  AddMetric(q1_87, v1::METRIC_KIND_NET_INCOME, "Net", Usd(807000), Usd(2900000));
  ApplyOk(engine, q1_86);
  auto deltas = ApplyOk(engine, q1_87);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].prior_source(), v1::PRIOR_SOURCE_REPORTED);
  EXPECT_EQ(deltas[0].prior().units(), 2900000);
}

// Quarters placed by end date only ("Qtr ended Feb 28"): a 52/53-week year
// moves the end date by a day or two and the quarters still pair up.
TEST(DeltaEngine, PeriodsPlacedByEndDate) {
  DeltaEngine engine;
  auto a = Report("a", "company:x", Quarter(0, 0, "1986-03-01"));
  AddMetric(a, v1::METRIC_KIND_REVENUE, "Revs", Usd(100));
  auto b = Report("b", "company:x", Quarter(0, 0, "1987-02-28"));
  AddMetric(b, v1::METRIC_KIND_REVENUE, "Revs", Usd(150));
  ApplyOk(engine, a);
  auto deltas = ApplyOk(engine, b);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  EXPECT_EQ(deltas[0].percent_change().units(), 5000);
  EXPECT_EQ(deltas[0].prior_period().end_date(), "1986-03-01");
}

TEST(DeltaEngine, LateReportFillsThePriorOfALaterPeriod) {
  DeltaEngine engine;
  auto q1_87 = Report("q1-87", "company:x", Quarter(1987, 1));
  AddMetric(q1_87, v1::METRIC_KIND_REVENUE, "Revs", Usd(40200000));
  auto q1_86 = Report("q1-86", "company:x", Quarter(1986, 1));
  AddMetric(q1_86, v1::METRIC_KIND_REVENUE, "Revs", Usd(35100000));

  EXPECT_THAT(ApplyOk(engine, q1_87, 0), IsEmpty());
  auto deltas = ApplyOk(engine, q1_86, 1);
  ASSERT_THAT(deltas, SizeIs(1));
  // The delta belongs to the later report, which now has a prior.
  EXPECT_EQ(deltas[0].source_event_id(), "q1-87");
  EXPECT_EQ(deltas[0].source_position().offset(), 0);
  EXPECT_EQ(deltas[0].period().fiscal_year(), 1987);
  EXPECT_EQ(deltas[0].prior().units(), 35100000);
  EXPECT_EQ(deltas[0].version(), 1);
  EXPECT_FALSE(deltas[0].correction());
  const std::string id = deltas[0].id();

  // The earlier quarter is restated: the dependent delta is corrected.
  auto restated = Report("q1-86-restated", "company:x", Quarter(1986, 1));
  AddMetric(restated, v1::METRIC_KIND_REVENUE, "Revs", Usd(36000000));
  deltas = ApplyOk(engine, restated, 2);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].id(), id);
  EXPECT_EQ(deltas[0].version(), 2);
  EXPECT_TRUE(deltas[0].correction());
  EXPECT_EQ(deltas[0].prior().units(), 36000000);
  EXPECT_EQ(deltas[0].absolute_change().units(), 4200000);
  EXPECT_EQ(engine.HistorySize(), 2u);  // the restatement replaced the value
}

TEST(DeltaEngine, RestatementCorrectsTheReportsOwnDelta) {
  DeltaEngine engine;
  auto first = Report("first", "company:cbco", Year(1986));
  AddMetric(first, v1::METRIC_KIND_NET_INCOME, "Net", Usd(807000), Usd(2858000));
  auto second = Report("second", "company:cbco", Year(1986));
  AddMetric(second, v1::METRIC_KIND_NET_INCOME, "Net", Usd(817000), Usd(2858000));
  auto a = ApplyOk(engine, first);
  auto b = ApplyOk(engine, second);
  ASSERT_THAT(a, SizeIs(1));
  ASSERT_THAT(b, SizeIs(1));
  EXPECT_EQ(a[0].id(), b[0].id());
  EXPECT_EQ(b[0].version(), 2);
  EXPECT_TRUE(b[0].correction());
  EXPECT_EQ(b[0].source_event_id(), "second");
  EXPECT_EQ(b[0].absolute_change().units(), -2041000);
}

TEST(DeltaEngine, SameReportTwiceChangesNothing) {
  DeltaEngine engine;
  auto q1_86 = Report("q1-86", "company:x", Quarter(1986, 1));
  AddMetric(q1_86, v1::METRIC_KIND_REVENUE, "Revs", Usd(35100000));
  auto q1_87 = Report("q1-87", "company:x", Quarter(1987, 1));
  AddMetric(q1_87, v1::METRIC_KIND_REVENUE, "Revs", Usd(40200000), Usd(35100000));
  AddMetric(q1_87, v1::METRIC_KIND_EPS, "Shr", UsdPerShare(34));
  ApplyOk(engine, q1_86, 0);
  EXPECT_THAT(ApplyOk(engine, q1_87, 1), SizeIs(1));
  EXPECT_THAT(ApplyOk(engine, q1_87, 2), IsEmpty());  // re-sent at another offset
  EXPECT_THAT(ApplyOk(engine, q1_86, 3), IsEmpty());
  EXPECT_EQ(engine.HistorySize(), 3u);
}

// A period that cannot be placed (no year, no end date) is not kept: the
// same report gives the same deltas again, same ids and version.
TEST(DeltaEngine, UnplacedPeriodRepeatsIdenticalDeltas) {
  DeltaEngine engine;
  auto r = Report("reuters-12-qtr", "company:x", Quarter(0, 4));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(807000), Usd(2858000));
  auto a = ApplyOk(engine, r);
  auto b = ApplyOk(engine, r);
  ASSERT_THAT(a, SizeIs(1));
  ASSERT_THAT(b, SizeIs(1));
  EXPECT_EQ(a[0].SerializeAsString(), b[0].SerializeAsString());
  EXPECT_EQ(engine.HistorySize(), 0u);
}

TEST(DeltaEngine, ForgetPartitionDropsOnlyThatPartitionsEntities) {
  DeltaEngine engine;
  auto x = Report("x-86", "company:x", Year(1986));
  AddMetric(x, v1::METRIC_KIND_REVENUE, "Revs", Usd(100));
  auto y = Report("y-86", "company:y", Year(1986));
  AddMetric(y, v1::METRIC_KIND_REVENUE, "Revs", Usd(100));
  ApplyOk(engine, x, 0, /*partition=*/3);
  ApplyOk(engine, y, 0, /*partition=*/5);
  EXPECT_EQ(engine.HistorySize(), 2u);
  engine.ForgetPartition(3);
  EXPECT_EQ(engine.HistorySize(), 1u);

  auto x87 = Report("x-87", "company:x", Year(1987));
  AddMetric(x87, v1::METRIC_KIND_REVENUE, "Revs", Usd(120));
  auto y87 = Report("y-87", "company:y", Year(1987));
  AddMetric(y87, v1::METRIC_KIND_REVENUE, "Revs", Usd(120));
  EXPECT_THAT(ApplyOk(engine, x87, 1, 3), IsEmpty());
  EXPECT_THAT(ApplyOk(engine, y87, 1, 5), SizeIs(1));
}

// What a worker does after a rebalance: rebuild by re-applying the
// partition's earlier reports (outputs discarded), then go on. The deltas
// from there on are exactly those of an engine that never stopped.
TEST(DeltaEngine, RebuiltEngineContinuesExactlyLikeAnUndisturbedOne) {
  std::vector<v1::EarningsEvent> stream;
  for (int year = 1984; year <= 1987; ++year) {
    for (int q = 1; q <= 4; ++q) {
      auto r = Report("x-" + std::to_string(year) + "q" + std::to_string(q), "company:x", Quarter(year, q));
      AddMetric(r, v1::METRIC_KIND_REVENUE, "Revs", Usd(1000000 + year * 1000 + q * 37));
      AddMetric(r, v1::METRIC_KIND_EPS, "Shr", UsdPerShare(year % 7 + q));
      stream.push_back(r);
    }
  }
  // A late report and a restatement in the middle of the stream.
  auto late = Report("x-1983q4", "company:x", Quarter(1983, 4));
  AddMetric(late, v1::METRIC_KIND_REVENUE, "Revs", Usd(999000));
  stream.insert(stream.begin() + 5, late);
  auto restated = stream[8];
  restated.set_id(restated.id() + "-restated");
  restated.mutable_metrics(0)->mutable_value()->set_units(5);
  stream.insert(stream.begin() + 12, restated);

  DeltaEngine undisturbed;
  std::vector<std::string> expected;
  for (size_t i = 0; i < stream.size(); ++i) {
    for (const auto& d : ApplyOk(undisturbed, stream[i], static_cast<int64_t>(i))) {
      if (i >= 10) expected.push_back(d.SerializeAsString());
    }
  }
  // This worker had the partition before (up to record 6), lost it in a
  // rebalance, and gets it back with the committed offset at 10.
  DeltaEngine rebuilt;
  for (size_t i = 0; i < 6; ++i) ApplyOk(rebuilt, stream[i], static_cast<int64_t>(i));
  rebuilt.ForgetPartition(0);
  EXPECT_EQ(rebuilt.HistorySize(), 0u);
  std::vector<std::string> actual;
  for (size_t i = 0; i < stream.size(); ++i) {
    auto out = ApplyOk(rebuilt, stream[i], static_cast<int64_t>(i));
    if (i >= 10) {
      for (const auto& d : out) actual.push_back(d.SerializeAsString());
    }
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(actual, expected);
  EXPECT_LE(undisturbed.HistorySize(), 2 * kMaxPeriodsPerSeries);
}

TEST(DeltaEngine, HistoryIsBoundedPerSeries) {
  DeltaEngine engine;
  for (int year = 1970; year < 1990; ++year) {
    auto r = Report("y" + std::to_string(year), "company:x", Year(year));
    AddMetric(r, v1::METRIC_KIND_REVENUE, "Revs", Usd(year));
    ApplyOk(engine, r);
  }
  EXPECT_EQ(engine.HistorySize(), kMaxPeriodsPerSeries);
  // A report older than the window still gets its own stated delta.
  auto old = Report("y1960", "company:x", Year(1960));
  AddMetric(old, v1::METRIC_KIND_REVENUE, "Revs", Usd(10), Usd(8));
  EXPECT_THAT(ApplyOk(engine, old), SizeIs(1));
  EXPECT_EQ(engine.HistorySize(), kMaxPeriodsPerSeries);
}

TEST(DeltaEngine, SegmentsAndEntitiesAreSeparateSeries) {
  DeltaEngine engine;
  auto a = Report("a", "company:baba", Year(1986));
  AddMetric(a, v1::METRIC_KIND_REVENUE, "sales", Usd(100))->set_segment("international digital commerce");
  auto b = Report("b", "company:baba", Year(1987));
  AddMetric(b, v1::METRIC_KIND_REVENUE, "sales", Usd(200));  // group-wide
  auto c = Report("c", "company:other", Year(1987));
  AddMetric(c, v1::METRIC_KIND_REVENUE, "sales", Usd(200))->set_segment("international digital commerce");
  ApplyOk(engine, a);
  EXPECT_THAT(ApplyOk(engine, b), IsEmpty());
  EXPECT_THAT(ApplyOk(engine, c), IsEmpty());
}

// Reuters re-sent stories with the period spelled differently ("Six months"
// in NEWID 483, "Six mths" in NEWID 783, same figures): not a correction.
TEST(DeltaEngine, ReSentReportSpelledDifferentlyIsNothingNew) {
  DeltaEngine engine;
  v1::FiscalPeriod half;
  half.set_kind(v1::PERIOD_KIND_HALF);
  half.set_end_date("1987-01-25");
  half.set_label("Six months");
  auto first = Report("reuters-483-half", "company:skii", half);
  AddMetric(first, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1325755), Usd(1001000));
  half.set_label("Six mths");
  auto second = Report("reuters-783-half", "company:skii", half);
  second.mutable_entity()->set_name("SKI LTD");
  AddMetric(second, v1::METRIC_KIND_NET_INCOME, "Net income", Usd(1325755), Usd(1001000));
  EXPECT_THAT(ApplyOk(engine, first), SizeIs(1));
  EXPECT_THAT(ApplyOk(engine, second), IsEmpty());
}

// "Return on assets 1.2 pct vs 1.0 pct": a ratio metric changes by
// percentage points.
TEST(DeltaEngine, PercentageMetricsChangeInPoints) {
  DeltaEngine engine;
  auto r = Report("r", "company:x", Year(1986));
  AddMetric(r, v1::METRIC_KIND_OTHER, "Return on assets", Percent(120), Percent(100));
  auto deltas = ApplyOk(engine, r);
  ASSERT_THAT(deltas, SizeIs(1));
  EXPECT_EQ(deltas[0].absolute_change().units(), 20);
  EXPECT_EQ(deltas[0].absolute_change().unit(), v1::UNIT_PERCENT);
  EXPECT_EQ(deltas[0].percent_change().units(), 2000);
}

// NEWID 15126 (Sound Warehouse, 3RD QTR FEB 28) and NEWID 15130 (Telecrafter,
// 2ND QTR FEB 28, wrongly marked <SWHI> in the source): same entity id and
// end date, different quarters. Not a restatement of each other.
TEST(DeltaEngine, SameEndDateDifferentQuarterIsAnotherPeriod) {
  DeltaEngine engine;
  auto q3 = Report("reuters-15126-q", "company:swhi", Quarter(0, 3, "1987-02-28"));
  AddMetric(q3, v1::METRIC_KIND_NET_INCOME, "Net", Usd(1386000), Usd(2773000));
  auto q2 = Report("reuters-15130-q", "company:swhi", Quarter(0, 2, "1987-02-28"));
  AddMetric(q2, v1::METRIC_KIND_NET_INCOME, "Net profit", Usd(183000), Usd(-234000));
  auto a = ApplyOk(engine, q3);
  auto b = ApplyOk(engine, q2);
  ASSERT_THAT(a, SizeIs(1));
  ASSERT_THAT(b, SizeIs(1));
  EXPECT_NE(a[0].id(), b[0].id());
  EXPECT_FALSE(b[0].correction());
  EXPECT_EQ(engine.HistorySize(), 2u);
}

// Amounts whose difference cannot be written as a 64-bit amount: the report
// is refused naming the metric, and nothing of it enters history.
TEST(DeltaEngine, UnrepresentableChangeIsRefusedWithoutTrace) {
  DeltaEngine engine;
  auto r = Report("r", "company:x", Year(1986));
  AddMetric(r, v1::METRIC_KIND_REVENUE, "Revs", Usd(100), Usd(90));
  AddMetric(r, v1::METRIC_KIND_NET_INCOME, "Net", Usd(INT64_MAX), Usd(-INT64_MAX));
  auto s = engine.Apply(r, At(0, 0));
  ASSERT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("metrics[1]"));
  EXPECT_EQ(engine.HistorySize(), 0u);
}

}  // namespace
}  // namespace streamlens::deltas
