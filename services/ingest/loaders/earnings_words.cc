// Shared word-level parsing of earnings text: see earnings_words.h.
#include "services/ingest/loaders/earnings_words.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/plain_text.h"

namespace streamlens::loaders::earnings_words {

using v1::MetricKind;

WordSet::WordSet(std::vector<std::string_view> words) : words_(std::move(words)) {
  std::sort(words_.begin(), words_.end());
  for (std::string_view w : words_) shapes_.set(Shape(w));
}

size_t WordSet::Shape(std::string_view w) {
  if (w.empty()) return 0;
  size_t h = w.size() * 131 + static_cast<unsigned char>(w.front()) * 31 + static_cast<unsigned char>(w.back());
  return h % kShapes;
}

bool WordSet::contains(std::string_view w) const {
  if (!shapes_.test(Shape(w))) return false;
  return std::binary_search(words_.begin(), words_.end(), w);
}

std::string Lower(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

void LowerInto(std::string_view s, std::string* out) {
  out->assign(s);
  char* p = out->data();
  const size_t n = out->size();
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: the capitals get the lower-case bit (0x20).
  // Bytes above 0x7f compare as negative and stay as they are.
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1), bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), _mm_or_si128(v, _mm_and_si128(upper, bit)));
  }
#endif
  for (; i < n; ++i) p[i] = AsciiLower(p[i]);
}

// IsAsciiSpace, deciding most characters (those above ' ') with one comparison.
static bool Space(char c) { return static_cast<unsigned char>(c) <= ' ' && IsAsciiSpace(c); }

// Room for the words of `s` without growing the vector in most lines (a
// word and its space take 5 characters or more in newswire text).
static size_t WordsToReserve(std::string_view s) { return s.size() / 4 + 1; }


