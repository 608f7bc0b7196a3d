#include "services/ingest/loaders/earnings_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "services/common/ids.h"
#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/plain_text.h"
#include "services/ingest/loaders/ticker_marks.h"

namespace streamlens::loaders {
namespace {

using v1::MetricKind;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}


std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Lower-case tokens of a figure line: punctuation that ends a word (",", ";",
// ":", a final "." that is not a decimal point) and parentheses are removed.
std::vector<std::string> Tokens(std::string_view line) {
  std::vector<std::string> out;
  for (std::string w : SplitWords(Lower(line))) {
    while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.erase(w.begin());
    while (!w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == ':' || w.back() == ')' ||
                          w.back() == '"' || (w.back() == '.' && w != "u.s." && w != "h.k." && w != "n.z."))) {
      w.pop_back();
    }
    if (w == "-" || w == "--") continue;
    if (!w.empty()) out.push_back(std::move(w));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

enum class ValueUnit { kNone, kDollars, kCents, kPence, kPercent };

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
};

std::optional<int> WordNumber(std::string_view w) {
  static const std::map<std::string_view, int> kWords = {
      {"one", 1},      {"two", 2},        {"three", 3},    {"four", 4},      {"five", 5},      {"six", 6},
      {"seven", 7},    {"eight", 8},      {"nine", 9},     {"ten", 10},      {"eleven", 11},   {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},
      {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},  {"forty", 40},    {"fifty", 50},    {"sixty", 60},
      {"seventy", 70}, {"eighty", 80},    {"ninety", 90}};
  auto it = kWords.find(w);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

// "1,443,000", "765.2", "51.4p", "$1.2", "-3": digits with optional thousands
// commas and decimals, an optional "p" (pence) suffix.
bool ParseNumber(std::string_view tok, RawValue* v) {
  if (tok.empty()) return false;
  if (tok.front() == '$') {
    tok.remove_prefix(1);
    v->currency = v->currency.empty() ? "USD" : v->currency;
  }
  if (!tok.empty() && tok.front() == '-') {
    v->negative = !v->negative;
    tok.remove_prefix(1);
  }
  if (!tok.empty() && tok.back() == 'p') {
    v->unit = ValueUnit::kPence;
    tok.remove_suffix(1);
  }
  // ".029 cts": a decimal without its leading zero.
  std::string with_zero;
  if (tok.size() >= 2 && tok.front() == '.' && std::isdigit(static_cast<unsigned char>(tok[1]))) {
    with_zero = "0" + std::string(tok);
    tok = with_zero;
  }
  if (tok.empty() || !std::isdigit(static_cast<unsigned char>(tok.front()))) return false;
  int64_t m = 0;
  int frac = 0;
  bool dot = false;
  size_t digits_since_comma = 0;
  bool comma = false;
  for (size_t i = 0; i < tok.size(); ++i) {
    char c = tok[i];
    if (c >= '0' && c <= '9') {
      if (m > (std::numeric_limits<int64_t>::max() - 9) / 10) return false;
      m = m * 10 + (c - '0');
      if (dot) ++frac;
      ++digits_since_comma;
    } else if (c == ',' && !dot) {
      if (comma && digits_since_comma != 3) return false;
      if (!comma && (digits_since_comma == 0 || digits_since_comma > 3)) return false;
      comma = true;
      digits_since_comma = 0;
    } else if (c == '.' && !dot) {
      if (comma && digits_since_comma != 3) return false;
      dot = true;
      if (i + 1 == tok.size()) return false;
    } else {
      return false;
    }
  }
  if (comma && !dot && digits_since_comma != 3) return false;
  v->mantissa = m;
  v->frac = frac;
  v->has_fraction = dot;
  v->has_comma = comma;
  return true;
}

bool StartsAmount(const std::vector<std::string>& t, size_t i) {
  if (i >= t.size()) return false;
  RawValue probe;
  return t[i] == "nil" || WordNumber(t[i]).has_value() || ParseNumber(t[i], &probe);
}

// Currency qualifiers that come before a unit word ("U.S. dlrs", "Swiss
// francs", "Canadian dlrs").
std::optional<std::string> CurrencyWord(std::string_view w, std::string_view qualifier) {
  if (w == "stg" || w == "sterling" || w == "pence" || w == "pounds") return "GBP";
  if (w == "yen") return "JPY";
  if (w == "marks" || w == "dm" || w == "dmk") return "DEM";
  if (w == "guilders" || w == "florins") return "NLG";
  if (w == "lire" || w == "lira") return "ITL";
  if (w == "schillings") return "ATS";
  if (w == "pesetas") return "ESP";
  if (w == "rand") return "ZAR";
  if (w == "won") return "KRW";
  if (w == "ringgit") return "MYR";
  if (w == "rupees" || w == "rupee") return "INR";
  if (w == "francs") {
    if (qualifier == "swiss") return "CHF";
    if (qualifier == "belgian") return "BEF";
    return "FRF";
  }
  if (w == "crowns" || w == "kronor" || w == "kroner" || w == "krona") {
    if (qualifier == "danish") return "DKK";
    if (qualifier == "norwegian") return "NOK";
    return "SEK";
  }
  if (w == "dlrs" || w == "dlr" || w == "dls" || w == "dollars" || w == "dollar") {
    if (qualifier == "u.s." || qualifier == "us") return "USD";
    if (qualifier == "canadian" || qualifier == "c$") return "CAD";
    if (qualifier == "australian" || qualifier == "a$") return "AUD";
    if (qualifier == "h.k." || qualifier == "hk" || qualifier == "hong") return "HKD";
    if (qualifier == "n.z." || qualifier == "nz") return "NZD";
    if (qualifier == "singapore") return "SGD";
  }
  return std::nullopt;
}

bool IsQualifier(std::string_view w) {
  return w == "u.s." || w == "us" || w == "canadian" || w == "c$" || w == "australian" || w == "a$" ||
         w == "h.k." || w == "hk" || w == "n.z." || w == "nz" || w == "singapore" || w == "swiss" ||
         w == "belgian" || w == "danish" || w == "norwegian";
}

// Reads one value starting at t[*i]: [loss|profit] AMOUNT [units...] [loss|profit].
bool ReadValue(const std::vector<std::string>& t, size_t* i, RawValue* v) {
  size_t k = *i;
  bool sign_given = false;
  if (k < t.size() && (t[k] == "loss" || t[k] == "profit")) {
    v->negative = t[k] == "loss";
    v->sign_stated = true;
    sign_given = true;
    ++k;
  }
  if (k >= t.size()) return false;
  if (t[k] == "nil") {
    v->nil = true;
    ++k;
  } else if (auto n = WordNumber(t[k])) {
    v->mantissa = *n;
    ++k;
  } else if (ParseNumber(t[k], v)) {
    ++k;
  } else {
    return false;
  }
  std::string qualifier;
  for (; k < t.size(); ++k) {
    const std::string& w = t[k];
    if (w == "mln" || w == "mn" || w == "million" || w == "millions" || w == "mlns") {
      if (v->multiplier) return false;
      v->multiplier = 6;
    } else if (w == "billion" || w == "bln" || w == "billions" || w == "bn") {
      if (v->multiplier) return false;
      v->multiplier = 9;
    } else if (w == "cts" || w == "ct" || w == "cents" || w == "cent") {
      v->unit = ValueUnit::kCents;
    } else if (w == "pct" || w == "percent" || w == "pct.") {
      v->unit = ValueUnit::kPercent;
    } else if (IsQualifier(w)) {
      qualifier = w;
    } else if (auto cur = CurrencyWord(w, qualifier)) {
      v->currency = *cur;
      if (w == "pence") v->unit = ValueUnit::kPence;
      else if (v->unit == ValueUnit::kNone) v->unit = ValueUnit::kDollars;
    } else if (w == "dlrs" || w == "dlr" || w == "dls" || w == "dollars" || w == "dollar") {
      if (v->unit == ValueUnit::kNone) v->unit = ValueUnit::kDollars;
    } else if (!sign_given && (w == "loss" || w == "profit")) {
      // "7.7 mln loss"
      v->negative = w == "loss";
      v->sign_stated = true;
      sign_given = true;
    } else {
      break;
    }
  }
  *i = k;
  return true;
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

enum class UnitClass { kMoney, kPerShare, kShares };

struct LabelInfo {
  MetricKind kind = v1::METRIC_KIND_OTHER;
  UnitClass unit = UnitClass::kMoney;
  v1::ComparisonBasis basis = v1::COMPARISON_BASIS_YEAR_OVER_YEAR;
  bool known = false;  // one of the labels Reuters uses for a named metric
};

std::string NormaliseLabel(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) {
    std::string x;
    for (char c : w) {
      if (c == '-') x.push_back(' ');
      else if (c != '.') x.push_back(c);
    }
    if (x.empty()) continue;
    if (!s.empty()) s.push_back(' ');
    s += x;
  }
  return s;
}

LabelInfo Classify(const std::string& label) {
  static const std::map<std::string, std::pair<MetricKind, UnitClass>> kLabels = {
      {"shr", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"shr primary", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"primary shr", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"shr basic", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"group shr", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"net shr", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"shr net", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"earnings per shr", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"earnings per share", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"shr diluted", {v1::METRIC_KIND_DILUTED_EPS, UnitClass::kPerShare}},
      {"diluted shr", {v1::METRIC_KIND_DILUTED_EPS, UnitClass::kPerShare}},
      {"shr fully diluted", {v1::METRIC_KIND_DILUTED_EPS, UnitClass::kPerShare}},
      {"fully diluted shr", {v1::METRIC_KIND_DILUTED_EPS, UnitClass::kPerShare}},
      {"oper shr", {v1::METRIC_KIND_OPERATING_EPS, UnitClass::kPerShare}},
      {"operating shr", {v1::METRIC_KIND_OPERATING_EPS, UnitClass::kPerShare}},
      {"net", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"net income", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"net profit", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"net earnings", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"group net", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"net after tax", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"oper net", {v1::METRIC_KIND_OPERATING_NET, UnitClass::kMoney}},
      {"oper", {v1::METRIC_KIND_OPERATING_NET, UnitClass::kMoney}},  // "Oper loss 1,069,000 vs profit 339,000"
      {"operating net", {v1::METRIC_KIND_OPERATING_NET, UnitClass::kMoney}},
      {"revs", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"rev", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"revenue", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"revenues", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"total revs", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"total revenues", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"sales", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"net sales", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"total sales", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"avg shrs", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shr", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shares", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"average shares", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shrs primary", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shrs outstanding", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"shrs outstanding", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"shrs", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"operating profit", {v1::METRIC_KIND_OPERATING_INCOME, UnitClass::kMoney}},
      {"oper profit", {v1::METRIC_KIND_OPERATING_INCOME, UnitClass::kMoney}},
      {"operating income", {v1::METRIC_KIND_OPERATING_INCOME, UnitClass::kMoney}},
      {"operating", {v1::METRIC_KIND_OPERATING_INCOME, UnitClass::kMoney}},
      {"ebita", {v1::METRIC_KIND_EBITA, UnitClass::kMoney}},
      {"ebitda", {v1::METRIC_KIND_EBITA, UnitClass::kMoney}},
  };
  LabelInfo info;
  auto it = kLabels.find(label);
  if (it != kLabels.end()) {
    info.kind = it->second.first;
    info.unit = it->second.second;
    info.known = true;
    return info;
  }
  // Dividends: per share; a quarterly dividend is compared with the previous
  // quarter's ("Qtly div 15 cts vs 15 cts prior"), a monthly one with the
  // previous month's (no basis for that), others year over year.
  std::vector<std::string> words = SplitWords(label);
  bool div = !words.empty() && (words.back() == "div" || words.back() == "dividend" || words.back() == "divs");
  if (div && words.size() <= 3) {
    info.kind = v1::METRIC_KIND_DIVIDEND;
    info.unit = UnitClass::kPerShare;
    info.known = true;
    const std::string& first = words.front();
    if (first == "qtly" || first == "qtrly" || first == "quarterly" || first == "qtr") {
      info.basis = v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER;
    } else if (first == "mthly" || first == "monthly") {
      info.basis = v1::COMPARISON_BASIS_UNSPECIFIED;
    }
    return info;
  }
  // Anything else is an OTHER figure; its unit follows its words.
  for (const auto& w : words) {
    if (w == "shr" || w == "share" || w == "div" || w == "dividend") info.unit = UnitClass::kPerShare;
    if (w == "shrs" || w == "shares" || w == "employees") info.unit = UnitClass::kShares;
  }
  return info;
}

bool LabelTakesProfit(const std::vector<std::string>& label) {
  if (label.empty()) return false;
  const std::string& w = label.back();
  return w == "pretax" || w == "pre-tax" || w == "trading" || w == "operating" || w == "oper" || w == "gross" ||
         w == "attributable" || w == "group";
}

// ---------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------

bool Pow10(int e, int64_t* out) {
  int64_t p = 1;
  for (int i = 0; i < e; ++i) {
    if (p > std::numeric_limits<int64_t>::max() / 10) return false;
    p *= 10;
  }
  *out = p;
  return true;
}

// mantissa * 10^(shift - frac), exactly: a positive exponent scales the
// integer, a negative one becomes the Amount's scale.
bool Scaled(int64_t mantissa, int frac, int shift, v1::Amount* a) {
  int e = shift - frac;
  if (e >= 0) {
    int64_t p = 0;
    if (!Pow10(e, &p) || (mantissa != 0 && p > std::numeric_limits<int64_t>::max() / mantissa)) return false;
    a->set_units(mantissa * p);
    a->set_scale(0);
  } else {
    if (-e > 9) return false;
    a->set_units(mantissa);
    a->set_scale(-e);
  }
  return true;
}

bool ToAmount(const RawValue& v, UnitClass cls, std::string_view currency, v1::Amount* a, std::string* why) {
  int64_t mantissa = v.nil ? 0 : v.mantissa;
  int frac = v.nil ? 0 : v.frac;
  bool ok = true;
  if (v.unit == ValueUnit::kPercent) {
    if (v.multiplier) {
      *why = "a percentage in millions";
      return false;
    }
    ok = Scaled(mantissa, frac, 0, a);
    a->set_unit(v1::UNIT_PERCENT);
  } else if (cls == UnitClass::kPerShare || v.unit == ValueUnit::kCents || v.unit == ValueUnit::kPence) {
    if (v.multiplier) {
      *why = "a per-share value in millions";
      return false;
    }
    bool cents = v.unit == ValueUnit::kCents || v.unit == ValueUnit::kPence;
    ok = Scaled(mantissa, frac + (cents ? 2 : 0), 0, a);
    a->set_unit(v1::UNIT_MONEY_PER_SHARE);
    a->set_currency(v.unit == ValueUnit::kPence ? "GBP" : std::string(v.currency.empty() ? currency : v.currency));
  } else if (cls == UnitClass::kShares) {
    if (v.unit == ValueUnit::kDollars || !v.currency.empty()) {
      *why = "a share count in money";
      return false;
    }
    ok = Scaled(mantissa, frac, v.multiplier, a);
    a->set_unit(v1::UNIT_SHARES);
  } else {
    ok = Scaled(mantissa, frac, v.multiplier, a);
    a->set_unit(v1::UNIT_MONEY);
    a->set_currency(std::string(v.currency.empty() ? currency : v.currency));
  }
  if (!ok) {
    *why = "value out of range";
    return false;
  }
  if (v.negative) a->set_units(-a->units());
  return true;
}

// One side of "X vs Y" often leaves out what the other says: "Revs 40.2 vs
// 35.1 mln", "Shr 23 vs 12 cts", "Sales 3.14 billion stg vs 2.65 billion".
void ShareUnits(RawValue* a, const RawValue& b) {
  if (a->nil) return;
  if (a->multiplier == 0 && b.multiplier != 0 && a->unit != ValueUnit::kCents && a->unit != ValueUnit::kPence &&
      !a->has_comma && (a->has_fraction || a->mantissa < 1000)) {
    a->multiplier = b.multiplier;
  }
  if (a->unit == ValueUnit::kNone) {
    if ((b.unit == ValueUnit::kCents || b.unit == ValueUnit::kPence) && !a->has_fraction && a->multiplier == 0) {
      a->unit = b.unit;
    } else if (b.unit == ValueUnit::kPercent) {
      a->unit = b.unit;
    }
  }
  if (a->currency.empty() && !b.currency.empty()) a->currency = b.currency;
}

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

std::optional<int> Ordinal(std::string_view w) {
  if (w == "1st" || w == "first") return 1;
  if (w == "2nd" || w == "second") return 2;
  if (w == "3rd" || w == "third") return 3;
  if (w == "4th" || w == "fourth") return 4;
  return std::nullopt;
}

std::optional<int> SmallNumber(std::string_view w) {
  if (auto n = WordNumber(w)) return n;
  int v = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec == std::errc() && p == w.data() + w.size()) return v;
  return std::nullopt;
}

bool IsYear(std::string_view w, int* year) {
  if (w.size() != 4) return false;
  int y = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), y);
  if (ec != std::errc() || p != w.data() + w.size() || y < 1950 || y > 2100) return false;
  *year = y;
  return true;
}

