// Word-level parsing of earnings text, shared by the table reader
// (earnings_text.h) and the headline and sentence reader (earnings_prose.h):
// tokens, values with their units and currencies, metric labels, amounts,
// period phrases. The rules are listed in docs/ingest.md. Pure, thread-safe.
// Internal to the loaders: other code uses earnings_text.h.
#pragma once

#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

// The period a header line or phrase announces ("Nine mths", "Qtr ended Feb
// 28", "Year", "first quarter").
struct PeriodHeader {
  v1::PeriodKind kind = v1::PERIOD_KIND_UNSPECIFIED;
  int ordinal = 0;       // quarter 1..4 or half 1..2, 0 when not said
  int fiscal_year = 0;   // stated year, 0 when not said
  // "12 mths" / "52 weeks": a span of time, often trailing twelve months
  // rather than a fiscal year, so no fiscal year is derived from its end.
  bool counted_span = false;
  int end_month = 0;     // stated end date, 0 when not said
  int end_day = 0;
  int end_year = 0;      // 0 when the year of the end date is not said
  bool applies_to_all = false;  // "Periods ended Jan 31": every block
  std::string label;     // as written
};

namespace earnings_words {

// A fixed set of words for the readers' many "is this word one of ..."
// questions. Most words asked are in no set: a bitmap of the members' shapes
// (length, first and last character) answers them with one look, without
// comparing strings; the others are looked up among the sorted members.
class WordSet {
 public:
  // The words must outlive the set (string literals).
  WordSet(std::initializer_list<std::string_view> words) : WordSet(std::vector<std::string_view>(words)) {}
  explicit WordSet(std::vector<std::string_view> words);
  bool contains(std::string_view w) const;
  size_t count(std::string_view w) const { return contains(w) ? 1 : 0; }

 private:
  static constexpr size_t kShapes = 4096;
  static size_t Shape(std::string_view w);
  std::bitset<kShapes> shapes_;
  std::vector<std::string_view> words_;  // sorted; views of the literals given
};

// ASCII lower case (as std::tolower in the "C" locale the loaders run in).
std::string Lower(std::string_view s);
// The same into `*out`, reusing its capacity (one buffer for many lines).
void LowerInto(std::string_view s, std::string* out);
std::string_view Trim(std::string_view s);
std::vector<std::string> SplitWords(std::string_view s);
// Lower-case tokens of a figure line: punctuation that ends a word (",", ";",
// ":", a final "." that is not a decimal point) and parentheses are removed.
std::vector<std::string> Tokens(std::string_view line);
// The next token of `line` from *pos on, as Tokens() reads it but in the
// case written (a view into `line`); advances *pos past it. False, with *pos
// at the end, when no token is left. Tokens() is built on it; a reader that
// may stop after a few words can use it alone.
bool NextToken(std::string_view line, size_t* pos, std::string_view* token);

enum class ValueUnit { kNone, kDollars, kCents, kPence, kPercent };

// One value as written, before it becomes an Amount.
struct RawValue {
  bool negative = false;
  bool sign_stated = false;  // "loss" or "profit" written with the value
  bool nil = false;
  int64_t mantissa = 0;  // digits without the decimal point
  int frac = 0;          // digits after the decimal point
  bool has_fraction = false;
  bool has_comma = false;
  int multiplier = 0;    // power of ten: 6 for mln, 9 for billion
  ValueUnit unit = ValueUnit::kNone;
  std::string currency;  // explicit currency, "" when not said
  // "francs", "crowns" without "Swiss", "Danish"...: the report's own franc
  // or crown when its currency is one (LocalCurrency).
  bool currency_bare = false;
};

// "one" .. "ninety" as numbers.
std::optional<int> WordNumber(std::string_view w);
// "1,443,000", "765.2", "51.4p", "$1.2", "-3" into `v`; false when not a number.
bool ParseNumber(std::string_view tok, RawValue* v);
// t[i] starts an amount: a number, a number word or "nil".
bool StartsAmount(const std::vector<std::string>& t, size_t i);
// The currency a unit word names, with the qualifier before it ("swiss"
// "francs"); nullopt for a word that names none (bare "dlrs").
std::optional<std::string> CurrencyWord(std::string_view w, std::string_view qualifier);
// A currency named by a bare word ("francs" is FRF, "crowns" SEK) as the
// same unit of the report's currency `local`: francs of a Swiss, Belgian or
// Luxembourg report are CHF, BEF, LUF; crowns of a Danish or Norwegian one
// DKK, NOK. Other codes unchanged.
std::string LocalCurrency(std::string_view code, std::string_view local);
// "u.s.", "canadian", "swiss"...: a word that qualifies a currency word.
bool IsQualifier(std::string_view w);
// Reads one value starting at t[*i]: [loss|profit] AMOUNT [units...]
// [loss|profit]; advances *i past it.
bool ReadValue(const std::vector<std::string>& t, size_t* i, RawValue* v);

// What a figure counts: money, money per share, shares, or anything else
// (tonnes milled, employees).
enum class UnitClass { kMoney, kPerShare, kShares, kCount };

struct LabelInfo {
  v1::MetricKind kind = v1::METRIC_KIND_OTHER;
  UnitClass unit = UnitClass::kMoney;
  v1::ComparisonBasis basis = v1::COMPARISON_BASIS_YEAR_OVER_YEAR;
  bool known = false;  // one of the labels Reuters uses for a named metric
  std::string segment;  // a dividend's share class ("Class B"), else empty
};

// Label words joined, without dots and hyphens: "Oper. shr" -> "oper shr".
std::string NormaliseLabel(const std::vector<std::string>& words);
// What a normalised label names.
LabelInfo Classify(const std::string& label);
// "Pretax profit": "profit" belongs to the label, not to the value.
bool LabelTakesProfit(const std::vector<std::string>& label);

// A value as an Amount of class `cls`; `currency` for values that name none.
// False with `why` set when the value cannot be such an amount.
bool ToAmount(const RawValue& v, UnitClass cls, std::string_view currency, v1::Amount* a, std::string* why);
// Fills in what one side of "X vs Y" leaves out from the other side.
void ShareUnits(RawValue* a, const RawValue& b);

// "1st"/"first" .. "4th"/"fourth".
std::optional<int> Ordinal(std::string_view w);
// A small number in digits or words.
std::optional<int> SmallNumber(std::string_view w);
// A four-digit year 1950..2100.
bool IsYear(std::string_view w, int* year);
// Reads period words from t[begin, end). `strict`: every token must be part
// of a period phrase (a header line); else unknown words stop the phrase (a
// headline). Returns the index after the phrase, or begin when none.
size_t ReadPeriodPhrase(const std::vector<std::string>& t, size_t begin, bool strict, PeriodHeader* h, bool* bad);

}  // namespace earnings_words
}  // namespace streamlens::loaders
