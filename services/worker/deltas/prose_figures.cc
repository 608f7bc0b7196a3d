#include "services/worker/deltas/prose_figures.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/ids.h"
#include "services/worker/deltas/decimal.h"

namespace streamlens::deltas {
namespace {

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

struct Token {
  enum Kind { kWord, kNumber, kSymbol, kBreak };
  Kind kind = kWord;
  std::string text;  // words lower-cased; numbers without thousands separators
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  bool space_before = false;
  bool capitalised = false;
};

bool IsWordByte(unsigned char c) { return std::isalpha(c) != 0; }

// Splits text into words, numbers ("4.02", "1,510"), symbols ("$", "%", ".")
// and paragraph breaks. Hyphens and other punctuation that never matters to a
// figure are dropped, so "year-over-year" reads as "year over year".
std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  bool space = true;
  auto push = [&](Token::Kind kind, std::string text, size_t b, size_t e) {
    Token t;
    t.kind = kind;
    t.capitalised = kind == Token::kWord && std::isupper(static_cast<unsigned char>(s[b])) != 0;
    t.text = kind == Token::kWord ? absl::AsciiStrToLower(text) : std::move(text);
    t.begin = b;
    t.end = e;
    t.space_before = space;
    out.push_back(std::move(t));
    space = false;
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
      if (j < s.size() && s[j] == '\n') {
        if (out.empty() || out.back().kind != Token::kBreak) push(Token::kBreak, "", i, j);
        i = j + 1;
        space = true;
        continue;
      }
    }
    if (std::isspace(c)) {
      space = true;
      ++i;
      continue;
    }
    if (std::isdigit(c)) {
      size_t b = i;
      std::string digits;
      while (i < s.size()) {
        char d = s[i];
        if (std::isdigit(static_cast<unsigned char>(d))) {
          digits += d;
          ++i;
        } else if (d == ',' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
                   std::isdigit(static_cast<unsigned char>(s[i + 3])) &&
                   (i + 4 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4])))) {
          ++i;  // thousands separator
        } else if (d == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                   digits.find('.') == std::string::npos) {
          digits += d;
          ++i;
        } else {
          break;
        }
      }
      push(Token::kNumber, digits, b, i);
      continue;
    }
    if (IsWordByte(c)) {
      size_t b = i;
      while (i < s.size() && IsWordByte(static_cast<unsigned char>(s[i]))) ++i;
      push(Token::kWord, std::string(s.substr(b, i - b)), b, i);
      continue;
    }
    // Multi-byte symbols that matter: currency signs and the typographic
    // apostrophe (for possessives).
    if (s.substr(i, 3) == "\xE2\x82\xAC") {
      push(Token::kSymbol, "EUR", i, i + 3);
      i += 3;
      continue;
    }
    if (s.substr(i, 2) == "\xC2\xA3") {
      push(Token::kSymbol, "GBP", i, i + 2);
      i += 2;
      continue;
    }
    if (s.substr(i, 3) == "\xE2\x80\x99") {
      push(Token::kSymbol, "'", i, i + 3);
      i += 3;
      continue;
    }
    if (c == '$' || c == '%' || c == '.' || c == ';' || c == ',' || c == '\'' || c == '!' || c == '?' ||
        c == ':') {
      push(Token::kSymbol, std::string(1, static_cast<char>(c)), i, i + 1);
      ++i;
      continue;
    }
    // Anything else (hyphens, quotes, brackets, other UTF-8) separates words.
    space = true;
    ++i;
  }
  return out;
}

bool IsWord(const std::vector<Token>& t, size_t i, std::string_view w) {
  return i < t.size() && t[i].kind == Token::kWord && t[i].text == w;
}

bool IsNumber(const std::vector<Token>& t, size_t i, std::string_view n) {
  return i < t.size() && t[i].kind == Token::kNumber && t[i].text == n;
}

bool IsSymbol(const std::vector<Token>& t, size_t i, std::string_view s) {
  return i < t.size() && t[i].kind == Token::kSymbol && t[i].text == s;
}

// Words that look like a sentence end but are abbreviations.
bool IsAbbreviation(const Token& t) {
  static const std::set<std::string, std::less<>> kAbbrev = {
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
      "co",  "ltd", "mr",  "mrs", "ms",  "dr",  "no",  "st",  "vs",   "jr",  "sr",  "plc", "bhd"};
  return t.kind == Token::kWord && (t.text.size() == 1 || kAbbrev.count(t.text) > 0);
}

struct Range {
  size_t begin = 0;
  size_t end = 0;
};

std::vector<Range> Sentences(const std::vector<Token>& t) {
  std::vector<Range> out;
  size_t start = 0;
  auto close = [&](size_t end, size_t next) {
    if (end > start) out.push_back({start, end});
    start = next;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == Token::kBreak) {
      close(i, i + 1);
    } else if (IsSymbol(t, i, "!") || IsSymbol(t, i, "?")) {
      close(i, i + 1);
    } else if (IsSymbol(t, i, ".")) {
      bool attached = i + 1 < t.size() && !t[i + 1].space_before;  // "Dec.31", "U.S.'s"
      bool abbrev = i > 0 && IsAbbreviation(t[i - 1]);
      bool lower_next = i + 1 < t.size() && t[i + 1].kind == Token::kWord && !t[i + 1].capitalised;
      if (!attached && !(abbrev && (lower_next || (i + 1 < t.size() && t[i + 1].kind == Token::kNumber)))) {
        if (!(abbrev && t[i - 1].text.size() == 1 && lower_next)) close(i, i + 1);
      }
    }
  }
  close(t.size(), t.size());
  return out;
}

// Cuts a sentence at ";" and before "while"/"whereas"/", with" (", while net
// income fell ...", ", with same-store sales up 5.5 pct"): each part states
// its own figure.
std::vector<Range> Clauses(const std::vector<Token>& t, Range sentence) {
  std::vector<Range> out;
  size_t start = sentence.begin;
  for (size_t i = sentence.begin; i < sentence.end; ++i) {
    if (IsSymbol(t, i, ";")) {
      if (i > start) out.push_back({start, i});
      start = i + 1;
    } else if (((IsWord(t, i, "while") || IsWord(t, i, "whereas")) ||
                (IsWord(t, i, "with") && i > sentence.begin && IsSymbol(t, i - 1, ","))) &&
               i > start) {
      out.push_back({start, i});
      start = i;
    }
  }
  if (sentence.end > start) out.push_back({start, sentence.end});
  return out;
}

