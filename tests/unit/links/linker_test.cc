// Linker behaviour on the shipped catalog: the Alibaba article (golden test
// for mentions and relations), Reuters-style datelines, titles in capitals,
// shared names, surnames and ticker marks.
#include "services/worker/links/linker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "services/common/ids.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/name_matcher.h"
#include "tests/support/links.h"

namespace streamlens::links {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;

const std::string kCatalogDir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class LinkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new EntityCatalog();
    ASSERT_TRUE(catalog_->LoadDirectory(kCatalogDir).ok());
    auto linker = Linker::Create(*catalog_);
    ASSERT_TRUE(linker.ok()) << linker.status();
    linker_ = linker->release();
  }
  static void TearDownTestSuite() {
    delete linker_;
    delete catalog_;
  }

  static v1::EntityLink LinkArticle(const std::string& title, const std::string& dateline, const std::string& body) {
    v1::NewsEvent article;
    article.set_id("test-1");
    article.set_title(title);
    article.set_dateline(dateline);
    article.set_body(body);
    return test_support::LinkOf(*linker_, article);
  }

  static std::vector<std::string> Ids(const v1::EntityLink& link) {
    std::vector<std::string> ids;
    for (const auto& m : link.mentions()) ids.push_back(m.entity().id());
    return ids;
  }

  static const v1::EntityMention* Mention(const v1::EntityLink& link, const std::string& id) {
    for (const auto& m : link.mentions()) {
      if (m.entity().id() == id) return &m;
    }
    return nullptr;
  }

  static EntityCatalog* catalog_;
  static Linker* linker_;
};

EntityCatalog* LinkerTest::catalog_ = nullptr;
Linker* LinkerTest::linker_ = nullptr;

// --- The Alibaba article: the golden test ---------------------------------

