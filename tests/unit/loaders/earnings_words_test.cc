// Tokenising earnings text: Tokens() and the token-by-token NextToken() it is
// built on (the figure, header and currency readers rely on both).
#include "services/ingest/loaders/earnings_words.h"

#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace streamlens::loaders::earnings_words {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> AllNextTokens(std::string_view line) {
  std::vector<std::string> out;
  size_t pos = 0;
  std::string_view token;
  while (NextToken(line, &pos, &token)) out.emplace_back(token);
  EXPECT_EQ(pos, line.size()) << "the position ends at the end of the line";
  return out;
}

TEST(EarningsTokensTest, PunctuationAroundWordsIsDroppedAndCaseKeptByNextToken) {
  const std::string_view line = "  Shr (loss) 1.20 dlrs, vs \"profit\" -- 1.05 U.S. dlrs.\tNet: 7-1/2 H.K. N.Z.)  ";
  EXPECT_THAT(AllNextTokens(line), ElementsAre("Shr", "loss", "1.20", "dlrs", "vs", "profit", "1.05", "U.S.", "dlrs",
                                               "Net", "7-1/2", "H.K.", "N.Z."));
  EXPECT_THAT(Tokens(line), ElementsAre("shr", "loss", "1.20", "dlrs", "vs", "profit", "1.05", "u.s.", "dlrs", "net",
                                        "7-1/2", "h.k.", "n.z."));
}

TEST(EarningsTokensTest, ResumesWhereTheLastTokenEnded) {
  const std::string_view line = "Qtr ended Feb 28";
  size_t pos = 0;
  std::string_view token;
  ASSERT_TRUE(NextToken(line, &pos, &token));
  EXPECT_EQ(token, "Qtr");
  EXPECT_EQ(token.data(), line.data()) << "a view into the line, not a copy";
  ASSERT_TRUE(NextToken(line, &pos, &token));
  EXPECT_EQ(token, "ended");
  EXPECT_THAT(AllNextTokens(line.substr(pos)), ElementsAre("Feb", "28"));
}

TEST(EarningsTokensTest, LinesWithoutTokens) {
  for (std::string_view line : {"", "   \t ", "-- - ( ) \"\" ,;:"}) {
    EXPECT_THAT(AllNextTokens(line), IsEmpty()) << "\"" << line << "\"";
    EXPECT_THAT(Tokens(line), IsEmpty()) << "\"" << line << "\"";
  }
}

TEST(EarningsTokensTest, OnlyAsciiLettersAreLowered) {
  // Bytes of UTF-8 letters stay as they are, as std::tolower leaves them in
  // the "C" locale.
  EXPECT_THAT(Tokens("ZÜRICH Francs"), ElementsAre("z\xc3\x9c" "rich", "francs"));
  EXPECT_EQ(Lower("Net ÉTÉ 1.2"), "net \xc3\x89t\xc3\x89 1.2");
}

TEST(WordSetTest, FindsItsWordsAndNoOthersOfTheSameShape) {
  const WordSet set = {"dlrs", "stg", "u.s.", "-", "one-time"};
  for (std::string_view w : {"dlrs", "stg", "u.s.", "-", "one-time"}) EXPECT_TRUE(set.contains(w)) << w;
  // Same length, first and last character as a member, or a prefix of one.
  for (std::string_view w : {"dprs", "sag", "u.k.", "+", "one-tame", "dlr", "", "DLRS"}) {
    EXPECT_FALSE(set.contains(w)) << w;
  }
  EXPECT_EQ(set.count("stg"), 1u);
  EXPECT_EQ(set.count("yen"), 0u);
}

}  // namespace
}  // namespace streamlens::loaders::earnings_words