// Reads "Feb 28", "February 28, 1987", "Jan. 31" at t[*i].
bool ReadDate(const std::vector<std::string>& t, size_t* i, PeriodHeader* h) {
  size_t k = *i;
  if (k + 1 >= t.size()) return false;
  auto month = MonthFromName(t[k]);
  if (!month) return false;
  auto day = SmallNumber(t[k + 1]);
  if (!day || *day < 1 || *day > 31) return false;
  h->end_month = *month;
  h->end_day = *day;
  k += 2;
  int year = 0;
  if (k < t.size() && IsYear(t[k], &year)) {
    h->end_year = year;
    ++k;
  }
  *i = k;
  return true;
}

void KindFromCount(int n, bool weeks, PeriodHeader* h) {
  if (weeks) {
    if (n >= 12 && n <= 17) h->kind = v1::PERIOD_KIND_QUARTER;
    else if (n >= 24 && n <= 28) h->kind = v1::PERIOD_KIND_HALF;
    else if (n >= 36 && n <= 42) h->kind = v1::PERIOD_KIND_NINE_MONTHS;
    else if (n >= 48 && n <= 53) h->kind = v1::PERIOD_KIND_YEAR;
    return;
  }
  if (n == 3) h->kind = v1::PERIOD_KIND_QUARTER;
  else if (n == 6) h->kind = v1::PERIOD_KIND_HALF;
  else if (n == 9) h->kind = v1::PERIOD_KIND_NINE_MONTHS;
  else if (n == 12) h->kind = v1::PERIOD_KIND_YEAR;
}

