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