// ---------------------------------------------------------------------------
// Numbers and amounts
// ---------------------------------------------------------------------------

// "4.02" -> units 402, scale 2.
std::optional<std::pair<Int128, int>> ParseDecimal(const std::string& s) {
  Int128 units = 0;
  int scale = 0;
  bool dot = false;
  for (char c : s) {
    if (c == '.') {
      dot = true;
      continue;
    }
    units = units * 10 + (c - '0');
    if (dot) ++scale;
    if (units > (Int128(1) << 100)) return std::nullopt;
  }
  return std::make_pair(units, scale);
}

int ScaleWordExponent(const std::string& w) {
  if (w == "trillion" || w == "tln") return 12;
  if (w == "billion" || w == "bln" || w == "bn" || w == "b") return 9;
  if (w == "million" || w == "mln" || w == "m" || w == "mn") return 6;
  if (w == "thousand" || w == "k") return 3;
  return -1;
}

struct Money {
  size_t begin = 0;  // token range
  size_t end = 0;
  v1::Amount amount;
};

// An exact amount of base units: value * 10^exponent, reduced to the
// smallest scale that holds it.
std::optional<v1::Amount> MakeAmount(const std::string& number, int exponent, v1::Unit unit,
                                     const std::string& currency) {
  auto parsed = ParseDecimal(number);
  if (!parsed) return std::nullopt;
  auto [units, scale] = *parsed;
  scale -= exponent;
  while (scale < 0) {
    units *= 10;
    ++scale;
  }
  while (scale > 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  if (scale > kMaxScale || units > Int128(INT64_MAX)) return std::nullopt;
  v1::Amount a;
  a.set_units(static_cast<int64_t>(units));
  a.set_scale(scale);
  a.set_unit(unit);
  a.set_currency(currency);
  return a;
}

std::optional<std::string> CurrencyWord(const std::string& w) {
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"dlrs", "USD"}, {"dollars", "USD"}, {"dlr", "USD"},  {"yuan", "CNY"},
      {"euros", "EUR"}, {"euro", "EUR"},   {"pounds", "GBP"}, {"yen", "JPY"}};
  auto it = kWords.find(w);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

// Reads an amount of money starting at token i: "$4.02 billion", "US$ 5 mln",
// "RMB 3.2 billion", "1.2 mln dlrs", "34 cents a share".
// With `bare_currency`, an amount with a scale word and no currency ("down
// from 7.17 billion last year") is read in that currency.
std::optional<Money> ReadMoney(const std::vector<Token>& t, size_t i, size_t end,
                               const std::string& bare_currency = "") {
  std::string currency;
  size_t j = i;
  if (IsSymbol(t, j, "$")) {
    currency = "USD";
    if (j > 0 && !t[j].space_before && t[j - 1].kind == Token::kWord) {
      static const std::map<std::string, std::string, std::less<>> kPrefixed = {
          {"us", "USD"}, {"hk", "HKD"}, {"c", "CAD"}, {"a", "AUD"}, {"s", "SGD"}, {"nt", "TWD"}};
      auto it = kPrefixed.find(t[j - 1].text);
      if (it != kPrefixed.end()) currency = it->second;
    }
    ++j;
  } else if (IsSymbol(t, j, "EUR") || IsSymbol(t, j, "GBP")) {
    currency = t[j].text;
    ++j;
  } else if (IsWord(t, j, "rmb")) {
    currency = "CNY";
    ++j;
  }
  if (j >= end || t[j].kind != Token::kNumber) return std::nullopt;
  const std::string& number = t[j].text;
  size_t k = j + 1;
  int exponent = 0;
  if (k < end && t[k].kind == Token::kWord && ScaleWordExponent(t[k].text) >= 0) {
    // Single letters count only when glued to the number ("$4bn", "$5m").
    if (t[k].text.size() > 1 || !t[k].space_before) {
      exponent = ScaleWordExponent(t[k].text);
      ++k;
    }
  }
  if (currency.empty()) {
    if (k < end && t[k].kind == Token::kWord) {
      if (auto c = CurrencyWord(t[k].text)) {
        currency = *c;
        ++k;
      } else if (t[k].text == "cents" || t[k].text == "cts" || t[k].text == "cent") {
        currency = "USD";
        exponent -= 2;
        ++k;
      }
    }
    if (currency.empty() && exponent > 0) currency = bare_currency;
    if (currency.empty()) return std::nullopt;
  }
  v1::Unit unit = v1::UNIT_MONEY;
  if ((IsWord(t, k, "per") || IsWord(t, k, "a")) && (IsWord(t, k + 1, "share") || IsWord(t, k + 1, "shr"))) {
    unit = v1::UNIT_MONEY_PER_SHARE;
    k += 2;
  }
  auto amount = MakeAmount(number, exponent, unit, currency);
  if (!amount) return std::nullopt;
  return Money{i, k, *amount};
}

struct PercentFigure {
  size_t begin = 0;
  size_t end = 0;
  v1::Amount amount;  // unsigned, UNIT_PERCENT
};