// Reads period words from t[begin, end). `strict`: every token must be part
// of a period phrase (a header line); else unknown words stop the phrase (a
// headline). Returns the index after the phrase, or begin when none.
size_t ReadPeriodPhrase(const std::vector<std::string>& t, size_t begin, bool strict, PeriodHeader* h, bool* bad) {
  size_t k = begin;
  bool any = false;
  *bad = false;
  while (k < t.size()) {
    const std::string& w = t[k];
    int year = 0;
    if (auto o = Ordinal(w); o && k + 1 < t.size() &&
                             (t[k + 1] == "qtr" || t[k + 1] == "quarter" || t[k + 1] == "half" ||
                              t[k + 1] == "qtr." || t[k + 1] == "fiscal")) {
      h->ordinal = *o;
      ++k;
      continue;
    }
    if (w == "qtr" || w == "quarter" || w == "qtrs" || w == "quarters") {
      h->kind = v1::PERIOD_KIND_QUARTER;
      any = true;
    } else if (w == "half" || w == "half-year" || w == "halfyear") {
      h->kind = v1::PERIOD_KIND_HALF;
      any = true;
    } else if (w == "year" || w == "yr" || w == "fiscal-year" || w == "year-end" || w == "fy") {
      if (h->kind == v1::PERIOD_KIND_UNSPECIFIED) h->kind = v1::PERIOD_KIND_YEAR;
      any = true;
    } else if ((w == "mths" || w == "months" || w == "mos" || w == "weeks" || w == "wks") && k > begin) {
      if (auto n = SmallNumber(t[k - 1])) {
        KindFromCount(*n, w == "weeks" || w == "wks", h);
        h->counted_span = true;
      }
      any = true;
    } else if (k + 1 < t.size() && SmallNumber(w) && !IsYear(w, &year) &&
               (t[k + 1] == "mths" || t[k + 1] == "months" || t[k + 1] == "mos" || t[k + 1] == "weeks" ||
                t[k + 1] == "wks")) {
      // the count; the unit word that follows sets the kind
    } else if (IsYear(w, &year)) {
      h->fiscal_year = year;
      any = true;
    } else if (w == "ended" || w == "ending" || w == "ends" || w == "end" || w == "to" || w == "thru" ||
               w == "through") {
      size_t j = k + 1;
      if (ReadDate(t, &j, h)) {
        k = j;
        any = true;
        continue;
      }
      if (w == "end" && k > begin) {
        // "Jan 31 end" handled by the date branch; a bare "end" is filler.
      } else if (!strict) {
        break;
      }
    } else if (MonthFromName(w) && k + 1 < t.size() && SmallNumber(t[k + 1])) {
      size_t j = k;
      if (ReadDate(t, &j, h)) {
        k = j;
        any = true;
        continue;
      }
    } else if (w == "period" || w == "periods") {
      if (w == "periods") h->applies_to_all = true;
      any = true;
    } else if (w == "fiscal" || w == "the" || w == "of" || w == "and" || w == "-" || w == "mths." ||
               w == "unaudited" || w == "restated") {
      // filler
    } else {
      if (strict) *bad = true;
      break;
    }
    ++k;
  }
  return any ? k : begin;
}

