// Earnings figures from Reuters reports. Each case is a real report from
// ../shared/data/reuters21578 (the fixture excerpt, or its body quoted here),
// checked against the values a reader of the report sees.
#include "services/ingest/loaders/earnings_text.h"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/ingest/loaders/reuters_sgml.h"
#include "tests/support/metric_checks.h"

namespace streamlens::loaders {
namespace {

using ::testing::HasSubstr;

std::map<int64_t, ReutersArticle> Excerpt() {
  std::ifstream in(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/reuters-excerpt.sgm", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::map<int64_t, ReutersArticle> out;
  ParseReutersSgml(
      ss.str(), [&](ReutersArticle&& a) { out[a.newid] = std::move(a); },
      [](int, int64_t, const std::string& reason) { ADD_FAILURE() << reason; });
  return out;
}

EarningsExtraction Extract(const ReutersArticle& a) {
  auto news = ToNewsEvent(a);
  EXPECT_TRUE(news.ok());
  EarningsArticle ea{news->id(), "reuters21578", a.title, a.dateline, a.body, news->published_at(), a.places, ""};
  return ExtractEarnings(ea);
}

EarningsExtraction ExtractText(const std::string& title, const std::string& dateline, const std::string& body,
                               const std::string& date = "26-FEB-1987 15:18:59.34") {
  ReutersArticle a;
  a.newid = 424242;
  a.date = date;
  a.title = title;
  a.dateline = dateline;
  a.body = body;
  return Extract(a);
}

using test_support::ExpectAmount;
using test_support::Find;

TEST(EarningsTextTest, CobancoYearReport) {
  // "COBANCO INC <CBCO> YEAR NET": the report the data README quotes.
  auto x = Extract(Excerpt().at(11));
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.entity().id(), "company:cbco");
  EXPECT_EQ(e.entity().name(), "COBANCO INC");
  EXPECT_EQ(e.entity().type(), v1::ENTITY_TYPE_COMPANY);
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().label(), "YEAR");
  EXPECT_EQ(e.source_article_id(), "reuters-11");
  EXPECT_EQ(e.source(), "reuters21578");
  const v1::Metric* shr = Find(e, v1::METRIC_KIND_EPS);
  EXPECT_EQ(shr->label(), "Shr");
  ExpectAmount(shr->value(), 34, 2, v1::UNIT_MONEY_PER_SHARE, "USD");        // 34 cts
  ExpectAmount(shr->prior_value(), 119, 2, v1::UNIT_MONEY_PER_SHARE, "USD");  // 1.19 dlrs
  EXPECT_EQ(shr->basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  const v1::Metric* net = Find(e, v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), 807000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(net->prior_value(), 2858000, 0, v1::UNIT_MONEY, "USD");
  // Bank figures without a named kind are kept as OTHER with their label.
  ASSERT_EQ(e.metrics_size(), 5);
  EXPECT_EQ(e.metrics(2).kind(), v1::METRIC_KIND_OTHER);
  EXPECT_EQ(e.metrics(2).label(), "Assets");
  ExpectAmount(e.metrics(2).value(), 510200000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, CoSteelQuarterAndYearInCanadianDollars) {
  auto x = Extract(Excerpt().at(1245));
  ASSERT_EQ(x.events.size(), 2u);
  const auto& qtr = x.events[0];
  const auto& year = x.events[1];
  // "<CO-STEEL INC>" marks an unlisted company: its id is a slug of the name.
  EXPECT_EQ(qtr.entity().id(), "company:co-steel");
  EXPECT_EQ(qtr.entity().name(), "CO-STEEL INC");
  EXPECT_EQ(qtr.period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(qtr.period().fiscal_quarter(), 4);
  EXPECT_EQ(year.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(year.period().label(), "Year");
  const v1::Metric* oper_shr = Find(qtr, v1::METRIC_KIND_OPERATING_EPS);
  ExpectAmount(oper_shr->value(), 25, 2, v1::UNIT_MONEY_PER_SHARE, "CAD");  // Toronto dateline
  const v1::Metric* shares = Find(qtr, v1::METRIC_KIND_AVERAGE_SHARES);
  ExpectAmount(shares->value(), 23500000, 0, v1::UNIT_SHARES, "");  // "23.5 mn" (sic)
  ExpectAmount(shares->prior_value(), 17100000, 0, v1::UNIT_SHARES, "");
  const v1::Metric* year_shr = Find(year, v1::METRIC_KIND_OPERATING_EPS);
  ExpectAmount(year_shr->value(), 104, 2, v1::UNIT_MONEY_PER_SHARE, "CAD");
  ExpectAmount(year_shr->prior_value(), 14, 2, v1::UNIT_MONEY_PER_SHARE, "CAD");
  ExpectAmount(Find(year, v1::METRIC_KIND_REVENUE)->value(), 760200000, 0, v1::UNIT_MONEY, "CAD");
  // The notes restate figures in prose and yield nothing.
  EXPECT_EQ(qtr.metrics_size(), 4);
  EXPECT_EQ(year.metrics_size(), 4);
  EXPECT_NE(qtr.id(), year.id());
}

TEST(EarningsTextTest, LossesAreNegative) {
  // "CIRO INC <CIRI> YEAR": Shr loss three cts vs profit 16 cts.
  auto x = Extract(Excerpt().at(12163));
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  ExpectAmount(Find(e, v1::METRIC_KIND_EPS)->value(), -3, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_EPS)->prior_value(), 16, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_NET_INCOME)->value(), -119000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(e, v1::METRIC_KIND_NET_INCOME)->prior_value(), 637000, 0, v1::UNIT_MONEY, "USD");

  auto y = ExtractText("X <X> YEAR", "NEW YORK, Feb 26 -",
                       "Net loss 3.4 mln vs loss 1.0 mln\n    Oper net profit 2.1 mln vs loss 1.0 mln\n"
                       "    Civil aircraft 7.7 mln loss vs 2.5 mln loss");
  ASSERT_EQ(y.events.size(), 1u);
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_NET_INCOME)->value(), -3400000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_NET_INCOME)->prior_value(), -1000000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_OPERATING_NET)->value(), 2100000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_OPERATING_NET)->prior_value(), -1000000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(y.events[0].metrics(2).value(), -7700000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, PeriodsEndedHeaderGivesTheEndDate) {
  // "SWIFT INDEPENDENT PACKING CO <SFTPr> 1ST QTR NET" / "Periods ended January 31", March 1987.
  auto x = Extract(Excerpt().at(2496));
  ASSERT_EQ(x.events.size(), 1u);
  const auto& p = x.events[0].period();
  EXPECT_EQ(x.events[0].entity().id(), "company:sftpr");
  EXPECT_EQ(p.kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(p.fiscal_quarter(), 1);
  EXPECT_EQ(p.end_date(), "1987-01-31");
  EXPECT_EQ(p.label(), "1ST QTR");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_REVENUE)->value(), 765200000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, QuarterAndNineMonthsShareTheReportDate) {
  // "WORTHINGTON INDUSTRIES INC <WTHG> 3RD QTR NET" / "Qtr ended Feb 28" ... "Nine mths".
  auto x = Extract(Excerpt().at(6115));
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(x.events[0].period().fiscal_quarter(), 3);
  EXPECT_EQ(x.events[0].period().end_date(), "1987-02-28");
  EXPECT_EQ(x.events[1].period().kind(), v1::PERIOD_KIND_NINE_MONTHS);
  EXPECT_EQ(x.events[1].period().label(), "Nine mths");
  EXPECT_EQ(x.events[1].period().end_date(), "1987-02-28");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_NET_INCOME)->value(), 27300000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, WordNumbersBillionsAndMixedUnits) {
  // "BROWN-FORMAN INC <BFD> 4TH QTR NET".
  auto x = Extract(Excerpt().at(14));
  ASSERT_EQ(x.events.size(), 2u);
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_EPS)->value(), 1, 0, v1::UNIT_MONEY_PER_SHARE, "USD");  // one dlr
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_EPS)->prior_value(), 73, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_REVENUE)->value(), 1590000000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_REVENUE)->prior_value(), 997100000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, PenceSterlingAndBreakdowns) {
  // "BRITISH AEROSPACE PLC <BAEL.L> 1986 YEAR", London.
  auto x = Extract(Excerpt().at(8644));
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  EXPECT_EQ(e.entity().id(), "company:bael.l");
  EXPECT_EQ(e.period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  ExpectAmount(Find(e, v1::METRIC_KIND_EPS)->value(), 514, 3, v1::UNIT_MONEY_PER_SHARE, "GBP");  // 51.4p
  ExpectAmount(Find(e, v1::METRIC_KIND_REVENUE)->value(), 3140000000, 0, v1::UNIT_MONEY, "GBP");
  ExpectAmount(Find(e, v1::METRIC_KIND_REVENUE)->prior_value(), 2650000000, 0, v1::UNIT_MONEY, "GBP");
  // "Div 11.0p making 17.4p, ...": the dividend, without the year's total.
  const v1::Metric* div = Find(e, v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(div->value(), 110, 3, v1::UNIT_MONEY_PER_SHARE, "GBP");
  EXPECT_FALSE(div->has_prior_value());
  // Division lines under "Trading profit includes -" are not company figures.
  for (const auto& m : e.metrics()) EXPECT_NE(m.label(), "Civil aircraft");
}

TEST(EarningsTextTest, AListHeadingWithoutFiguresOpensABreakdown) {
  // NEWID 17964, Hanson Trust: sector profits under "U.K. Operating profit by
  // sector -" and "U.S. Sectors -" are not the company's figures; a heading
  // naming a period ("Results for year 1986 -", East Asiatic) is no list.
  auto hanson = ExtractText("HANSON TRUST SHOWS SHARPLY HIGHER HALF-YEAR PROFIT", "LONDON, June 2 -",
                            "Six months ended March 31, 1987\n    Pre-tax profit 312 mln stg vs 158 mln\n"
                            "    Net profit 234 mln vs 114 mln\n    U.K. Operating profit by sector -\n"
                            "    Consumer goods 123 mln stg vs 32 mln\n    Food 20 mln vs nil.\n"
                            "    U.S. Sectors -\n    Consumer goods 25 mln stg vs 20 mln\n",
                            "2-JUN-1987 08:45:59.58");
  ASSERT_EQ(hanson.events.size(), 1u);
  EXPECT_NE(Find(hanson.events[0], v1::METRIC_KIND_NET_INCOME), nullptr);
  for (const auto& m : hanson.events[0].metrics()) {
    EXPECT_NE(m.label(), "Consumer goods");
    EXPECT_NE(m.label(), "Food");
  }
  auto eac = ExtractText("<DET OESTASIATISKE KOMPAGNI A/S> (EAST ASIATIC CO)", "COPENHAGEN, March 5 -",
                         "Results for year 1986 -\n    Group pre-tax profit 385 mln crowns vs 380 mln\n");
  ASSERT_EQ(eac.events.size(), 1u);
  EXPECT_EQ(eac.events[0].metrics_size(), 1);
  // NEWID 4092, Rowntree: "Trading profit ... vs 101.3 mln, consisting -"
  // then regions; NEWID 10284, BHP: "Nine month divisional net earnings
  // before minorities were." then divisions.
  for (const char* heading : {"    Trading profit 105.7 mln stg vs 101.3 mln, consisting -\n",
                              "    Nine month divisional net earnings before minorities were.\n"}) {
    auto x = ExtractText("ROWNTREE MACKINTOSH PLC<RWNT.L> YEAR TO END JANUARY", "LONDON, March 12 -",
                         std::string("Pretax profit 84.0 mln stg vs 79.3 mln\n") + heading +
                             "    Europe 7.8 mln vs 3.4 mln\n    North America 34.7 mln vs 37.2 mln\n");
    ASSERT_EQ(x.events.size(), 1u) << heading;
    EXPECT_EQ(x.events[0].metrics_size(), 1) << heading << x.events[0].ShortDebugString();
  }
}

TEST(EarningsTextTest, ADigestOfSeveralCompaniesIsNoCompanysReport) {
  // NEWID 13191, "U.S. COMPANY EARNINGS HIGHLIGHTS": one line per company.
  auto x = ExtractText("U.S. COMPANY EARNINGS HIGHLIGHTS", "New York, april 3 -",
                       " Nine Months\n Biomet Inc shr 49 cts vs 36\n Federal Co shr 3.55 dlrs vs 1.66\n"
                       " Richardson Electronics shr 59 cts vs 53\n");
  EXPECT_TRUE(x.events.empty());
  EXPECT_THAT(x.no_events_reason, HasSubstr("several companies"));
}

TEST(EarningsTextTest, NilAndUnreadableLinesAreReported) {
  // "GREASE MONKEY HOLDING CORP <GMHC> YEAR NOV 30": "Revs 1,568,941 vs 1,0053,234" is a typo.
  auto x = Extract(Excerpt().at(1009));
  ASSERT_EQ(x.events.size(), 1u);
  const auto& e = x.events[0];
  const v1::Metric* shr = Find(e, v1::METRIC_KIND_EPS);
  EXPECT_TRUE(shr->nil());
  EXPECT_EQ(shr->value().units(), 0);
  EXPECT_EQ(shr->value().unit(), v1::UNIT_MONEY_PER_SHARE);
  EXPECT_EQ(e.period().end_date(), "1986-11-30");
  EXPECT_EQ(e.period().fiscal_year(), 1986);
  ASSERT_EQ(x.unread_lines.size(), 1u);
  EXPECT_THAT(x.unread_lines[0], HasSubstr("Revs 1,568,941 vs 1,0053,234"));
}

TEST(EarningsTextTest, ProseReportYieldsNoEventAndSaysWhy) {
  // "OHIO MATTRESS <OMT> MAY HAVE LOWER 1ST QTR NET": prose only.
  auto x = Extract(Excerpt().at(12));
  EXPECT_TRUE(x.events.empty());
  EXPECT_EQ(x.no_events_reason, "no figure lines found, nor a figure with its prior in the headline or a sentence");
}

TEST(EarningsTextTest, IdsAreDeterministic) {
  auto a = Extract(Excerpt().at(1245));
  auto b = Extract(Excerpt().at(1245));
  ASSERT_EQ(a.events.size(), b.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) EXPECT_EQ(a.events[i].id(), b.events[i].id());
  EXPECT_THAT(a.events[0].id(), testing::StartsWith("earnings-"));
}

TEST(EarningsTextTest, NoTickerUsesTheHeadlineCompanyName) {
  auto x = ExtractText("GELCO CORP 2ND QTR SHR 67 CTS VS 23 CTS", "EDEN PRAIRIE, Minn., March 10 -",
                       "Shr 67 cts vs 23 cts\n    Net 5,873,000 vs 1,990,000");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].entity().id(), "company:gelco");
  EXPECT_EQ(x.events[0].entity().name(), "GELCO CORP");
  EXPECT_EQ(x.events[0].period().fiscal_quarter(), 2);
  // NEWID 2504: an unlisted company in parentheses ends at the parenthesis
  // ("FIVE" is no part of Cambior's name).
  auto cambior = ExtractText("(CAMBIOR INC) FIVE MTHS DEC 31 NET", "MONTREAL, March 5 -",
                             "Shr 39 cts vs 30 cts\n    Net 8,801,000 vs 7,000,000");
  ASSERT_EQ(cambior.events.size(), 1u);
  EXPECT_EQ(cambior.events[0].entity().id(), "company:cambior");
  EXPECT_EQ(cambior.events[0].entity().name(), "CAMBIOR INC");
}