// Reuters writes small numbers as words: "down eight pct".
std::optional<std::string> NumberWord(const Token& t) {
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"one", "1"},      {"two", "2"},       {"three", "3"},     {"four", "4"},     {"five", "5"},
      {"six", "6"},      {"seven", "7"},     {"eight", "8"},     {"nine", "9"},     {"ten", "10"},
      {"eleven", "11"},  {"twelve", "12"},   {"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"},
      {"sixteen", "16"}, {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"}, {"twenty", "20"}};
  if (t.kind != Token::kWord) return std::nullopt;
  auto it = kWords.find(t.text);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

std::optional<PercentFigure> ReadPercent(const std::vector<Token>& t, size_t i, size_t end) {
  std::string number;
  if (t[i].kind == Token::kNumber) {
    number = t[i].text;
  } else if (auto w = NumberWord(t[i])) {
    number = *w;
  } else {
    return std::nullopt;
  }
  size_t k = i + 1;
  if (IsSymbol(t, k, "%") || IsWord(t, k, "pct") || IsWord(t, k, "percent")) {
    ++k;
  } else if (IsWord(t, k, "per") && IsWord(t, k + 1, "cent")) {
    k += 2;
  } else {
    return std::nullopt;
  }
  auto parsed = ParseDecimal(number);
  if (!parsed || parsed->second > kMaxScale) return std::nullopt;
  // Percent Amounts carry at least scale 2 (4400 is 44.00%).
  Int128 units = parsed->first;
  int scale = parsed->second;
  while (scale < 2) {
    units *= 10;
    ++scale;
  }
  if (units > Int128(INT64_MAX)) return std::nullopt;
  PercentFigure p{i, k, {}};
  p.amount.set_units(static_cast<int64_t>(units));
  p.amount.set_scale(scale);
  p.amount.set_unit(v1::UNIT_PERCENT);
  return p;
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

struct MetricWord {
  std::vector<std::string> words;
  v1::MetricKind kind;
  bool loss;  // the phrase itself says the figure is a loss
  // Read as the metric only when the clause names no other ("a loss of $433
  // million" is a net loss; "an EBITA loss of ..." is EBITA).
  bool generic = false;
};

const std::vector<MetricWord>& MetricLexicon() {
  static const std::vector<MetricWord> kLexicon = {
      {{"net", "income"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "profit"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "profits"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "earnings"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "loss"}, v1::METRIC_KIND_NET_INCOME, true},
      {{"earnings", "per", "share"}, v1::METRIC_KIND_EPS, false},
      {{"eps"}, v1::METRIC_KIND_EPS, false},
      {{"adjusted", "ebita"}, v1::METRIC_KIND_EBITA, false},
      {{"adjusted", "ebitda"}, v1::METRIC_KIND_EBITA, false},
      {{"ebita"}, v1::METRIC_KIND_EBITA, false},
      {{"ebitda"}, v1::METRIC_KIND_EBITA, false},
      {{"earnings", "before"}, v1::METRIC_KIND_EBITA, false},
      {{"operating", "income"}, v1::METRIC_KIND_OPERATING_INCOME, false},
      {{"operating", "profit"}, v1::METRIC_KIND_OPERATING_INCOME, false},
      {{"operating", "loss"}, v1::METRIC_KIND_OPERATING_INCOME, true},
      {{"revenue"}, v1::METRIC_KIND_REVENUE, false},
      {{"revenues"}, v1::METRIC_KIND_REVENUE, false},
      {{"sales"}, v1::METRIC_KIND_REVENUE, false},
      {{"turnover"}, v1::METRIC_KIND_REVENUE, false},
      {{"net"}, v1::METRIC_KIND_NET_INCOME, false},  // Reuters: "net rose 15 pct to ..."
      {{"loss"}, v1::METRIC_KIND_NET_INCOME, true, true},
      {{"profit"}, v1::METRIC_KIND_NET_INCOME, false, true},
  };
  return kLexicon;
}

struct MetricMention {
  size_t begin = 0;
  size_t end = 0;
  const MetricWord* word = nullptr;
  std::string label;  // as written
};

int Direction(const std::string& w) {
  static const std::set<std::string, std::less<>> kUp = {
      "rise",   "rose",   "risen",  "rising",   "rises",  "increase", "increased", "increases", "up",
      "grew",   "grow",   "growth", "gain",     "gained", "gains",    "jump",      "jumped",    "climb",
      "climbed", "surge", "surged", "soar",     "soared", "advance",  "advanced",  "higher",    "jumps"};
  static const std::set<std::string, std::less<>> kDown = {
      "drop",    "dropped", "drops",  "fell",     "fall",      "fallen",    "falls",  "decline", "declined",
      "declines", "down",   "decrease", "decreased", "decreases", "slump", "slumped", "plunge",  "plunged",
      "slid",    "slide",   "lower",  "shrank",   "dip",       "dipped",    "tumbled", "sank"};
  if (kUp.count(w)) return 1;
  if (kDown.count(w)) return -1;
  return 0;
}

// Words that say a figure moved, with or without a direction.
bool IsChangeWord(const std::string& w) {
  return Direction(w) != 0 || w == "improved" || w == "widened" || w == "narrowed" || w == "changed" ||
         w == "increasing" || w == "declining" || w == "falling";
}

// The metric a single word names, loosely: for telling whose amount a
// number is ("earnings of 7.5 mln" is not revenue).
v1::MetricKind WordMetricKind(const std::string& w) {
  if (w == "net" || w == "income" || w == "profit" || w == "profits" || w == "earnings" || w == "earned" ||
      w == "loss" || w == "losses") {
    return v1::METRIC_KIND_NET_INCOME;
  }
  if (w == "sales" || w == "revenue" || w == "revenues" || w == "turnover") return v1::METRIC_KIND_REVENUE;
  if (w == "ebita" || w == "ebitda") return v1::METRIC_KIND_EBITA;
  return v1::METRIC_KIND_UNSPECIFIED;
}

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

struct PeriodMention {
  size_t begin = 0;  // token index
  size_t end = 0;
  v1::FiscalPeriod period;
};

int OrdinalWord(const std::string& w) {
  if (w == "first") return 1;
  if (w == "second") return 2;
  if (w == "third") return 3;
  if (w == "fourth") return 4;
  return 0;
}

// "dec", "dec.", "december", "sept" -> month number; 0 for other words.
int MonthOf(const std::string& w) {
  static const std::vector<std::string> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                                   "july",    "august",   "september", "october", "november", "december"};
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (w == kMonths[m] || w == kMonths[m].substr(0, 3) || (m == 8 && w == "sept")) return static_cast<int>(m) + 1;
  }
  return 0;
}

int YearNumber(const std::vector<Token>& t, size_t i) {
  if (i >= t.size() || t[i].kind != Token::kNumber || t[i].text.size() != 4) return 0;
  int y = std::stoi(t[i].text);
  return (y >= 1900 && y <= 2100) ? y : 0;
}

struct CivilDay {
  int year = 0;
  int month = 0;
  int day = 0;
};

