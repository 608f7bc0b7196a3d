// ExtractProseFigures: the Alibaba article (tests/fixtures/deltas/, a copy of
// ../shared/data/news/alibaba-tsai-interview.txt) is the golden test; shorter
// sentences cover the other phrasings. The EntityLink input is built by hand,
// as the linker would give it.
#include "services/worker/deltas/prose_figures.h"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/worker/deltas/delta_engine.h"

namespace streamlens::deltas {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/deltas/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

v1::EntityMention Mention(const std::string& id, v1::EntityType type, const std::string& name, double salience,
                          const std::string& span_text) {
  v1::EntityMention m;
  m.mutable_entity()->set_id(id);
  m.mutable_entity()->set_type(type);
  m.mutable_entity()->set_name(name);
  m.set_salience(salience);
  auto* span = m.add_spans();
  span->set_field(v1::ARTICLE_FIELD_BODY);
  span->set_text(span_text);
  return m;
}

// What the linker finds in the Alibaba article (by hand): Alibaba is the
// most salient company; Yahoo (as in "Yahoo Finance") is a company too.
v1::EntityLink AlibabaLinks() {
  v1::EntityLink link;
  link.set_article_id("alibaba-tsai-interview");
  *link.add_mentions() = Mention("person:joe-tsai", v1::ENTITY_TYPE_PERSON, "Joe Tsai", 0.8, "Joe Tsai");
  *link.add_mentions() = Mention("company:yhoo", v1::ENTITY_TYPE_COMPANY, "Yahoo", 0.1, "Yahoo");
  *link.add_mentions() =
      Mention("company:baba", v1::ENTITY_TYPE_COMPANY, "Alibaba Group Holding", 0.95, "Alibaba Group");
  *link.add_mentions() = Mention("brand:taobao", v1::ENTITY_TYPE_BRAND, "Taobao", 0.4, "Taobao");
  *link.add_mentions() = Mention("place:usa", v1::ENTITY_TYPE_PLACE, "United States", 0.5, "U.S.");
  return link;
}

// As the plain-text loader reads a .txt article: first non-empty line is the
// title, the rest the body.
v1::NewsEvent AlibabaArticle() {
  std::string text = ReadFixture("alibaba-tsai-interview.txt");
  EXPECT_FALSE(text.empty()) << "fixture missing";
  v1::NewsEvent article;
  article.set_id("alibaba-tsai-interview");
  size_t eol = text.find('\n');
  article.set_title(text.substr(0, eol));
  article.set_body(text.substr(eol + 1));
  article.mutable_published_at()->set_seconds(1708300800);  // 2024-02-19
  return article;
}

const v1::Metric* FindMetric(const v1::EarningsEvent& e, v1::MetricKind kind) {
  for (const auto& m : e.metrics()) {
    if (m.kind() == kind) return &m;
  }
  return nullptr;
}

TEST(ProseFigures, AlibabaArticleGolden) {
  auto reports = ExtractProseFigures(AlibabaArticle(), AlibabaLinks());
  ASSERT_THAT(reports, SizeIs(1));  // one entity, one period
  const v1::EarningsEvent& r = reports[0];
  EXPECT_EQ(r.entity().id(), "company:baba");
  EXPECT_EQ(r.source(), "prose");
  EXPECT_EQ(r.source_article_id(), "alibaba-tsai-interview");
  EXPECT_EQ(r.reported_at().seconds(), 1708300800);
  EXPECT_EQ(r.period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(r.period().fiscal_quarter(), 3);
  EXPECT_EQ(r.period().end_date(), "2023-12-31");  // "ended Dec.31", before publication
  EXPECT_EQ(r.period().label(), "fiscal third quarter ended Dec.31");
  // The investment of "$4 billion" and "$60 billion of American products"
  // are not figures of a metric.
  ASSERT_THAT(r.metrics(), SizeIs(3));

  // "a 44% year-over-year rise to $4.02 billion in its international
  // division's sales for its fiscal third quarter ended Dec.31."
  const v1::Metric* sales = FindMetric(r, v1::METRIC_KIND_REVENUE);
  ASSERT_NE(sales, nullptr);
  EXPECT_EQ(sales->label(), "sales");
  EXPECT_EQ(sales->segment(), "international digital commerce");
  EXPECT_EQ(sales->value().units(), 4020000000);
  EXPECT_EQ(sales->value().scale(), 0);
  EXPECT_EQ(sales->value().unit(), v1::UNIT_MONEY);
  EXPECT_EQ(sales->value().currency(), "USD");
  EXPECT_EQ(sales->reported_change().units(), 4400);
  EXPECT_EQ(sales->reported_change().scale(), 2);
  EXPECT_EQ(sales->basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);

  // "a 388% drop in earnings before taxes and amortization costs to a net
  // EBITA loss of $433 million for the Alibaba International Digital Commerce group"
  const v1::Metric* ebita = FindMetric(r, v1::METRIC_KIND_EBITA);
  ASSERT_NE(ebita, nullptr);
  EXPECT_EQ(ebita->label(), "EBITA");
  EXPECT_EQ(ebita->value().units(), -433000000);
  EXPECT_EQ(ebita->reported_change().units(), -38800);
  EXPECT_EQ(ebita->segment(), "international digital commerce");

  // "Alibaba Group's 77% drop in Q3 net income to $1.51 billion": group-wide.
  const v1::Metric* net = FindMetric(r, v1::METRIC_KIND_NET_INCOME);
  ASSERT_NE(net, nullptr);
  EXPECT_EQ(net->label(), "net income");
  EXPECT_EQ(net->value().units(), 1510000000);
  EXPECT_EQ(net->reported_change().units(), -7700);
  EXPECT_EQ(net->segment(), "");
}

// The figures, through the delta engine, give what the brief's view shows:
// net income $1.51 billion, down 77%; international sales $4.02 billion, up 44%.
TEST(ProseFigures, AlibabaFiguresBecomeDeltas) {
  auto reports = ExtractProseFigures(AlibabaArticle(), AlibabaLinks());
  ASSERT_THAT(reports, SizeIs(1));
  DeltaEngine engine;
  auto deltas = engine.Apply(reports[0], v1::Position());
  ASSERT_TRUE(deltas.ok()) << deltas.status();
  ASSERT_THAT(*deltas, SizeIs(3));
  for (const auto& d : *deltas) {
    EXPECT_EQ(d.entity().id(), "company:baba");
    EXPECT_EQ(d.basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
    EXPECT_EQ(d.prior_source(), v1::PRIOR_SOURCE_REPORTED);
    EXPECT_EQ(d.prior_period().end_date(), "2022-12-31");
    if (d.metric() == v1::METRIC_KIND_NET_INCOME) {
      EXPECT_EQ(d.percent_change().units(), -7700);
    }
    if (d.metric() == v1::METRIC_KIND_REVENUE) {
      EXPECT_EQ(d.percent_change().units(), 4400);
    }
  }
}

TEST(ProseFigures, SameArticleSameIds) {
  auto a = ExtractProseFigures(AlibabaArticle(), AlibabaLinks());
  auto b = ExtractProseFigures(AlibabaArticle(), AlibabaLinks());
  ASSERT_THAT(a, SizeIs(1));
  EXPECT_EQ(a[0].SerializeAsString(), b[0].SerializeAsString());
  EXPECT_EQ(a[0].id().rfind("prose-", 0), 0u);
}

v1::NewsEvent Article(const std::string& body) {
  v1::NewsEvent a;
  a.set_id("a1");
  a.set_title("t");
  a.set_body(body);
  return a;
}

v1::EntityLink CompanyLink(const std::string& id = "company:acme", const std::string& name = "Acme Corp") {
  v1::EntityLink link;
  *link.add_mentions() = Mention(id, v1::ENTITY_TYPE_COMPANY, name, 0.9, name);
  return link;
}

TEST(ProseFigures, WithoutACompanyNothingIsRead) {
  v1::EntityLink link;
  *link.add_mentions() = Mention("place:usa", v1::ENTITY_TYPE_PLACE, "United States", 0.9, "U.S.");
  EXPECT_THAT(ExtractProseFigures(Article("Net income fell 77% to $1.51 billion in the third quarter."), link),
              IsEmpty());
  EXPECT_THAT(ExtractProseFigures(AlibabaArticle(), v1::EntityLink()), IsEmpty());
}

// Reuters earnings reports are read from their tables by the loader.
TEST(ProseFigures, ReutersEarnReportsAreLeftToTheLoader) {
  auto a = Article("Net rose 15 pct to 20.5 mln dlrs in the first quarter.");
  a.add_topics("earn");
  EXPECT_THAT(ExtractProseFigures(a, CompanyLink()), IsEmpty());
}

TEST(ProseFigures, ReutersStyleWithAStatedPrior) {
  // Phrasing of Reuters non-table stories (pct, mln dlrs, "from").
  auto reports = ExtractProseFigures(
      Article("Acme said first quarter net rose 15 pct to 20.5 mln dlrs from 17.8 mln dlrs a year earlier."),
      CompanyLink());
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(1));
  const auto& m = reports[0].metrics(0);
  EXPECT_EQ(m.kind(), v1::METRIC_KIND_NET_INCOME);
  EXPECT_EQ(m.value().units(), 20500000);
  EXPECT_EQ(m.prior_value().units(), 17800000);
  EXPECT_EQ(m.reported_change().units(), 1500);
  EXPECT_EQ(reports[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(reports[0].period().fiscal_quarter(), 1);
}

TEST(ProseFigures, LossWithoutAMetricNameIsANetLoss) {
  auto reports = ExtractProseFigures(
      Article("Acme Corp reported a loss of $433 million for fiscal 2023, compared with a profit of $120 "
              "million a year earlier."),
      CompanyLink());
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(1));
  EXPECT_EQ(reports[0].metrics(0).kind(), v1::METRIC_KIND_NET_INCOME);
  EXPECT_EQ(reports[0].metrics(0).value().units(), -433000000);
  EXPECT_EQ(reports[0].metrics(0).prior_value().units(), 120000000);
  EXPECT_FALSE(reports[0].metrics(0).has_reported_change());
  EXPECT_EQ(reports[0].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(reports[0].period().fiscal_year(), 2023);
}

TEST(ProseFigures, TwoFiguresInOneSentenceAndSequentialBasis) {
  auto reports = ExtractProseFigures(
      Article("In the second quarter of 2024, revenue increased 3.5% sequentially to $12.4 billion, "
              "while earnings per share declined 2% to $1.05 per share."),
      CompanyLink());
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(2));
  const auto& revenue = reports[0].metrics(0);
  EXPECT_EQ(revenue.kind(), v1::METRIC_KIND_REVENUE);
  EXPECT_EQ(revenue.value().units(), 12400000000);
  EXPECT_EQ(revenue.reported_change().units(), 350);
  EXPECT_EQ(revenue.basis(), v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
  const auto& eps = reports[0].metrics(1);
  EXPECT_EQ(eps.kind(), v1::METRIC_KIND_EPS);
  EXPECT_EQ(eps.value().units(), 105);
  EXPECT_EQ(eps.value().scale(), 2);
  EXPECT_EQ(eps.value().unit(), v1::UNIT_MONEY_PER_SHARE);
  EXPECT_EQ(eps.reported_change().units(), -200);
  EXPECT_EQ(eps.basis(), v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  EXPECT_EQ(reports[0].period().fiscal_year(), 2024);
  EXPECT_EQ(reports[0].period().fiscal_quarter(), 2);
}

TEST(ProseFigures, OnePerPeriod) {
  auto reports = ExtractProseFigures(
      Article("Third quarter net income rose 10% to $1.1 billion. For the full year 2023, net income was "
              "$4.2 billion, up 5% from a year earlier."),
      CompanyLink());
  ASSERT_THAT(reports, SizeIs(2));
  EXPECT_EQ(reports[0].period().kind(), v1::PERIOD_KIND_QUARTER);
  EXPECT_EQ(reports[1].period().kind(), v1::PERIOD_KIND_YEAR);
  EXPECT_EQ(reports[1].period().fiscal_year(), 2023);
  EXPECT_EQ(reports[1].metrics(0).value().units(), 4200000000);
  EXPECT_NE(reports[0].id(), reports[1].id());
}

TEST(ProseFigures, MoneyWithoutAMetricIsNotAFigure) {
  EXPECT_THAT(ExtractProseFigures(Article("Norges Bank invested $4 billion over time in Acme. We sold over $60 "
                                          "billion of American products to Chinese consumers annually."),
                                  CompanyLink()),
              IsEmpty());
}

// Lines from Reuters news stories (not earn reports) that state amounts which
// are not the company's figures for a period; none may become a figure.
TEST(ProseFigures, ReutersSentencesThatAreNotFigures) {
  const char* sentences[] = {
      // NEWID 12021: a prior year's loss, no current figure.
      "The company said it lost 22 mln dlrs from operations in 1986 against a loss of 67.2 mln dlrs a year ago.",
      // NEWID 16152: net assets, not profit.
      "Western, which makes polystyrene foam and container products, has net assets of 19.3 mln dlrs and "
      "reported a 1986 pre-tax profit of 0.9 mln.",
      // NEWID 11134: another company's sales.
      "Demarkus' sales were 470,000 dlrs in 1986, up 12 pct from a year earlier.",
      // NEWID 12920: a forecast.
      "AEL said it projects a 15 pct hike in sales for the fiscal year ended Feb 27, 1988, based on its "
      "current backlog of 169 mln dlrs.",
      // NEWID 15506: the clause after ", with" shares the sentence's nine weeks.
      "Mercantile said sales for the first nine weeks of its fiscal year were up 2.9 pct to 297.9 mln dlrs from "
      "289.6 mln dlrs a year before, with same-store sales up 0.5 pct to 288.6 mln dlrs from 287.3 mln dlrs.",
      // NEWID 11414: another company is the subject.
      "Canadian Pacific previously reported 1986 operating net profit fell to 150.1 mln dlrs from 252.7 mln dlrs "
      "in the prior year.",
      // NEWID 17015: "Altex said Parrish had ...".
      "Acme said Parrish had a loss from operations of 428,000 dlrs on revenues of 881,000 dlrs in fiscal 1986 "
      "and a loss from operations of 48,000 dlrs on revenues of two mln dlrs in fiscal 1985.",
      // NEWID 633: a pretax loss is not net income.
      "Through the nine months ended September 30, 1986, the company's pretax loss widened to 30 mln dlrs from 23 "
      "mln dlrs in the year earlier period.",
      // NEWID 3214: a four-week period, not a fiscal one.
      "The Federated Group Inc said its four-week March 1 sales totaled 25.7 mln dlrs, down eight pct from "
      "the same period a year ago.",
  };
  for (const char* sentence : sentences) {
    EXPECT_THAT(ExtractProseFigures(Article(sentence), CompanyLink()), IsEmpty()) << sentence;
  }
}

// NEWID 17100: "first quarter loss of 32 mln dlrs ... compared with net
// income of 96 mln dlrs in the year-ago period".
TEST(ProseFigures, ComparedWithAYearAgoIsThePrior) {
  auto reports = ExtractProseFigures(
      Article("Phillips Petroleum Co cited lower oil and gas prices in its first quarter loss of 32 mln dlrs or "
              "16 cts a shares compared with net income of 96 mln dlrs or 39 cts a share in the year-ago period."),
      CompanyLink("company:p", "Phillips Petroleum Co"));
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(1));
  EXPECT_EQ(reports[0].metrics(0).value().units(), -32000000);
  EXPECT_EQ(reports[0].metrics(0).prior_value().units(), 96000000);
}

// A sentence naming another company the linker found, and not this one.
TEST(ProseFigures, SentenceAboutAnotherCompanyIsSkipped) {
  const std::string body =
      "Newmont said it completed the sale. Peabody had net income of 100.8 mln dlrs in 1986, up 20 pct from a "
      "year earlier.";
  v1::EntityLink link = CompanyLink("company:nem", "Newmont");
  link.mutable_mentions(0)->mutable_spans(0)->set_begin(0);
  link.mutable_mentions(0)->mutable_spans(0)->set_end(7);
  auto other = Mention("company:peabody", v1::ENTITY_TYPE_COMPANY, "Peabody Holding", 0.3, "Peabody");
  other.mutable_spans(0)->set_begin(static_cast<int32_t>(body.find("Peabody")));
  other.mutable_spans(0)->set_end(static_cast<int32_t>(body.find("Peabody") + 7));
  *link.add_mentions() = other;
  EXPECT_THAT(ExtractProseFigures(Article(body), link), IsEmpty());
  // The same sentence about Newmont itself is read.
  std::string own = "Newmont had net income of 100.8 mln dlrs in 1986, up 20 pct from a year earlier.";
  link.mutable_mentions(1)->mutable_spans(0)->set_begin(500);
  link.mutable_mentions(1)->mutable_spans(0)->set_end(507);
  EXPECT_THAT(ExtractProseFigures(Article(own), link), SizeIs(1));
}

// NEWID 17013: "The company's magazine division ... had a first quarter
// profit of 9.7 mln dlrs compared to 7.4 mln dlrs in the year ago quarter."
TEST(ProseFigures, DivisionOfTheCompanyIsASegment) {
  auto reports = ExtractProseFigures(
      Article("The company's magazine division, which includes Family Circle, had a first quarter profit of 9.7 "
              "mln dlrs compared to 7.4 mln dlrs in the year ago quarter."),
      CompanyLink("company:nyt", "New York Times"));
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(1));
  EXPECT_EQ(reports[0].metrics(0).segment(), "magazine");
  EXPECT_EQ(reports[0].metrics(0).value().units(), 9700000);
  EXPECT_EQ(reports[0].metrics(0).prior_value().units(), 7400000);
}

// NEWID 17327 (DuPont): "down from 7.17 billion last year" carries no currency.
// NEWID 1132 (Ford): "compared to a 19.6 mln dlr profit in 1985".
TEST(ProseFigures, PriorsWithoutCurrencyOrWithTheirOwnSign) {
  auto dupont = ExtractProseFigures(
      Article("In 1986 it had sales of 7.13 billion dlrs, down from 7.17 billion last year."), CompanyLink());
  ASSERT_THAT(dupont, SizeIs(1));
  EXPECT_EQ(dupont[0].metrics(0).prior_value().units(), 7170000000);
  EXPECT_EQ(dupont[0].metrics(0).prior_value().currency(), "USD");
  auto ford = ExtractProseFigures(
      Article("Acme reported a full year loss of 2.9 mln dlrs, compared to a 19.6 mln dlr profit in 1985."),
      CompanyLink());
  ASSERT_THAT(ford, SizeIs(1));
  EXPECT_EQ(ford[0].metrics(0).value().units(), -2900000);
  EXPECT_EQ(ford[0].metrics(0).prior_value().units(), 19600000);
}

// NEWID 17869: "a loss of 72 cts a share compared with a loss of 98 cts".
TEST(ProseFigures, LossPerShareIsEps) {
  auto reports = ExtractProseFigures(
      Article("For the first quarter it had a loss of 72 cts a share compared with a loss of 98 cts a share in "
              "the year-ago quarter."),
      CompanyLink());
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].metrics(0).kind(), v1::METRIC_KIND_EPS);
  EXPECT_EQ(reports[0].metrics(0).value().units(), -72);
  EXPECT_EQ(reports[0].metrics(0).prior_value().units(), -98);
}

// NEWID 3023: the amount right after "up from" is earnings, not revenue; the
// revenue's prior is the one said to be a year before.
TEST(ProseFigures, PriorOfTheSameMetric) {
  auto reports = ExtractProseFigures(
      Article("For the second quarter ended January 31, Caesars World earned 12.6 mln dlrs on revenues of 190.4 "
              "mln dlrs, up from earnings of 7,500,000 dlrs and revenues of 163.8 mln dlrs a year before."),
      CompanyLink("company:caw", "Caesars World"));
  ASSERT_THAT(reports, SizeIs(1));
  ASSERT_THAT(reports[0].metrics(), SizeIs(1));
  EXPECT_EQ(reports[0].metrics(0).kind(), v1::METRIC_KIND_REVENUE);
  EXPECT_EQ(reports[0].metrics(0).value().units(), 190400000);
  EXPECT_EQ(reports[0].metrics(0).prior_value().units(), 163800000);
  EXPECT_EQ(reports[0].period().fiscal_quarter(), 2);
}

// Found by a sanitizer run over mutated sentences: a text that ends where a
// period phrase could start ("... in nine", "... twelve") must not read past
// its last word.
TEST(ProseFigures, TextEndingMidPhrase) {
  for (const char* body : {"Net income rose 5% to $1 billion in nine", "twelve", "fiscal", "Q", "ended Dec",
                           "sales rose 4% to $", "a loss of $433 million compared with"}) {
    EXPECT_THAT(ExtractProseFigures(Article(body), CompanyLink()), IsEmpty()) << body;
  }
}

}  // namespace
}  // namespace streamlens::deltas
