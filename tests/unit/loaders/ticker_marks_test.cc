// Ticker marks in real Reuters headlines and bodies.
#include "services/ingest/loaders/ticker_marks.h"

#include <gtest/gtest.h>

namespace streamlens::loaders {
namespace {

TEST(TickerMarksTest, NameBeforeATickerInAHeadlineOrBody) {
  auto marks = FindMarks("SWIFT INDEPENDENT PACKING CO <SFTPr> 1ST QTR NET");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_TRUE(marks[0].is_ticker);
  EXPECT_EQ(marks[0].symbol, "SFTPr");
  EXPECT_EQ(marks[0].company_name, "SWIFT INDEPENDENT PACKING CO");

  marks = FindMarks("said Champion Products Inc <CH> would");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].company_name, "Champion Products Inc");
}

TEST(TickerMarksTest, RepeatMarkerIsNotPartOfTheName) {
  // Reuters-21578 NEWID 4292's headline, re-sent with the RPT- marker.
  auto marks = FindMarks("RPT-INSITUFORM OF NORTH AMERICA INC <INSUA> NET");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].company_name, "INSITUFORM OF NORTH AMERICA INC");
}

TEST(TickerMarksTest, HeadlineNamesKeepTheirQuotesAndPartnerCommas) {
  // Reuters-21578 NEWID 6454, 8946 and 9372: the names are the companies'.
  EXPECT_EQ(FindMarks("TOYS \"R\" US INC <TOY> 4TH QTR FEB ONE NET")[0].company_name, "TOYS \"R\" US INC");
  EXPECT_EQ(FindMarks("CROWLEY, MILNER AND CO <COM> 4TH QTR NET")[0].company_name, "CROWLEY, MILNER AND CO");
  EXPECT_EQ(FindMarks("PEP BOYS - MANNY, MOE AND JACK INC <PBY> 4TH QTR")[0].company_name,
            "MANNY, MOE AND JACK INC");
  // Other commas in a headline separate companies (NEWID 6292, 14506).
  EXPECT_EQ(FindMarks("CONTINENTAL, EASTERN <EAL> PILOTS")[0].company_name, "EASTERN");
  EXPECT_EQ(FindMarks("BERRY PETROLEUM, NORRIS OIL <NOIL> AGREE")[0].company_name, "NORRIS OIL");
  // In mixed-case text a comma or a quote ends the name.
  EXPECT_EQ(FindMarks("In Boston, Milner and Co <COM> said")[0].company_name, "Milner and Co");
  EXPECT_EQ(FindMarks("the \"Toys\" Us Inc <TOY> unit")[0].company_name, "Us Inc");
}

TEST(TickerMarksTest, SuffixAfterASpaceIsTheDottedTicker) {
  // Reuters-21578 NEWID 4086 and 4218 write "<ERIC ST>" and "<GARJ J>" for
  // the "<ERIC.ST>" of other stories: one company, one symbol.
  auto marks = FindMarks("Sweden's Telefon AB L.M. Ericsson <ERIC ST> said");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_TRUE(marks[0].is_ticker);
  EXPECT_EQ(marks[0].symbol, "ERIC.ST");
  EXPECT_EQ(marks[0].company_name, "Sweden's Telefon AB L.M. Ericsson");
  marks = FindMarks("GUARDIAN NATIONAL INSURANCE CO LTD <GARJ J> YEAR NET");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].symbol, "GARJ.J");
  EXPECT_EQ(marks[0].company_name, "GUARDIAN NATIONAL INSURANCE CO LTD");
  // A legal form after a name is a name mark (NEWID 9417: "<BASF AG>").
  marks = FindMarks("<BASF AG> said");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_FALSE(marks[0].is_ticker);
  EXPECT_EQ(marks[0].company_name, "BASF AG");
}

TEST(TickerMarksTest, BracketedNameIsNotATicker) {
  auto marks = FindMarks("<CO-STEEL INC> 4TH QTR NET");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_FALSE(marks[0].is_ticker);
  EXPECT_EQ(CompanySlug(marks[0].company_name), "co-steel");
}

TEST(TickerMarksTest, AWordInParenthesesBeforeTheLegalFormIsPartOfTheName) {
  // reuters-251: the name was "Ltd".
  auto marks = FindMarks("The three are Cheung Kong (Holdings) Ltd <CKGH.HK> and others");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].company_name, "Cheung Kong (Holdings) Ltd");
  // An acronym defined after another company is not part of the next name.
  marks = FindMarks("Mitsubishi Heavy Industries (MHI) and C. Itoh and Co Ltd <CITT.T> said");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].company_name, "C. Itoh and Co Ltd");
  // Nor is a parenthesised word with no legal form after it.
  marks = FindMarks("the Norwegian state oil company Den Norske Stats Oljeselskap A/S (Statoil) <STAT.OL> said");
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].company_name.find("(Statoil)"), std::string::npos);
}

}  // namespace
}  // namespace streamlens::loaders