std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  out.reserve(WordsToReserve(s));
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && Space(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !Space(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Lower-case tokens of a figure line: punctuation that ends a word (",", ";",
// ":", a final "." that is not a decimal point) and parentheses are removed.
std::vector<std::string> Tokens(std::string_view line) {
  std::vector<std::string> out;
  out.reserve(WordsToReserve(line));
  size_t pos = 0;
  std::string_view w;
  while (NextToken(line, &pos, &w)) {
    std::string& token = out.emplace_back(w);
    for (char& c : token) c = AsciiLower(c);
  }
  return out;
}

// "u.s.", "h.k.", "n.z." in any case: their final dot stays.
static bool KeepsFinalDot(std::string_view w) {
  if (w.size() != 4 || w[1] != '.' || w[3] != '.') return false;
  char a = AsciiLower(w[0]), b = AsciiLower(w[2]);
  return (a == 'u' && b == 's') || (a == 'h' && b == 'k') || (a == 'n' && b == 'z');
}

bool NextToken(std::string_view line, size_t* pos, std::string_view* token) {
  size_t i = *pos;
  while (i < line.size()) {
    while (i < line.size() && Space(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !Space(line[j])) ++j;
    std::string_view w = line.substr(i, j - i);
    i = j;
    while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.remove_prefix(1);
    while (!w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == ':' || w.back() == ')' ||
                          w.back() == '"' || (w.back() == '.' && !KeepsFinalDot(w)))) {
      w.remove_suffix(1);
    }
    if (w.empty() || w == "-" || w == "--") continue;
    *pos = i;
    *token = w;
    return true;
  }
  *pos = i;
  return false;
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------



// A short lower-case word's length, first and last letter as one number
// below 16 * 26 * 26; kNoShape for any other word.
constexpr size_t kNoShape = static_cast<size_t>(-1);
static size_t WordShape(std::string_view w) {
  auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
  if (w.empty() || w.size() > 15 || !letter(w.front()) || !letter(w.back())) return kNoShape;
  return (w.size() * 26 + static_cast<size_t>(w.front() - 'a')) * 26 + static_cast<size_t>(w.back() - 'a');
}

std::optional<int> WordNumber(std::string_view w) {
  static const std::map<std::string_view, int> kWords = {
      {"one", 1},      {"two", 2},        {"three", 3},    {"four", 4},      {"five", 5},      {"six", 6},
      {"seven", 7},    {"eight", 8},      {"nine", 9},     {"ten", 10},      {"eleven", 11},   {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},
      {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},  {"forty", 40},    {"fifty", 50},    {"sixty", 60},
      {"seventy", 70}, {"eighty", 80},    {"ninety", 90}};
  // The shapes (length, first and last letter) of the keys: most words asked
  // ("1.20", "shr", "net") have none of them and need no lookup. Empty (no
  // filter) if a key had no shape.
  static const std::vector<bool> kShapes = [] {
    std::vector<bool> shapes(16 * 26 * 26);
    for (const auto& [key, n] : kWords) {
      size_t shape = WordShape(key);
      if (shape == kNoShape) return std::vector<bool>();
      shapes[shape] = true;
    }
    return shapes;
  }();
  if (!kShapes.empty()) {
    size_t shape = WordShape(w);
    if (shape == kNoShape || !kShapes[shape]) return std::nullopt;
  }
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
  // Every number read below starts with a digit or a decimal point: a word
  // ("shr", "net") is none, answered without the searches that follow.
  if (tok.empty() || !(std::isdigit(static_cast<unsigned char>(tok.front())) || tok.front() == '.')) return false;
  // "7-1/2 cts", "28-1/2", "5-1/4": a whole number and a fraction whose
  // denominator is a power of two (Reuters' way with dividends and prices),
  // exactly as a decimal: 7.5, 28.5, 5.25.
  if (size_t slash = tok.find('/'); slash != std::string_view::npos) {
    size_t dash = tok.find('-');
    std::string_view whole = dash == std::string_view::npos ? std::string_view("0") : tok.substr(0, dash);
    std::string_view num = tok.substr(dash == std::string_view::npos ? 0 : dash + 1,
                                      slash - (dash == std::string_view::npos ? 0 : dash + 1));
    std::string_view den = tok.substr(slash + 1);
    int64_t w = 0, n = 0, d = 0;
    auto all = [](std::string_view x, int64_t* out) {
      auto [p, ec] = std::from_chars(x.data(), x.data() + x.size(), *out);
      return !x.empty() && ec == std::errc() && p == x.data() + x.size();
    };
    if (!all(whole, &w) || !all(num, &n) || !all(den, &d) || w > 100000) return false;
    int places = 0;
    int64_t scale = 1;
    for (int64_t k = d; k > 1; k /= 2) {
      if (k % 2 != 0) return false;
      ++places;
      scale *= 10;
    }
    if (d < 2 || places > 5 || n <= 0 || n >= d) return false;
    // n/d = n * 5^places / 10^places when d = 2^places.
    int64_t five = 1;
    for (int k = 0; k < places; ++k) five *= 5;
    v->mantissa = w * scale + n * five;
    v->frac = places;
    v->has_fraction = true;
    v->has_comma = false;
    return true;
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
  const std::string_view w = t[i];
  if (w == "nil" || WordNumber(w).has_value()) return true;
  RawValue probe;
  return ParseNumber(w, &probe);
}

// Currency qualifiers that come before a unit word ("U.S. dlrs", "Swiss
// francs", "Canadian dlrs").
std::optional<std::string> CurrencyWord(std::string_view w, std::string_view qualifier) {
  // Every unit word below, to turn away the other words (nearly all that are
  // asked: this runs on every word of the "vs" lines) in one look-up.
  static const WordSet kUnitWords = {"stg",     "sterling", "pence",      "pounds",  "yen",     "marks",  "dm",
                                     "dmk",     "guilders", "florins",    "lire",    "lira",    "schillings",
                                     "pesetas", "rand",     "won",        "ringgit", "rupees",  "rupee",  "pesos",
                                     "peso",    "francs",   "franc",      "crowns",  "kronor",  "kroner", "krona",
                                     "dlrs",    "dlr",      "dls",        "dollars", "dollar"};
  if (!kUnitWords.contains(w)) return std::nullopt;
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
  if (w == "pesos" || w == "peso") {
    if (qualifier == "philippine") return "PHP";
    if (qualifier == "mexican") return "MXN";
    return std::nullopt;
  }
  if (w == "francs" || w == "franc") {
    if (qualifier == "swiss") return "CHF";
    if (qualifier == "belgian") return "BEF";
    if (qualifier == "luxembourg") return "LUF";
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

std::string LocalCurrency(std::string_view code, std::string_view local) {
  if (code == "FRF" && (local == "CHF" || local == "BEF" || local == "LUF")) return std::string(local);
  if (code == "SEK" && (local == "DKK" || local == "NOK")) return std::string(local);
  return std::string(code);
}

bool IsQualifier(std::string_view w) {
  static const WordSet kQualifiers = {"u.s.",  "us",        "canadian", "c$",    "australian",
                                      "a$",    "h.k.",      "hk",       "n.z.",  "nz",
                                      "singapore", "swiss", "belgian",  "danish", "norwegian",
                                      "philippine", "mexican", "luxembourg"};
  return kQualifiers.contains(w);
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
    std::string_view w = t[k];
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
      v->currency_bare = qualifier.empty();
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
      {"share", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
      {"share basic", {v1::METRIC_KIND_EPS, UnitClass::kPerShare}},
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
      // European reports: the group's (consolidated) figures are the
      // company's, beside the parent company's ("Parent turnover" stays OTHER).
      {"net turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"consolidated turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"consolidated net turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"group turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"world group turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"total turnover", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"turnover excluding vat", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"turnover net of duties", {v1::METRIC_KIND_REVENUE, UnitClass::kMoney}},
      {"consolidated net", {v1::METRIC_KIND_NET_INCOME, UnitClass::kMoney}},
      {"avg shrs", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shr", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shares", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"average shares", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shrs primary", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"avg shrs outstanding", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"shrs outstanding", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"shrs", {v1::METRIC_KIND_AVERAGE_SHARES, UnitClass::kShares}},
      {"operating profit", {v1::METRIC_KIND_OPERATING_INCOME, UnitClass::kMoney}},
      // Reuters' "Oper" is operating net, beside "Oper shr": "Oper profit
      // 9,922,000 vs profit 15.1 mln" (Charter; "shr and net exclude ...").
      {"oper profit", {v1::METRIC_KIND_OPERATING_NET, UnitClass::kMoney}},
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
  // "Qtly div class B", "Class A qtly div", "Qtly div special common": a
  // dividend per share class, the class its segment so that each class's
  // dividend is a series of its own; "common" alone is the ordinary share.
  // (Most labels name no class: they are not copied.)
  std::string share_class;
  std::vector<std::string> unclassed;
  const bool names_class = std::any_of(words.begin(), words.end(),
                                       [](const std::string& w) { return w == "class" || w == "common"; });
  for (size_t k = 0; names_class && k < words.size(); ++k) {
    if (words[k] == "class" && k + 1 < words.size() && words[k + 1].size() == 1 && IsAsciiLower(words[k + 1][0])) {  // labels are lower case
      share_class = "Class " + std::string(1, static_cast<char>(words[k + 1][0] - 'a' + 'A'));
      ++k;
    } else if (words[k] == "common") {
      if (!unclassed.empty() && unclassed.back() == "special") {
        unclassed.pop_back();
        share_class = "Special common";
      }
    } else {
      unclassed.push_back(words[k]);
    }
  }
  const std::string_view last_unclassed = unclassed.empty() ? std::string_view() : std::string_view(unclassed.back());
  if (last_unclassed == "div" || last_unclassed == "dividend" || last_unclassed == "divs") {
    words = std::move(unclassed);
    info.segment = std::move(share_class);
  }
  const std::string_view last = words.empty() ? std::string_view() : std::string_view(words.back());
  bool div = !words.empty() && (last == "div" || last == "dividend" || last == "divs");
  if (div && words.size() <= 3) {
    info.kind = v1::METRIC_KIND_DIVIDEND;
    info.unit = UnitClass::kPerShare;
    info.known = true;
    std::string_view first = words.front();
    if (first == "qtly" || first == "qtrly" || first == "quarterly" || first == "qtr") {
      info.basis = v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER;
    } else if (first == "mthly" || first == "monthly") {
      info.basis = v1::COMPARISON_BASIS_UNSPECIFIED;
    }
    return info;
  }
  // Anything else is an OTHER figure; its unit follows its words. A trust's or
  // partnership's "Unit distribution one dlr vs 1.75 dlrs prior" is paid per
  // unit, like a dividend ("Distribution costs" is not).
  for (std::string_view w : words) {
    if (w == "shr" || w == "share" || w == "div" || w == "dividend") info.unit = UnitClass::kPerShare;
    if (w == "shrs" || w == "shares") info.unit = UnitClass::kShares;
  }
  // "Tonnes milled 3.74 mln vs 3.72 mln" (Gold Fields) is no sum of money.
  static const WordSet kCounted = {"tonnes", "tons", "tonnage", "barrels", "bbls", "ounces", "kgs", "kilos",
                                   "kilograms", "bushels", "carats", "employees"};
  if (std::any_of(words.begin(), words.end(), [](std::string_view w) { return kCounted.contains(w); })) {
    info.unit = UnitClass::kCount;
  }
  if (last == "distribution") info.unit = UnitClass::kPerShare;
  return info;
}

bool LabelTakesProfit(const std::vector<std::string>& label) {
  if (label.empty()) return false;
  std::string_view w = label.back();
  return w == "pretax" || w == "pre-tax" || w == "trading" || w == "operating" || w == "oper" || w == "gross" ||
         w == "attributable" || w == "group";
}

// ---------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------

static bool Pow10(int e, int64_t* out) {
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
static bool Scaled(int64_t mantissa, int frac, int shift, v1::Amount* a) {
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
  // "Revs 2,456,616 mln vs 2,979,206" (Terrano): a full amount written to
  // the unit, and a multiplier too; Reuters' typo, 2.5 trillion dollars.
  if (v.multiplier && v.has_comma && !v.has_fraction && v.mantissa >= 1000000) {
    *why = "an amount written in full with a multiplier after it";
    return false;
  }
  const std::string code =
      v.currency.empty() ? std::string(currency) : v.currency_bare ? LocalCurrency(v.currency, currency) : v.currency;
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
    // "Oper shr profit 442,000 vs profit 2,986,000" (AM International, the
    // net under a per-share label), "Shr out 5,950,000" (shares outstanding):
    // no share is worth that much.
    if (!cents && v.has_comma && !v.has_fraction && mantissa >= 100000) {
      *why = "a per-share value of " + std::to_string(mantissa) + ": not a per-share figure";
      return false;
    }
    ok = Scaled(mantissa, frac + (cents ? 2 : 0), 0, a);
    a->set_unit(v1::UNIT_MONEY_PER_SHARE);
    a->set_currency(v.unit == ValueUnit::kPence ? "GBP" : code);
  } else if (cls == UnitClass::kCount) {
    if (v.unit == ValueUnit::kDollars || !v.currency.empty()) {
      *why = "a count in money";
      return false;
    }
    ok = Scaled(mantissa, frac, v.multiplier, a);
    a->set_unit(v1::UNIT_COUNT);
  } else if (cls == UnitClass::kShares) {
    if (v.unit == ValueUnit::kDollars || !v.currency.empty()) {
      *why = "a share count in money";
      return false;
    }
    // "Shrs 238.99 vs same." (Santos, millions left unsaid), "Avg shrs
    // 3,317,104 vs 2,494.049" (a typo): no count of shares has a fraction.
    if (v.has_fraction && !v.multiplier && !v.nil) {
      *why = "a share count with a fraction and no multiplier";
      return false;
    }
    ok = Scaled(mantissa, frac, v.multiplier, a);
    a->set_unit(v1::UNIT_SHARES);
  } else {
    // "Revs 13.0 vs 9,767,000" (Genzyme, millions left out), "Unit loss
    // 4.36 dlrs" (Entex, per unit), "Net Shell Transport 4.78 dlrs" (per
    // share): a company's total is never stated to the cent.
    if (v.has_fraction && !v.multiplier && !v.nil) {
      *why = "a money figure with a fraction and no multiplier: per share or in millions, not said";
      return false;
    }
    ok = Scaled(mantissa, frac, v.multiplier, a);
    a->set_unit(v1::UNIT_MONEY);
    a->set_currency(code);
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
    // "Shr 24.8 cents vs 17.8" (Australian, Hong Kong, British reports give
    // cents with decimals): a decimal beside decimal cents is cents too; a
    // decimal beside whole cents ("Shr 45 cts vs 1.40") is dollars.
    if ((b.unit == ValueUnit::kCents || b.unit == ValueUnit::kPence) && (!a->has_fraction || b.has_fraction) &&
        a->multiplier == 0) {
      a->unit = b.unit;
    } else if (b.unit == ValueUnit::kPercent) {
      a->unit = b.unit;
    }
  }
  if (a->currency.empty() && !b.currency.empty()) {
    a->currency = b.currency;
    a->currency_bare = b.currency_bare;
  }
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
static bool ReadDate(const std::vector<std::string>& t, size_t* i, PeriodHeader* h) {
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

static void KindFromCount(int n, bool weeks, PeriodHeader* h) {
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
  static const WordSet kAfterOrdinal = {"qtr", "quarter", "half", "qtr.", "fiscal"};
  static const WordSet kSpanUnits = {"mths", "months", "month", "mos", "weeks", "wks", "week", "wk"};
  static const WordSet kFiller = {"fiscal", "the", "of", "and", "-", "mths.", "unaudited", "restated"};
  size_t k = begin;
  bool any = false;
  *bad = false;
  while (k < t.size()) {
    std::string_view w = t[k];
    std::string_view next = k + 1 < t.size() ? std::string_view(t[k + 1]) : std::string_view();
    int year = 0;
    if (auto o = Ordinal(w); o && k + 1 < t.size() && kAfterOrdinal.contains(next)) {
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
      // "31 WEEK YEAR" (Seaboard, a change of fiscal year): the span says
      // how long it is, and it is no year.
      if (h->kind == v1::PERIOD_KIND_UNSPECIFIED && !h->counted_span) h->kind = v1::PERIOD_KIND_YEAR;
      any = true;
    } else if (kSpanUnits.contains(w) && k > begin) {
      if (auto n = SmallNumber(t[k - 1])) {
        KindFromCount(*n, w == "weeks" || w == "wks" || w == "week" || w == "wk", h);
        h->counted_span = true;
      }
      any = true;
    } else if (k + 1 < t.size() && SmallNumber(w) && !IsYear(w, &year) && kSpanUnits.contains(next)) {
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
    } else if (kFiller.contains(w)) {
      // filler
    } else {
      if (strict) *bad = true;
      break;
    }
    ++k;
  }
  return any ? k : begin;
}

}  // namespace streamlens::loaders::earnings_words