// ---------------------------------------------------------------------------
// Report structure
// ---------------------------------------------------------------------------

// Logical lines: Reuters indents each table line and each paragraph; a line
// that starts in column 0 continues the previous one.
std::vector<std::string> LogicalLines(std::string_view body) {
  std::vector<std::string> out;
  size_t i = 0;
  bool first = true;
  while (i <= body.size()) {
    size_t nl = body.find('\n', i);
    std::string_view line = body.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty()) {
      out.emplace_back();  // a blank line ends a logical line
    } else if (!first && !IsSpace(line.front()) && !out.empty() && !out.back().empty()) {
      out.back() += " ";
      out.back() += trimmed;
    } else {
      out.emplace_back(trimmed);
    }
    first = false;
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

// A dateline "CITY, Region, Month Day -" in Canada: a Canadian city, or a
// province after the city ("NEW BRUNSWICK, N.J." is not the province).
bool IsCanadian(std::string_view dateline) {
  std::string d = Lower(dateline);
  size_t comma = d.find(',');
  std::string city = d.substr(0, comma);
  std::string region = comma == std::string::npos ? "" : d.substr(comma + 1);
  region = region.substr(0, region.find(','));
  while (!region.empty() && region.front() == ' ') region.erase(region.begin());
  for (std::string_view c : {"toronto", "montreal", "vancouver", "calgary", "ottawa", "winnipeg", "edmonton",
                             "halifax", "quebec", "quebec city", "regina", "saskatoon", "mississauga"}) {
    if (city == c) return true;
  }
  for (std::string_view r : {"ont", "ont.", "ontario", "que", "que.", "quebec", "b.c.", "british columbia", "alberta",
                             "alta", "alta.", "manitoba", "man.", "saskatchewan", "sask", "sask.", "nova scotia",
                             "n.s.", "new brunswick", "n.b.", "newfoundland", "nfld", "nfld."}) {
    if (region == r) return true;
  }
  return false;
}

// A line that only names a currency ("U.S. dlrs.", "CANADIAN DOLLARS", "All
// figures in U.S. dlrs"): Reuters' way of saying which currency the bare
// figures of the report are in.
std::optional<std::string> DeclaredCurrency(std::string_view line) {
  std::vector<std::string> t = Tokens(line);
  size_t k = 0;
  while (k < t.size() && (t[k] == "all" || t[k] == "figures" || t[k] == "amounts" || t[k] == "are" ||
                          t[k] == "in")) {
    ++k;
  }
  std::string qualifier;
  if (k < t.size() && IsQualifier(t[k])) qualifier = t[k++];
  if (k + 1 != t.size()) return std::nullopt;
  return CurrencyWord(t[k], qualifier);
}

// The currency of bare figures: the one a line of its own declares (E.A.
// Viner, Toronto, ends its table "U.S. dlrs."), else the first currency a
// figure line names, else the one the dateline implies (Reuters gave
// Canadian, Australian, British... companies' figures in local currency
// without saying so), else USD.
std::string ArticleCurrency(const std::vector<std::string>& lines, std::string_view dateline) {
  for (const auto& line : lines) {
    if (auto c = DeclaredCurrency(line)) return *c;
  }
  for (const auto& line : lines) {
    if (line.find(" vs") == std::string::npos) continue;
    std::vector<std::string> t = Tokens(line);
    std::string qualifier;
    for (const auto& w : t) {
      if (IsQualifier(w)) {
        qualifier = w;
        continue;
      }
      if (auto c = CurrencyWord(w, qualifier)) return *c;
      qualifier.clear();
    }
    for (const auto& w : t) {
      RawValue v;
      if (ParseNumber(w, &v) && v.unit == ValueUnit::kPence) return "GBP";
    }
  }
  // The city is the dateline up to its first comma: "LONDONDERRY, N.H." is
  // not London.
  std::string d = Lower(dateline.substr(0, dateline.find(',')));
  auto has = [&](std::string_view s) { return d == s; };
  if (IsCanadian(dateline)) return "CAD";
  if (has("london")) return "GBP";
  if (has("sydney") || has("melbourne") || has("perth") || has("brisbane") || has("adelaide") || has("canberra")) {
    return "AUD";
  }
  if (has("wellington") || has("auckland")) return "NZD";
  if (has("hong kong")) return "HKD";
  if (has("singapore")) return "SGD";
  if (has("tokyo") || has("osaka")) return "JPY";
  if (has("kuala lumpur")) return "MYR";
  return "USD";
}

struct Block {
  PeriodHeader period;
  std::vector<v1::Metric> metrics;
  std::set<std::string> labels;
};

bool IsTitleStopWord(std::string_view w) {
  static const std::set<std::string_view> kStop = {
      "1st", "2nd", "3rd", "4th", "first", "second", "third", "fourth", "qtr", "quarter", "year", "yr", "net",
      "shr", "nine", "six", "half", "fiscal", "reports", "report", "reported", "posts", "sets", "says", "has",
      "sees", "raises", "lifts", "cuts", "omits", "declares", "pays", "initial", "regular", "quarterly", "qtly",
      "qtrly", "dividend", "div", "earnings", "profit", "profits", "loss", "losses", "results", "oper",
      "interim", "final", "special", "stock", "split", "to", "in", "for", "plans", "ups", "increases", "hikes",
      "boosts", "expects", "-", "mths", "months", "monthly", "mthly", "record", "higher", "lower", "up", "down",
      "sales", "revs", "revenues", "turnover", "extra", "annual", "semi-annual", "payout", "board", "approves"};
  int year = 0;
  return kStop.count(w) > 0 || IsYear(w, &year);
}

// Text just before a ticker mark that makes it the parent of the company
// being written about: "... a subsidiary of Fiat Spa " before "<FIAT.MI>".
// Only the parent's name may stand between "subsidiary of" (or "unit of",
// "affiliate of") and the mark: at most six words, no sentence end.
bool NamesAParent(std::string_view before) {
  std::vector<std::string> w = SplitWords(Lower(before));
  size_t n = w.size();
  for (size_t k = 0; k + 2 < n; ++k) {
    if ((w[k] != "subsidiary" && w[k] != "unit" && w[k] != "affiliate") || w[k + 1] != "of" || n - (k + 2) > 6) {
      continue;
    }
    // A word ending in '.' before the last ("Unilever Plc. The ... is") may end
    // a sentence: then the mark is not the parent named here. Conservative:
    // "unit of U.S. Steel" keeps the mark as the reporter, as before.
    bool sentence_ends = false;
    for (size_t j = k + 2; j < n; ++j) {
      const std::string& x = w[j];
      size_t dot = x.find('.');
      bool inner_dot = dot != std::string::npos && dot + 1 < x.size();  // "plc.the", "u.s."
      if (x == "is" || x == "was" || x == "said" || inner_dot || (j + 1 < n && x.back() == '.')) {
        sentence_ends = true;
      }
    }
    if (!sentence_ends) return true;
  }
  return false;
}

}  // namespace