std::optional<CivilDay> PublishedDay(const v1::NewsEvent& article) {
  if (!article.has_published_at() || article.published_at().seconds() <= 0) return std::nullopt;
  std::time_t secs = static_cast<std::time_t>(article.published_at().seconds());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return CivilDay{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// "ended Dec. 31", "ended December 31, 2023" at token i (after "ended").
std::optional<std::pair<CivilDay, size_t>> ReadEndDate(const std::vector<Token>& t, size_t i, size_t end,
                                                      const std::optional<CivilDay>& published) {
  if (i >= end || t[i].kind != Token::kWord) return std::nullopt;
  int month = MonthOf(t[i].text);
  if (month == 0) return std::nullopt;
  size_t k = i + 1;
  if (IsSymbol(t, k, ".")) ++k;
  if (k >= end || t[k].kind != Token::kNumber || t[k].text.size() > 2) return std::nullopt;
  int day = std::stoi(t[k].text);
  if (day < 1 || day > 31) return std::nullopt;
  ++k;
  int year = 0;
  size_t after = k;
  if (IsSymbol(t, k, ",") && YearNumber(t, k + 1)) {
    year = YearNumber(t, k + 1);
    after = k + 2;
  } else if (YearNumber(t, k)) {
    year = YearNumber(t, k);
    after = k + 1;
  }
  if (year == 0 && published) {
    // The latest such day on or before publication.
    year = published->year;
    if (month > published->month || (month == published->month && day > published->day)) --year;
  }
  return std::make_pair(CivilDay{year, month, day}, after);
}

// Finds period phrases in [b, e).
std::vector<PeriodMention> FindPeriods(const std::vector<Token>& t, Range r, std::string_view text,
                                       const std::optional<CivilDay>& published) {
  std::vector<PeriodMention> out;
  for (size_t i = r.begin; i < r.end; ++i) {
    PeriodMention pm;
    pm.begin = i;
    size_t k = i;
    bool fiscal = IsWord(t, k, "fiscal");
    if (fiscal) ++k;
    int fiscal_year = 0;
    if (int y = YearNumber(t, k); y && fiscal) {
      // "fiscal 2024" (a year), possibly "fiscal 2024 third quarter".
      fiscal_year = y;
      ++k;
    }
    int ordinal = k < r.end && t[k].kind == Token::kWord ? OrdinalWord(t[k].text) : 0;
    if (ordinal && (IsWord(t, k + 1, "quarter") || IsWord(t, k + 1, "qtr"))) {
      pm.period.set_kind(v1::PERIOD_KIND_QUARTER);
      pm.period.set_fiscal_quarter(ordinal);
      k += 2;
    } else if (ordinal && ordinal <= 2 && IsWord(t, k + 1, "half")) {
      pm.period.set_kind(v1::PERIOD_KIND_HALF);
      pm.period.set_fiscal_quarter(ordinal);
      k += 2;
    } else if (k < r.end && t[k].kind == Token::kWord && t[k].text.size() == 2 && t[k].text[0] == 'q' &&
               t[k].text[1] >= '1' && t[k].text[1] <= '4') {
      pm.period.set_kind(v1::PERIOD_KIND_QUARTER);
      pm.period.set_fiscal_quarter(t[k].text[1] - '0');
      ++k;
    } else if (IsWord(t, k, "q") && k + 1 < r.end && t[k + 1].kind == Token::kNumber && !t[k + 1].space_before &&
               t[k + 1].text.size() == 1 && t[k + 1].text[0] >= '1' && t[k + 1].text[0] <= '4') {
      pm.period.set_kind(v1::PERIOD_KIND_QUARTER);  // "Q3" tokenised as q + 3
      pm.period.set_fiscal_quarter(t[k + 1].text[0] - '0');
      k += 2;
    } else if ((IsWord(t, k, "nine") || IsNumber(t, k, "9")) &&
               (IsWord(t, k + 1, "months") || IsWord(t, k + 1, "month") || IsWord(t, k + 1, "mths"))) {
      pm.period.set_kind(v1::PERIOD_KIND_NINE_MONTHS);
      k += 2;
    } else if ((IsWord(t, k, "three") || IsWord(t, k, "six")) &&
               (IsWord(t, k + 1, "months") || IsWord(t, k + 1, "mths"))) {
      pm.period.set_kind(IsWord(t, k, "three") ? v1::PERIOD_KIND_QUARTER : v1::PERIOD_KIND_HALF);
      k += 2;
    } else if ((IsWord(t, k, "twelve") || IsNumber(t, k, "12")) &&
               (IsWord(t, k + 1, "months") || IsWord(t, k + 1, "mths"))) {
      pm.period.set_kind(v1::PERIOD_KIND_YEAR);
      k += 2;
    } else if ((IsWord(t, k, "full") && IsWord(t, k + 1, "year")) || (fiscal && IsWord(t, k, "year"))) {
      pm.period.set_kind(v1::PERIOD_KIND_YEAR);
      k += IsWord(t, k, "full") ? 2 : 1;
    } else if (fiscal_year) {
      pm.period.set_kind(v1::PERIOD_KIND_YEAR);
    } else if (YearNumber(t, k) && k > r.begin &&
               (IsWord(t, k - 1, "in") || IsWord(t, k - 1, "for") || IsWord(t, k - 1, "during")) &&
               !(k + 1 < r.end && t[k + 1].kind == Token::kWord &&
                 (OrdinalWord(t[k + 1].text) || t[k + 1].text == "quarter" || t[k + 1].text == "q"))) {
      // "in 1986", "For 1986, Newmont reported ...": the calendar or fiscal year.
      pm.period.set_kind(v1::PERIOD_KIND_YEAR);
    } else {
      continue;
    }
    // Trailing year: "third quarter of 2023", "Q3 2023", "fiscal year 2024".
    if (IsWord(t, k, "of") && YearNumber(t, k + 1)) {
      fiscal_year = YearNumber(t, k + 1);
      k += 2;
    } else if (YearNumber(t, k)) {
      fiscal_year = YearNumber(t, k);
      ++k;
    }
    pm.period.set_fiscal_year(fiscal_year);
    if (IsWord(t, k, "ended") || IsWord(t, k, "ending")) {
      if (auto d = ReadEndDate(t, k + 1, r.end, published)) {
        if (d->first.year > 0) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->first.year, d->first.month, d->first.day);
          pm.period.set_end_date(buf);
        }
        k = d->second;
      }
    }
    pm.end = k;
    pm.period.set_label(std::string(text.substr(t[i].begin, t[k - 1].end - t[i].begin)));
    out.push_back(pm);
    i = k - 1;
  }
  return out;
}

bool Compatible(const v1::FiscalPeriod& a, const v1::FiscalPeriod& b) {
  if (a.kind() != b.kind() || a.fiscal_quarter() != b.fiscal_quarter()) return false;
  if (a.fiscal_year() && b.fiscal_year() && a.fiscal_year() != b.fiscal_year()) return false;
  if (!a.end_date().empty() && !b.end_date().empty() && a.end_date() != b.end_date()) return false;
  return true;
}

void MergeInto(v1::FiscalPeriod& into, const v1::FiscalPeriod& from) {
  if (!into.fiscal_year()) into.set_fiscal_year(from.fiscal_year());
  if (into.end_date().empty()) into.set_end_date(from.end_date());
  if (into.label().empty()) into.set_label(from.label());
}

// ---------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------