TEST(EarningsTextTest, ABodyMarkNamesTheReporterOnlyWhenItIsTheHeadlinesCompany) {
  // NEWID 8475: Bankamerica sold the bank; the report is Banca d'America e
  // d'Italia's.
  auto banca = ExtractText("BANCA D'AMERICA E D'ITALIA 1986 YEAR", "MILAN, March 23 -",
                           "Deposits from clients 3,691.0 billion lire vs 3,419.0 billion\n"
                           "    Note: The bank, sold by Bankamerica Corp <BK.N> last\n"
                           "December to West Germany's Deutsche Bank AG <DBKG.F>, said ...\n");
  ASSERT_EQ(banca.events.size(), 1u);
  EXPECT_EQ(banca.events[0].entity().id(), "company:banca-damerica-e-ditalia");
  // NEWID 17900: the note gives the headline company's full name and mark.
  auto storehouse = ExtractText("STOREHOUSE REPORTS HIGHER PROFITS IN 1986/87", "LONDON, June 2 -",
                                "53 weeks to April 4, 1987\n    Pretax profits 129.2 mln stg vs 116.0 mln\n"
                                "    NOTE - full name is Storehouse Plc <STHL.L>\n",
                                "2-JUN-1987 04:04:02.22");
  ASSERT_EQ(storehouse.events.size(), 1u);
  EXPECT_EQ(storehouse.events[0].entity().id(), "company:sthl.l");
}

TEST(EarningsTextTest, ANoteNamingTheFundsBeatsTheDateline) {
  // NEWID 7264, Seagram (Montreal) reports in U.S. dollars; NEWID 15733, MSR
  // Exploration (Cut Bank, Mont.) in Canadian dollars.
  auto seagram = ExtractText("SEAGRAM CO LTD <VO> YEAR JAN 31 NET", "MONTREAL, March 19 -",
                             "Shr 4.45 dlrs vs 3.44 dlrs\n    Net 423.5 mln vs 319.1 mln\n    NOTE: U.S. funds.\n");
  ASSERT_EQ(seagram.events.size(), 1u);
  EXPECT_EQ(seagram.currency, "USD");
  EXPECT_EQ(seagram.events[0].metrics(1).value().currency(), "USD");
  auto msr = ExtractText("MSR EXPLORATION LTD <MSR> YEAR LOSS", "CUT BANK, Mont., April 9 -",
                         "Shr loss five cts vs profit 10 cts\n    Net loss 381,391 vs profit 736,974\n"
                         "    NOTE: Canadian dollars.\n");
  ASSERT_EQ(msr.events.size(), 1u);
  EXPECT_EQ(msr.events[0].metrics(1).value().currency(), "CAD");
}