std::optional<v1::EntityRef> ReportingEntity(std::string_view title, std::string_view body) {
  v1::EntityRef ref;
  ref.set_type(v1::ENTITY_TYPE_COMPANY);
  auto from_mark = [&](const Mark& m) -> bool {
    if (m.is_ticker) {
      ref.set_id("company:" + Lower(m.symbol));
      ref.set_name(m.company_name.empty() ? m.symbol : m.company_name);
      return true;
    }
    std::string slug = CompanySlug(m.company_name);
    if (slug.empty()) return false;
    ref.set_id("company:" + slug);
    ref.set_name(m.company_name);
    return true;
  };
  for (const Mark& m : FindMarks(title)) {
    if (from_mark(m)) return ref;
  }
  // The words of the headline before the first period or earnings word
  // ("FOO BAR CORP 1ST QTR NET" -> "FOO BAR CORP").
  auto from_headline = [&]() -> bool {
    std::string name;
    for (const auto& w : SplitWords(title)) {
      if (IsTitleStopWord(Lower(w))) break;
      if (!name.empty()) name.push_back(' ');
      name += w;
    }
    std::string slug = CompanySlug(name);
    if (slug.empty()) return false;
    ref.set_id("company:" + slug);
    ref.set_name(name);
    return true;
  };
  std::vector<Mark> marks = FindMarks(body);
  for (size_t k = 0; k < marks.size(); ++k) {
    if (!marks[k].is_ticker) continue;
    size_t from = k == 0 ? 0 : marks[k - 1].end;
    if (NamesAParent(body.substr(from, marks[k].begin - from))) {
      // "<Finanziaria Di Sviluppo Spa>, a financial services subsidiary of
      // Fiat Spa <FIAT.MI>": the ticker is the reporter's parent. The
      // reporter is the name mark before it, else the headline's company;
      // only when neither names one is the parent kept.
      for (size_t j = 0; j < k; ++j) {
        if (!marks[j].is_ticker && from_mark(marks[j])) return ref;
      }
      if (from_headline()) return ref;
    }
    if (from_mark(marks[k])) return ref;
  }
  if (from_headline()) return ref;
  return std::nullopt;
}