struct Statement {
  v1::Metric metric;
  v1::FiscalPeriod period;
  size_t prior_at = SIZE_MAX;  // token where the prior is stated, if any
};

bool IsSegmentHead(const std::string& w) {
  return w == "division" || w == "segment" || w == "unit" || w == "group" || w == "business" || w == "arm";
}

// "its international division's sales", "for the Alibaba International
// Digital Commerce group": the words before the head, without the company's
// own name. Empty for the company itself ("Alibaba Group's").
std::string FindSegment(const std::vector<Token>& t, Range c, const std::set<std::string>& company_words) {
  for (size_t i = c.begin; i < c.end; ++i) {
    if (t[i].kind != Token::kWord || !IsSegmentHead(t[i].text)) continue;
    size_t b = i;
    static const std::set<std::string, std::less<>> kStop = {
        "its", "the", "their", "in", "for", "of", "to", "a", "an", "by", "from", "with", "at", "on", "s",
        "as", "that", "this", "his", "her", "our", "also", "said", "says", "whose", "which", "new"};
    while (b > c.begin && b + 4 > i && t[b - 1].kind == Token::kWord && !kStop.count(t[b - 1].text) &&
           Direction(t[b - 1].text) == 0) {
      --b;
    }
    bool introduced = b > c.begin && (IsWord(t, b - 1, "its") || IsWord(t, b - 1, "the") || IsWord(t, b - 1, "their") ||
                                      (IsWord(t, b - 1, "s") && b >= c.begin + 3 && IsSymbol(t, b - 2, "'") &&
                                       (IsWord(t, b - 3, "company") || company_words.count(t[b - 3].text))));
    bool possessive = IsSymbol(t, i + 1, "'") && IsWord(t, i + 2, "s");
    if (!introduced && !possessive) continue;
    std::vector<std::string> words;
    for (size_t k = b; k < i; ++k) {
      if (!company_words.count(t[k].text)) words.push_back(t[k].text);
    }
    if (!words.empty()) return absl::StrJoin(words, " ");
  }
  return "";
}

const std::set<std::string, std::less<>>& ForecastWords() {
  static const std::set<std::string, std::less<>> kWords = {
      "expects", "expect", "expected", "projects", "projected", "forecast", "forecasts", "sees", "estimates",
      "estimated", "will", "would", "could", "should", "may", "might", "target", "targets", "plans", "predicted"};
  return kWords;
}

// Weekly, monthly and year-to-date figures ("sales for the four weeks
// ended", "first eight months", "year to date sales") are not reporting
// periods; a sentence that speaks of one is not read at all, since its
// clauses share the period.
bool SpeaksOfIrregularPeriod(const std::vector<Token>& t, Range r) {
  for (size_t k = r.begin; k < r.end; ++k) {
    if (t[k].kind != Token::kWord) continue;
    if (t[k].text == "week" || t[k].text == "weeks") return true;
    if (IsWord(t, k, "year") && IsWord(t, k + 1, "to") && IsWord(t, k + 1 + 1, "date")) return true;
    if (t[k].text == "months" || t[k].text == "month") {
      bool standard = k > r.begin && (IsWord(t, k - 1, "three") || IsWord(t, k - 1, "six") ||
                                      IsWord(t, k - 1, "nine") || IsWord(t, k - 1, "twelve") ||
                                      (t[k - 1].kind == Token::kNumber && (t[k - 1].text == "3" || t[k - 1].text == "6" ||
                                                                            t[k - 1].text == "9" || t[k - 1].text == "12")));
      if (!standard) return true;
    }
  }
  return false;
}

// Sentences whose subject is some other named business: "Canadian Pacific
// previously reported ...", "Ford Canada said ...", "Altex said Parrish had
// ...", "Conrail earned ...". Two capitalised words opening the sentence,
// one of them not the company's own, or a capitalised name not the
// company's right before "had", "posted", "reported" or "earned".
bool NamesAnotherSubject(const std::vector<Token>& t, Range r, const std::set<std::string>& company_words) {
  static const std::set<std::string, std::less<>> kNeutral = {
      "the",   "it",     "its",   "in",     "for",   "during", "first", "second", "third", "fourth",
      "net",   "sales",  "revenues", "revenue", "earlier", "corp", "inc", "co", "ltd", "plc",
      "group", "company", "fiscal", "full", "this", "last", "a", "an", "but", "and", "also", "operating"};
  auto own = [&](const Token& w) {
    return company_words.count(w.text) > 0 || kNeutral.count(w.text) > 0 || MonthOf(w.text) > 0;
  };
  if (r.end - r.begin >= 2 && t[r.begin].kind == Token::kWord && t[r.begin + 1].kind == Token::kWord &&
      t[r.begin].capitalised && t[r.begin + 1].capitalised && (!own(t[r.begin]) || !own(t[r.begin + 1]))) {
    return true;
  }
  for (size_t k = r.begin + 1; k + 1 < r.end; ++k) {
    if (t[k].kind == Token::kWord && t[k].capitalised && !own(t[k]) &&
        (IsWord(t, k + 1, "had") || IsWord(t, k + 1, "posted") || IsWord(t, k + 1, "reported") ||
         IsWord(t, k + 1, "earned"))) {
      return true;
    }
  }
  return false;
}

