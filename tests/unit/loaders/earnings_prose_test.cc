// Earnings figures stated outside a figure table: Reuters headline-only flashes
// and results stated in sentences. Every text is a real article (NEWID given)
// from ../shared/data/reuters21578, checked against what a reader of it sees;
// the second half are sentences that must yield nothing.
#include "services/ingest/loaders/earnings_prose.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/earnings_text.h"
#include "tests/support/metric_checks.h"

namespace streamlens::loaders {
namespace {

struct Text {
  Text(std::string t, std::string d, std::string b, std::string when = "5-MAR-1987 11:47:47.89",
       std::string hint = "")
      : title(std::move(t)), dateline(std::move(d)), body(std::move(b)), date(std::move(when)),
        currency_hint(std::move(hint)) {}
  std::string title;
  std::string dateline;  // "" for a headline-only flash
  std::string body;
  std::string date;
  std::string currency_hint;
};

EarningsExtraction Extract(const Text& t) {
  EarningsArticle a;
  a.article_id = "reuters-1";
  a.source = "reuters21578";
  a.title = t.title;
  a.dateline = t.dateline;
  a.body = t.body;
  auto ts = ParseReutersTimestamp(t.date);
  EXPECT_TRUE(ts.ok());
  a.published_at = *ts;
  a.currency_hint = t.currency_hint;
  return ExtractEarnings(a);
}

using test_support::ExpectAmount;
using test_support::Find;

constexpr auto kPerShare = v1::UNIT_MONEY_PER_SHARE;
constexpr auto kMoney = v1::UNIT_MONEY;

// ---------------------------------------------------------------------------
// Headlines
// ---------------------------------------------------------------------------

TEST(EarningsHeadlineTest, OperatingShareFlash) {
  // NEWID 392, TEXT TYPE="BRIEF": no body, no dateline; the full report
  // (NEWID 420) is datelined LOS ANGELES, hence the USD hint.
  auto x = Extract({"WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS", "", "", "2-MAR-1987 09:15:11.93", "USD"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.origin(), v1::FIGURE_ORIGIN_HEADLINE);
  EXPECT_EQ(e.entity().id(), "company:whittaker");
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(e.period().fiscal_quarter(), 1);
  ASSERT_EQ(e.metrics_size(), 1);
  const auto& m = e.metrics(0);
  EXPECT_EQ(m.kind(), v1::METRIC_KIND_OPERATING_EPS);
  ExpectAmount(m.value(), 17, 2, kPerShare, "USD");
  ExpectAmount(m.prior_value(), 25, 2, kPerShare, "USD");
}

TEST(EarningsHeadlineTest, ProfitAgainstLossAndWordNumbers) {
  // NEWID 1435.
  auto x = Extract({"NWA INC 4TH QTR SHR PROFIT 45 CTS VS LOSS NINE CTS", "", "", "3-MAR-1987 16:30:00.00", "USD"});
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* shr = Find(x.events[0], v1::METRIC_KIND_EPS);
  ExpectAmount(shr->value(), 45, 2, kPerShare, "USD");
  ExpectAmount(shr->prior_value(), -9, 2, kPerShare, "USD");
  EXPECT_EQ(x.events[0].period().fiscal_quarter(), 4);
}

TEST(EarningsHeadlineTest, NetProfitInTheHintedCurrency) {
  // NEWID 879; CRA's full report (NEWID 883) is datelined MELBOURNE.
  auto x = Extract({"CRA Ltd 1986 net profit 138.2 mln dlrs vs 87.8 mln", "", "", "3-MAR-1987 01:10:00.00", "AUD"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  const v1::Metric* net = Find(e, v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), 138200000, 0, kMoney, "AUD");
  ExpectAmount(net->prior_value(), 87800000, 0, kMoney, "AUD");
}

TEST(EarningsHeadlineTest, StatedCurrencyNeedsNoHint) {
  // NEWID 949: sterling is written; no other report of "Unilever Plc and Nv".
  auto x = Extract({"Unilever Plc and Nv combined 1986 pre-tax profit 1.14 billion stg vs 953 mln.", "", ""});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& m = x.events[0].metrics(0);
  EXPECT_EQ(m.kind(), v1::METRIC_KIND_OTHER);
  EXPECT_EQ(m.label(), "pre-tax profit");
  ExpectAmount(m.value(), 1140000000, 0, kMoney, "GBP");
  ExpectAmount(m.prior_value(), 953000000, 0, kMoney, "GBP");
}

TEST(EarningsHeadlineTest, PriorInParentheses) {
  // NEWID 4652.
  auto x = Extract({"ALUSUISSE GROUP 1986 NET LOSS 688 MLN SWISS FRANCS (LOSS 756 MLN)", "", ""});
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* net = Find(x.events[0], v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), -688000000, 0, kMoney, "CHF");
  ExpectAmount(net->prior_value(), -756000000, 0, kMoney, "CHF");
}

TEST(EarningsHeadlineTest, QuarterlyDividendRaise) {
  // NEWID 3851.
  auto x = Extract({"H.J. HEINZ RAISES QUARTERLY TO 28 CTS FROM 25 CTS", "", "", "11-MAR-1987 10:00:00.00", "USD"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_QUARTER);
  const v1::Metric* div = Find(e, v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(div->basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  ExpectAmount(div->value(), 28, 2, kPerShare, "USD");
  ExpectAmount(div->prior_value(), 25, 2, kPerShare, "USD");
}

TEST(EarningsHeadlineTest, HeadlinesThatMustYieldNothing) {
  for (const char* title : {
           // Currency unknown: no dateline, no hint, none written.
           "WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS",
           // A forecast with a range (NEWID 9939).
           "BANK OF BOSTON EXPECTS 1ST QTR EARNINGS FROM 90 CTS TO 1.00 DLRS/SHR VS 79 CTS",
           // A typo in the unit (NEWID 10401).
           "TEKTRONIX INC 3RD QTR SHR 48 CTWS VS 39 CTS",
           // No label: 50 cts of what? (NEWID 8245).
           "SUPERMARKETS GENERAL CORP 4TH QTR 50 CTS VS 52 CTS",
           // 10 cts is the increase, and no prior is stated (NEWID 15634).
           "FORD RAISES QTLY PAYOUT 10 CTS/SHR TO 75 CTS",
           // A conditional effect (NEWID 4843).
           "CITICORP SAYS PLACING BRAZIL LOANS ON CASH BASIS COULD CUT 1ST QTR NET BY 50 MLN DLRS",
           // "FIRST THREE QTRS" is nine months, not a quarter (NEWID 10281).
           "BHP CO LTD NET PROFIT 603.0 MLN DLRS FIRST THREE QTRS VS 813.0 MLN",
       }) {
    Text t{title, "", ""};
    if (std::string(title).rfind("WHITTAKER", 0) != 0) t.currency_hint = "USD";
    auto x = Extract(t);
    EXPECT_TRUE(x.events.empty()) << title << ": " << (x.events.empty() ? "" : x.events[0].ShortDebugString());
  }
}

TEST(EarningsHeadlineTest, PeriodAfterThePrior) {
  // NEWID 11856 and 6347: the period follows the prior; sterling is written.
  auto sun = Extract({"SUN ALLIANCE PRETAX PROFIT 180.4 MLN STG VS 37.7 MLN FOR 1986", "", "",
                      "26-FEB-1987 07:12:00.00"});
  ASSERT_EQ(sun.events.size(), 1u);
  EXPECT_EQ(sun.events[0].entity().id(), "company:sun-alliance");
  EXPECT_EQ(sun.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(sun.events[0].period().fiscal_year(), 1986);
  const auto& m = sun.events[0].metrics(0);
  EXPECT_EQ(m.kind(), v1::METRIC_KIND_OTHER);
  ExpectAmount(m.value(), 180400000, 0, kMoney, "GBP");
  ExpectAmount(m.prior_value(), 37700000, 0, kMoney, "GBP");
  auto ub = Extract({"United Biscuits pretax profit 125.2 mln stg vs 102.2 mln in 53 wks to Jan 3", "", "",
                     "18-MAR-1987 07:12:00.00"});
  ASSERT_EQ(ub.events.size(), 1u);
  EXPECT_EQ(ub.events[0].period().label(), "53 wks to Jan 3");
  ExpectAmount(ub.events[0].metrics(0).prior_value(), 102200000, 0, kMoney, "GBP");
  // Words before "vs" name the period already, or what follows is no period
  // (NEWID 2401, 9767): nothing is cut, nothing read.
  for (const char* title : {"UNION CARBIDE SAYS 1986 LONG-TERM DEBT WAS 3.06 BILLION DLRS VS 1.71 BILLION in 1985",
                            "UK FEB TRADE DEFICIT 224 MLN STG VS DEFICIT 527 MLN IN JAN - OFFICIAL."}) {
    EXPECT_TRUE(ReadHeadlineFigures(title, "USD").empty()) << title;
  }
}

// ---------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------

TEST(EarningsSentenceTest, AmountPerShareAndPriorOfTheSameQuarter) {
  // NEWID 1414 (first two paragraphs).
  auto x = Extract({"ROCKWELL <ROK> SEES IMPROVEMENT IN 1987", "LOS ANGELES, March 3 -",
                    "Rockwell International Corp\n"
                    "continues to expect significant improvement in 1987 results,\n"
                    "despite the somewhate disappointing performance of one of its\n"
                    "business segments, President Donald Beall told Reuters.\n"
                    "    Rockwell reported net earnings in its first quarter ended\n"
                    "December 31 of 149.4 mln dlrs, or 1.05 dlrs per share, compared\n"
                    "to 125.8 mln dlrs, or 84 cts per share a year ago.\n"
                    "    Operating earnings, however, were off about four pct, and\n"
                    "analysts have attributed the decline to Rockwell's\n"
                    "Allen-Bradley unit, which has suffered from weakness in the\n"
                    "industrial automation market.\n",
                    "3-MAR-1987 18:42:50.14"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.origin(), v1::FIGURE_ORIGIN_SENTENCE);
  EXPECT_EQ(e.entity().id(), "company:rok");
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(e.period().fiscal_quarter(), 1);
  EXPECT_EQ(e.period().end_date(), "1986-12-31");
  const v1::Metric* net = Find(e, v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), 149400000, 0, kMoney, "USD");
  ExpectAmount(net->prior_value(), 125800000, 0, kMoney, "USD");
  const v1::Metric* eps = Find(e, v1::METRIC_KIND_EPS);
  ExpectAmount(eps->value(), 105, 2, kPerShare, "USD");
  ExpectAmount(eps->prior_value(), 84, 2, kPerShare, "USD");
  EXPECT_EQ(e.metrics_size(), 2);  // "Operating earnings ... were off about four pct": no figure
}

TEST(EarningsSentenceTest, LossOnRevenuesComparedWithLossOnRevenues) {
  // NEWID 552.
  auto x = Extract({"MERCURY ENTERTAINMENT <MCRY> SEES BETTER RESULTS", "LOS ANGELES, March 2 -",
                    "Mercury Entertainment Corp said it\n"
                    "expects improved results in 1987.\n"
                    "    The company today reported a loss for the year ended\n"
                    "November 30 of 413,021 dlrs on revenues of 600,971 dlrs,\n"
                    "compared with a loss of 163,932 dlrs on revenues of 665,800\n"
                    "dlrs a year before.\n",
                    "2-MAR-1987 12:28:27.30"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().end_date(), "1986-11-30");
  const v1::Metric* net = Find(e, v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), -413021, 0, kMoney, "USD");
  ExpectAmount(net->prior_value(), -163932, 0, kMoney, "USD");
  const v1::Metric* revs = Find(e, v1::METRIC_KIND_REVENUE);
  ExpectAmount(revs->value(), 600971, 0, kMoney, "USD");
  ExpectAmount(revs->prior_value(), 665800, 0, kMoney, "USD");
}

TEST(EarningsSentenceTest, RoseToFromWithTheDatelinesCurrency) {
  // NEWID 11171: MELBOURNE, so bare dlrs are Australian; "rose" of a loss.
  auto x = Extract({"WOODSIDE SAYS LOSS REFLECTS LOWER OIL PRICES", "MELBOURNE, March 31 -",
                    "Woodside Petroleum Ltd <WPLA.S> said\n"
                    "its 1986 net loss largely reflected the drop in oil prices\n"
                    "combined with a large tax provision.\n"
                    "    Woodside earlier reported attributable net loss rose to\n"
                    "17.14 mln dlrs in 1986 from 8.73 mln in 1985, although group\n"
                    "revenue rose to 220.84 mln from 173.50 mln.\n"
                    "    It said it should have received a 1.7 mln dlr tax credit\n"
                    "but instead made a 10.04 mln dlr tax provision.\n"
                    "    It said it lifted capital spending on fixed assets to 269.6\n"
                    "mln dlrs from 178.3 mln, mostly on the Shelf project.\n",
                    "31-MAR-1987 01:16:43.27"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.entity().id(), "company:wpla.s");
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  const v1::Metric* net = Find(e, v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), -17140000, 0, kMoney, "AUD");
  ExpectAmount(net->prior_value(), -8730000, 0, kMoney, "AUD");
  const v1::Metric* revs = Find(e, v1::METRIC_KIND_REVENUE);
  ExpectAmount(revs->value(), 220840000, 0, kMoney, "AUD");
  ExpectAmount(revs->prior_value(), 173500000, 0, kMoney, "AUD");
  EXPECT_EQ(e.metrics_size(), 2);  // capital spending is no earnings metric
}

TEST(EarningsSentenceTest, YearAndQuarterInTwoSentencesUnderAHeadlineAboutPlans) {
  // NEWID 2196: the headline's 1987 is about store openings, not the figures.
  auto x = Extract({"ZAYRE <ZY> PLANS MORE STORE OPENINGS IN 1987", "FRAMINGHAM, Mass., March 5 -",
                    "Zayre Corp said it plans to\n"
                    "open 25 additional Zayre Stores, 35 new T.J. Maxx stores and 50\n"
                    "Hit or Miss Shops in 1987.\n"
                    "    Earlier, the company reported 1986 earnings, ended January\n"
                    "31, of 89.0 mln dlrs, or 1.49 dlrs per share, versus 94.6 mln\n"
                    "dlrs, or 1.61 dlrs per share, in fiscal 1985. It also reported\n"
                    "fourth quarter net of 43.8 mln dlrs, or 73 cts a share, versus\n"
                    "36.5 mln dlrs, or 60 cts a share in 1985's fourth quarter.\n"});
  ASSERT_EQ(x.events.size(), 2u);
  const auto& year = x.events[0];
  EXPECT_EQ(year.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(year.period().fiscal_year(), 1986);
  ExpectAmount(Find(year, v1::METRIC_KIND_NET_INCOME)->value(), 89000000, 0, kMoney, "USD");
  ExpectAmount(Find(year, v1::METRIC_KIND_EPS)->prior_value(), 161, 2, kPerShare, "USD");
  const auto& q4 = x.events[1];
  EXPECT_EQ(q4.period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(q4.period().fiscal_quarter(), 4);
  ExpectAmount(Find(q4, v1::METRIC_KIND_NET_INCOME)->prior_value(), 36500000, 0, kMoney, "USD");
  ExpectAmount(Find(q4, v1::METRIC_KIND_EPS)->value(), 73, 2, kPerShare, "USD");
}

TEST(EarningsSentenceTest, DividendRaisedInASentence) {
  // NEWID 2549.
  auto x = Extract({"<IVEY PROPERTIES INC> RAISES QUARTERLY DIVIDEND", "CHARLOTTE, N.C., March 5 -",
                    "Ivey Properties Inc said it\n"
                    "raised its quarterly dividend to 18 cts a share from 14 cts and\n"
                    "declared both an extra dividend of 27 cts a share and a 50 pct\n"
                    "stock dividend.\n"});
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* div = Find(x.events[0], v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(div->basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  ExpectAmount(div->value(), 18, 2, kPerShare, "USD");
  ExpectAmount(div->prior_value(), 14, 2, kPerShare, "USD");
}

TEST(EarningsSentenceTest, UnprocessedStoryHeadlineAndDatelineOnItsFirstLine) {
  // NEWID 9228, TEXT TYPE="UNPROC": no <TITLE>, no <DATELINE>; the parser
  // gives the whole text as the body, its first line holding headline,
  // dateline and the story's first word.
  auto x = Extract({"", "",
                    "BICC SEEKS ACCELERATED EARNINGS GROWTH LONDON, March 25 - BICC\n"
                    "Plc <BICC.L>, which earlier announced a 10 pct rise in 1986\n"
                    "pre-tax profits, said it was determined to achieve higher\n"
                    "levels of performance, quality and service to accelerate its\n"
                    "improvement in earnings.\n"
                    "    BICC pre-tax profits rose to 101 mln stg in 1986 from 92\n"
                    "mln in 1985, with turnover rising from 2.11 billion stg in 1985\n"
                    "to 2.14 billion stg in 1986.\n",
                    "25-MAR-1987 07:50:39.21"});
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.entity().id(), "company:bicc.l");
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  const auto& m = e.metrics(0);
  EXPECT_EQ(m.label(), "pretax profits");
  ExpectAmount(m.value(), 101000000, 0, kMoney, "GBP");
  ExpectAmount(m.prior_value(), 92000000, 0, kMoney, "GBP");
}

TEST(EarningsSentenceTest, ClassADividendInFractionsAndAQuarterAfterHowever) {
  // NEWID 2379: "Class A common shares to 6-1/4 cts a share, from five cts prior".
  auto div = Extract({"HOMESTEAD FINANCIAL <HFL> UPS CASH DIVIDEND", "BURLINGHAME, Calif., March 5 -",
                      "Homestead Financial Corp said it has increased the dividend on its Class A common shares\n"
                      "to 6-1/4 cts a share, from five cts prior, while declaring an initial dividend on its Class B\n"
                      "common stock of 3-3/4 cts a share.\n"});
  ASSERT_EQ(div.events.size(), 1u);
  const v1::Metric* d = Find(div.events[0], v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(d->value(), 625, 4, kPerShare, "USD");
  ExpectAmount(d->prior_value(), 5, 2, kPerShare, "USD");
  // NEWID 5647: the sales sentence's subject is "GenCorp said its first
  // quarter earnings from operations rose ... as sales increased": not read.
  auto q = Extract({"GENCORP <GY> 1ST QTR OPERATING EARNINGS ROSE", "AKRON, Ohio, March 16 -",
                    "GenCorp said its first quarter earnings from operations rose four pct as sales increased\n"
                    "six pct to 650 mln dlrs from 614 mln a year earlier. However, the company reported net\n"
                    "income declined to 17 mln dlrs, or 77 cts a share, in the quarter ended February 28 from 19\n"
                    "mln dlrs, or 84 cts a year earlier.\n",
                    "16-MAR-1987 10:00:00.00"});
  ASSERT_EQ(q.events.size(), 1u);
  EXPECT_EQ(q.events[0].period().end_date(), "1987-02-28");
  EXPECT_EQ(q.events[0].period().fiscal_quarter(), 1);
  ExpectAmount(Find(q.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 17000000, 0, kMoney, "USD");
  ExpectAmount(Find(q.events[0], v1::METRIC_KIND_EPS)->prior_value(), 84, 2, kPerShare, "USD");
  EXPECT_EQ(q.events[0].metrics_size(), 2);
}

TEST(EarningsSentenceTest, ATableWinsOverSentences) {
  // A report with a table: its sentences are not read a second time.
  auto x = Extract({"COBANCO INC <CBCO> YEAR NET", "SANTA CRUZ, Calif., Feb 26 -",
                    "    Shr 34 cts vs 1.19 dlrs\n"
                    "    Net 807,000 vs 2,858,000\n"
                    "    The company reported net income of 807,000 dlrs, compared with 2,858,000 dlrs.\n"});
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].origin(), v1::FIGURE_ORIGIN_TABLE);
  EXPECT_EQ(x.events[0].metrics_size(), 2);
}

TEST(EarningsSentenceTest, SentencesThatMustYieldNothing) {
  struct Case {
    const char* why;
    Text text;
  };
  const Case cases[] = {
      {"a forecast against the year-ago figure (NEWID 2370)",
       {"YELLOW FREIGHT <YELL> SEES LOWER 1ST QTR NET", "ST. LOUIS, MO., March 5 -",
        "Yellow Freight System Inc said\n"
        "its expects 1987 first quarter profits to be substantially\n"
        "below the 14.2 mln dlrs or 50 cts a share earned in the same\n"
        "period a year ago.\n"}},
      {"a restatement against the previously announced figure (NEWID 3420)",
       {"CTS <CTS> INCREASES 1986 LOSS", "ELKHART, Ind., March 9 -",
        "CTS Corp said it increased its\n"
        "1986 loss from continuing operations to 26.6 mln dlrs from the\n"
        "previously announced 23.8 mln dlrs loss.\n"
        "    CTS made a profit of 7.9 mln dlrs from continuing\n"
        "operations in 1985.\n"}},
      {"a business segment's figures (NEWID 2428)",
       {"UNION CARBIDE <UK> SAYS LONG TERM DEBT RISES", "DANBURY, Conn., March 5 -",
        "    Carbon products posted operating profit of eight mln dlrs\n"
        "in the quarter, down from 29 mln dlrs, and 49 mln dlrs in the\n"
        "year against a loss of 146 mln dlrs.\n"
        "    Chemicals and plastics had fourth quarter operating profit\n"
        "of 122 mln dlrs compared to a year-ago loss of 49 mln dlrs.\n"}},
      {"a subsidiary's figures (NEWID 7870)",
       {"PAN AM'S <PN> MAIN UNIT TO REPORT SMALLER LOSS", "NEW YORK, March 20 -",
        "    Pan Am also said its principal subsidiary, Pan American\n"
        "World Airways, had a 1986 net loss of 469.3 mln dlrs, compared\n"
        "with a profit of 38.7 mln dlrs in 1985.\n"}},
      {"another company's figures (NEWID 2435)",
       {"SHELL FRANCAISE RETURNS TO PROFIT IN 1986", "PARIS, March 5 -",
        "Shell Francaise <SFMF.PA> said it returned to the black.\n"
        "    Meanwhile, <Societe Shell Chimie) said it also returned to\n"
        "profit in 1986, for the first time since 1976, posting net\n"
        "profit of 160 mln francs against a 1985 loss of 57 mln.\n"}},
      {"a period two years back is a prior's (NEWID 4286)",
       {"UNILEVER FRAGRANCE UNIT HAS LOWER 1986 EARNINGS", "NAARDEN, Netherlands, March 12 -",
        "    Naarden said earnings were hit by the fall in the value of\n"
        "both the dollar and sterling. Net profit was 22.0 mln guilders in\n"
        "1985.\n"
        "    Earnings per share fell to 4.64 guilders from 5.48 in 1985\n"
        "on turnover of 627.8 mln, down from 662.6 mln.\n",
        "12-MAR-1987 11:24:43.84"}},
      {"a part of the group, and two months (NEWID 9706)",
       {"LINDE TURNOVER UP IN FIRST TWO MONTHS OF 1987", "WIESBADEN, West Germany, March 26 -",
        "    Linde expects satisfactory results and increased sales this\n"
        "year but Meinhardt gave no detailed forecast. Domestic group\n"
        "1986 net profit rose to 105.79 mln marks from 80.71 mln.\n"
        "    Meinhardt said domestic group turnover rose 6.7 pct to\n"
        "394.1 mln marks in the first two 1987 months against the same\n"
        "period last year but incoming orders fell 5.2 pct to 456.6 mln.\n"}},
      {"\"the period\" without saying which (NEWID 15762)",
       {"NORTHERN TRUST <NTRS> NET HURT BY BRAZIL LOANS", "CHICAGO, April 9 -",
        "    Should these loans remain on nonperforming basis for the\n"
        "rest of 1987, net income for year will be cut by about 3.2 mln\n"
        "dlrs, the bank said.\n"
        "    Earlier it posted net income for the period of 14.7 mln\n"
        "dlrs or 87 cts a share, up from 11.7 mln dlrs or 73 cts a\n"
        "share.\n"}},
  };
  for (const Case& c : cases) {
    auto x = Extract(c.text);
    EXPECT_TRUE(x.events.empty()) << c.why << ": " << (x.events.empty() ? "" : x.events[0].ShortDebugString());
  }
}

TEST(EarningsSentenceTest, EarnedAndLostAsVerbs) {
  // NEWID 6721: "In 1986, CPC earned ..., or ... a share, on revenues of ...
  // compared with income of ... on sales of ...".
  auto cpc = Extract({"CPC <CPC> SEES 1987 HIGHER EARNINGS PER SHARE", "NEW YORK, March 18 -",
                      "CPC International Inc said it expects\n"
                      "1987 earnings per share to increase over 1986 levels.\n"
                      "    In 1986, CPC earned 219.2 mln dlrs, or 2.30 dlrs a share,\n"
                      "on revenues of 4.55 billion dlrs compared with income of 142\n"
                      "mln dlrs or 1.46 dlrs on sales of 4.21 billion dlrs in 1985.\n"
                      "The share figures are adjusted for a 2-for-1 split paid in\n"
                      "January.\n",
                      "18-MAR-1987 14:25:33.84"});
  ASSERT_EQ(cpc.events.size(), 1u);
  const auto& e = cpc.events[0];
  EXPECT_EQ(e.origin(), v1::FIGURE_ORIGIN_SENTENCE);
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  ExpectAmount(Find(e, v1::METRIC_KIND_NET_INCOME)->value(), 219200000, 0, kMoney, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_NET_INCOME)->prior_value(), 142000000, 0, kMoney, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_EPS)->prior_value(), 146, 2, kPerShare, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_REVENUE)->value(), 4550000000, 0, kMoney, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_REVENUE)->prior_value(), 4210000000, 0, kMoney, "USD");
  // NEWID 3865: "a year before" names the prior's period, it qualifies
  // nothing; the next sentence, a year-ago figure without a prior, adds none.
  auto sag = Extract({"SOFTWARE AG <SAGA> SEES WEAK RESULTS", "RESTON, Va., March 11 -",
                      "    For the second quarter ended November 30, Software AG\n"
                      "earned 2,089,000 dlrs, down from 5,014,000 dlrs a year before.\n"
                      "In last year's third quarter, Software AG earned 1,598,000\n"
                      "dlrs.\n",
                      "11-MAR-1987 14:19:45.21"});
  ASSERT_EQ(sag.events.size(), 1u);
  EXPECT_EQ(sag.events[0].period().fiscal_quarter(), 2);
  ASSERT_EQ(sag.events[0].metrics_size(), 1);
  ExpectAmount(sag.events[0].metrics(0).value(), 2089000, 0, kMoney, "USD");
  ExpectAmount(sag.events[0].metrics(0).prior_value(), 5014000, 0, kMoney, "USD");
}

TEST(EarningsSentenceTest, ARiseInTheMetricToFrom) {
  // NEWID 1019: "reported a 20 pct rise in pre-tax profits for 1986 to 1.14
  // billion stg from 953 mln previously".
  auto x = Extract({"UNILEVER HAS IMPROVED MARGINS, VOLUMES IN 1986", "LONDON, MARCH 3 -",
                    "Unilever Plc <UN.A> and NV group reported\n"
                    "improvements in margins and underlying sales volume growth of\n"
                    "five pct in 1986.\n"
                    "    The company earlier reported a 20 pct rise in pre-tax\n"
                    "profits for 1986 to 1.14 billion stg from 953 mln previously.\n",
                    "3-MAR-1987 09:45:18.22"});
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().fiscal_year(), 1986);
  const auto& m = x.events[0].metrics(0);
  EXPECT_EQ(m.kind(), v1::METRIC_KIND_OTHER);
  EXPECT_EQ(m.label(), "pretax profits");
  ExpectAmount(m.value(), 1140000000, 0, kMoney, "GBP");
  ExpectAmount(m.prior_value(), 953000000, 0, kMoney, "GBP");
}

TEST(EarningsSentenceTest, TheCompanyDescribed) {
  // NEWID 12202: "The brokerage firm earlier reported six month profit rose
  // to 3.5 mln dlrs from 1.9 mln dlrs"; Montreal, so Canadian dollars.
  auto x = Extract({"GEOFFRION LECLERC FORECASTS RESULTS", "MONTREAL, April 1 -",
                    "(Geoffrion Leclerc Inc), in reporting\n"
                    "sharply higher earnings for the six months ended February 28,\n"
                    "said it expects third quarter results to continue at a strong\n"
                    "pace and approximate the preceding quarters.\n"
                    "    The brokerage firm earlier reported six month profit rose\n"
                    "to 3.5 mln dlrs from 1.9 mln dlrs last year. It did not detail\n"
                    "second quarter profit.\n",
                    "1-APR-1987 12:00:00.00"});
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].entity().id(), "company:geoffrion-leclerc");
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_HALF);
  ExpectAmount(x.events[0].metrics(0).value(), 3500000, 0, kMoney, "CAD");
  ExpectAmount(x.events[0].metrics(0).prior_value(), 1900000, 0, kMoney, "CAD");
}

TEST(EarningsSentenceTest, NewFormsThatMustYieldNothing) {
  struct Case {
    const char* why;
    Text text;
  };
  const Case cases[] = {
      {"both figures before discontinued operations (NEWID 7481)",
       {"FRANK B. HALL <FBH> EARNINGS REPORT QUALIFIED", "BRIARCLIFF MANOR, N.Y., March 19 -",
        "    The company said the opinion is the result of ongoing\n"
        "litigation over its discontinued operations. Earlier it said it\n"
        "lost 2.1 mln dlrs in the fourth quarter against a loss of 2.3\n"
        "mln dlrs a year ago before discontinued operations.\n"}},
      {"a rise whose subject is not the company (NEWID 16399)",
       {"NATIONAL WESTMINSTER BANK USA 1ST-QTR NET RISES", "NEW YORK, April 13 -",
        "National Westminster Bank USA said\n"
        "higher loans and core deposit volumes as well as a substantial\n"
        "increase in net interest income contributed to a 16 pct rise in\n"
        "first-quarter earnings to 17.7 mln dlrs from 15.3 mln reported\n"
        "a year earlier.\n"}},
      {"a British 'profit' that is the pretax one (NEWID 7918)",
       {"ALLIED-LYONS SEES SUBSTANTIAL SECOND HALF GROWTH", "TORONTO, March 20 -",
        "    Holden-Brown declined to say whether second half growth in\n"
        "profit before taxes would exceed the 20.7 pct rise reported in\n"
        "the first half. Allied-Lyons had first half profit of 148.0 mln\n"
        "stg, up from 122.6 mln stg in the prior year.\n"}},
      {"a year-ago figure earned, no prior (NEWID 2173)",
       {"NATIONAL CONVENIENCE <NCS> TO HAVE 3RD QTR LOSS", "HOUSTON, March 5 -",
        "    In last year's third quarter, National Convenience earned\n"
        "1,788,000 dlrs or eight cts per share, including a gain of\n"
        "2,883,000 dlrs from the sale of 186 stores to another operator.\n"}},
  };
  for (const Case& c : cases) {
    auto x = Extract(c.text);
    EXPECT_TRUE(x.events.empty()) << c.why << ": " << (x.events.empty() ? "" : x.events[0].ShortDebugString());
  }
  // A described subject is the company only when the body marks no other
  // company: "The airline" beside Cathay Pacific may be Cathay, not Swire
  // (the figures of NEWID 9206, "Cathay last week reported its 1986 profits
  // rose to 1.23 billion dlrs from 777 mln", in a sentence made for the test).
  EXPECT_TRUE(ReadSentenceFigures("<Swire Pacific Ltd> said <Cathay Pacific Airways Ltd> did well. The airline "
                                  "reported net profit rose to 1.23 billion dlrs from 777 mln in 1985.",
                                  "HKD", "Swire Pacific Ltd")
                  .empty());
  EXPECT_EQ(ReadSentenceFigures("<Swire Pacific Ltd> said it did well. The group reported net profit rose to 1.23 "
                                "billion dlrs from 777 mln in 1985.",
                                "HKD", "Swire Pacific Ltd")
                .size(),
            1u);
}

TEST(EarningsSentenceTest, ItsAfterAnotherPartysSentenceIsThatPartys) {
  // NEWID 1919 (Hongkong Bank): "Marine Midland's 1986 fourth-quarter
  // loan-loss provisions fell to 44.1 mln U.S. Dlrs from 89.2 mln a year
  // before. Its 1986 net profit rose to 145 mln U.S. Dlrs from 125 mln in
  // 1985." The second sentence is the subsidiary's, not the bank's.
  const std::string subsidiary =
      "The bank's exposure, mainly through its 51-pct owned Marine Midland Banks Inc <MM>, appears to have "
      "improved. Marine Midland's 1986 fourth-quarter loan-loss provisions fell to 44.1 mln U.S. Dlrs from 89.2 "
      "mln a year before. Its 1986 net profit rose to 145 mln U.S. Dlrs from 125 mln in 1985.";
  EXPECT_TRUE(ReadSentenceFigures("The Hongkong and Shanghai Banking Corp <HKBH.HK> did well. " + subsidiary, "HKD",
                                  "Hongkong and Shanghai Banking Corp")
                  .empty());
  // After a sentence about the company itself, "Its" is the company's.
  EXPECT_EQ(ReadSentenceFigures("The Hongkong and Shanghai Banking Corp <HKBH.HK> said its loans grew. Its 1986 "
                                "net profit rose to 2.9 billion dlrs from 2.72 billion in 1985.",
                                "HKD", "Hongkong and Shanghai Banking Corp")
                .size(),
            1u);
}

TEST(EarningsSentenceTest, DividendRaisedBesideASplit) {
  // NEWID 2230: "declared a three-for-two stock split and raised the quarterly
  // dividend to 19-1/2 cts per share presplit from 19 cts".
  auto e = Extract({"ENGELHARD CORP <EC> SETS STOCK SPLIT", "EDISON, N.J., March 5 -",
                    "Engelhard Corp said its board\n"
                    "declared a three-for-two stock split and raised the quarterly\n"
                    "dividend to 19-1/2 cts per share presplit from 19 cts, both\n"
                    "payable March 31 to holders of record March 17.\n",
                    "5-MAR-1987 10:00:00.00"});
  ASSERT_EQ(e.events.size(), 1u);
  const v1::Metric* d = Find(e.events[0], v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(d->value(), 195, 3, kPerShare, "USD");
  ExpectAmount(d->prior_value(), 19, 2, kPerShare, "USD");
  // NEWID 6636: the lead "St. Joseph Light and Power Corp" (headline "ST.
  // JOSEPH LIGHT") names the subject; "on presplit shares".
  auto j = Extract({"ST. JOSEPH LIGHT <SAJ> SETS SPLIT, HIKES PAYOUT", "ST. JOSEPH, Mo., March 18 -",
                    "St. Joseph Light and Power Corp\n"
                    "said its board declared a three-for-two stock split and raised\n"
                    "the quarterly dividend on presplit shares to 49 cts per share\n"
                    "from 47 cts.\n",
                    "18-MAR-1987 12:58:58.20"});
  ASSERT_EQ(j.events.size(), 1u);
  ExpectAmount(Find(j.events[0], v1::METRIC_KIND_DIVIDEND)->value(), 49, 2, kPerShare, "USD");
  ExpectAmount(Find(j.events[0], v1::METRIC_KIND_DIVIDEND)->prior_value(), 47, 2, kPerShare, "USD");
  // NEWID 6635: "Discount Corp of New York said its board of directors
  // increased ..." under the headline "DCNY CORP".
  auto d2 = Extract({"DCNY CORP <DCY> HIKES QTLY DIVIDEND", "NEW YORK, March 18 -",
                     "Discount Corp of New York said its\n"
                     "board of directors increased its quarterly cash dividend to 20\n"
                     "cts a share from 15 cts a share.\n",
                     "18-MAR-1987 10:00:00.00"});
  ASSERT_EQ(d2.events.size(), 1u);
  ExpectAmount(Find(d2.events[0], v1::METRIC_KIND_DIVIDEND)->value(), 20, 2, kPerShare, "USD");
  // NEWID 6577: "to 25 cts postsplit from 20 cts": the prior's basis is not
  // said, nothing is read.
  auto h = Extract({"HARTFORD STEAM <HBOL> SETS SPLIT, DIVIDEND HIKE", "HARTFORD, Conn., March 18 -",
                    "Hartford Steam Boiler\n"
                    "Inspection and Insurance Co said its board declared a\n"
                    "two-for-one stock split and raised the quarterly dividend to 25\n"
                    "cts postsplit from 20 cts, both payable April 30 to holders of\n"
                    "record April 10.\n",
                    "18-MAR-1987 11:55:41.15"});
  EXPECT_TRUE(h.events.empty()) << h.events[0].ShortDebugString();
}

TEST(EarningsSentenceTest, AYearEndingBeforeAQuarterDoesNotDateIt) {
  // NEWID 4019, Bank of British Columbia (year ends October 31): the first
  // quarter ended January 31 (1987) is not in "full-year 1986".
  auto x = Extract({"BANK OF B.C. REVISES SHARE PAYOUT ESTIMATE", "VANCOUVER, British Columbia, March 11 -",
                    "    It earlier reported that operating profit for first quarter\n"
                    "ended January 31 fell to 273,000 dlrs from 1.7 mln dlrs the\n"
                    "previous year.\n"
                    "    For full-year 1986 ended October 31, the bank posted an\n"
                    "operating loss of 4.4 mln dlrs against year-earlier profit of\n"
                    "7.5 mln dlrs. The bank also posted a 66 mln dlr extraordinary\n"
                    "loss in fiscal 1986.\n",
                    "11-MAR-1987 10:00:00.00"});
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(x.events[0].period().fiscal_year(), 0);  // not said
  EXPECT_EQ(x.events[0].period().end_date(), "1987-01-31");
  EXPECT_EQ(x.events[1].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(x.events[1].period().fiscal_year(), 1986);
  const v1::Metric* year = Find(x.events[1], v1::METRIC_KIND_OPERATING_INCOME);
  ExpectAmount(year->value(), -4400000, 0, kMoney, "CAD");
  ExpectAmount(year->prior_value(), 7500000, 0, kMoney, "CAD");
}

TEST(EarningsSentenceTest, BareDollarsBesideUsDollarsAreNotAssumedCanadian) {
  // NEWID 2544, E.A. Viner (Toronto) reports in U.S. dollars: "a fourth
  // quarter loss of 918,000 U.S. dlrs ... Full-year earnings totaled 2.9 mln
  // dlrs": the bare dlrs are not Canadian, and nothing says they are U.S.
  const std::string body =
      "    Viner earlier reported a fourth quarter loss of 918,000\n"
      "U.S. dlrs after a 1.5 mln dlr writedown of its stake in Heck's.\n"
      "It earned 585,000 dlrs in the previous fourth quarter.\n"
      "    Full-year earnings totaled 2.9 mln dlrs against a\n"
      "year-earlier loss of 1.5 mln dlrs.\n";
  auto x = Extract({"VINER <EAVKF> VIABLE AFTER HECK'S <HEX> MOVE", "TORONTO, March 5 -", body});
  EXPECT_TRUE(x.events.empty()) << x.events[0].ShortDebugString();
  // The same sentence where the currency is known: "Full-year" is the year.
  auto figures = ReadSentenceFigures(body, "USD", "E.A. Viner Holdings Ltd");
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0].period.kind, v1::PERIOD_KIND_YEAR);
  ExpectAmount(figures[0].metric.value(), 2900000, 0, kMoney, "USD");
  ExpectAmount(figures[0].metric.prior_value(), -1500000, 0, kMoney, "USD");
}

TEST(EarningsSentenceTest, DividendDeclaredBesideThePreviousOne) {
  // NEWID 817: "declared a monthly income distribution of 5.7 cts a share
  // compared with 5.5 cts a share paid in the previous month".
  auto m = Extract({"MFS MUNICIPAL INCOME TRUST <MFM> SETS PAYOUT", "BOSTON, March 2 -",
                    "MFS Municipal Income Trust said it\n"
                    "declared a monthly income distribution of 5.7 cts a share\n"
                    "compared with 5.5 cts a share paid in the previous month.\n"
                    "    It said the distribution is payable March 27 to\n"
                    "shareholders of record March 13.\n",
                    "2-MAR-1987 17:23:30.47"});
  ASSERT_EQ(m.events.size(), 1u);
  const v1::Metric* d = Find(m.events[0], v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(d->label(), "monthly income distribution");
  ExpectAmount(d->value(), 57, 3, kPerShare, "USD");
  ExpectAmount(d->prior_value(), 55, 3, kPerShare, "USD");
  // NEWID 1173: "declared a quarterly dividend of 10 cts a share, versus 10
  // cts a share prior"; the forecast sentences before it give nothing.
  auto k = Extract({"KNUTSON MORTGAGE <KNMC> SEES STRONG SECOND QTR", "BLOOMINGTON, Minn., March 3 -",
                    "Knutson Mortgage Corp said it\n"
                    "expects strong earnings performance for its initial fiscal\n"
                    "second quarter earnings ending March 31 since going public in\n"
                    "September 1986.\n"
                    "    Knutson earlier declared a quarterly dividend of 10 cts a\n"
                    "share, versus 10 cts a share prior, payable April 13 to\n"
                    "shareholders of record March 13.\n",
                    "3-MAR-1987 12:36:07.37"});
  ASSERT_EQ(k.events.size(), 1u);
  ASSERT_EQ(k.events[0].metrics_size(), 1);
  ExpectAmount(Find(k.events[0], v1::METRIC_KIND_DIVIDEND)->prior_value(), 10, 2, kPerShare, "USD");
  // NEWID 8846: "raised its dividend to 43.5 cts a presplit share, up from the
  // previous 37 cts a share".
  auto km = Extract({"K MART <KM> RAISES PAYOUT, VOTES SPLIT", "TROY, Mich., March 24 -",
                     "K mart Corp said its board approved\n"
                     "a 17.6 pct increase in the quarterly dividend and declared a\n"
                     "three-for-two stock split.\n"
                     "    The company raised its dividend to 43.5 cts a presplit\n"
                     "share, up from the previous 37 cts a share. After the split,\n"
                     "the new quarterly dividend rate is equivalent to 29 cts a\n"
                     "share.\n",
                     "24-MAR-1987 12:07:12.11"});
  ASSERT_EQ(km.events.size(), 1u);
  ExpectAmount(Find(km.events[0], v1::METRIC_KIND_DIVIDEND)->value(), 435, 3, kPerShare, "USD");
  ExpectAmount(Find(km.events[0], v1::METRIC_KIND_DIVIDEND)->prior_value(), 37, 2, kPerShare, "USD");
  // Declared without a previous rate: the parts of one payment (NEWID 15655,
  // 50), nothing is read.
  for (const Text& t : {Text{"HEALTH/REHABILITATION <HRP> SETS FIRST PAYOUT", "CAMBRIDGE, Mass., April 9 -",
                             "Health and Rehabilitation\n"
                             "Properties Trust said its board declared an initial dividend of\n"
                             "55 cts, including 50 cts for the first quarter just ended and\n"
                             "five cts from its initial operating period that began December\n"
                             "23.\n"},
                        Text{"AMERICA FIRST MORTGAGE SETS SPECIAL PAYOUT", "OMAHA, Neb., Feb 26 -",
                             "<America First Federally Guaranteed\n"
                             "Mortgage Fund Two> said it is making a special distribution of\n"
                             "71.6 cts per exchangeable unit, which includes 67.62 cts from\n"
                             "return on capital and 3.98 cts from income gains.\n"}}) {
    auto x = Extract(t);
    EXPECT_TRUE(x.events.empty()) << t.title << ": " << x.events[0].ShortDebugString();
  }
}

TEST(EarningsSentenceTest, ARiseFromThePrior) {
  // NEWID 4223: "its record fiscal 1986 net earnings of 582.3 mln dlrs, a
  // rise from 221.2 mln dlrs a year ago".
  auto x = Extract({"K MART <KM> SAYS RECORD 1986 NET \"TURNING POINT\"", "TROY, Mich., March 12 -",
                    "K Mart Corp said its record fiscal\n"
                    "1986 net earnings of 582.3 mln dlrs, a rise from 221.2 mln dlrs\n"
                    "a year ago, marked a \"major turning point\" for the world's\n"
                    "second biggest retailer.\n",
                    "12-MAR-1987 10:04:29.48"});
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().fiscal_year(), 1986);
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 582300000, 0, kMoney, "USD");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->prior_value(), 221200000, 0, kMoney, "USD");
  // NEWID 7797: "up 2.2 pct from 1985" names a year, not a prior amount; the
  // parent company's figure is a part's.
  auto n = Extract({"NESTLE SEEKING AUTHORISATION FOR CERTIFICATE ISSUE", "VEVEY, Switzerland, March 20 -",
                    "    Nestle reported net profits of 1.79 billion francs for\n"
                    "1986, up 2.2 pct from 1985, while turnover fell 9.9 pct to\n"
                    "38.05 billion as the Swiss franc strengthened against other\n"
                    "currencies.\n"
                    "    The parent company's net profit rose to 666.6 mln francs\n"
                    "from 592.9 mln in 1985.\n",
                    "20-MAR-1987 12:14:04.38"});
  EXPECT_TRUE(n.events.empty()) << n.events[0].ShortDebugString();
}

TEST(EarningsSentenceTest, ReaderOnItsOwn) {
  // The reader without ExtractEarnings: the period a sentence names, and
  // nothing from a sentence without a prior.
  auto figures = ReadSentenceFigures(
      "The bank earlier reported profit for the first quarter ended January 31 fell to 114 mln dlrs from 140 mln "
      "dlrs a year ago. In 1986, Emhart reported a net loss of 10 mln dlrs or 35 cts a share.",
      "CAD", "Royal Bank of Canada");
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0].period.kind, v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(figures[0].period.ordinal, 1);
  EXPECT_EQ(figures[0].period.end_month, 1);
  ExpectAmount(figures[0].metric.value(), 114000000, 0, kMoney, "CAD");
  ExpectAmount(figures[0].metric.prior_value(), 140000000, 0, kMoney, "CAD");
  EXPECT_TRUE(ReadHeadlineFigures("ROYAL BANK SEES IMPROVED RESULTS", "CAD").empty());
}

}  // namespace
}  // namespace streamlens::loaders