std::optional<v1::Metric> ParseFigureLine(std::string_view line, std::string_view currency, std::string* why) {
  why->clear();
  std::vector<std::string> t = Tokens(line);
  // The label: words up to the first value.
  size_t i = 0;
  std::vector<std::string> label_words;
  for (; i < t.size(); ++i) {
    bool sign = t[i] == "loss" || t[i] == "profit";
    if (sign && t[i] == "profit" && LabelTakesProfit(label_words)) {
      label_words.push_back(t[i]);
      continue;
    }
    if ((sign && StartsAmount(t, i + 1)) || (!sign && StartsAmount(t, i))) break;
    label_words.push_back(t[i]);
  }
  // "Loss 739,146" / "Profit 1.2 mln vs 900,000": the net result, unlabelled.
  bool bare_result = label_words.empty() && i == 0 && !t.empty() && (t[0] == "loss" || t[0] == "profit");
  if (bare_result) label_words.push_back("net");
  if (label_words.empty() || i >= t.size() || label_words.size() > 6) return std::nullopt;
  std::string label = NormaliseLabel(label_words);
  LabelInfo info = Classify(label);
  // Prose that happens to contain a number is not a figure line.
  if (!info.known && (label_words.size() > 4 || line.size() > 90)) return std::nullopt;

  RawValue current, prior;
  if (!ReadValue(t, &i, &current)) return std::nullopt;
  bool has_prior = false;
  if (i < t.size() && (t[i] == "vs" || t[i] == "versus" || t[i] == "against")) {
    ++i;
    // "vs not given", "vs NA", "vs N.A.", "vs not available": no prior.
    if (i < t.size() && (t[i] == "na" || t[i] == "n.a" || t[i] == "n/a" || t[i] == "not" || t[i] == "nm")) {
      i = t.size();
    } else if (i < t.size() && t[i] == "same") {
      // "Qtly div 15 cts vs same": the prior equals the current figure.
      prior = current;
      has_prior = true;
      ++i;
    } else if (!ReadValue(t, &i, &prior)) {
      if (info.known) *why = "cannot read the value after \"vs\"";
      return std::nullopt;
    } else {
      has_prior = true;
    }
  }
  // Words allowed after the figures.
  bool says_prior = false;
  for (; i < t.size(); ++i) {
    const std::string& w = t[i];
    if (w == "prior") says_prior = true;
    if (w == "prior" || w == "restated" || w == "adjusted" || w == "x" || w == "a" || w == "year" || w == "ago" ||
        w == "previously" || w == "shr" || w == "share" || w == "per" || w == "in" || w == "the" || w == "qtr" ||
        w == "quarter" || w == "yr" || w == "payment" || w == "period" || w == "paid") {
      continue;
    }
    // "Div 3.95p vs 3.34p making 6.5p vs 5.5p": the rest is the year's total.
    if (w == "making" && info.kind == v1::METRIC_KIND_DIVIDEND) break;
    if (info.known && (w == "not" || w == "n/a" || w == "na")) return std::nullopt;
    if (info.known) *why = "unexpected \"" + w + "\" after the figures";
    return std::nullopt;
  }
  // A figure without "vs" is only taken for the metrics Reuters tables use;
  // a stray "Pay April 30" or "Record March 31" is not a figure.
  if (!has_prior && !info.known) return std::nullopt;

  if (has_prior) {
    ShareUnits(&current, prior);
    ShareUnits(&prior, current);
    // "Net loss 214,000 vs 309,000": Reuters states the sign once, so a loss
    // carries over to a prior that says nothing; a prior that was a profit is
    // written "vs profit 309,000".
    if (current.negative && current.sign_stated && !prior.sign_stated) prior.negative = true;
  }
  // Reuters writes "prior" only after dividends: "Shr 31 cts vs 31 cts prior"
  // under a "QTLY DIV" headline is a dividend per share, not earnings.
  if (says_prior && (info.kind == v1::METRIC_KIND_EPS)) {
    info.kind = v1::METRIC_KIND_DIVIDEND;
    info.basis = v1::COMPARISON_BASIS_UNSPECIFIED;
  }
  UnitClass cls = info.unit;
  auto cents = [](const RawValue& v) { return v.unit == ValueUnit::kCents || v.unit == ValueUnit::kPence; };
  if (info.kind == v1::METRIC_KIND_OTHER && (cents(current) || (has_prior && cents(prior)))) {
    cls = UnitClass::kPerShare;  // "Long term capital gain 2.06 vs 75 cts prior"
  }
  if (info.known && (current.unit == ValueUnit::kPercent || prior.unit == ValueUnit::kPercent)) {
    *why = "a percentage where " + label + " needs an amount";
    return std::nullopt;
  }
  v1::Metric m;
  m.set_kind(info.kind);
  // The label as written in the source, e.g. "Oper shr".
  std::vector<std::string> original;
  for (auto& w : SplitWords(line)) {
    if (w != "-" && w != "--") original.push_back(std::move(w));  // as Tokens() does
  }
  std::string written;
  for (size_t k = 0; k < label_words.size() && k < original.size(); ++k) {
    if (!written.empty()) written.push_back(' ');
    written += original[k];
  }
  while (!written.empty() && (written.back() == ':' || written.back() == ',' || written.back() == '-')) written.pop_back();
  if (bare_result) written = original.empty() ? "Net" : original[0];  // "Loss"
  m.set_label(written);
  if (!ToAmount(current, cls, currency, m.mutable_value(), why)) return std::nullopt;
  m.set_nil(current.nil);
  if (has_prior) {
    if (!ToAmount(prior, cls, currency, m.mutable_prior_value(), why)) return std::nullopt;
    m.set_basis(info.basis);
  }
  return m;
}