std::optional<Statement> ReadClause(const std::vector<Token>& t, Range c, std::string_view text,
                                    const std::set<std::string>& company_words) {
  // Metric words.
  std::vector<MetricMention> metrics;
  for (size_t i = c.begin; i < c.end; ++i) {
    for (const auto& mw : MetricLexicon()) {
      bool match = true;
      for (size_t w = 0; w < mw.words.size() && match; ++w) match = IsWord(t, i + w, mw.words[w]);
      if (!match || i + mw.words.size() > c.end) continue;
      // "net" alone only as Reuters uses it: followed by a direction word.
      if (mw.words.size() == 1 && mw.words[0] == "net" &&
          !(i + 1 < c.end && t[i + 1].kind == Token::kWord && Direction(t[i + 1].text) != 0)) {
        continue;
      }
      size_t end = i + mw.words.size();
      std::string label = std::string(text.substr(t[i].begin, t[end - 1].end - t[i].begin));
      if (mw.kind == v1::METRIC_KIND_EBITA && mw.words[0] == "earnings") label = "EBITA";
      metrics.push_back({i, end, &mw, label});
      i = end - 1;
      break;
    }
  }
  if (metrics.empty()) return std::nullopt;

  // Forecasts and plans state no figure ("expects sales to reach ..."), nor
  // do monthly sales ("February sales"), which are not reporting periods.
  for (size_t k = c.begin; k < c.end; ++k) {
    if (t[k].kind != Token::kWord) continue;
    if (ForecastWords().count(t[k].text)) return std::nullopt;
    if (MonthOf(t[k].text) && t[k].text != "may" && t[k].text != "march" && t[k].capitalised) {
      bool dated = (k > c.begin && (IsWord(t, k - 1, "ended") || IsWord(t, k - 1, "ending") || IsWord(t, k - 1, "through") ||
                                    IsWord(t, k - 1, "end") || IsWord(t, k - 1, "to") || IsWord(t, k - 1, "on"))) ||
                   (k + 1 < c.end && (t[k + 1].kind == Token::kNumber || IsSymbol(t, k + 1, ".")));
      if (!dated) return std::nullopt;
    }
    if (IsWord(t, k, "march") && t[k].capitalised) {
      bool dated = (k > c.begin && (IsWord(t, k - 1, "ended") || IsWord(t, k - 1, "ending") || IsWord(t, k - 1, "through") ||
                                    IsWord(t, k - 1, "end") || IsWord(t, k - 1, "to") || IsWord(t, k - 1, "on"))) ||
                   (k + 1 < c.end && t[k + 1].kind == Token::kNumber);
      if (!dated) return std::nullopt;
    }
  }

  // Amounts of money (prices such as "18 dlrs a barrel" are not figures)
  // and percentages.
  std::vector<Money> monies;
  std::vector<PercentFigure> percents;
  for (size_t i = c.begin; i < c.end; ++i) {
    if (auto p = ReadPercent(t, i, c.end)) {
      percents.push_back(*p);
      i = p->end - 1;
      continue;
    }
    auto m = ReadMoney(t, i, c.end);
    if (!m) continue;
    i = m->end - 1;
    static const std::set<std::string, std::less<>> kPriceUnits = {
        "barrel", "bbl", "ton", "tonne", "ounce", "oz", "pound", "lb", "gallon", "bushel", "unit", "head", "acre"};
    bool price = (IsWord(t, m->end, "a") || IsWord(t, m->end, "an") || IsWord(t, m->end, "per")) &&
                 m->end + 1 < c.end && t[m->end + 1].kind == Token::kWord && kPriceUnits.count(t[m->end + 1].text);
    if (!price) monies.push_back(*m);
  }

  // The value: the first amount a metric owns, by one of the phrasings
  //   "<metric> rose 15 pct to X", "a 44% rise to X in <metric>",
  //   "a 77% drop in <metric> to X", "<metric> of X", "<metric> was X",
  //   "a loss of X" (an "EBITA loss of X" is EBITA's).
  // A figure said to be a year ago is a prior, not the value.
  bool specific = std::any_of(metrics.begin(), metrics.end(), [](const auto& mm) { return !mm.word->generic; });
  auto metric_between = [&](size_t from, size_t to) -> const MetricMention* {
    const MetricMention* found = nullptr;
    for (const auto& mm : metrics) {
      if (mm.begin >= from && mm.end <= to && (!found || (found->word->generic && !mm.word->generic))) found = &mm;
    }
    if (found && found->word->generic && specific) {
      // A generic "loss" right after a specific metric belongs to it.
      for (const auto& mm : metrics) {
        if (!mm.word->generic && mm.end + 1 >= found->begin && mm.end <= found->begin) return &mm;
      }
    }
    return found;
  };
  auto owner_of = [&](const Money& m) -> const MetricMention* {
    size_t before = m.begin;
    if (before > c.begin && t[before - 1].kind == Token::kWord &&
        (t[before - 1].text == "us" || t[before - 1].text == "hk") && !t[m.begin].space_before) {
      --before;  // "US$": the introducer comes before "US"
    }
    if (before <= c.begin || t[before - 1].kind != Token::kWord) return nullptr;
    const std::string& intro = t[before - 1].text;
    const size_t at = before - 1;  // the introducer
    if (intro == "to") {
      // A change word shortly before "to".
      size_t change = SIZE_MAX;
      for (size_t k = at; k > c.begin && at - k < 6; --k) {
        if (t[k - 1].kind == Token::kWord && IsChangeWord(t[k - 1].text)) {
          change = k - 1;
          break;
        }
      }
      if (change == SIZE_MAX) return nullptr;
      // The metric before the change word, or after it (but before "to"),
      // or right after the amount ("to $4.02 billion in its ... sales").
      if (auto* mm = metric_between(change >= 10 ? change - 10 : c.begin, change)) return mm;
      if (auto* mm = metric_between(change, at)) return mm;
      return metric_between(m.end, std::min(c.end, m.end + 7));
    }
    if (intro == "of" || intro == "was" || intro == "were" || intro == "totaled" || intro == "totalled" ||
        intro == "reached" || intro == "at") {
      size_t window = intro == "of" ? 0 : 3;
      for (const auto& mm : metrics) {
        if (mm.end <= at && at - mm.end <= window) return metric_between(mm.begin, mm.end);
      }
    }
    return nullptr;
  };
  auto said_a_year_ago = [&](const Money& m) {
    size_t k = m.end;
    while (k < c.end && (IsWord(t, k, "a") || IsWord(t, k, "the") || IsWord(t, k, "in") || IsWord(t, k, "for"))) ++k;
    return (IsWord(t, k, "year") && (IsWord(t, k + 1, "ago") || IsWord(t, k + 1, "earlier") ||
                                     IsWord(t, k + 1, "before"))) ||
           ((IsWord(t, k, "last") || IsWord(t, k, "previous") || IsWord(t, k, "prior")) && IsWord(t, k + 1, "year"));
  };
  const Money* value = nullptr;
  const MetricMention* metric = nullptr;
  for (const auto& m : monies) {
    if (said_a_year_ago(m)) continue;
    if (const MetricMention* owner = owner_of(m)) {
      value = &m;
      metric = owner;
      break;
    }
  }
  if (!value) return std::nullopt;

  // The prior: a later amount introduced by "from", "compared with/to",
  // "versus", "against", or said to be a year ago; not one that names a
  // different metric ("up from earnings of 7.5 mln" is no prior of revenue).
  std::vector<Money> later;
  for (size_t i = value->end; i < c.end; ++i) {
    if (auto m = ReadMoney(t, i, c.end, value->amount.currency())) {
      later.push_back(*m);
      i = m->end - 1;
    }
  }
  const Money* prior = nullptr;
  for (const auto& m : later) {
    if (m.amount.unit() != value->amount.unit() || m.amount.currency() != value->amount.currency()) continue;
    bool context = said_a_year_ago(m);
    for (size_t k = m.begin >= 7 ? m.begin - 7 : 0; k < m.begin; ++k) {
      if (k >= c.begin && (IsWord(t, k, "from") || IsWord(t, k, "compared") || IsWord(t, k, "versus") ||
                           IsWord(t, k, "vs") || IsWord(t, k, "against"))) {
        context = true;
      }
    }
    if (!context) continue;
    // "up from earnings of 7.5 mln", "compared to net of 1.5 mln": the
    // amount belongs to another metric.
    bool other_metric = false;
    for (size_t k = m.begin >= 3 ? m.begin - 3 : 0; k < m.begin; ++k) {
      if (k < c.begin || t[k].kind != Token::kWord) continue;
      v1::MetricKind kind = WordMetricKind(t[k].text);
      if (kind != v1::METRIC_KIND_UNSPECIFIED && kind != metric->word->kind) other_metric = true;
    }
    if (other_metric) continue;
    prior = &m;
    break;
  }

  // A "pretax loss", an "extraordinary loss", a "gross profit" is not net
  // income.
  for (size_t k = metric->begin >= 2 ? metric->begin - 2 : 0; k < metric->begin; ++k) {
    static const std::set<std::string, std::less<>> kQualifiers = {"pretax", "pre", "extraordinary", "gross",
                                                                   "trading", "tax", "currency", "exchange"};
    if (k >= c.begin && t[k].kind == Token::kWord && kQualifiers.count(t[k].text)) return std::nullopt;
  }

  // "Demarkus' sales", "Peabody's net income": another company's figure.
  {
    size_t b = metric->begin;
    size_t owner = SIZE_MAX;
    if (b >= c.begin + 2 && IsSymbol(t, b - 1, "'")) owner = b - 2;
    if (b >= c.begin + 3 && IsWord(t, b - 1, "s") && IsSymbol(t, b - 2, "'")) owner = b - 3;
    if (owner != SIZE_MAX && t[owner].kind == Token::kWord && t[owner].capitalised &&
        !company_words.count(t[owner].text)) {
      return std::nullopt;
    }
  }

  Statement s;
  if (prior) s.prior_at = prior->begin;
  v1::Metric& m = s.metric;
  m.set_kind(metric->word->kind);
  // "a loss of 72 cts a share" is a figure per share.
  if (value->amount.unit() == v1::UNIT_MONEY_PER_SHARE && metric->word->kind == v1::METRIC_KIND_NET_INCOME) {
    m.set_kind(v1::METRIC_KIND_EPS);
  } else if (value->amount.unit() == v1::UNIT_MONEY_PER_SHARE && metric->word->kind != v1::METRIC_KIND_EPS) {
    return std::nullopt;  // "sales of 1.20 dlrs a share" makes no sense: misread
  }
  m.set_label(metric->label);
  v1::Amount amount = value->amount;
  // A loss: the metric says so ("net loss rose to"), or "loss" comes just
  // before the amount ("an EBITA loss of $433 million").
  bool loss = metric->word->loss && metric->end <= value->begin;
  for (size_t k = value->begin >= 4 ? value->begin - 4 : 0; k < value->begin; ++k) {
    if (k >= c.begin && (IsWord(t, k, "loss") || IsWord(t, k, "losses") || IsWord(t, k, "deficit"))) loss = true;
  }
  if (loss) amount.set_units(-amount.units());
  *m.mutable_value() = amount;
  if (prior) {
    // The prior's sign: its own word ("from a loss of", "compared with net
    // income of"), else the value's ("loss widened to 30 mln from 23 mln").
    v1::Amount prior_amount = prior->amount;
    bool prior_loss = loss;
    for (size_t k = prior->begin >= 3 ? prior->begin - 3 : 0; k < prior->begin; ++k) {
      if (k < c.begin) continue;
      if (IsWord(t, k, "loss") || IsWord(t, k, "losses") || IsWord(t, k, "deficit")) prior_loss = true;
      if (IsWord(t, k, "profit") || IsWord(t, k, "income") || IsWord(t, k, "earnings") || IsWord(t, k, "net")) {
        prior_loss = false;
      }
    }
    if (IsWord(t, prior->end, "profit") || IsWord(t, prior->end, "income") || IsWord(t, prior->end, "gain")) {
      prior_loss = false;  // "compared to a 19.6 mln dlr profit"
    } else if (IsWord(t, prior->end, "loss")) {
      prior_loss = true;
    }
    if (prior_loss) prior_amount.set_units(-prior_amount.units());
    *m.mutable_prior_value() = prior_amount;
  }

  // A stated change: a percentage next to a direction word.
  for (const auto& p : percents) {
    int dir = 0;
    for (size_t k = p.begin >= 3 ? p.begin - 3 : 0; k < std::min(c.end, p.end + 5) && dir == 0; ++k) {
      if (k >= c.begin && t[k].kind == Token::kWord && (k < p.begin || k >= p.end)) dir = Direction(t[k].text);
    }
    if (dir == 0) continue;
    v1::Amount change = p.amount;
    change.set_units(dir * change.units());
    *m.mutable_reported_change() = change;
    break;
  }
  bool sequential = false;
  for (size_t k = c.begin; k < c.end; ++k) {
    if (IsWord(t, k, "sequential") || IsWord(t, k, "sequentially") ||
        (IsWord(t, k, "quarter") && IsWord(t, k + 1, "over") && IsWord(t, k + 2, "quarter")) ||
        (IsWord(t, k, "previous") && IsWord(t, k + 1, "quarter")) ||
        (IsWord(t, k, "preceding") && IsWord(t, k + 1, "quarter"))) {
      sequential = true;
    }
  }
  // Only a figure stated with its change or prior is read: a bare amount in
  // a news story is too often another company's, or another period's.
  if (!m.has_prior_value() && !m.has_reported_change()) return std::nullopt;
  if (m.has_prior_value() || m.has_reported_change()) {
    m.set_basis(sequential ? v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER : v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  }
  m.set_segment(FindSegment(t, c, company_words));
  return s;
}

const v1::EntityMention* MainCompany(const v1::EntityLink& links) {
  const v1::EntityMention* best = nullptr;
  for (const auto& m : links.mentions()) {
    if (m.entity().type() != v1::ENTITY_TYPE_COMPANY || m.entity().id().empty()) continue;
    if (!best || m.salience() > best->salience() ||
        (m.salience() == best->salience() && m.entity().id() < best->entity().id())) {
      best = &m;
    }
  }
  return best;
}

std::set<std::string> CompanyWords(const v1::EntityMention& company) {
  std::set<std::string> words;
  auto add = [&](const std::string& s) {
    for (absl::string_view w : absl::StrSplit(s, absl::ByAnyChar(" .,'-"), absl::SkipEmpty())) {
      words.insert(absl::AsciiStrToLower(w));
    }
  };
  add(company.entity().name());
  for (const auto& span : company.spans()) add(span.text());
  // Words of a company's own name that are not a segment ("Alibaba Group").
  for (const char* w : {"holding", "holdings", "inc", "corp", "co", "ltd", "plc", "group"}) words.erase(w);
  return words;
}

std::string PeriodKeyText(const v1::FiscalPeriod& p) {
  return absl::StrCat(static_cast<int>(p.kind()), ":", p.fiscal_year(), ":", p.fiscal_quarter(), ":", p.end_date());
}

}  // namespace