TEST(EarningsTextTest, CurrenciesOfReportsFromOutsideNorthAmerica) {
  // NEWID 7757: Nestle, "VEVEY, Switzerland": Swiss francs, not dollars.
  auto nestle = ExtractText("NESTLE SA <NESZ.Z> YEAR 1986", "VEVEY, Switzerland, March 20 -",
                            "Div 145 Swiss francs per share and 29 francs per\nparticipation certificate (unchanged)\n"
                            "    Net 1.79 billion vs 1.75 billion\n    Shr 526 vs 515\n");
  ASSERT_EQ(nestle.events.size(), 1u);
  ExpectAmount(Find(nestle.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 1790000000, 0, v1::UNIT_MONEY, "CHF");
  ExpectAmount(Find(nestle.events[0], v1::METRIC_KIND_EPS)->prior_value(), 515, 0, v1::UNIT_MONEY_PER_SHARE, "CHF");
  // NEWID 541: Benguet, MANILA: the bare figures are pesos like the stated one.
  auto benguet = ExtractText("BENGUET CORP <BE> CALENDAR 1986", "MANILA, March 2 -",
                             "Net income 154.7 mln pesos vs 127.5 mln\n"
                             "    Operating revenues 4.42 billion vs 3.3 billion\n");
  ASSERT_EQ(benguet.events.size(), 1u);
  EXPECT_EQ(benguet.events[0].metrics(0).value().currency(), "PHP");  // "Operating revenues"
  // NEWID 82: PLDT, datelined New York, "Figures quoted in Philippine Pesos."
  auto pldt = ExtractText("PHILIPPINE LONG DISTANCE <PHI> YEAR NET", "NEW YORK, Feb 26 -",
                          "Net 1.9 billion vs 779 mln\n    Revs 6.1 billion vs 4.7 billion\n"
                          "    Figures quoted in Philippine Pesos.\n");
  ASSERT_EQ(pldt.events.size(), 1u);
  EXPECT_EQ(Find(pldt.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "PHP");
  // Dollars written under such a dateline are U.S. dollars: NEWID 5410 (TBG,
  // Amstelveen, Netherlands) and NEWID 15104 (Atlas, Manila, Philippines).
  auto tbg = ExtractText("TBG HOLDINGS N.V. <TGBN.AS> 1986 YEAR NET", "AMSTELVEEN, Netherlands, March 16 -",
                         "Net profit 34 mln dlrs vs 43 mln dlrs.\n    Turnover 1.82 billion dlrs vs 1.83 billion.\n");
  ASSERT_EQ(tbg.events.size(), 1u);
  EXPECT_EQ(Find(tbg.events[0], v1::METRIC_KIND_REVENUE)->value().currency(), "USD");
  auto atlas = ExtractText("ATLAS CONSOLIDATED MINING <ACMB> 4TH QTR", "MANILA, Philippines, April 8 -",
                           "Year\n    Shr loss 58 cts vs loss 1.01 dlrs\n    Net loss 48.3 mln vs loss 84.2 mln\n");
  ASSERT_EQ(atlas.events.size(), 1u);
  EXPECT_EQ(Find(atlas.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "USD");
  // NEWID 15056, the same report from New York: the pesos its figures were
  // translated from are not their currency.
  auto translated = ExtractText("ATLAS CONSOLIDATED MINING AND DEVELOPMENT <ACMB>", "NEW YORK, April 8 -",
                                "4th qtr\n    Net loss 14.5 mln vs loss 18.0 mln\n"
                                "    Translated from Philippine pesos at 20.3489 pesos to dollar\n"
                                "vs 18.5571 in quarter.\n");
  ASSERT_EQ(translated.events.size(), 1u);
  EXPECT_EQ(Find(translated.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "USD");
}

TEST(EarningsTextTest, AGuilderDividendDoesNotMakeDollarFiguresGuilders) {
  // NEWID 2221, Royal Dutch/Shell (New York): per-share figures in "dlrs", a
  // dividend "of 8.30 guilders", the group's bare figures in U.S. dollars.
  auto shell = ExtractText("ROYAL DUTCH/SHELL GROUP OF COS 4TH QTR NET", "NEW YORK, March 5 -",
                           "Shr Royal Dutch Petroleum Co <RD> 2.30 dlrs vs 2.90 dlrs\n"
                           "    Final Royal Dutch dividend of 8.30 guilders for total 12.80\n"
                           "guilders vs 12.80 guilders for 1985\n"
                           "    Group Net 1.07 billion vs 1.24 billion\n");
  ASSERT_FALSE(shell.events.empty());
  const v1::Metric* net = Find(shell.events[0], v1::METRIC_KIND_NET_INCOME);
  ASSERT_NE(net, nullptr);
  ExpectAmount(net->value(), 1070000000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsTextTest, AYearInANoteAfterTheTableIsNotTheReportsYear) {
  // NEWID 10023, Shoe Town: "YEAR ENDED JAN THREE 1987" is fiscal 1987; the
  // closing "1985 year ended December 28, 1985." speaks of the prior year.
  auto x = ExtractText("SHOE TOWN INC <SHU> YEAR ENDED JAN THREE 1987", "TOTOWA, N.J., March 26 -",
                       "Shr 51 cts vs 75 cts\n    Net 5,524,000 vs 8,094,000\n"
                       "    NOTE: 1986 and 1985 year net includes loss.\n    1985 year ended December 28, 1985.\n",
                       "26-MAR-1987 12:40:02.47");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().fiscal_year(), 1987);
  EXPECT_EQ(x.events[0].period().end_date(), "1987-01-03");
}

TEST(EarningsTextTest, ANoteOnTheFiguresCurrencyBeatsTheDateline) {
  // NEWID 9127, Weeks Petroleum (MELBOURNE): "Note - All figures in U.S.
  // Dollars as the company is registered in Bermuda."; NEWID 10447, Galactic
  // Resources (VANCOUVER): "Results in U.S. funds".
  auto weeks = ExtractText("WEEKS PETROLEUM LTD <WPMA.MEL> CALENDAR 1986", "MELBOURNE, March 25 -",
                           "Net 10.84 mln vs 19.15 mln\n    Turnover 17.17 mln vs 25.94 mln\n"
                           "    Note - All figures in U.S. Dollars as the company is\nregistered in Bermuda.\n");
  ASSERT_EQ(weeks.events.size(), 1u);
  EXPECT_EQ(Find(weeks.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "USD");
  auto galactic = ExtractText("GALACTIC RESOURCES LTD <GALCF> YEAR LOSS", "VANCOUVER, British Columbia, March 27 -",
                              "Shr loss 1.30 dlrs\n    Net loss 25.6 mln\n    Results in U.S. funds\n");
  ASSERT_EQ(galactic.events.size(), 1u);
  EXPECT_EQ(Find(galactic.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "USD");
  // A sentence that only passes through a currency declares nothing.
  auto other = ExtractText("<CO-STEEL INC> 4TH QTR NET", "TORONTO, March 3 -",
                           "Oper net 6,322,000 vs 4,660,000\n    Note: includes a gain in U.S. funds of 2 mln\n");
  ASSERT_EQ(other.events.size(), 1u);
  EXPECT_EQ(other.events[0].metrics(0).value().currency(), "CAD");
}

TEST(EarningsTextTest, AHeadlinesCorrectionMarkNamesNoCompany) {
  // NEWID 10207: "CORRECTED - MEDIA GENERAL INC UPS ANNUAL DIV ...".
  auto x = ExtractText("CORRECTED - MEDIA GENERAL INC UPS ANNUAL DIV TO 68 CTS/SHR FROM 64 CTS",
                       "RICHMOND, Va., March 26 -", "", "26-MAR-1987 17:11:25.40");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].entity().id(), "company:media-general");
}

TEST(EarningsTextTest, BareFrancsAndCrownsAreTheDatelinesOwn) {
  // NEWID 4649, Sandoz, BASLE: "francs" are Swiss francs; NEWID 3760,
  // Gevaert, BRUSSELS: Belgian; NEWID 2137, East Asiatic, COPENHAGEN:
  // "crowns" are Danish.
  auto sandoz = ExtractText("SANDOZ AG <SANZ.Z> YEAR 1986", "BASLE, March 13 -",
                            "Group Turnover 8.36 billion francs vs. 8.45 billion\n"
                            "    Cash Flow 956 mln francs vs. 941 mln\n");
  ASSERT_EQ(sandoz.events.size(), 1u);
  EXPECT_EQ(sandoz.events[0].metrics(0).value().currency(), "CHF");
  EXPECT_EQ(sandoz.events[0].metrics(1).prior_value().currency(), "CHF");
  auto gevaert = ExtractText("GEVAERT NV <GEVN.BR> 1986 YEAR", "BRUSSELS, March 11 -",
                             "Consolidated group net profit 1.88 billion francs vs 1.29\nbillion.\n");
  ASSERT_EQ(gevaert.events.size(), 1u);
  EXPECT_EQ(gevaert.events[0].metrics(0).value().currency(), "BEF");
  auto eac = ExtractText("<DET OESTASIATISKE KOMPAGNI A/S> (EAST ASIATIC CO)", "COPENHAGEN, March 5 -",
                         "Results for year 1986 -\n    Net turnover 14.17 billion crowns vs 16.69 billion\n");
  ASSERT_EQ(eac.events.size(), 1u);
  EXPECT_EQ(eac.events[0].metrics(0).value().currency(), "DKK");
  // Francs of a Paris report stay French.
  auto paris = ExtractText("PEUGEOT SA 1986 YEAR", "PARIS, March 11 -", "Net profit 3.59 billion francs vs 543 mln\n");
  ASSERT_EQ(paris.events.size(), 1u);
  EXPECT_EQ(paris.events[0].metrics(0).value().currency(), "FRF");
  // A city known abroad under a U.S. state is in the United States: NEWID
  // 5602 (MELBOURNE, Fla.) was read in Australian dollars; VIENNA, Va. is not
  // Austria.
  for (const char* dateline : {"MELBOURNE, Fla., March 16 -", "VIENNA, Va., April 13 -"}) {
    auto x = ExtractText("SCIENTIFIC SYSTEMS SERVICES INC <SSSV> 4TH QTR", dateline,
                         "Shr profit four cts vs loss 49 cts\n    Net profit 160,700 vs loss 1,867,100\n");
    ASSERT_EQ(x.events.size(), 1u) << dateline;
    EXPECT_EQ(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value().currency(), "USD") << dateline;
  }
  auto melbourne = ExtractText("<ASHTON MINING LTD> YEAR", "MELBOURNE, March 16 -", "Net 12.1 mln vs 9.8 mln\n");
  ASSERT_EQ(melbourne.events.size(), 1u);
  EXPECT_EQ(melbourne.events[0].metrics(0).value().currency(), "AUD");
}

TEST(EarningsFigureLineTest, FractionsOfACent) {
  // NEWID 2346 "Qtly div 7-1/2 cts vs 7-1/2 cts prior", NEWID 6205, and
  // NEWID 17900's "Share - basic" label.
  std::string why;
  auto div = ParseFigureLine("Qtly div 7-1/2 cts vs 7-1/2 cts prior", "USD", &why);
  ASSERT_TRUE(div.has_value()) << why;
  EXPECT_EQ(div->kind(), v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(div->value(), 75, 3, v1::UNIT_MONEY_PER_SHARE, "USD");
  auto raised = ParseFigureLine("Qtly div 15 cts vs 12-1/2 cts prior", "USD", &why);
  ASSERT_TRUE(raised.has_value()) << why;
  ExpectAmount(raised->prior_value(), 125, 3, v1::UNIT_MONEY_PER_SHARE, "USD");
  auto quarter = ParseFigureLine("Qtly div 5-1/4 cts vs 5-3/4 cts prior", "USD", &why);
  ASSERT_TRUE(quarter.has_value()) << why;
  ExpectAmount(quarter->value(), 525, 4, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(quarter->prior_value(), 575, 4, v1::UNIT_MONEY_PER_SHARE, "USD");
  auto basic = ParseFigureLine("Share - basic 22.2p vs 21.6p", "GBP", &why);
  ASSERT_TRUE(basic.has_value()) << why;
  EXPECT_EQ(basic->kind(), v1::METRIC_KIND_EPS);
  // Not fractions: a date, a third, a bare slash.
  EXPECT_FALSE(ParseFigureLine("Qtly div 3/31 vs 2/3", "USD", &why).has_value());
}

TEST(EarningsFigureLineTest, UnitsOnOneSideApplyToTheOther) {
  std::string why;
  auto revs = ParseFigureLine("Revs 40.2 vs 35.1 mln", "USD", &why);
  ASSERT_TRUE(revs);
  ExpectAmount(revs->value(), 40200000, 0, v1::UNIT_MONEY, "USD");
  auto shr = ParseFigureLine("Shr 23 vs 12 cts", "USD", &why);
  ASSERT_TRUE(shr);
  ExpectAmount(shr->value(), 23, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  auto sales = ParseFigureLine("Sales 10.9 mln vs 9,760,000", "USD", &why);
  ASSERT_TRUE(sales);
  ExpectAmount(sales->prior_value(), 9760000, 0, v1::UNIT_MONEY, "USD");
  auto yen = ParseFigureLine("Net 12.3 billion yen vs 10.1 billion", "USD", &why);
  ASSERT_TRUE(yen);
  ExpectAmount(yen->prior_value(), 10100000000, 0, v1::UNIT_MONEY, "JPY");
  // Cents with decimals: the decimal prior is cents too (NEWID 883, Melbourne;
  // 8614, London, in pence): 17.8 cents, not 17.80 dollars.
  auto cents = ParseFigureLine("Shr 24.8 cents vs 17.8", "AUD", &why);
  ASSERT_TRUE(cents);
  ExpectAmount(cents->prior_value(), 178, 3, v1::UNIT_MONEY_PER_SHARE, "AUD");
  auto pence = ParseFigureLine("Shr 47.1p vs 37.7", "GBP", &why);
  ASSERT_TRUE(pence);
  ExpectAmount(pence->prior_value(), 377, 3, v1::UNIT_MONEY_PER_SHARE, "GBP");
  // Beside whole cents a decimal stays dollars.
  auto dollars = ParseFigureLine("Shr 45 cts vs 1.40", "USD", &why);
  ASSERT_TRUE(dollars);
  ExpectAmount(dollars->prior_value(), 140, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
}

TEST(EarningsFigureLineTest, DividendsAndPriors) {
  std::string why;
  auto div = ParseFigureLine("Qtly div 15 cts vs 15 cts prior", "USD", &why);
  ASSERT_TRUE(div);
  EXPECT_EQ(div->kind(), v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(div->basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  auto same = ParseFigureLine("Qtly div 35 cts vs 35 cts in prior qtr", "USD", &why);
  ASSERT_TRUE(same);
  auto not_given = ParseFigureLine("Shr 39 cts vs not given", "USD", &why);
  ASSERT_TRUE(not_given);
  EXPECT_FALSE(not_given->has_prior_value());
}

TEST(EarningsTextTest, APriorOnTheNextLineIsRead) {
  // NEWID 7914, Thackeray: "Oper net profit 1,013,000 vs profit" then, on an
  // indented line, "2,219,000"; NEWID 13110: "Net loss 330,613 vs profit"
  // with no amount after it is not joined to the next figure line.
  auto x = ExtractText("THACKERAY CORP <THK> YEAR LOSS", "NEW YORK, March 20 -",
                       "Oper shr loss 22 cts vs loss 20 cts\n    Oper net profit 1,013,000 vs profit\n    2,219,000\n"
                       "    Sales 77.0 mln vs 74.0 mln\n");
  ASSERT_EQ(x.events.size(), 1u);
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_OPERATING_NET)->prior_value(), 2219000, 0, v1::UNIT_MONEY, "USD");
  auto y = ExtractText("ARMATRON <ART> 4TH QTR", "NEW YORK, April 3 -",
                       "Shr not given\n    Net loss 330,613 vs profit\n    Revs 2,170,628 vs 614,511\n");
  ASSERT_EQ(y.events.size(), 1u);
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_REVENUE)->value(), 2170628, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsFigureLineTest, APerShareLabelOverAMoneyAmountIsNotRead) {
  // NEWID 13: "Oper shr profit 442,000 vs profit 2,986,000" (the net under a
  // per-share label); NEWID 2613: "Shr out 5,950,000 vs 5,462,547".
  std::string why;
  EXPECT_FALSE(ParseFigureLine("Oper shr profit 442,000 vs profit 2,986,000", "USD", &why));
  EXPECT_THAT(why, HasSubstr("not a per-share figure"));
  EXPECT_FALSE(ParseFigureLine("Shr out 5,950,000 vs 5,462,547", "USD", &why));
  // NEWID 6227: "Sales 1,478,000 vs loss 2,097,000", Reuters' typo.
  EXPECT_FALSE(ParseFigureLine("Sales 1,478,000 vs loss 2,097,000", "USD", &why));
  EXPECT_THAT(why, HasSubstr("a loss written on revenue"));
  // A dear share stays one: "Shr 2,073 dlrs vs 1,460 dlrs".
  auto dear = ParseFigureLine("Shr 2,073 dlrs vs 1,460 dlrs", "USD", &why);
  ASSERT_TRUE(dear);
  ExpectAmount(dear->value(), 2073, 0, v1::UNIT_MONEY_PER_SHARE, "USD");
}

TEST(EarningsFigureLineTest, ASentenceWithAVerbIsNoFigureLine) {
  // NEWID 15438, NatNed: prose, not a table line.
  std::string why;
  EXPECT_FALSE(ParseFigureLine("Assets per share equalled 65.68 guilders against 65.53.", "NLG", &why));
  EXPECT_TRUE(ParseFigureLine("Assets per share 65.68 guilders vs 65.53", "NLG", &why));
}

TEST(EarningsFigureLineTest, NonFiguresAreNotRead) {
  std::string why;
  EXPECT_FALSE(ParseFigureLine("Pay April 30", "USD", &why));
  EXPECT_FALSE(ParseFigureLine("Record March 31", "USD", &why));
  EXPECT_FALSE(ParseFigureLine("Shr not given", "USD", &why));
  EXPECT_TRUE(why.empty());
  EXPECT_FALSE(ParseFigureLine("The company said its 1986 net rose to 12.6 mln dlrs from 10 mln dlrs a year earlier",
                               "USD", &why));
  // A named metric that cannot be read says why.
  EXPECT_FALSE(ParseFigureLine("Net 1,742,000 vs 1,1512,000", "USD", &why));
  EXPECT_THAT(why, HasSubstr("vs"));
  EXPECT_FALSE(ParseFigureLine("Shr 1.2 mln vs 1.1 mln", "USD", &why));
  EXPECT_THAT(why, HasSubstr("per-share"));
}

TEST(EarningsPeriodTest, Headers) {
  auto nine = ParsePeriodHeader("Nine mths");
  ASSERT_TRUE(nine);
  EXPECT_EQ(nine->kind, v1::PERIOD_KIND_NINE_MONTHS);
  auto qtr = ParsePeriodHeader("Qtr ended Feb 28");
  ASSERT_TRUE(qtr);
  EXPECT_EQ(qtr->kind, v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(qtr->end_month, 2);
  EXPECT_EQ(qtr->end_day, 28);
  EXPECT_EQ(ParsePeriodHeader("12 mths")->kind, v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(ParsePeriodHeader("Six mths to Dec 31")->kind, v1::PERIOD_KIND_HALF);
  EXPECT_EQ(ParsePeriodHeader("1st half")->ordinal, 1);
  EXPECT_EQ(ParsePeriodHeader("Year 1986")->fiscal_year, 1986);
  EXPECT_EQ(ParsePeriodHeader("16 weeks")->kind, v1::PERIOD_KIND_QUARTER);
  EXPECT_FALSE(ParsePeriodHeader("The company said"));
  EXPECT_FALSE(ParsePeriodHeader("Shr 34 cts vs 1.19 dlrs"));
  PeriodHeader title = PeriodFromTitle("TOKHEIM CORP <TOK> 1ST QTR FEB 28 NET");
  EXPECT_EQ(title.kind, v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(title.ordinal, 1);
  EXPECT_EQ(title.end_month, 2);
  EXPECT_EQ(title.label, "1ST QTR FEB 28");
}

TEST(EarningsDeltaCheckTest, EachShareClassHasItsOwnQuarterlyDividend) {
  // reuters John Wiley and Sons, General Cinema: "Qtly div class B" was an
  // OTHER figure compared year over year; the second class a duplicate.
  auto x = ExtractText("JOHN WILEY AND SONS INC <WILLA> SETS QUARTERLY", "NEW YORK, March 5 -",
                       "Qtly div Class A 11 cts vs 11 cts prior\n    Qtly div Class B 9-1/2 cts vs 9-1/2 cts prior\n"
                       "    Pay April 15\n    Record March 31\n",
                       "5-MAR-1987 10:00:00.00");
  ASSERT_EQ(x.events.size(), 1u);
  const auto& ev = x.events[0];
  EXPECT_EQ(ev.period().kind(), v1::PERIOD_KIND_QUARTER);
  ASSERT_EQ(ev.metrics_size(), 2);
  for (const auto& m : ev.metrics()) {
    EXPECT_EQ(m.kind(), v1::METRIC_KIND_DIVIDEND) << m.label();
    EXPECT_EQ(m.basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER) << m.label();
  }
  EXPECT_EQ(ev.metrics(0).segment(), "Class A");
  EXPECT_EQ(ev.metrics(1).segment(), "Class B");
  ExpectAmount(ev.metrics(1).value(), 95, 3, v1::UNIT_MONEY_PER_SHARE, "USD");
  // "common" is the ordinary share: no segment.
  std::string why;
  auto common = ParseFigureLine("Qtly div common 10 cts vs 10 cts prior", "USD", &why);
  ASSERT_TRUE(common.has_value());
  EXPECT_EQ(common->kind(), v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(common->segment(), "");
}

TEST(EarningsDeltaCheckTest, AQuartersRevenueAboveItsYearsIsReportedNotRead) {
  // reuters-9839 Best Products: the year's sales are in thousands without a
  // word for it, so the quarter (816.1 mln) sold more than the year.
  auto x = ExtractText("BEST PRODUCTS CO <BES> 4TH QTR JAN 31 NET", "RICHMOND, Va., April 7 -",
                       "Shr profit 1.44 dlrs vs profit 83 cts\n    Net profit 39.0 mln vs profit 22.5 mln\n"
                       "    Sales 816.1 mln vs 865.3 mln\n    Year\n    Shr loss 95 cts vs profit eight cts\n"
                       "    Net loss 25.6 mln vs profit 2,223,000\n    Sales 2,142,118 vs 2,234,768\n",
                       "7-APR-1987 10:01:02.00");
  ASSERT_EQ(x.events.size(), 2u);
  for (const auto& ev : x.events) {
    EXPECT_TRUE(std::none_of(ev.metrics().begin(), ev.metrics().end(),
                             [](const v1::Metric& m) { return m.kind() == v1::METRIC_KIND_REVENUE; }))
        << ev.ShortDebugString();
    EXPECT_NE(Find(ev, v1::METRIC_KIND_NET_INCOME), nullptr);
  }
  ASSERT_EQ(x.unread_lines.size(), 2u);  // reported, not lost
  EXPECT_THAT(x.unread_lines[0], HasSubstr("a part above its whole"));
  // A quarter within its year keeps both.
  auto y = ExtractText("X <X> 4TH QTR NET", "NEW YORK, March 2 -",
                       "Net 1.2 mln vs 1.0 mln\n    Sales 8.1 mln vs 7.2 mln\n    Year\n"
                       "    Net 4.4 mln vs 3.9 mln\n    Sales 30.2 mln vs 28.0 mln\n",
                       "2-MAR-1987 10:00:00.00");
  ASSERT_EQ(y.events.size(), 2u);
  EXPECT_NE(Find(y.events[0], v1::METRIC_KIND_REVENUE), nullptr);
  EXPECT_NE(Find(y.events[1], v1::METRIC_KIND_REVENUE), nullptr);
}

TEST(EarningsDeltaCheckTest, AQuartersLineInANineMonthsTableIsNotGivenTheNineMonths) {
  // reuters-10284 BHP: "Third qtr net" under "First nine months ended Feb
  // 28" was kept in the nine months' event, and became a nine months' delta.
  auto x = ExtractText("THE BROKEN HILL PTY CO LTD <BRKN.S> NINE MONTHS", "MELBOURNE, March 27 -",
                       "First nine months ended Feb 28\n    Net 603.0 mln dlrs vs 813.0 mln\n"
                       "    Third qtr net 206.0 mln dlrs vs 238.6 mln\n"
                       "    Third qtr sales 2.11 billion vs 2.10 billion.\n",
                       "27-MAR-1987 00:09:53.77");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_NINE_MONTHS);
  ASSERT_EQ(x.events[0].metrics_size(), 1);
  EXPECT_EQ(x.events[0].metrics(0).label(), "Net");
  ASSERT_EQ(x.unread_lines.size(), 2u);  // reported, not lost
  EXPECT_THAT(x.unread_lines[0], HasSubstr("names a period other than its table's"));
  // A line naming its table's own period is read ("Year net" in a year).
  auto y = ExtractText("X <X> YEAR NET", "NEW YORK, March 2 -", "Year\n    Year net 48.3 mln vs 84.2 mln");
  ASSERT_EQ(y.events.size(), 1u);
  EXPECT_EQ(y.events[0].metrics_size(), 1);
}

}  // namespace
}  // namespace streamlens::loaders

namespace streamlens::loaders {
namespace {

// Cases the hand check (docs/quality.md) found wrong in an earlier version.
TEST(EarningsHandCheckTest, ShrPriorUnderADividendHeadlineIsADividend) {
  // reuters-6295 "CPC INTERNATIONAL INC <CPC> QTLY DIV".
  auto x = ExtractText("CPC INTERNATIONAL INC <CPC> QTLY DIV", "ENGLEWOOD CLIFFS, N.J., March 17 -",
                       "Shr 31 cts vs 31 cts prior\n    Payable April 24\n    Record March 31",
                       "17-MAR-1987 16:48:53.42");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].metrics(0).kind(), v1::METRIC_KIND_DIVIDEND);
  EXPECT_EQ(x.events[0].metrics(0).basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
}

TEST(EarningsHandCheckTest, LondonderryIsNotLondonNorNewBrunswickNJCanada) {
  // reuters-13715 "<BEDFORD COMPUTER CORP> YEAR NET", LONDONDERRY, N.H.
  auto x = ExtractText("<BEDFORD COMPUTER CORP> YEAR NET", "LONDONDERRY, N.H., April 7 -",
                       "Shr not given\n    Net profit 1,033,000 vs loss 4,346,000\n    Sales 6,060,000 vs 5,818,000");
  ASSERT_EQ(x.events.size(), 1u);
  ExpectAmount(x.events[0].metrics(0).value(), 1033000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(x.events[0].metrics(0).prior_value(), -4346000, 0, v1::UNIT_MONEY, "USD");
  auto nj = ExtractText("J <JNJ> 1ST QTR NET", "NEW BRUNSWICK, N.J., April 14 -", "Net 1.2 mln vs 1.0 mln");
  EXPECT_EQ(nj.events[0].metrics(0).value().currency(), "USD");
  auto nb = ExtractText("X <X> YEAR NET", "SAINT JOHN, New Brunswick, March 4 -", "Net 1.2 mln vs 1.0 mln");
  EXPECT_EQ(nb.events[0].metrics(0).value().currency(), "CAD");
}

TEST(EarningsHandCheckTest, OperLossAndBareLossAreNamed) {
  // reuters-8017 "<SULLIVAN MINES INC> YEAR LOSS"; reuters-410 Multi-Step Products.
  auto x = ExtractText("<SULLIVAN MINES INC> YEAR LOSS", "MONTREAL, March 20 -",
                       "Oper shr loss 12 cts vs profit four cts\n    Oper loss 1,069,000 vs profit 339,000");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].metrics(1).kind(), v1::METRIC_KIND_OPERATING_NET);
  ExpectAmount(x.events[0].metrics(1).value(), -1069000, 0, v1::UNIT_MONEY, "CAD");
  auto y = ExtractText("<MULTI-STEP PRODUCTS INC> SIX MTHS DEC 31 LOSS", "TORONTO, March 2 -",
                       "Shr loss 11 cts\n    Loss 739,146\n    Revs 11,754,251", "2-MAR-1987 09:35:01.76");
  ASSERT_EQ(y.events.size(), 1u);
  const v1::Metric* net = Find(y.events[0], v1::METRIC_KIND_NET_INCOME);
  EXPECT_EQ(net->label(), "Loss");
  ExpectAmount(net->value(), -739146, 0, v1::UNIT_MONEY, "CAD");
}

TEST(EarningsHandCheckTest, TwelveMonthsGiveNoFiscalYear) {
  // reuters-10211 "NORTHERN INDIANA <NI> 12 MTHS FEB 28 LOSS": trailing twelve months.
  auto x = ExtractText("NORTHERN INDIANA <NI> 12 MTHS FEB 28 LOSS", "HAMMOND, IND., March 26 -",
                       "Shr loss 66 cts vs profit 1.07 dlrs", "26-MAR-1987 17:22:00.47");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(x.events[0].period().end_date(), "1987-02-28");
  EXPECT_EQ(x.events[0].period().fiscal_year(), 0);
}

}  // namespace
}  // namespace streamlens::loaders

namespace streamlens::loaders {
namespace {

TEST(EarningsHandCheckTest, DividendOnlyReportIsAQuarterLabelledAsSuch) {
  auto x = ExtractText("CPC INTERNATIONAL INC <CPC> QTLY DIV", "ENGLEWOOD CLIFFS, N.J., March 17 -",
                       "Shr 31 cts vs 31 cts prior\n    Payable April 24", "17-MAR-1987 16:48:53.42");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(x.events[0].period().label(), "Qtly div");
  EXPECT_EQ(x.events[0].period().fiscal_year(), 0);
}

}  // namespace
}  // namespace streamlens::loaders

namespace streamlens::loaders {
namespace {

// Cases the metric-delta hand check (docs/quality.md, "Metric deltas") found wrong.
TEST(EarningsDeltaCheckTest, LossLabelCarriesToAnUnsignedPrior) {
  // reuters-2826 "<CLARY CORP> 4TH QTR DEC 31 LOSS": the prior 309,000 is a
  // loss (the Shr line says "loss 16 cts"); read as a profit it turned a
  // narrower loss into a swing from profit.
  auto x = ExtractText("<CLARY CORP> 4TH QTR DEC 31 LOSS", "SAN GABRIEL, Calif., March 6 -",
                       "Shr loss 12 cts vs loss 16 cts\n    Net loss 214,000 vs 309,000\n"
                       "    Revs 3,056,000 vs 2,545,000\n    Year\n    Shr loss 43 cts vs loss nine cts\n"
                       "    Net loss 754,000 vs loss 159,000\n    Revs 11.4 mln vs 11.4 mln",
                       "6-MAR-1987 12:00:00.00");
  ASSERT_EQ(x.events.size(), 2u);
  const v1::Metric* net = Find(x.events[0], v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), -214000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(net->prior_value(), -309000, 0, v1::UNIT_MONEY, "USD");
  // Revenue has no sign word and stays positive.
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_REVENUE)->prior_value(), 2545000, 0, v1::UNIT_MONEY, "USD");

  // reuters-1446 Voicemail International, "12 mths": "Shr loss 39 cts vs 11 cts"
  // next to "Net loss 1,387,500 vs loss 334,463".
  std::string why;
  auto shr = ParseFigureLine("Shr loss 39 cts vs 11 cts", "USD", &why);
  ASSERT_TRUE(shr.has_value());
  ExpectAmount(shr->prior_value(), -11, 2, v1::UNIT_MONEY_PER_SHARE, "USD");

  // An explicit profit prior stays a profit (reuters-2539 E.A. Viner, below;
  // reuters-126 "Net loss 110.6 mln vs profit 4.1 mln").
  auto flip = ParseFigureLine("Net loss 110.6 mln vs profit 4.1 mln", "USD", &why);
  ASSERT_TRUE(flip.has_value());
  ExpectAmount(flip->value(), -110600000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(flip->prior_value(), 4100000, 0, v1::UNIT_MONEY, "USD");
  // A profit does not carry: "Net profit 2,909,000 vs loss 1,501,000" and an
  // unsigned current figure leave the prior as written.
  auto plain = ParseFigureLine("Net 807,000 vs 2,858,000", "USD", &why);
  ASSERT_TRUE(plain.has_value());
  ExpectAmount(plain->prior_value(), 2858000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsDeltaCheckTest, UnmarkedMoneyPriorTakesTheLossOfItsPerShareLine) {
  // reuters-1084 Gulf Resources: "Oper shr profit 34 cts vs loss 53 cts" over
  // "Oper net profit 3,337,000 vs 4,881,000": Reuters left out the prior's
  // "loss", which the per-share line of the same block states.
  auto x = ExtractText("GULF RESOURCES AND CHEMICAL CORP <GRE> 4TH QTR", "BOSTON, March 3 -",
                       "Oper shr profit 34 cts vs loss 53 cts\n    Oper net profit 3,337,000 vs 4,881,000\n"
                       "    Revs 32.7 mln vs 49.6 mln\n    Year\n    Oper shr profit 20 cts vs loss 90 cts\n"
                       "    Oper net profit 2,374,000 vs loss 9,381,000\n    Revs 126.9 mln vs 160.5 mln\n",
                       "3-MAR-1987 11:08:29.13");
  ASSERT_EQ(x.events.size(), 2u);
  const v1::Metric* net = Find(x.events[0], v1::METRIC_KIND_OPERATING_NET);
  ExpectAmount(net->value(), 3337000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(net->prior_value(), -4881000, 0, v1::UNIT_MONEY, "USD");
  // Revenue has no sign and the year block stated its loss: unchanged.
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_REVENUE)->prior_value(), 49600000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_OPERATING_NET)->prior_value(), -9381000, 0, v1::UNIT_MONEY, "USD");

  // reuters-11046 Templeton Energy, year: "Shr profit three cts vs loss five
  // cts" over "Net profit 688,000 vs 982,000".
  auto t = ExtractText("TEMPLETON ENERGY INC <TMPL> 4TH QTR NET", "HOUSTON, March 30 -",
                       "Shr profit four cts vs loss six cts\n    Net profit 967,000 vs loss 1,219,000\n"
                       "    Revs 10.1 mln vs 4.5 mln\n    Year\n    Shr profit three cts vs loss five cts\n"
                       "    Net profit 688,000 vs 982,000\n    Revs 24.6 mln vs 16.3 mln\n",
                       "30-MAR-1987 15:51:12.26");
  ASSERT_EQ(t.events.size(), 2u);
  ExpectAmount(Find(t.events[1], v1::METRIC_KIND_NET_INCOME)->prior_value(), -982000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsDeltaCheckTest, PerShareSignsThatSayNothingAboutTheMoneyLine) {
  // reuters-7061 Carter Hawley Hale, year: "Shr loss 1.27 dlrs vs profit 92
  // cts" over "Net profit 4.2 mln vs profit 48.0 mln" (shares after preferred
  // dividends): both lines write their signs, nothing is changed.
  auto x = ExtractText("CARTER HAWLEY HALE STORES INC <CHH> 4TH QTR LOSS", "LOS ANGELES, March 19 -",
                       "Shr loss 1.27 dlrs vs profit 92 cts\n    Net profit 4.2 mln vs profit 48.0 mln\n",
                       "19-MAR-1987 09:02:38.95");
  ASSERT_EQ(x.events.size(), 1u);
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 4200000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->prior_value(), 48000000, 0, v1::UNIT_MONEY, "USD");
  // reuters-7444 American Home Shield, year: the per-share prior is a loss
  // ("vs loss one cts") but the money line writes "vs profit 90,000".
  auto h = ExtractText("AMERICAN HOME SHIELD CORP <AHSC> 4TH QTR NET", "SANTA ROSA, Calif., March 19 -",
                       "Shr profit 33 cts vs loss one cts\n    Net profit 2,375,000 vs profit 90,000\n",
                       "19-MAR-1987 09:00:00.00");
  ASSERT_EQ(h.events.size(), 1u);
  ExpectAmount(Find(h.events[0], v1::METRIC_KIND_NET_INCOME)->prior_value(), 90000, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsDeltaCheckTest, AnUnsignedNetBesideAPerShareLossAndItsShareCountIsALoss) {
  // reuters-9970 Healthmate, year: "Shr loss 17 cts vs loss 20 cts", "Net
  // 1,512,534 vs loss 1,553,592", "Avg shrs 8,745,132": 1,512,534 / 0.17 is
  // the share count, so the unsigned net is the loss.
  const std::string table = "Year\n    Shr loss 17 cts vs loss 20 cts\n    Net 1,512,534 vs loss 1,553,592\n";
  auto x = ExtractText("HEALTHMATE INC <HMTE> 4TH QTR LOSS", "NORTHBROOK, ILL., March 26 -",
                       table + "    Avg shrs 8,745,132 vs 7,619,863\n", "26-MAR-1987 11:44:36.08");
  ASSERT_EQ(x.events.size(), 1u);
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value(), -1512534, 0, v1::UNIT_MONEY, "USD");
  // Without the share count nothing says which it is: left as written.
  auto y = ExtractText("HEALTHMATE INC <HMTE> 4TH QTR LOSS", "NORTHBROOK, ILL., March 26 -", table,
                       "26-MAR-1987 11:44:36.08");
  ASSERT_EQ(y.events.size(), 1u);
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 1512534, 0, v1::UNIT_MONEY, "USD");
}

TEST(EarningsFigureLineTest, MonthlyDividendAgainstThePriorMonth) {
  // reuters-9271 Thomson McKinnon U.S. Government Fund.
  auto x = ExtractText("THOMSON MCKINNON U.S. GOVERNMENT FUND DIVIDEND", "NEW YORK, March 25 -",
                       "Mthly div 7.3 cts vs 7.5 cts in prior month\n    Payable April six\n    Record Marcxh 30\n",
                       "25-MAR-1987 09:23:26.54");
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* div = Find(x.events[0], v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(div->value(), 73, 3, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(div->prior_value(), 75, 3, v1::UNIT_MONEY_PER_SHARE, "USD");
  // "month" after a figure that is no dividend is not read.
  std::string why;
  EXPECT_FALSE(ParseFigureLine("Net 7.3 mln vs 7.5 mln in prior month", "USD", &why).has_value());
}

TEST(EarningsDeltaCheckTest, YearHeadlineDoesNotLabelTheQuarterBlock) {
  // reuters-10008 "QUESTECH INC <QTEC> YEAR NET": the first, unheaded block is
  // the fourth quarter (revenue 13.6 mln of the year's 47.5 mln); the block
  // headed "Year" is the year. Both were labelled YEAR, so the year's deltas
  // were computed twice, once on the quarter's figures.
  auto x = ExtractText("QUESTECH INC <QTEC> YEAR NET", "MCLEAN, Va., March 26 -",
                       "Shr loss nil vs profit 19 cts\n    Net loss 3,175 vs profit 284,945\n"
                       "    Revs 13.6 mln vs 10.6 mln\n    Year\n    Shr profit 13 cts vs profit 56 cts\n"
                       "    Net profit 195,202 vs profit 857,006\n    Revs 47.5 mln vs 42.9 mln\n"
                       "    Note: Current year net includes charge against discontinued\n"
                       "operations of 1,060,848 dlrs.",
                       "26-MAR-1987 12:21:42.19");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(x.events[0].period().fiscal_quarter(), 4);
  EXPECT_EQ(x.events[0].period().label(), "4th qtr (implied)");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_REVENUE)->value(), 13600000, 0, v1::UNIT_MONEY, "USD");
  EXPECT_EQ(x.events[1].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(x.events[1].period().label(), "Year");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_REVENUE)->value(), 47500000, 0, v1::UNIT_MONEY, "USD");
  EXPECT_NE(x.events[0].id(), x.events[1].id());

  // A YEAR headline over a single block still labels it the year (Cobanco,
  // above), and a first block with its own header keeps that header.
  auto headed = ExtractText("X <X> YEAR NET", "NEW YORK, March 2 -",
                            "Year\n    Net 1.2 mln vs 1.0 mln\n    Six mths\n    Net 0.5 mln vs 0.4 mln");
  ASSERT_EQ(headed.events.size(), 2u);
  EXPECT_EQ(headed.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(headed.events[1].period().kind(), v1::PERIOD_KIND_HALF);
}

TEST(EarningsDeltaCheckTest, DeclaredUsDollarsBeatTheCanadianDateline) {
  // reuters-2539 "E.A. VINER HOLDINGS LTD <EAVKF> 4TH QTR LOSS", TORONTO: the
  // table ends "U.S. dlrs.", so its bare figures are US dollars.
  auto x = ExtractText("E.A. VINER HOLDINGS LTD <EAVKF> 4TH QTR LOSS", "TORONTO, March 5 -",
                       "Shr loss 10 cts vs profit seven cts\n    Net loss 918,000 vs profit 585,000\n"
                       "    Revs 5,475,000 vs 4,430,000\n    YEAR\n    Shr profit 32 cts vs loss 24 cts\n"
                       "    Net profit 2,909,000 vs loss 1,501,000\n    Revs 23.7 mln vs 15.0 mln\n"
                       "    Note: 1986 4th qtr net includes 1.5 mln U.S. dlr, or 17 ct\n"
                       "shr, writedown of stake in Heck's Inc <HEX> and 300,000 U.S.\n"
                       "dlr, or three ct shr, writedown of arbitrage positions. 1986\n"
                       "fl-yr net includes 900,000 dlr net writedown of stake in\nHeck's.\n    U.S. dlrs.",
                       "5-MAR-1987 18:30:00.00");
  ASSERT_EQ(x.events.size(), 2u);
  const v1::Metric* net = Find(x.events[0], v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), -918000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(net->prior_value(), 585000, 0, v1::UNIT_MONEY, "USD");  // "vs profit": stays a profit
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_EPS)->value(), -10, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  const v1::Metric* year_net = Find(x.events[1], v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(year_net->value(), 2909000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(year_net->prior_value(), -1501000, 0, v1::UNIT_MONEY, "USD");
  ExpectAmount(Find(x.events[1], v1::METRIC_KIND_REVENUE)->value(), 23700000, 0, v1::UNIT_MONEY, "USD");

  // Without the closing line the Toronto dateline still means Canadian dollars,
  // and a closing "CANADIAN DOLLARS" line says so for any dateline.
  auto cad = ExtractText("X <X> 4TH QTR LOSS", "TORONTO, March 5 -", "Net loss 918,000 vs profit 585,000");
  ASSERT_EQ(cad.events.size(), 1u);
  EXPECT_EQ(cad.events[0].metrics(0).value().currency(), "CAD");
  auto declared = ExtractText("X <X> YEAR NET", "NEW YORK, March 5 -", "Net 1.2 mln vs 1.0 mln\n    CANADIAN DOLLARS");
  ASSERT_EQ(declared.events.size(), 1u);
  EXPECT_EQ(declared.events[0].metrics(0).value().currency(), "CAD");
  // A prose line ending in a currency is not a declaration.
  auto prose = ExtractText("X <X> YEAR NET", "TORONTO, March 5 -",
                           "Net 1.2 mln vs 1.0 mln\n    The company paid 3 mln U.S. dlrs.");
  ASSERT_EQ(prose.events.size(), 1u);
  EXPECT_EQ(prose.events[0].metrics(0).value().currency(), "CAD");
}

TEST(EarningsDeltaCheckTest, SubsidiaryFiguresAreNotCreditedToTheParentTicker) {
  // reuters-17619 "FIAT UNIT FIDIS REPORTS SHARPLY HIGHER 1986 PROFIT": the
  // figures are Fidis', a subsidiary of Fiat Spa <FIAT.MI>.
  auto x = ExtractText("FIAT UNIT FIDIS REPORTS SHARPLY HIGHER 1986 PROFIT", "TURIN, June 1 -",
                       "Year 1986\n    Net profit 132 billion lire vs 82 billion\n"
                       "    Ordinary share dividend 500 lire vs 400\n"
                       "    Note - <Finanziaria Di Sviluppo Spa>, a financial services\n"
                       "subsidiary of Fiat Spa <FIAT.MI>, said in a statement that\n"
                       "shareholders approved a previously announced nominal share\n"
                       "capital increase from 125 billion lire to 250 billion.",
                       "1-JUN-1987 12:00:09.15");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].entity().id(), "company:finanziaria-di-sviluppo");
  EXPECT_EQ(x.events[0].entity().name(), "Finanziaria Di Sviluppo Spa");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 132000000000, 0, v1::UNIT_MONEY, "ITL");

  // reuters-14540 Teletrak, "a unit of Helm Resources <H>", and no mark of its
  // own that closes: the headline's company.
  auto t = ReportingEntity("TELETRAK ADVANCED TECHNOLOGY 4TH QTR LOSS",
                           "Shr loss two cts vs loss two cts\n    NOTE: Company's full name is <Teletrak Advanced "
                           "Technology\nSystems Inc and it is a unit of Helm Resources <H>. 1985 net\nloss includes");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->id(), "company:teletrak-advanced-technology");
  // A ticker that is the reporter, or a parent named in another sentence,
  // still names the reporter.
  auto own = ReportingEntity("CORP 4TH QTR NET", "Shr 1 ct vs 2 cts\n    Foo Corp <FOO>, a unit of nobody, said");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->id(), "company:foo");
  auto hindustan = ReportingEntity(
      "HINDUSTAN LEVER PROFITS RISE FOR 1986",
      "The company, a subsidiary of Unilever Plc.The full name of the company is HINDUSTAN LEVER LTD <HINU.BO>.");
  ASSERT_TRUE(hindustan.has_value());
  EXPECT_EQ(hindustan->id(), "company:hinu.bo");
}


TEST(EarningsDeltaCheckTest, AYearOfAnotherSpanIsNotComparedWithAYear) {
  // reuters-1525: a change of fiscal year end makes the current "year" 16
  // months; its figures were read as a year and compared with twelve months.
  auto saxton = ExtractText("SAXTON INDUSTRIES LTD <SAXIF> YEAR NET", "TORONTO, March 4 -",
                            "Shr 13 cts vs 41 cts\n    Net 1,079,100 vs 3,535,205\n    Revs 13.6 mln vs 16.2 mln\n"
                            "    Note: Current results for 16 months after change in fiscal\n"
                            "year end to December 31 from August 31",
                            "4-MAR-1987 11:08:30.91");
  ASSERT_EQ(saxton.events.size(), 1u);
  EXPECT_EQ(saxton.events[0].period().kind(), v1::PERIOD_KIND_UNSPECIFIED);
  EXPECT_EQ(saxton.events[0].period().label(), "16 months");
  const v1::Metric* net = Find(saxton.events[0], v1::METRIC_KIND_NET_INCOME);
  ExpectAmount(net->value(), 1079100, 0, v1::UNIT_MONEY, "CAD");
  EXPECT_FALSE(net->has_prior_value());
  EXPECT_EQ(saxton.unread_lines.size(), 3u);  // each prior left out is reported

  // reuters-16219: the prior covers eight months; the current year stays a year.
  auto compact = ExtractText("COMPACT VIDEO INC <CVSI.O> YEAR LOSS", "BURBANK, Calif., April 9 -",
                             "Shr loss 67 cts vs loss two cts\n    Net loss 3,721,000 vs loss 107,000\n"
                             "    Revs 155.7 mln vs 24.2 mln\n"
                             "    NOTE: Results for 12 months ended Dec 31, 1986, and eight\n"
                             "months ended Dec 31 1985. Because of the acquisition of Brooks\n"
                             "Drug in September 1986 and the company's change of fiscal year,\n"
                             "prior-year results are not comparable, Compact Video explained.",
                             "9-APR-1987 10:00:00.00");
  ASSERT_EQ(compact.events.size(), 1u);
  EXPECT_EQ(compact.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  ExpectAmount(Find(compact.events[0], v1::METRIC_KIND_REVENUE)->value(), 155700000, 0, v1::UNIT_MONEY, "USD");
  EXPECT_FALSE(Find(compact.events[0], v1::METRIC_KIND_REVENUE)->has_prior_value());

  // reuters-6138: "1985 year includes only six months": the year's priors go,
  // the quarter's stay.
  auto psc = ExtractText("PHOTOGRAPHIC SCIENCIES CORP <PSCX> 4TH QTR LOSS", "WEBSTER, N.Y., March 19 -",
                         "Oper net loss 165,000 vs profit 83,000\n    Sales 2,413,000 vs 921,000\n    Year\n"
                         "    Oper net profit 124,000 vs profit 106,000\n    Sales 5,652,000 vs 1,623,000\n"
                         "    NOTE: 1985 year includes only six months of operations due to\nchange in fiscal year.",
                         "19-MAR-1987 10:00:00.00");
  ASSERT_EQ(psc.events.size(), 2u);
  EXPECT_EQ(psc.events[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_TRUE(Find(psc.events[0], v1::METRIC_KIND_REVENUE)->has_prior_value());
  EXPECT_EQ(psc.events[1].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_FALSE(Find(psc.events[1], v1::METRIC_KIND_REVENUE)->has_prior_value());

  // Without a change of fiscal year, a span in a note is no period's length
  // ("equity investment ... for one month ended Dec 31, 1986").
  auto other = ExtractText("X <X> YEAR NET", "NEW YORK, March 2 -",
                           "Net 1.2 mln vs 1.0 mln\n    NOTE: Includes equity investment for one month ended Dec 31, 1986.",
                           "2-MAR-1987 10:00:00.00");
  ASSERT_EQ(other.events.size(), 1u);
  EXPECT_EQ(other.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_TRUE(other.events[0].metrics(0).has_prior_value());
}

TEST(EarningsFigureLineTest, AUnitDistributionIsPaidPerUnit) {
  // reuters-12114 GAC Liquidating Trust: "one dlr" per unit, not a total.
  auto x = ExtractText("GAC LIQUIDATING TRUST <GACTZ> SETS CASH PAYOUT", "CORAL GABLES, Fla., April 1 -",
                       "Unit distribution one dlr vs 1.75 dlrs prior\n    pay June one\n    Record May one\n",
                       "1-APR-1987 12:54:09.87");
  ASSERT_EQ(x.events.size(), 1u);
  ExpectAmount(x.events[0].metrics(0).value(), 1, 0, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(x.events[0].metrics(0).prior_value(), 175, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  // "Distribution costs" are money.
  std::string why;
  auto costs = ParseFigureLine("Distribution costs 4.1 mln vs 3.9 mln", "USD", &why);
  ASSERT_TRUE(costs.has_value());
  EXPECT_EQ(costs->value().unit(), v1::UNIT_MONEY);
}

TEST(EarningsFigureLineTest, ABarePerShareLineTakesTheCentsOfTheTable) {
  // reuters-4574 Anglo American Industrial, Johannesburg: cents are said once,
  // on the share line; the dividend of 135 was read as 135 rand a share.
  auto x = ExtractText("ANGLO AMERICAN <AIVJ.J> YEAR TO DEC 31", "JOHANNESBURG March 13 -",
                       "Shr 516 cts vs 347\n    Final div 135 vs 125 making 190 vs 180\n"
                       "    Pre-tax 133 mln rand vs 137 mln\n    Net 260 mln vs 172 mln\n",
                       "12-MAR-1987 17:17:52.16");
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* div = Find(x.events[0], v1::METRIC_KIND_DIVIDEND);
  ExpectAmount(div->value(), 135, 2, v1::UNIT_MONEY_PER_SHARE, "ZAR");
  ExpectAmount(div->prior_value(), 125, 2, v1::UNIT_MONEY_PER_SHARE, "ZAR");
  ExpectAmount(Find(x.events[0], v1::METRIC_KIND_NET_INCOME)->value(), 260000000, 0, v1::UNIT_MONEY, "ZAR");
  // Without a line in cents before it, a bare per-share figure is in the
  // currency's units, as before.
  auto y = ExtractText("X <X> YEAR NET", "NEW YORK, March 2 -", "Shr 1.35 vs 1.25\n    Net 2.1 mln vs 1.9 mln");
  ASSERT_EQ(y.events.size(), 1u);
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_EPS)->value(), 135, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
}

TEST(EarningsDeltaCheckTest, FundsHeadingTheirOwnFiguresAreADigest) {
  // reuters-15193 "LORD ABBETT AND CO MUTUAL FUND DIVIDENDS": each fund's
  // name heads its own dividend; they were all given to a company named
  // after the headline.
  auto x = ExtractText("LORD ABBETT AND CO MUTUAL FUND DIVIDENDS", "NEW YORK, April 8 -",
                       "LORD ABBETT BOND DEBENTURE FUND\n    Qtly div 28 cts vs 29 cts prior\n"
                       "    Pay May 5\n    Record April 9\n    ---\n"
                       "    LORD ABBETT U.S. GOVERNMENT SECURITIES FUND\n    Daily div 2.9 cts vs 2.9 cts prior\n"
                       "    Pay May 15\n    Record May 15\n",
                       "8-APR-1987 13:33:04.03");
  EXPECT_TRUE(x.events.empty());
  EXPECT_EQ(x.no_events_reason, "a digest of several companies' results");
  // One capital heading is not a digest, nor are period headers in capitals.
  auto one = ExtractText("BULL AND BEAR EQUITY INCOME FUND <BULAX> DIV", "NEW YORK, March 12 -",
                         "BULL AND BEAR EQUITY INCOME FUND\n    Qtly div eight cts vs eight cts prior\n");
  EXPECT_EQ(one.events.size(), 1u);
  auto periods = ExtractText("X CORP <X> 2ND QTR NET", "NEW YORK, March 2 -",
                             "SECOND QUARTER\n    Net 1.2 mln vs 1.0 mln\n    SIX MONTHS\n    Net 2.2 mln vs 2.0 mln");
  EXPECT_EQ(periods.events.size(), 2u);
}

TEST(EarningsPeriodTest, AHeadlineSpanOfNoKindIsThePeriod) {
  // reuters-4327 "SEABOARD CORP <SEB> 31 WEEK YEAR NET" (a change of fiscal
  // year) was read as a year; "TWO MTHS FEB 28" had no period at all.
  PeriodHeader seaboard = PeriodFromTitle("SEABOARD CORP <SEB> 31 WEEK YEAR NET");
  EXPECT_EQ(seaboard.kind, v1::PERIOD_KIND_UNSPECIFIED);
  EXPECT_EQ(seaboard.label, "31 WEEK YEAR");
  PeriodHeader two = PeriodFromTitle("ORANGE-CO INC <OJ> TWO MTHS FEB 28 NET");
  EXPECT_EQ(two.kind, v1::PERIOD_KIND_UNSPECIFIED);
  EXPECT_EQ(two.label, "TWO MTHS FEB 28");
  EXPECT_EQ(two.end_month, 2);
  // Spans of a kind keep it.
  EXPECT_EQ(PeriodFromTitle("X CORP <X> 52 WEEKS NET").kind, v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(PeriodFromTitle("X CORP <X> 16 WEEKS NET").kind, v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(PeriodFromTitle("X CORP <X> 1986 NET").kind, v1::PERIOD_KIND_YEAR);
}

TEST(EarningsFigureLineTest, AGroupsConsolidatedFiguresAreTheCompanysTheParentsAreNot) {
  // reuters Heineken, Sulzer, Renault: European tables give the group's
  // (consolidated) figures beside the parent company's.
  std::string why;
  auto turnover = ParseFigureLine("Consolidated net turnover 6.68 billion guilders vs 6.40 billion", "NLG", &why);
  ASSERT_TRUE(turnover.has_value());
  EXPECT_EQ(turnover->kind(), v1::METRIC_KIND_REVENUE);
  auto net = ParseFigureLine("Consolidated net 67 mln francs vs 42 mln", "CHF", &why);
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->kind(), v1::METRIC_KIND_NET_INCOME);
  auto parent = ParseFigureLine("Parent company turnover 2.20 billion francs vs 2.13 billion", "CHF", &why);
  ASSERT_TRUE(parent.has_value());
  EXPECT_EQ(parent->kind(), v1::METRIC_KIND_OTHER);
}

TEST(EarningsFigureLineTest, OperProfitBesideOperShrIsOperatingNet) {
  // reuters-8999 Charter: "Oper profit 9,922,000 vs profit 15.1 mln" under
  // "Oper shr": the operating net ("shr and net exclude ..."), as "Oper net".
  std::string why;
  auto oper = ParseFigureLine("Oper profit 9,922,000 vs profit 15.1 mln", "USD", &why);
  ASSERT_TRUE(oper.has_value());
  EXPECT_EQ(oper->kind(), v1::METRIC_KIND_OPERATING_NET);
  // "Operating profit" written out is operating income (the U.K. tables').
  auto operating = ParseFigureLine("Operating profit 1.48 billion vs 1.29 billion", "GBP", &why);
  ASSERT_TRUE(operating.has_value());
  EXPECT_EQ(operating->kind(), v1::METRIC_KIND_OPERATING_INCOME);
}

TEST(EarningsFigureLineTest, TonnesAreCountedNotMoney) {
  // reuters-13900 Gold Fields: "Tonnes milled 3.74 mln vs 3.72 mln" was read
  // as 3.74 mln rand.
  std::string why;
  auto tonnes = ParseFigureLine("Tonnes milled 3.74 mln vs 3.72 mln", "ZAR", &why);
  ASSERT_TRUE(tonnes.has_value());
  EXPECT_EQ(tonnes->value().unit(), v1::UNIT_COUNT);
  EXPECT_EQ(tonnes->value().units(), 3740000);
  EXPECT_TRUE(tonnes->value().currency().empty());
  // A sum in money under a counted word is not read as a count.
  EXPECT_FALSE(ParseFigureLine("Barrels 4.1 mln dlrs vs 3.9 mln dlrs", "USD", &why).has_value());
}

TEST(EarningsFigureLineTest, AmountsNoFigureCouldBeAreNotReadAndSayWhy) {
  // Reuters' slips, each read as a wrong amount until a hand check found it.
  struct Unread {
    const char* line;
    const char* why;
  };
  const Unread unread[] = {
      // reuters-8619 Santos: millions left unsaid; reuters-5076: a typo for 2,494,049.
      {"Shrs 238.99 vs same.", "a share count with a fraction and no multiplier"},
      {"Avg shrs 3,317,104 vs 2,494.049", "a share count with a fraction and no multiplier"},
      // reuters-10185 Terrano: 2.5 trillion dollars of revenue.
      {"Revs 2,456,616 mln vs 2,979,206", "an amount written in full with a multiplier after it"},
      // reuters-6504 Genzyme: 13.0 mln read as 13 dollars; reuters-7790 Entex: per unit.
      {"Revs 13.0 vs 9,767,000", "a money figure with a fraction and no multiplier: per share or in millions, not said"},
      {"Unit loss 4.36 dlrs vs loss 4.27 dlrs",
       "a money figure with a fraction and no multiplier: per share or in millions, not said"},
  };
  for (const Unread& u : unread) {
    std::string why;
    EXPECT_FALSE(ParseFigureLine(u.line, "USD", &why).has_value()) << u.line;
    EXPECT_EQ(why, u.why) << u.line;
  }
  // Their well-formed neighbours are read.
  struct Read {
    const char* line;
    int64_t units;
  };
  const Read read[] = {
      {"Avg shrs 10.9 mln vs 10.4 mln", 10900000},
      {"Sales 1,222 billion vs 1,211 billion", 1222000000000},  // Kirin
      {"Revs 13.0 mln vs 9,767,000", 13000000},
      {"Shr 4.36 dlrs vs 4.27 dlrs", 436},
  };
  for (const Read& r : read) {
    std::string why;
    auto m = ParseFigureLine(r.line, "USD", &why);
    ASSERT_TRUE(m.has_value()) << r.line << ": " << why;
    EXPECT_EQ(m->value().units(), r.units) << r.line;
  }
}

TEST(EarningsDeltaCheckTest, APerShareLineWithoutSignsBesideANetLossIsALoss) {
  // reuters-15056 Atlas Consolidated: "Shr 58 cts vs 1.01 dlrs" under a
  // year of "Net loss 48.3 mln vs loss 84.2 mln" was read as profits.
  auto x = ExtractText("ATLAS CONSOLIDATED MINING AND DEVELOPMENT <ACMB>", "NEW YORK, April 8 -",
                       "Year\n    Shr 58 cts vs 1.01 dlrs\n    Net loss 48.3 mln vs loss 84.2 mln\n"
                       "    Revs 111.7 mln vs 141.9 mln\n",
                       "8-APR-1987 11:15:58.96");
  ASSERT_EQ(x.events.size(), 1u);
  const v1::Metric* shr = Find(x.events[0], v1::METRIC_KIND_EPS);
  ExpectAmount(shr->value(), -58, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  ExpectAmount(shr->prior_value(), -101, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
  // A profit per share beside a net profit stays a profit.
  auto y = ExtractText("X <X> YEAR NET", "NEW YORK, March 2 -", "Shr 58 cts vs 1.01 dlrs\n    Net 48.3 mln vs 84.2 mln");
  ASSERT_EQ(y.events.size(), 1u);
  ExpectAmount(Find(y.events[0], v1::METRIC_KIND_EPS)->value(), 58, 2, v1::UNIT_MONEY_PER_SHARE, "USD");
}

TEST(EarningsDeltaCheckTest, APriorOfEightMonthsAfterAMoveToTheCalendarYear) {
  // reuters-11566 Bobbie Brooks: "1985 is for eight mths ended Dec 31, 1985.
  // In that year, company changed to calendar year": the year is not
  // compared with eight months.
  auto x = ExtractText("BOBBIE BROOKS INC <BBKS> YEAR NET", "CLEVELAND, March 31 -",
                       "Oper shr profit 41 cts vs loss 1.13 dlrs\n    Oper net profit 3,093,000 vs loss 7,000,000\n"
                       "    Revs 35.9 mln vs 31.1 mln\n"
                       "    1985 is for eight mths ended Dec 31, 1985. In that year,\n"
                       "company changed to calendar year from previous fiscal year\nended April 27, 1985.",
                       "31-MAR-1987 14:28:50.83");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_FALSE(Find(x.events[0], v1::METRIC_KIND_REVENUE)->has_prior_value());
}

}  // namespace
}  // namespace streamlens::loaders