std::optional<PeriodHeader> ParsePeriodHeader(std::string_view line) {
  std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.size() > 60) return std::nullopt;
  std::vector<std::string> t = Tokens(trimmed);
  if (t.empty()) return std::nullopt;
  PeriodHeader h;
  bool bad = false;
  size_t end = ReadPeriodPhrase(t, 0, /*strict=*/true, &h, &bad);
  if (bad || end != t.size()) return std::nullopt;
  if (h.kind == v1::PERIOD_KIND_UNSPECIFIED && h.end_month == 0 && h.fiscal_year == 0) return std::nullopt;
  // A quarter header naming a quarter by its end only ("Qtr ended Feb 28").
  h.label = std::string(trimmed);
  while (!h.label.empty() && (h.label.back() == ':' || h.label.back() == '-' || h.label.back() == ' ')) h.label.pop_back();
  return h;
}

PeriodHeader PeriodFromTitle(std::string_view title) {
  PeriodHeader h;
  // Look after the company's mark, where the headline states the period.
  size_t from = 0;
  for (const Mark& m : FindMarks(title)) from = m.end;
  std::vector<std::string> original = SplitWords(title.substr(from));
  std::vector<std::string> t;
  for (const auto& w : original) t.push_back(Lower(w));
  for (size_t k = 0; k < t.size(); ++k) {
    bool bad = false;
    PeriodHeader probe;
    size_t end = ReadPeriodPhrase(t, k, /*strict=*/false, &probe, &bad);
    if (end == k) continue;
    if (probe.kind == v1::PERIOD_KIND_UNSPECIFIED && probe.fiscal_year == 0) continue;
    h = probe;
    h.applies_to_all = false;
    std::string label;
    for (size_t j = k; j < end; ++j) {
      if (!label.empty()) label.push_back(' ');
      label += original[j];
    }
    h.label = label;
    if (h.kind == v1::PERIOD_KIND_UNSPECIFIED) h.kind = v1::PERIOD_KIND_YEAR;  // "1986 NET"
    break;
  }
  return h;
}