std::vector<v1::EarningsEvent> ExtractProseFigures(const v1::NewsEvent& article, const v1::EntityLink& links) {
  std::vector<v1::EarningsEvent> out;
  for (const auto& topic : article.topics()) {
    if (topic == "earn") return out;
  }
  const v1::EntityMention* company = MainCompany(links);
  if (company == nullptr || article.body().empty()) return out;
  const std::set<std::string> company_words = CompanyWords(*company);

  const std::string& text = article.body();
  const std::vector<Token> tokens = Tokenize(text);
  const std::optional<CivilDay> published = PublishedDay(article);
  const std::vector<Range> sentences = Sentences(tokens);

  // Where the linker found companies in the body: a sentence that names
  // another company and not this one is about the other.
  std::vector<std::pair<int32_t, int32_t>> ours;
  std::vector<std::pair<int32_t, int32_t>> others;
  for (const auto& mention : links.mentions()) {
    if (mention.entity().type() != v1::ENTITY_TYPE_COMPANY) continue;
    for (const auto& span : mention.spans()) {
      if (span.field() != v1::ARTICLE_FIELD_BODY || span.end() <= span.begin()) continue;
      (mention.entity().id() == company->entity().id() ? ours : others).emplace_back(span.begin(), span.end());
    }
  }
  auto names_in = [](const std::vector<std::pair<int32_t, int32_t>>& spans, size_t b, size_t e) {
    return std::any_of(spans.begin(), spans.end(), [&](const auto& sp) {
      return static_cast<size_t>(sp.first) >= b && static_cast<size_t>(sp.second) <= e;
    });
  };

  std::vector<Statement> statements;
  for (size_t s = 0; s < sentences.size(); ++s) {
    size_t sb = tokens[sentences[s].begin].begin;
    size_t se = tokens[sentences[s].end - 1].end;
    if (names_in(others, sb, se) && !names_in(ours, sb, se)) continue;
    if (SpeaksOfIrregularPeriod(tokens, sentences[s])) continue;
    if (NamesAnotherSubject(tokens, sentences[s], company_words)) continue;
    auto sentence_periods = FindPeriods(tokens, sentences[s], text, published);
    for (const Range& clause : Clauses(tokens, sentences[s])) {
      auto statement = ReadClause(tokens, clause, text, company_words);
      if (!statement) continue;
      // The period named in the clause, else in the sentence, else in the
      // sentence before ("... for its fiscal third quarter. But those
      // investments led to a ... loss of $433 million"); never one named
      // with the prior ("from 814.2 mln dlrs in 1985").
      auto usable = [&](const PeriodMention& pm) { return pm.begin < statement->prior_at; };
      std::optional<v1::FiscalPeriod> period;
      for (const auto& pm : sentence_periods) {
        if (pm.begin >= clause.begin && pm.begin < clause.end && usable(pm)) {
          period = pm.period;
          break;
        }
      }
      for (const auto& pm : sentence_periods) {
        if (!period && usable(pm)) period = pm.period;
      }
      if (!period && s > 0) {
        auto previous = FindPeriods(tokens, sentences[s - 1], text, published);
        if (!previous.empty()) period = previous.back().period;
      }
      // A figure without a reporting period ("sales for the four weeks
      // ended February 28") cannot be compared with anything: not read.
      if (!period || period->kind() == v1::PERIOD_KIND_UNSPECIFIED) continue;
      statement->period = *period;
      statements.push_back(std::move(*statement));
    }
  }
  if (statements.empty()) return out;

  // One article names a segment in full once and shortens it later.
  std::vector<std::string> segments;
  for (const auto& st : statements) {
    if (!st.metric.segment().empty()) segments.push_back(st.metric.segment());
  }
  auto word_set = [](const std::string& s) {
    std::vector<std::string> v = absl::StrSplit(s, ' ');
    return std::set<std::string>(v.begin(), v.end());
  };
  for (auto& st : statements) {
    if (st.metric.segment().empty()) continue;
    auto mine = word_set(st.metric.segment());
    for (const auto& other : segments) {
      auto theirs = word_set(other);
      if (theirs.size() > mine.size() && std::includes(theirs.begin(), theirs.end(), mine.begin(), mine.end())) {
        st.metric.set_segment(other);
        mine = theirs;
      }
    }
  }

  // Periods that are the same period told with more or less detail ("fiscal
  // third quarter ended Dec. 31" and "Q3") become one.
  std::vector<v1::FiscalPeriod> periods;
  std::vector<size_t> period_of(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    size_t k = 0;
    for (; k < periods.size(); ++k) {
      if (Compatible(periods[k], statements[i].period)) {
        MergeInto(periods[k], statements[i].period);
        break;
      }
    }
    if (k == periods.size()) periods.push_back(statements[i].period);
    period_of[i] = k;
  }

  for (size_t k = 0; k < periods.size(); ++k) {
    v1::EarningsEvent e;
    *e.mutable_entity() = company->entity();
    *e.mutable_period() = periods[k];
    e.set_id(StableId("prose", {article.id(), company->entity().id(), PeriodKeyText(periods[k])}));
    if (article.published_at().seconds() > 0) *e.mutable_reported_at() = article.published_at();
    e.set_source_article_id(article.id());
    e.set_source("prose");
    for (size_t i = 0; i < statements.size(); ++i) {
      if (period_of[i] == k) *e.add_metrics() = statements[i].metric;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace streamlens::deltas