class AlibabaArticleTest : public LinkerTest {
 protected:
  void SetUp() override {
    const std::string text = ReadFile(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/links/alibaba-tsai-interview.txt");
    ASSERT_FALSE(text.empty());
    v1::NewsEvent article;
    article.set_id("alibaba-tsai-interview");
    article.set_title("Alibaba's Joe Tsai says the U.S. leads China in AI");
    article.set_body(text);
    body_ = text;
    link_ = test_support::LinkOf(*linker_, article);
  }

  bool HasRelation(const std::string& subject, v1::RelationType type, const std::string& object,
                   const std::string& role = "") const {
    for (const auto& r : link_.relations()) {
      if (r.subject_id() == subject && r.object_id() == object && r.type() == type && (role.empty() || r.role() == role)) {
        return true;
      }
    }
    return false;
  }

  v1::EntityLink link_;
  std::string body_;
};

TEST_F(AlibabaArticleTest, FindsEveryEntityTheArticleIsAbout) {
  EXPECT_THAT(Ids(link_), IsSupersetOf({"company:baba", "person:joe-tsai", "brand:taobao", "brand:tmall",
                                        "org:norges-bank-investment-management", "place:china", "place:usa",
                                        "person:nicolai-tangen"}));
}

TEST_F(AlibabaArticleTest, AlibabaIsTheMostSalientAndSpansPointAtTheText) {
  ASSERT_GT(link_.mentions_size(), 0);
  EXPECT_EQ(link_.mentions(0).entity().id(), "company:baba");
  const auto* tsai = Mention(link_, "person:joe-tsai");
  ASSERT_NE(tsai, nullptr);
  // "Joe Tsai" twice and "Tsai says" once (a surname, supported by the full name).
  EXPECT_GE(tsai->spans_size(), 3);
  for (const auto& m : link_.mentions()) {
    EXPECT_GE(m.salience(), 0.0);
    EXPECT_LE(m.salience(), 1.0);
    for (const auto& s : m.spans()) {
      const std::string& field = s.field() == v1::ARTICLE_FIELD_TITLE ? link_.title() : body_;
      EXPECT_EQ(field.substr(s.begin(), s.end() - s.begin()), s.text());
    }
  }
  EXPECT_GT(Mention(link_, "company:baba")->salience(), Mention(link_, "brand:tmall")->salience());
}

TEST_F(AlibabaArticleTest, ReadsTheRelationsTheTextStates) {
  EXPECT_TRUE(HasRelation("person:joe-tsai", v1::RELATION_TYPE_EXECUTIVE_OF, "company:baba", "chair"));
  EXPECT_TRUE(HasRelation("company:baba", v1::RELATION_TYPE_OWNS, "brand:taobao"));
  EXPECT_TRUE(HasRelation("company:baba", v1::RELATION_TYPE_OWNS, "brand:tmall"));
  EXPECT_TRUE(HasRelation("org:norges-bank-investment-management", v1::RELATION_TYPE_INVESTOR_IN, "company:baba"));
  EXPECT_TRUE(HasRelation("person:nicolai-tangen", v1::RELATION_TYPE_EXECUTIVE_OF,
                          "org:norges-bank-investment-management", "chief executive"));
  for (const auto& r : link_.relations()) {
    EXPECT_FALSE(r.evidence().empty());
    EXPECT_GT(r.confidence(), 0.0);
  }
  // Nothing the text does not say.
  EXPECT_FALSE(HasRelation("company:baba", v1::RELATION_TYPE_OWNS, "company:baba"));
  EXPECT_FALSE(HasRelation("place:china", v1::RELATION_TYPE_INVESTOR_IN, "company:baba"));
}

TEST_F(AlibabaArticleTest, LinkIdIsDeterministic) {
  v1::NewsEvent article;
  article.set_id("alibaba-tsai-interview");
  article.set_body("Alibaba");
  EXPECT_EQ(test_support::LinkOf(*linker_, article).id(), link_.id());
  article.set_id("another-article");
  EXPECT_NE(test_support::LinkOf(*linker_, article).id(), link_.id());
  // The id every service gives a link (services/common/ids.h), written in
  // place over a reused message whose id was longer.
  v1::EntityLink reused;
  reused.set_id(std::string(100, 'x'));
  linker_->Link(article, &reused);
  EXPECT_EQ(reused.id(), StableId("link", {"another-article", std::to_string(linker_->catalog_version())}));
}

// The services reuse one EntityLink for every article: nothing of an earlier
// article (mentions, spans, relations, time, Kafka position) may leak into
// the next one's record.
TEST_F(AlibabaArticleTest, AReusedMessageHoldsOnlyTheLatestArticle) {
  v1::NewsEvent alibaba;
  alibaba.set_id("alibaba-tsai-interview");
  alibaba.set_title("Alibaba's Joe Tsai says the U.S. leads China in AI");
  alibaba.set_body(body_);
  alibaba.mutable_published_at()->set_seconds(1708430400);
  v1::NewsEvent small;
  small.set_id("reuters-9");
  small.set_title("CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT");
  small.set_dateline("ROCHESTER, N.Y., Feb 26 -");
  small.set_body("Champion Products Inc <CH> said its board approved a split. Champion said Japan agreed.");
  auto* mark = small.add_tickers();
  mark->set_symbol("CH");
  mark->set_company_name("Champion Products Inc");

  v1::EntityLink reused;
  for (const v1::NewsEvent* article : {&alibaba, &small, &alibaba, &small}) {
    linker_->Link(*article, &reused);
    EXPECT_EQ(reused.DebugString(), test_support::LinkOf(*linker_, *article).DebugString()) << article->id();
    EXPECT_FALSE(reused.has_source_position());
    reused.mutable_source_position()->set_offset(42);  // as the worker sets it
  }
  EXPECT_FALSE(reused.has_published_at());
  EXPECT_EQ(reused.relations_size(), 0);
  EXPECT_GT(test_support::LinkOf(*linker_, alibaba).relations_size(), 0);
}

// Reuters titles are in capitals with a few lower-case survivors; mixed-case
// text is told apart however long its capitalised start.
TEST(IsAllCapsTest, TellsTelexCapitalsFromMixedCase) {
  EXPECT_TRUE(IsAllCaps("CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT"));
  EXPECT_TRUE(IsAllCaps("NATIONAL WESTMINSTER BANK PLC SAYS 4th QTR NET UP 12 PCT FROM YEAR AGO"));
  EXPECT_FALSE(IsAllCaps("Champion Products Inc said its board of directors approved a split."));
  EXPECT_FALSE(IsAllCaps(std::string(40, 'A') + " followed by an ordinary sentence in lower case"));
  EXPECT_FALSE(IsAllCaps("1987 123,456 -- 78.9"));  // no letters at all
  EXPECT_FALSE(IsAllCaps(""));
}

// --- Reuters-style articles ------------------------------------------------

TEST_F(LinkerTest, DatelineCityWithStateResolvesToTheCountry) {
  auto link = LinkArticle("CHAMPION PRODUCTS APPROVES STOCK SPLIT", "ROCHESTER, N.Y., Feb 26 -",
                          "Champion Products Inc said its board of directors approved a two-for-one stock split.");
  EXPECT_THAT(Ids(link), Contains("place:usa"));
  EXPECT_THAT(Ids(link), Contains("place:us-ny"));
  const auto* usa = Mention(link, "place:usa");
  ASSERT_NE(usa, nullptr);
  std::vector<std::string> texts;
  for (const auto& s : usa->spans()) {
    EXPECT_EQ(s.field(), v1::ARTICLE_FIELD_DATELINE);
    texts.push_back(s.text());
  }
  EXPECT_THAT(texts, Contains("N.Y."));
  // A city the catalog does not know still resolves through its state.
  EXPECT_THAT(Ids(LinkArticle("", "ELKHART, Ind., March 2 -", "Sales rose.")), IsSupersetOf({"place:us-in", "place:usa"}));
}

TEST_F(LinkerTest, DatelineCapitalsResolveToTheirCountries) {
  EXPECT_THAT(Ids(LinkArticle("JAPAN TRADE SURPLUS RISES", "TOKYO, March 3 -", "The surplus rose.")),
              IsSupersetOf({"place:tokyo", "place:japan"}));
  EXPECT_THAT(Ids(LinkArticle("BUNDESBANK LEAVES RATES UNCHANGED", "BONN, March 3 -", "Rates were left unchanged.")),
              IsSupersetOf({"place:bonn", "place:germany", "org:bundesbank"}));
}

TEST_F(LinkerTest, DatelineStateOverridesAForeignCityOfTheSameName) {
  auto link = LinkArticle("COMPANY SETS DIVIDEND", "HANOVER, N.H., March 3 -", "The company set a dividend.");
  EXPECT_THAT(Ids(link), Contains("place:usa"));
  EXPECT_THAT(Ids(link), Not(Contains("place:germany")));
}

TEST_F(LinkerTest, AliasesAndDemonymsNewsUses) {
  auto link = LinkArticle("", "", "The U.S. and Britain agreed. West German and Soviet officials said Japanese exports rose.");
  EXPECT_THAT(Ids(link), IsSupersetOf({"place:usa", "place:uk", "place:germany", "place:ussr", "place:japan"}));
}

TEST_F(LinkerTest, AllCapsTitlesMatchNamesAndAcronyms) {
  auto link = LinkArticle("FED'S CORRIGAN SAYS IMF AND EC MUST ACT", "", "");
  EXPECT_THAT(Ids(link), IsSupersetOf({"org:federal-reserve", "org:imf", "org:ec"}));
}

TEST_F(LinkerTest, CaseRulesKeepCommonWordsOut) {
  // "fed" the verb, "turkey" the bird, "ec" inside words: no entities.
  auto link = LinkArticle("", "", "Cattle were fed corn and the turkey market was quiet; economic data due.");
  EXPECT_THAT(Ids(link), Not(Contains("org:federal-reserve")));
  EXPECT_THAT(Ids(link), Not(Contains("place:turkey")));
  EXPECT_THAT(Ids(link), Not(Contains("org:ec")));
  // Acronyms only as written: "Ec" is not the European Community.
  EXPECT_THAT(Ids(LinkArticle("", "", "Ec said.")), Not(Contains("org:ec")));
  EXPECT_THAT(Ids(LinkArticle("", "", "The Fed said.")), Contains("org:federal-reserve"));
}

// "The People's Bank of China (PBOC)" defines an acronym the catalog does not
// hold: later "PBOC"s in the body and the title are mentions of the bank;
// the definition itself is not counted twice, and an article that never
// defines it does not link it.
TEST_F(LinkerTest, AnAcronymTheArticleDefinesCountsAsTheEntity) {
  const std::string body =
      "The People's Bank of China (PBOC) raised reserve ratios. Bankers said PBOC officials expect more.";
  auto link = LinkArticle("PBOC RAISES RESERVE RATIOS", "", body);
  const auto* pboc = Mention(link, "org:people-s-bank-of-china");
  ASSERT_NE(pboc, nullptr);
  std::vector<std::string> texts;
  for (const auto& span : pboc->spans()) texts.push_back(span.text());
  EXPECT_THAT(texts, ElementsAre("PBOC", "People's Bank of China", "PBOC"));
  EXPECT_EQ(pboc->spans(2).begin(), static_cast<int32_t>(body.rfind("PBOC")));
  auto undefined = LinkArticle("PBOC RAISES RESERVE RATIOS", "", "Bankers said PBOC officials expect more.");
  EXPECT_THAT(Ids(undefined), Not(Contains("org:people-s-bank-of-china")));
}

// "ADB" was the Asian and the African Development Bank in 1987 copy: the full
// name in the article decides, else the region's countries; a ticker mark
// "<ADB>" is neither.
TEST_F(LinkerTest, SharedAcronymsResolveFromTheArticle) {
  auto africa = LinkArticle("ADB APPROVES LOANS", "ABIDJAN, March 5 -",
                            "The African Development Bank (ADB) approved two loans. The ADB said more would follow.");
  EXPECT_THAT(Ids(africa), Contains("org:adb-africa"));
  EXPECT_THAT(Ids(africa), Not(Contains("org:adb-asia")));
  auto asia = LinkArticle("ADB APPROVES LOANS FOR INDONESIA", "MANILA, April 7 -", "The ADB said it approved loans.");
  EXPECT_THAT(Ids(asia), Contains("org:adb-asia"));
  EXPECT_THAT(Ids(asia), Not(Contains("org:adb-africa")));
  auto mark = LinkArticle("", "", "Adobe Systems Inc <ADB> and High Plains Corp said they agreed to merge.");
  EXPECT_THAT(Ids(mark), Not(Contains("org:adb-asia")));
  EXPECT_THAT(Ids(mark), Not(Contains("org:adb-africa")));
}

// Reuters marks a body without a ticker by writing its name in the mark:
// "<American Stock Exchange>" is the exchange, where "<ADB>" is a symbol.
TEST_F(LinkerTest, AMarkSpellingANameOutIsThatBody) {
  auto link = LinkArticle("HOME GROUP <HME> STARTS TRADING ON NYSE", "NEW YORK, April 1 -",
                          "Home Group Inc said its common stock starts trading today on the <New York Stock "
                          "Exchange>.     The stock had been traded on the <American Stock Exchange>.");
  EXPECT_THAT(Ids(link), IsSupersetOf({"exchange:nyse", "exchange:amex"}));
  const auto* amex = Mention(link, "exchange:amex");
  ASSERT_NE(amex, nullptr);
  EXPECT_EQ(amex->spans(0).text(), "American Stock Exchange");
  // A ticker with its market's suffix is still a ticker.
  auto unilever = LinkArticle("", "", "Unilever Plc <UN.A> and Imperial Oil Ltd <IMO.A> said they agreed.");
  EXPECT_THAT(Ids(unilever), Not(Contains("org:un")));
  EXPECT_THAT(Ids(unilever), Not(Contains("org:imco")));
}

// A city's own exchange goes by "the Stock Exchange" or "the Bourse" in the
// stories datelined there, and nowhere else.
TEST_F(LinkerTest, TheStockExchangeOfAStoryIsItsDatelineCitys) {
  const std::string body = "Gilt turnover slipped to 81.25 billion stg in February, the Stock Exchange said.";
  auto london = LinkArticle("U.K. GILT TURNOVER EASES", "LONDON, March 12 -", body);
  EXPECT_THAT(Ids(london), Contains("exchange:lse"));
  const auto* lse = Mention(london, "exchange:lse");
  ASSERT_NE(lse, nullptr);
  EXPECT_EQ(lse->spans(0).text(), "Stock Exchange");
  const auto new_york = LinkArticle("GILT TURNOVER EASES", "NEW YORK, March 12 -", body);
  for (const auto& m : new_york.mentions()) {
    EXPECT_NE(m.entity().type(), v1::ENTITY_TYPE_EXCHANGE) << m.entity().id();
  }
  auto paris = LinkArticle("FRANCE PLANS DISCLOSURE RULES", "PARIS, March 12 -",
                           "Investors must declare larger holdings, Bourse officials said.");
  EXPECT_THAT(Ids(paris), Contains("exchange:paris-bourse"));
  EXPECT_THAT(Ids(LinkArticle("", "", "Investors must declare larger holdings, Bourse officials said.")),
              Not(Contains("exchange:paris-bourse")));
  // The end of another exchange's name is not the city's own.
  auto eurobond = LinkArticle("ASEA ISSUES EUROBOND", "LONDON, March 24 -",
                              "The bonds will be listed on the Luxembourg Stock Exchange.");
  EXPECT_THAT(Ids(eurobond), Not(Contains("exchange:lse")));
  EXPECT_THAT(Ids(LinkArticle("", "LONDON, March 5 -", "Dealings were suspended. A Stock Exchange spokeswoman said.")),
              Contains("exchange:lse"));
}

TEST_F(LinkerTest, LongestMatchWins) {
  auto link = LinkArticle("", "", "Shares rose on the New York Stock Exchange and the London Metal Exchange.");
  EXPECT_THAT(Ids(link), IsSupersetOf({"exchange:nyse", "exchange:lme"}));
  EXPECT_THAT(Ids(link), Not(Contains("place:new-york")));
  EXPECT_THAT(Ids(link), Not(Contains("place:london")));
  // "Latin America" is not America; a European Monetary Fund is no IMF.
  EXPECT_THAT(Ids(LinkArticle("", "", "They proposed a European Monetary Fund.")), Not(Contains("org:imf")));
  EXPECT_THAT(Ids(LinkArticle("", "", "Debt in Latin America grew.")), Not(Contains("place:usa")));
  // Commercial banks named after a country are not its central bank
  // (reuters-2031, reuters-9251); the central bank itself still is.
  EXPECT_THAT(Ids(LinkArticle("", "", "The Industrial Bank of Japan set up a CD programme.")),
              Not(Contains("org:bank-of-japan")));
  EXPECT_THAT(Ids(LinkArticle("", "", "It sold the unit to National Bank of Canada.")),
              Not(Contains("org:bank-of-canada")));
  EXPECT_THAT(Ids(LinkArticle("", "", "Bank of Japan governor Satoshi Sumita spoke.")), Contains("org:bank-of-japan"));
}

TEST_F(LinkerTest, SharedNameGeorgiaResolvesFromContext) {
  // With a US city around, Georgia is the state.
  auto us = LinkArticle("", "ATLANTA, Ga., March 3 -", "The Georgia company said sales rose.");
  EXPECT_THAT(Ids(us), Contains("place:us-ga"));
  EXPECT_THAT(Ids(us), Not(Contains("place:georgia")));
}

TEST_F(LinkerTest, SurnamesNeedSupport) {
  // "Baker" after the full name is James Baker; alone and untitled it is nobody.
  auto link = LinkArticle("", "", "Treasury Secretary James Baker said the dollar fell. Baker added more.");
  const auto* baker = Mention(link, "person:james-baker");
  ASSERT_NE(baker, nullptr);
  EXPECT_EQ(baker->spans_size(), 2);
  EXPECT_THAT(Ids(LinkArticle("", "", "The Baker family sold its bakery.")), Not(Contains("person:james-baker")));
  // A title before the surname is support enough.
  EXPECT_THAT(Ids(LinkArticle("", "", "Finance Minister Wilson said.")), Contains("person:michael-wilson"));
  // A distinctive surname stands alone, also in capitals.
  EXPECT_THAT(Ids(LinkArticle("VOLCKER SAYS DOLLAR FALL ENOUGH", "", "")), Contains("person:paul-volcker"));
}

TEST_F(LinkerTest, TickerMarkedCompaniesAreNeverLost) {
  v1::NewsEvent article;
  article.set_id("reuters-2");
  article.set_title("CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT");
  article.set_body("Champion Products Inc <CH> said its board approved a split. Champion said the split is due.");
  auto* mark = article.add_tickers();
  mark->set_symbol("CH");
  mark->set_company_name("Champion Products Inc");
  auto link = test_support::LinkOf(*linker_, article);
  const auto* ch = Mention(link, "company:ch");
  ASSERT_NE(ch, nullptr);
  EXPECT_EQ(ch->entity().name(), "Champion Products Inc");
  EXPECT_EQ(ch->entity().type(), v1::ENTITY_TYPE_COMPANY);
  EXPECT_GE(ch->spans_size(), 2);
  // The ids of a one-sentence article whose company is marked with `symbol`.
  auto ids_of_marked = [&](std::string body, std::string symbol, std::string company) {
    v1::NewsEvent a;
    a.set_id("reuters-3");
    a.set_body(std::move(body));
    auto* m = a.add_tickers();
    m->set_symbol(std::move(symbol));
    m->set_company_name(std::move(company));
    return Ids(test_support::LinkOf(*linker_, a));
  };
  // A ticker the catalog knows resolves to the catalog entity.
  EXPECT_THAT(ids_of_marked("Minnesota Mining and Manufacturing Co <MMM> said profits rose.", "MMM",
                            "Minnesota Mining and Manufacturing Co"),
              Contains("company:mmm"));
  // A symbol the catalog gives to another company today: <C> was Chrysler in
  // 1987, it is Citigroup now. The mark's company keeps its own identity.
  const auto chrysler = ids_of_marked("Chrysler Corp <C> said car sales rose.", "C", "Chrysler Corp");
  EXPECT_THAT(chrysler, Contains("company:chrysler-corp"));
  EXPECT_THAT(chrysler, Not(Contains("company:c")));
  // Initials are a name too: International Business Machines is IBM.
  EXPECT_THAT(ids_of_marked("International Business Machines Corp <IBM> said.", "IBM",
                            "International Business Machines Corp"),
              Contains("company:ibm"));
  // A ticker with an exchange suffix keeps it, as the earnings loader's id
  // of the same company does, so that its deltas and its links meet.
  EXPECT_THAT(ids_of_marked("L M Ericsson <ERIC.ST> said.", "ERIC.ST", "L M Ericsson"), Contains("company:eric.st"));
}

TEST_F(LinkerTest, SalienceRanksTitleAndDatelineAboveAPassingMention) {
  auto link = LinkArticle("JAPAN CUTS DISCOUNT RATE", "TOKYO, March 3 -",
                          "The Bank of Japan cut its discount rate. Traders in Singapore were surprised.");
  const auto* japan = Mention(link, "place:japan");
  const auto* singapore = Mention(link, "place:singapore");
  ASSERT_NE(japan, nullptr);
  ASSERT_NE(singapore, nullptr);
  EXPECT_GT(japan->salience(), singapore->salience());
  EXPECT_LE(japan->salience(), 1.0);
}

// Reuters' editors tagged President Reagan on 20 of ~280 tuning articles that
// named him only in the body, and an exchange named once in the body almost
// never: such "background" entities need the title or repeated mentions,
// while a first-sentence mention still makes an ordinary official salient.
TEST_F(LinkerTest, BackgroundEntitiesNeedTheTitleOrRepeatedMentions) {
  auto passing = LinkArticle("U.S. TRADE DEFICIT WIDENS", "WASHINGTON, March 3 -",
                             "Trade Representative Clayton Yeutter, speaking for President Reagan, said the deficit "
                             "widened. Gold futures on Comex rose.");
  const auto* reagan = Mention(passing, "person:ronald-reagan");
  const auto* yeutter = Mention(passing, "person:clayton-yeutter");
  const auto* comex = Mention(passing, "exchange:comex");
  ASSERT_NE(reagan, nullptr);
  ASSERT_NE(yeutter, nullptr);
  ASSERT_NE(comex, nullptr);
  EXPECT_LT(reagan->salience(), yeutter->salience());

  auto about = LinkArticle("REAGAN SAYS COMEX GOLD TRADING TO BE REVIEWED", "WASHINGTON, March 3 -",
                           "President Reagan said trading in gold on Comex would be reviewed.");
  const auto* reagan_about = Mention(about, "person:ronald-reagan");
  const auto* comex_about = Mention(about, "exchange:comex");
  ASSERT_NE(reagan_about, nullptr);
  ASSERT_NE(comex_about, nullptr);
  EXPECT_GT(reagan_about->salience(), reagan->salience());
  EXPECT_GE(reagan_about->salience(), yeutter->salience());
  EXPECT_GT(comex_about->salience(), comex->salience());
}

}  // namespace
}  // namespace streamlens::links