EarningsExtraction ExtractEarnings(const EarningsArticle& article) {
  EarningsExtraction out;
  auto entity = ReportingEntity(article.title, article.body);
  if (!entity) {
    out.no_events_reason = "no company named in title or body";
    return out;
  }
  std::vector<std::string> lines = LogicalLines(article.body);
  std::string currency = ArticleCurrency(lines, article.dateline);

  std::vector<Block> blocks(1);
  blocks[0].period = PeriodFromTitle(article.title);
  PeriodHeader report_date;  // the end date stated for the report, if any
  if (blocks[0].period.end_month) report_date = blocks[0].period;
  int explicit_year = blocks[0].period.fiscal_year;

  // Inside a breakdown ("Trading profit includes -" followed by one line per
  // division) the lines are parts of a figure, not figures of the company:
  // only named metrics are read there, until the next period header.
  bool in_breakdown = false;
  bool first_block_headed = false;  // the first block has a header line of its own
  for (const auto& line : lines) {
    std::string lower = Lower(line);
    if (lower.rfind("note", 0) == 0) continue;  // footnotes restate figures in prose
    if ((!lower.empty() && lower.back() == '-' && lower.find("include") != std::string::npos) ||
        (lower.find("breakdown") != std::string::npos && lower.find(" vs") == std::string::npos)) {
      in_breakdown = true;
      continue;
    }
    // "- distribution 10.1 mln stg vs 7.5 mln": an item of a list, a part of a figure.
    bool list_item = !lower.empty() && lower.front() == '-';
    if (auto header = ParsePeriodHeader(line)) {
      in_breakdown = false;
      if (header->end_month && (report_date.end_month == 0 || header->applies_to_all)) report_date = *header;
      if (header->fiscal_year && !explicit_year) explicit_year = header->fiscal_year;
      Block& cur = blocks.back();
      if (cur.metrics.empty()) {
        if (blocks.size() == 1) first_block_headed = true;
        // The header refines the period the headline announced.
        if (header->kind != v1::PERIOD_KIND_UNSPECIFIED) {
          PeriodHeader merged = *header;
          if (merged.end_month == 0 && cur.period.kind == header->kind) {
            merged.end_month = cur.period.end_month;
            merged.end_day = cur.period.end_day;
            merged.end_year = cur.period.end_year;
          }
          if (merged.ordinal == 0 && cur.period.kind == header->kind) merged.ordinal = cur.period.ordinal;
          if (merged.fiscal_year == 0 && cur.period.kind == header->kind) merged.fiscal_year = cur.period.fiscal_year;
          cur.period = merged;
        } else {
          if (header->end_month) {
            cur.period.end_month = header->end_month;
            cur.period.end_day = header->end_day;
            cur.period.end_year = header->end_year;
          }
          if (header->fiscal_year) cur.period.fiscal_year = header->fiscal_year;
          if (cur.period.label.empty()) cur.period.label = header->label;
        }
      } else {
        blocks.push_back(Block{*header, {}, {}});
      }
      continue;
    }
    std::string why;
    auto metric = ParseFigureLine(line, currency, &why);
    if (!metric) {
      if (!why.empty()) out.unread_lines.push_back("\"" + line + "\": " + why);
      continue;
    }
    if ((in_breakdown || list_item) && metric->kind() == v1::METRIC_KIND_OTHER) continue;
    std::string key = Lower(metric->label());
    if (blocks.back().labels.count(key)) {
      // The same figure again without a header: a period whose header we
      // could not read. Keep its figures, with the period unknown.
      blocks.push_back(Block{});
    }
    Block& cur = blocks.back();
    if (metric->kind() != v1::METRIC_KIND_OTHER) {
      for (const auto& m : cur.metrics) {
        if (m.kind() == metric->kind()) {
          metric->set_kind(v1::METRIC_KIND_OTHER);  // one metric per kind and period
          break;
        }
      }
    }
    cur.labels.insert(key);
    cur.metrics.push_back(std::move(*metric));
  }

  // "QUESTECH INC <QTEC> YEAR NET": the unheaded first block is the fourth
  // quarter and a later block headed "Year" is the year. The headline names
  // the report, not that first block, so a later block's own year header wins:
  // two year blocks in one report cannot both be the year.
  if (!first_block_headed && blocks.size() > 1 && blocks.front().period.kind == v1::PERIOD_KIND_YEAR &&
      !blocks.front().metrics.empty()) {
    for (size_t b = 1; b < blocks.size(); ++b) {
      if (blocks[b].period.kind == v1::PERIOD_KIND_YEAR && !blocks[b].metrics.empty()) {
        PeriodHeader& first = blocks.front().period;
        first.kind = v1::PERIOD_KIND_QUARTER;
        first.ordinal = 4;
        first.counted_span = false;
        first.label = "4th qtr (implied)";
        break;
      }
    }
  }
  // Reuters sometimes heads the year-to-date block of a 2nd or 3rd quarter
  // report "Year" (Manor Care, 3rd qtr: "Year" revenue is three quarters'
  // worth): after such a quarter it means six or nine months.
  if (blocks.front().period.kind == v1::PERIOD_KIND_QUARTER &&
      (blocks.front().period.ordinal == 2 || blocks.front().period.ordinal == 3)) {
    for (size_t b = 1; b < blocks.size(); ++b) {
      if (Lower(blocks[b].period.label) == "year") {
        blocks[b].period.kind =
            blocks.front().period.ordinal == 2 ? v1::PERIOD_KIND_HALF : v1::PERIOD_KIND_NINE_MONTHS;
        blocks[b].period.ordinal = blocks.front().period.ordinal == 2 ? 1 : 0;
      }
    }
  }
  // A dividend whose basis the line does not say, under a "QTLY DIV" headline,
  // compares with the previous quarter's.
  std::string title_lower = Lower(article.title);
  if (title_lower.find("qtly") != std::string::npos || title_lower.find("quarterly") != std::string::npos ||
      title_lower.find("qtrly") != std::string::npos) {
    for (Block& b : blocks) {
      for (auto& m : b.metrics) {
        if (m.kind() == v1::METRIC_KIND_DIVIDEND && m.basis() == v1::COMPARISON_BASIS_UNSPECIFIED &&
            m.has_prior_value()) {
          m.set_basis(v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER);
        }
      }
    }
  }
  CivilDate article_date = DateOf(article.published_at);
  // Every block of one report ends on the report's date and lies in the same
  // fiscal year (a quarter, the half and nine months to date, the year).
  std::optional<CivilDate> report_end;
  if (report_date.end_month) {
    report_end = report_date.end_year ? CivilDate{report_date.end_year, report_date.end_month, report_date.end_day}
                                      : MostRecentOnOrBefore(report_date.end_month, report_date.end_day, article_date);
    if (!IsValidDate(*report_end)) report_end.reset();
  }
  int fiscal_year = explicit_year;
  size_t index = 0;
  for (Block& b : blocks) {
    if (b.metrics.empty()) continue;
    PeriodHeader& p = b.period;
    bool all_quarterly_dividends = std::all_of(b.metrics.begin(), b.metrics.end(), [](const v1::Metric& m) {
      return m.kind() == v1::METRIC_KIND_DIVIDEND && m.basis() == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER;
    });
    if (p.kind == v1::PERIOD_KIND_UNSPECIFIED && all_quarterly_dividends) {
      p.kind = v1::PERIOD_KIND_QUARTER;
      if (p.label.empty()) {
        // The dividend's own label when it names one ("Qtly div"); a
        // "Shr ... prior" dividend line says nothing of the period.
        const std::string& l = b.metrics.front().label();
        p.label = Lower(l).find("div") != std::string::npos ? l : "Qtly div";
      }
    }
    std::optional<CivilDate> end;
    if (p.end_month) {
      end = p.end_year ? CivilDate{p.end_year, p.end_month, p.end_day}
                       : MostRecentOnOrBefore(p.end_month, p.end_day, article_date);
      if (!IsValidDate(*end)) end.reset();
    } else if (report_end && p.kind != v1::PERIOD_KIND_UNSPECIFIED && !all_quarterly_dividends) {
      end = report_end;
    }
    if (fiscal_year == 0 && end && !p.counted_span &&
        (p.kind == v1::PERIOD_KIND_YEAR || (p.kind == v1::PERIOD_KIND_QUARTER && p.ordinal == 4) ||
         (p.kind == v1::PERIOD_KIND_HALF && p.ordinal == 2))) {
      fiscal_year = end->year;
    }
    b.period.end_year = end ? end->year : 0;
    b.period.end_month = end ? end->month : 0;
    b.period.end_day = end ? end->day : 0;
  }
  for (Block& b : blocks) {
    if (b.metrics.empty()) continue;
    const PeriodHeader& p = b.period;
    v1::EarningsEvent ev;
    ev.set_id(StableId("earnings", {article.article_id, p.label, std::to_string(index)}));
    *ev.mutable_entity() = *entity;
    auto* period = ev.mutable_period();
    period->set_kind(p.kind);
    bool dividend_quarter = p.kind == v1::PERIOD_KIND_QUARTER && p.ordinal == 0 && p.end_month == 0 &&
                            std::all_of(b.metrics.begin(), b.metrics.end(), [](const v1::Metric& m) {
                              return m.kind() == v1::METRIC_KIND_DIVIDEND;
                            });
    if (p.kind != v1::PERIOD_KIND_UNSPECIFIED && !dividend_quarter) {
      period->set_fiscal_year(fiscal_year);
    }
    if (p.kind == v1::PERIOD_KIND_QUARTER || p.kind == v1::PERIOD_KIND_HALF) period->set_fiscal_quarter(p.ordinal);
    if (p.end_month) period->set_end_date(FormatDate(CivilDate{p.end_year, p.end_month, p.end_day}));
    period->set_label(p.label);
    for (auto& m : b.metrics) *ev.add_metrics() = std::move(m);
    *ev.mutable_reported_at() = article.published_at;
    ev.set_source_article_id(article.article_id);
    ev.set_source(article.source);
    out.events.push_back(std::move(ev));
    ++index;
  }
  if (out.events.empty()) out.no_events_reason = "no figure lines found";
  return out;
}

}  // namespace streamlens::loaders
