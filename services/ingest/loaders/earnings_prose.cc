#include "services/ingest/loaders/earnings_prose.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/earnings_text.h"

namespace streamlens::loaders {
namespace {

using namespace earnings_words;  // NOLINT: the shared word-level parsing

bool In(const std::set<std::string_view>& s, std::string_view w) { return s.count(w) > 0; }

// Words that make a statement something other than a result: a forecast, a
// condition, a restatement, an estimate.
bool HasHedge(const std::vector<std::string>& t) {
  static const std::set<std::string_view> kHedge = {
      "expects", "expect", "expected", "expecting", "sees", "see", "seen", "estimate", "estimates", "estimated",
      "will", "would", "could", "may", "might", "should", "projects", "projected", "projection", "forecast",
      "forecasts", "forecasted", "anticipates", "anticipated", "anticipate", "predicts", "predicted", "target",
      "targets", "if", "plans", "planned", "hopes", "outlook", "likely", "restated", "restates", "revised",
      "revises", "pro", "proforma", "unaudited", "preliminary", "potential", "between", "range"};
  for (const auto& w : t) {
    if (In(kHedge, w)) return true;
  }
  return false;
}

// Prose tokens: Tokens(), with "first-quarter" and "year-ago" split into
// words, "pre-tax" as "pretax", and "cts/shr" as "cts a share".
std::vector<std::string> ProseTokens(std::string_view text) {
  std::vector<std::string> tokens = Tokens(text);
  std::vector<std::string> out;
  out.reserve(tokens.size() + 2);
  for (std::string& w : tokens) {
    if (w.size() > 1 && w.back() == '\'') w.pop_back();  // "nine months' net income"
    if (w == "pre-tax") {
      out.push_back("pretax");
      continue;
    }
    size_t slash = w.find('/');
    if (slash != std::string::npos && slash > 0) {
      std::string unit = w.substr(0, slash), per = w.substr(slash + 1);
      if ((per == "shr" || per == "share") &&
          (unit == "cts" || unit == "ct" || unit == "dlrs" || unit == "dlr" || unit == "cents")) {
        out.push_back(unit);
        out.push_back("a");
        out.push_back("share");
        continue;
      }
    }
    size_t dash = w.find('-');
    bool alpha = dash != std::string::npos && dash > 0 && dash + 1 < w.size();
    for (char c : w) {
      if (c != '-' && !std::isalpha(static_cast<unsigned char>(c))) alpha = false;
    }
    if (alpha) {
      for (char& c : w) {
        if (c == '-') c = ' ';
      }
      for (auto& part : SplitWords(w)) out.push_back(std::move(part));
      continue;
    }
    out.push_back(std::move(w));
  }
  return out;
}

// ReadPeriodPhrase in prose: trailing small words ("the year ended Nov 30
// of") are not part of the phrase.
size_t PeriodEnd(const std::vector<std::string>& t, size_t k, PeriodHeader* probe) {
  bool bad = false;
  size_t stop = ReadPeriodPhrase(t, k, /*strict=*/false, probe, &bad);
  while (stop > k && (t[stop - 1] == "of" || t[stop - 1] == "the" || t[stop - 1] == "and" || t[stop - 1] == "-")) {
    --stop;
  }
  return stop;
}

bool IsApproximation(std::string_view w) {
  return w == "about" || w == "approximately" || w == "around" || w == "roughly" || w == "some" ||
         w == "nearly" || w == "almost" || w == "over" || w == "under" || w == "least" || w == "exceeding";
}

bool IsShareWord(std::string_view w) { return w == "share" || w == "shr" || w == "shares"; }

// "a share", "per share", "a shr" at t[*i]; advances past it.
bool ReadPerShare(const std::vector<std::string>& t, size_t* i) {
  size_t k = *i;
  if (k < t.size() && t[k] == "cash") ++k;
  if (k + 1 < t.size() && (t[k] == "a" || t[k] == "per" || t[k] == "each") && IsShareWord(t[k + 1])) {
    *i = k + 2;
    return true;
  }
  return false;
}

bool IsMoney(const RawValue& v) {
  if (v.nil || v.unit == ValueUnit::kCents || v.unit == ValueUnit::kPence || v.unit == ValueUnit::kPercent) {
    return false;
  }
  // "1.83 dlrs" without "mln" is a per-share figure, not a company's amount.
  bool scaled = v.multiplier > 0 || v.has_comma || (!v.has_fraction && v.mantissa >= 1000);
  return scaled && (v.multiplier > 0 || v.unit == ValueUnit::kDollars || !v.currency.empty());
}

// "1985" read as an amount: a year, not a figure.
bool LooksLikeYear(const RawValue& v) {
  return !v.has_fraction && !v.has_comma && v.multiplier == 0 && v.unit == ValueUnit::kNone && v.currency.empty() &&
         v.mantissa >= 1950 && v.mantissa <= 2100;
}

bool IsPerShare(const RawValue& v) {
  if (v.nil || v.multiplier > 0 || v.unit == ValueUnit::kPercent) return false;
  return v.unit == ValueUnit::kCents || v.unit == ValueUnit::kPence || v.unit == ValueUnit::kDollars;
}

// Both amounts in one unit and a known currency: a figure and its prior.
bool SameKind(const v1::Amount& a, const v1::Amount& b) {
  if (a.unit() != b.unit() || a.currency() != b.currency()) return false;
  if ((a.unit() == v1::UNIT_MONEY || a.unit() == v1::UNIT_MONEY_PER_SHARE) && a.currency().empty()) return false;
  return true;
}

// Makes a metric from a figure and its prior, or nullopt when they do not
// make one (units differ, currency unknown, value out of range).
std::optional<v1::Metric> MakeMetric(v1::MetricKind kind, std::string label, RawValue cur, RawValue prior,
                                     UnitClass cls, v1::ComparisonBasis basis, std::string_view currency) {
  ShareUnits(&cur, prior);
  ShareUnits(&prior, cur);
  if (cur.unit == ValueUnit::kPercent || prior.unit == ValueUnit::kPercent) return std::nullopt;
  v1::Metric m;
  m.set_kind(kind);
  m.set_label(std::move(label));
  std::string why;
  if (!ToAmount(cur, cls, currency, m.mutable_value(), &why)) return std::nullopt;
  if (!ToAmount(prior, cls, currency, m.mutable_prior_value(), &why)) return std::nullopt;
  if (!SameKind(m.value(), m.prior_value())) return std::nullopt;
  m.set_nil(cur.nil);
  m.set_basis(basis);
  return m;
}

// ---------------------------------------------------------------------------
// Dividend changes: "raised its quarterly dividend to 28 cts from 25 cts",
// "RAISES QUARTERLY TO 28 CTS FROM 25 CTS", "UPS QTLY DIV TO 68 CTS/SHR FROM
// 64 CTS".
// ---------------------------------------------------------------------------

bool SubjectIsCompany(const std::vector<std::string>& t, size_t begin, size_t end,
                      const std::vector<std::string>& name);

// `name`: the company's name words, to check the subject of a sentence;
// nullptr for a headline.
std::optional<v1::Metric> ReadDividendChange(const std::vector<std::string>& t, std::string_view currency,
                                             const std::vector<std::string>* name) {
  static const std::set<std::string_view> kVerbs = {
      "raises", "raised", "raise", "ups", "upped", "increases", "increased", "hikes", "hiked", "boosts", "boosted",
      "lifts", "lifted", "cuts", "cut", "lowers", "lowered", "reduces", "reduced", "trims", "trimmed"};
  static const std::set<std::string_view> kDivWords = {
      "its", "the", "quarterly", "qtly", "qtrly", "annual", "semi", "semiannual", "regular", "cash", "common",
      "dividend", "div", "payout", "stock", "on", "monthly", "mthly", "interim", "final", "distribution",
      "pre", "split", "presplit", "shares", "class", "a", "b", "and"};
  for (size_t v = 0; v < t.size(); ++v) {
    if (!In(kVerbs, t[v])) continue;
    if (name && !SubjectIsCompany(t, 0, v, *name)) continue;
    size_t k = v + 1;
    bool names_dividend = false;
    std::string label;
    bool quarterly = false, monthly = false, annual = false;
    while (k < t.size() && In(kDivWords, t[k])) {
      std::string_view w = t[k];
      if (w == "dividend" || w == "div" || w == "payout" || w == "distribution" || w == "quarterly" || w == "qtly" ||
          w == "qtrly") {
        names_dividend = true;
      }
      quarterly |= w == "quarterly" || w == "qtly" || w == "qtrly";
      monthly |= w == "monthly" || w == "mthly";
      annual |= w == "annual";
      if (w != "its" && w != "the" && w != "on" && w != "common" && w != "stock") {
        if (!label.empty()) label.push_back(' ');
        label += w;
      }
      ++k;
    }
    if (!names_dividend || k >= t.size() || t[k] != "to") continue;
    ++k;
    RawValue cur, prior;
    if (!ReadValue(t, &k, &cur) || cur.sign_stated) continue;
    ReadPerShare(t, &k);
    if (k >= t.size() || t[k] != "from") continue;
    ++k;
    if (!ReadValue(t, &k, &prior) || prior.sign_stated) continue;
    ReadPerShare(t, &k);
    // "from 90 cts to 1.00 dlrs": a range, not a prior.
    if (k < t.size() && (t[k] == "to" || t[k] == "pct")) continue;
    ShareUnits(&cur, prior);
    ShareUnits(&prior, cur);
    if (!IsPerShare(cur) || !IsPerShare(prior)) continue;
    v1::ComparisonBasis basis = quarterly ? v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER
                                : annual  ? v1::COMPARISON_BASIS_YEAR_OVER_YEAR
                                          : v1::COMPARISON_BASIS_UNSPECIFIED;
    (void)monthly;
    if (label.find("div") == std::string::npos && label.find("payout") == std::string::npos &&
        label.find("distribution") == std::string::npos) {
      label += " dividend";  // "RAISES QUARTERLY TO 28 CTS": the quarterly dividend
    }
    return MakeMetric(v1::METRIC_KIND_DIVIDEND, label, cur, prior, UnitClass::kPerShare, basis, currency);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Metric phrases in sentences
// ---------------------------------------------------------------------------

struct Phrase {
  size_t begin = 0, end = 0;
  v1::MetricKind kind = v1::METRIC_KIND_UNSPECIFIED;
  bool loss = false;
  std::string label;
};

// The metric phrase starting at t[i], if any.
std::optional<Phrase> PhraseAt(const std::vector<std::string>& t, size_t i) {
  struct Form {
    std::vector<std::string_view> words;
    v1::MetricKind kind;
    bool loss;
  };
  static const std::vector<Form> kForms = {
      {{"earnings", "per", "share"}, v1::METRIC_KIND_EPS, false},
      {{"net", "income", "per", "share"}, v1::METRIC_KIND_EPS, false},
      {{"net", "income"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "profit"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "profits"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "earnings"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"net", "loss"}, v1::METRIC_KIND_NET_INCOME, true},
      {{"net", "sales"}, v1::METRIC_KIND_REVENUE, false},
      {{"net"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"earnings"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"profit"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"profits"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"loss"}, v1::METRIC_KIND_NET_INCOME, true},
      {{"operating", "profit"}, v1::METRIC_KIND_OPERATING_INCOME, false},
      {{"operating", "profits"}, v1::METRIC_KIND_OPERATING_INCOME, false},
      {{"operating", "income"}, v1::METRIC_KIND_OPERATING_INCOME, false},
      {{"operating", "loss"}, v1::METRIC_KIND_OPERATING_INCOME, true},
      {{"operating", "earnings"}, v1::METRIC_KIND_OPERATING_NET, false},
      {{"operating", "net"}, v1::METRIC_KIND_OPERATING_NET, false},
      {{"pretax", "profit"}, v1::METRIC_KIND_OTHER, false},
      {{"pretax", "profits"}, v1::METRIC_KIND_OTHER, false},
      {{"pretax", "earnings"}, v1::METRIC_KIND_OTHER, false},
      {{"pretax", "income"}, v1::METRIC_KIND_OTHER, false},
      {{"pretax", "loss"}, v1::METRIC_KIND_OTHER, true},
      {{"revenues"}, v1::METRIC_KIND_REVENUE, false},
      {{"revenue"}, v1::METRIC_KIND_REVENUE, false},
      {{"sales"}, v1::METRIC_KIND_REVENUE, false},
      {{"turnover"}, v1::METRIC_KIND_REVENUE, false},
  };
  // A figure of a part or of another kind: "gross profit", "trading profit",
  // "extraordinary loss", "parent company profit", "exchange losses".
  static const std::set<std::string_view> kBadBefore = {
      "gross",   "trading", "extraordinary", "parent",  "exchange", "currency", "tax",     "interest",
      "premium", "unit",    "division",      "segment", "retail",   "car",      "unit's",  "division's",
      "before",  "after",   "per",           "one-time", "special", "capital",  "book",    "export",
      "domestic", "foreign", "investment",   "dividend", "quarterly", "monthly", "weekly", "same-store",
      "comparable", "store", "operating", "loan", "pretax", "parent's", "net"};
  for (const Form& f : kForms) {
    if (i + f.words.size() > t.size()) continue;
    bool match = true;
    for (size_t k = 0; k < f.words.size(); ++k) {
      if (t[i + k] != f.words[k]) {
        match = false;
        break;
      }
    }
    if (!match) continue;
    if (i > 0 && In(kBadBefore, t[i - 1])) return std::nullopt;
    size_t end = i + f.words.size();
    // "loss from continuing operations", "profit before tax": another figure.
    if (end < t.size() && (t[end] == "before" || t[end] == "from" || t[end] == "attributable" ||
                           t[end] == "excluding" || t[end] == "per")) {
      if (!(t[end] == "from" && f.kind == v1::METRIC_KIND_REVENUE)) return std::nullopt;
    }
    Phrase p;
    p.begin = i;
    p.end = end;
    p.kind = f.kind;
    p.loss = f.loss;
    for (auto w : f.words) {
      if (!p.label.empty()) p.label.push_back(' ');
      p.label += w;
    }
    return p;
  }
  return std::nullopt;
}

bool IsDirection(std::string_view w) {
  static const std::set<std::string_view> kDir = {
      "rose",  "fell",   "increased", "decreased", "declined", "dropped", "climbed", "jumped", "grew",
      "slipped", "gained", "improved", "eased",   "rising",   "falling", "slumped", "surged", "plunged",
      "advanced", "soared", "tumbled", "widened", "narrowed", "was",    "were"};
  return In(kDir, w);
}

// Words that may stand between a metric phrase and its value: period words
// and small words ("net earnings in its first quarter ended March 31 of").
bool IsFiller(std::string_view w) {
  static const std::set<std::string_view> kFill = {
      "in", "for", "the", "its", "their", "reported", "attributable", "group", "consolidated", "calendar",
      "and", "also", "a", "an", "company's", "total", "fiscal", "latest", "current", "record"};
  return In(kFill, w);
}

// The period named by t[begin, end): the last period phrase in that span.
// Sets *odd when the span names a span of time that is no reporting period
// ("the first two months of 1987", "ten weeks").
PeriodHeader PeriodIn(const std::vector<std::string>& t, size_t begin, size_t end, bool* odd = nullptr) {
  PeriodHeader best;
  std::vector<std::string> span(t.begin() + begin, t.begin() + end);
  for (size_t k = 0; k < span.size();) {
    PeriodHeader probe;
    size_t stop = PeriodEnd(span, k, &probe);
    if (stop == k) {
      std::string_view w = span[k];
      if (odd && (w == "month" || w == "months" || w == "mths" || w == "week" || w == "weeks" || w == "wks" ||
                  w == "date")) {
        *odd = true;
      }
      ++k;
      continue;
    }
    if (probe.counted_span && probe.kind == v1::PERIOD_KIND_UNSPECIFIED) {
      if (odd) *odd = true;
    } else if (probe.kind != v1::PERIOD_KIND_UNSPECIFIED || probe.fiscal_year != 0) {
      if (probe.kind == v1::PERIOD_KIND_UNSPECIFIED) probe.kind = v1::PERIOD_KIND_YEAR;  // "in 1986"
      std::string label;
      for (size_t j = k; j < stop; ++j) {
        if (!label.empty()) label.push_back(' ');
        label += span[j];
      }
      probe.label = label;
      best = probe;
    }
    k = stop;
  }
  return best;
}

// The words of the entity's name, as tokens without dots and "'s"
// ("H.J. Heinz Co" -> "hj", "heinz", "co").
std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> out;
  for (std::string w : Tokens(name)) {
    std::string x;
    for (char c : w) {
      if (c != '.' && c != '<' && c != '>') x.push_back(c);
    }
    if (x.size() > 2 && x.compare(x.size() - 2, 2, "'s") == 0) x.resize(x.size() - 2);
    if (!x.empty()) out.push_back(x);
  }
  return out;
}

// The words before a figure say whose figure it is. Accepted: nothing but
// period words ("Fourth quarter net ..."), or the company as subject ("The
// company", "It", "The bank", its own name) with a reporting verb ("said",
// "reported", "had") and small words: "Earlier, the company reported first
// quarter ... earnings of". Anything else ("Carbon products posted
// operating profit of", "Laurentian Capital Corp ... had profit of") may be a
// part's or another company's figure.
bool SubjectIsCompany(const std::vector<std::string>& t, size_t begin, size_t end,
                      const std::vector<std::string>& name) {
  static const std::set<std::string_view> kAllowed = {
      "the", "company", "company's", "it", "its", "bank", "bank's", "group", "group's", "corporation", "firm",
      "utility", "board", "directors", "said", "reported", "reports", "had", "has", "posted", "earned",
      "recorded", "announced", "showed", "made", "incurred", "suffered", "that", "a", "an", "also", "earlier",
      "today", "yesterday", "record", "higher", "lower", "total", "consolidated", "attributable", "for", "in",
      "during", "and", "while", "although", "but", "whereas", "with", "inc", "corp", "co", "ltd", "plc", "ag",
      "nv", "sa", "spa", "cos", "declared", "approved", "voted", "ended", "ending", "reporting", "said",
      "unaudited", "audited", "final", "interim", "this", "was", "were", "which", "however", "addition",
      "separately"};
  for (size_t k = begin; k < end;) {
    PeriodHeader probe;
    size_t stop = PeriodEnd(t, k, &probe);
    if (stop > k) {
      k = stop;
      continue;
    }
    std::string w = t[k];
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    std::string bare;
    for (char c : w) {
      if (c != '.') bare.push_back(c);
    }
    // "United Telecommunications" for "UNITED TELECOM": one word a prefix of the other.
    bool in_name = std::any_of(name.begin(), name.end(), [&](const std::string& n) {
      size_t common = std::min(n.size(), bare.size());
      return common >= 4 ? n.compare(0, common, bare, 0, common) == 0 : n == bare;
    });
    int year = 0;
    if (kAllowed.count(t[k]) == 0 && !in_name && !IsYear(w, &year) &&
        !MonthFromName(w) && !(SmallNumber(w) && k > begin && MonthFromName(t[k - 1]))) {
      return false;
    }
    ++k;
  }
  return true;
}

// The first period a sentence names for its own figures: not one before a
// comparison's prior ("from 1,177 billion in 1985") or a prior's own ("a
// year ago", "last year").
PeriodHeader FirstPeriodIn(const std::vector<std::string>& t) {
  for (size_t k = 0; k < t.size();) {
    // Past a comparison the periods are the prior's.
    if (t[k] == "from" || t[k] == "compared" || t[k] == "versus" || t[k] == "vs" || t[k] == "against" ||
        t[k] == "than") {
      break;
    }
    PeriodHeader probe;
    size_t stop = PeriodEnd(t, k, &probe);
    if (stop == k) {
      ++k;
      continue;
    }
    bool prior = (k > 0 && (t[k - 1] == "a" || t[k - 1] == "last" || t[k - 1] == "previous" ||
                            t[k - 1] == "prior" || t[k - 1] == "same")) ||
                 (stop < t.size() && (t[stop] == "ago" || t[stop] == "earlier" || t[stop] == "before"));
    if (!prior && (probe.kind != v1::PERIOD_KIND_UNSPECIFIED || probe.fiscal_year != 0)) return PeriodIn(t, k, stop);
    k = stop;
  }
  return PeriodHeader{};
}

// A span naming the prior period rather than the current one.
bool NamesPriorPeriod(const std::vector<std::string>& t, size_t begin, size_t end) {
  for (size_t k = begin; k < end; ++k) {
    std::string_view w = t[k];
    std::string_view next = k + 1 < t.size() ? t[k + 1] : w;
    bool after_year = k > begin && t[k - 1] == "year";
    // "previously reported 1986 earnings of": an earlier, since restated, figure.
    if (w == "ago" || ((w == "earlier" || w == "before") && after_year) ||
        (w == "last" && (next == "year" || next == "year's")) || w == "previous" || w == "prior" ||
        w == "previously") {
      return true;
    }
  }
  return false;
}

// Reads the sign a prior states after its cue: "compared with a loss of",
// "versus net income of". Returns false when the words name another metric.
bool ReadPriorLead(const std::vector<std::string>& t, size_t* i, v1::MetricKind kind, int* sign) {
  size_t k = *i;
  *sign = 0;
  if (k < t.size() && (t[k] == "a" || t[k] == "an")) ++k;
  int year = 0;
  if (k < t.size() && IsYear(t[k], &year)) ++k;  // "a 1985 loss of 57 mln"
  // "from year-earlier 78 mln dlrs", "from year-ago 64 cts"
  if (k + 1 < t.size() && t[k] == "year" && (t[k + 1] == "earlier" || t[k + 1] == "ago")) k += 2;
  // "up from fiscal 1985 third quarter results of 563,000 dlrs"
  PeriodHeader probe;
  if (size_t stop = PeriodEnd(t, k, &probe); stop > k && stop + 1 < t.size() && t[stop] == "results" &&
                                              t[stop + 1] == "of") {
    *i = stop + 2;
    return true;
  }
  if (k < t.size() && t[k] == "net") ++k;
  if (k < t.size()) {
    std::string_view w = t[k];
    if (w == "loss" || w == "losses") {
      *sign = -1;
      ++k;
    } else if (w == "profit" || w == "profits" || w == "income" || w == "earnings") {
      if (kind == v1::METRIC_KIND_REVENUE) return false;
      *sign = 1;
      ++k;
    } else if (w == "revenues" || w == "revenue" || w == "sales" || w == "turnover") {
      if (kind != v1::METRIC_KIND_REVENUE) return false;
      ++k;
    }
    // "revenues of X, compared with a loss of Y": Y is another metric's.
    if (kind == v1::METRIC_KIND_REVENUE && *sign != 0) return false;
    if (*sign != 0 || k != *i) {
      if (k < t.size() && t[k] == "of") ++k;
    }
  }
  *i = k;
  return true;
}

struct Cue {
  bool found = false;
  size_t after = 0;
};

// "compared with", "compared to", "versus", "vs", "against", "up from",
// "down from" at t[i] (after "to X", a bare "from").
Cue CueAt(const std::vector<std::string>& t, size_t i, bool to_form) {
  Cue c;
  if (i >= t.size()) return c;
  std::string_view w = t[i];
  if (w == "compared" || w == "comparing") {
    if (i + 1 < t.size() && (t[i + 1] == "with" || t[i + 1] == "to")) return {true, i + 2};
    return c;
  }
  if (w == "versus" || w == "vs" || w == "against") return {true, i + 1};
  if ((w == "up" || w == "down") && i + 1 < t.size() && t[i + 1] == "from") return {true, i + 2};
  if (to_form && w == "from") return {true, i + 1};
  return c;
}

void ApplySign(RawValue* v, int sign, bool phrase_loss) {
  if (v->sign_stated) return;
  if (sign < 0 || (sign == 0 && phrase_loss)) v->negative = true;
}

// ", or 1.05 dlrs per share" after an amount: the per-share figure beside it.
// Reuters also leaves out "a share" ("76.9 mln dlrs or 3.26 dlrs from 73.1
// mln or 3.18 dlrs"): beside an amount, a figure in cents or dollars without
// "mln" is the per-share one.
std::optional<RawValue> ReadOrPerShare(const std::vector<std::string>& t, size_t* k) {
  if (*k + 1 >= t.size() || t[*k] != "or") return std::nullopt;
  size_t j = *k + 1;
  RawValue e;
  if (!ReadValue(t, &j, &e)) return std::nullopt;
  if (!ReadPerShare(t, &j) && !IsPerShare(e)) return std::nullopt;
  *k = j;
  return e;
}

// " on revenues of 600,971 dlrs" after an amount.
std::optional<RawValue> ReadOnRevenues(const std::vector<std::string>& t, size_t* k) {
  size_t j = *k;
  if (j + 2 >= t.size() || t[j] != "on") return std::nullopt;
  if (t[j + 1] != "revenues" && t[j + 1] != "revenue" && t[j + 1] != "sales" && t[j + 1] != "turnover") {
    return std::nullopt;
  }
  if (t[j + 2] != "of") return std::nullopt;
  j += 3;
  RawValue r;
  if (!ReadValue(t, &j, &r) || r.sign_stated) return std::nullopt;
  *k = j;
  return r;
}

// Skips period words and fillers from t[k] ("in 1985", "in the 1985
// period"); returns the index after them.
size_t SkipPeriodWords(const std::vector<std::string>& t, size_t k) {
  for (size_t guard = 0; k < t.size() && guard < 8; ++guard) {
    PeriodHeader probe;
    size_t stop = PeriodEnd(t, k, &probe);
    if (stop > k) {
      k = stop;
    } else if (IsFiller(t[k])) {
      ++k;
    } else {
      break;
    }
  }
  return k;
}

// The figures of one sentence. A figure whose words name no period takes the
// period of the sentence's previous figure.
void ReadSentence(const std::vector<std::string>& t, std::string_view currency, const std::vector<std::string>& name,
                  std::vector<SentenceFigure>* out) {
  size_t from = 0;  // where the current figure's own words start
  PeriodHeader last_period;
  for (size_t i = 0; i < t.size(); ++i) {
    auto phrase = PhraseAt(t, i);
    if (!phrase) continue;
    if (!SubjectIsCompany(t, from, phrase->begin, name)) continue;
    size_t k = phrase->end;
    // Skip period words and small words up to the value's introducer.
    size_t skipped = 0;
    bool to_form = false;
    bool introduced = false;
    while (k < t.size() && skipped < 14) {
      PeriodHeader probe;
      size_t stop = PeriodEnd(t, k, &probe);
      if (stop > k) {
        skipped += stop - k;
        k = stop;
        continue;
      }
      std::string_view w = t[k];
      if (w == "of" || w == "totalled" || w == "totaled" || w == "totalling" || w == "totaling" || w == "at") {
        ++k;
        introduced = true;
        break;
      }
      if (IsDirection(w)) {
        ++k;
        // "rose 15 pct to": the change, then the figure.
        size_t j = k;
        RawValue change;
        if (j < t.size() && t[j] == "by") ++j;
        if (ReadValue(t, &j, &change) && change.unit == ValueUnit::kPercent) k = j;
        if (k < t.size() && t[k] == "to") {
          ++k;
          to_form = true;
          introduced = true;
        } else if (w == "was" || w == "were") {
          introduced = true;
        }
        break;
      }
      if (w == "amounted" && k + 1 < t.size() && t[k + 1] == "to") {
        k += 2;
        introduced = true;
        break;
      }
      if (!IsFiller(w)) break;
      ++k;
      ++skipped;
    }
    if (!introduced) continue;
    size_t value_at = k;
    // "net of about 9.8 mln dlrs": an approximation is no reported figure.
    if (k > 0 && IsApproximation(t[k - 1])) continue;
    RawValue cur;
    if (!ReadValue(t, &k, &cur) || LooksLikeYear(cur)) continue;
    bool per_share = ReadPerShare(t, &k);
    std::optional<RawValue> cur_eps = per_share ? std::nullopt : ReadOrPerShare(t, &k);
    std::optional<RawValue> cur_rev = ReadOnRevenues(t, &k);
    // Period words ("in 1986", "for the quarter") before the cue.
    size_t cue_search = k;
    Cue cue;
    for (size_t s = 0; s < 8 && cue_search < t.size(); ++s) {
      cue = CueAt(t, cue_search, to_form);
      if (cue.found) break;
      PeriodHeader probe;
      size_t stop = PeriodEnd(t, cue_search, &probe);
      if (stop > cue_search) {
        cue_search = stop;
        continue;
      }
      if (!IsFiller(t[cue_search])) break;
      ++cue_search;
    }
    if (!cue.found) continue;
    size_t p = cue.after;
    int sign = 0;
    if (!ReadPriorLead(t, &p, phrase->kind, &sign)) continue;
    RawValue prior;
    if ((p > 0 && IsApproximation(t[p - 1])) || !ReadValue(t, &p, &prior) || LooksLikeYear(prior)) continue;
    bool prior_per_share = ReadPerShare(t, &p);
    std::optional<RawValue> prior_eps = prior_per_share ? std::nullopt : ReadOrPerShare(t, &p);
    std::optional<RawValue> prior_rev = ReadOnRevenues(t, &p);
    // "from 90 cts to 1.00 dlrs": a range; "... from 12 pct": a rate.
    if (p < t.size() && (t[p] == "to" || t[p] == "pct" || t[p] == "percent")) continue;
    size_t next_from = SkipPeriodWords(t, p);  // "in 1985": the prior's period
    // The words before the value must not name the prior period ("the
    // year-ago 4.8 mln dlrs"); the period is the one they name, else the
    // previous figure's.
    if (NamesPriorPeriod(t, from, value_at)) continue;
    bool odd = false;
    PeriodHeader period = PeriodIn(t, from, cue_search, &odd);
    if (odd) continue;  // "the first two months of 1987"
    // "net income for the period of ...": a period the sentence does not name.
    if (period.kind == v1::PERIOD_KIND_UNSPECIFIED &&
        std::find(t.begin() + from, t.begin() + cue_search, "period") != t.begin() + cue_search) {
      continue;
    }
    if (period.kind == v1::PERIOD_KIND_UNSPECIFIED) period = last_period;
    if (per_share != prior_per_share) continue;
    bool loss = phrase->loss;
    ApplySign(&cur, 0, loss);
    ApplySign(&prior, sign, loss);
    v1::MetricKind kind = phrase->kind;
    std::string label = phrase->label;
    std::optional<v1::Metric> m;
    if (per_share) {
      // "net income of 10 cts a share": earnings per share.
      if (kind == v1::METRIC_KIND_NET_INCOME) kind = v1::METRIC_KIND_EPS;
      else if (kind == v1::METRIC_KIND_OPERATING_NET || kind == v1::METRIC_KIND_OPERATING_INCOME) {
        kind = v1::METRIC_KIND_OPERATING_EPS;
      } else if (kind != v1::METRIC_KIND_EPS) {
        continue;
      }
      if (!IsPerShare(cur)) continue;
      m = MakeMetric(kind, label + " per share", cur, prior, UnitClass::kPerShare,
                     v1::COMPARISON_BASIS_YEAR_OVER_YEAR, currency);
    } else if (kind == v1::METRIC_KIND_EPS) {
      if (!IsPerShare(cur)) continue;
      m = MakeMetric(kind, label, cur, prior, UnitClass::kPerShare, v1::COMPARISON_BASIS_YEAR_OVER_YEAR, currency);
    } else {
      if (!IsMoney(cur)) continue;
      m = MakeMetric(kind, label, cur, prior, UnitClass::kMoney, v1::COMPARISON_BASIS_YEAR_OVER_YEAR, currency);
    }
    if (!m) continue;
    out->push_back({period, std::move(*m), PeriodHeader{}});
    if (cur_eps && prior_eps && kind == v1::METRIC_KIND_NET_INCOME && IsPerShare(*cur_eps)) {
      RawValue ce = *cur_eps, pe = *prior_eps;
      ApplySign(&ce, 0, loss);
      ApplySign(&pe, sign, loss);
      if (auto e = MakeMetric(v1::METRIC_KIND_EPS, "per share", ce, pe, UnitClass::kPerShare,
                              v1::COMPARISON_BASIS_YEAR_OVER_YEAR, currency)) {
        out->push_back({period, std::move(*e), PeriodHeader{}});
      }
    }
    if (cur_rev && prior_rev && kind != v1::METRIC_KIND_REVENUE && IsMoney(*cur_rev)) {
      if (auto r = MakeMetric(v1::METRIC_KIND_REVENUE, "revenues", *cur_rev, *prior_rev, UnitClass::kMoney,
                              v1::COMPARISON_BASIS_YEAR_OVER_YEAR, currency)) {
        out->push_back({period, std::move(*r), PeriodHeader{}});
      }
    }
    last_period = period;
    from = next_from;
    i = next_from > 0 ? next_from - 1 : 0;
  }
}

// Sentences of a body: lines joined, cut after ". " before a capital letter
// (not after an abbreviation such as "U.S." or "Inc.") and at ";".
std::vector<std::string> Sentences(std::string_view body) {
  std::string text(body);
  for (char& c : text) c = c == '\n' || c == '\t' ? ' ' : c;
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!Trim(cur).empty()) out.emplace_back(Trim(cur));
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    cur.push_back(c);
    if (c == ';') {
      flush();
      continue;
    }
    // A sentence ends at ". " or ".\" " before a capital letter.
    bool quote_end = c == '"' && i > 0 && text[i - 1] == '.';
    if ((c != '.' && !quote_end) || i + 2 >= text.size() || text[i + 1] != ' ') continue;
    size_t n = i + 1;
    while (n < text.size() && text[n] == ' ') ++n;
    if (n >= text.size()) continue;
    char next = text[n];
    if (!std::isupper(static_cast<unsigned char>(next)) && next != '<' && next != '"') continue;
    // The word before the dot.
    size_t b = cur.size() - 1;
    while (b > 0 && cur[b - 1] != ' ') --b;
    std::string word = Lower(std::string_view(cur).substr(b, cur.size() - 1 - b));
    if (quote_end) word.clear();
    static const std::set<std::string_view> kAbbrev = {
        "u.s", "inc", "corp", "co", "ltd", "mr", "mrs", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "calif", "n.y", "n.j", "mass", "conn", "ill", "ont", "va"};
    if (!quote_end && (word.size() <= 1 || In(kAbbrev, word))) continue;
    flush();
  }
  flush();
  return out;
}

std::string ReplaceParenPrior(std::string_view title) {
  // "NET LOSS 688 MLN SWISS FRANCS (LOSS 756 MLN)": Reuters' prior in
  // parentheses, read as "vs".
  std::string s(title);
  size_t open = s.find('(');
  if (open == std::string::npos) return s;
  size_t close = s.find(')', open);
  if (close == std::string::npos) return s;
  std::vector<std::string> inside = Tokens(s.substr(open + 1, close - open - 1));
  if (inside.empty()) return s;
  size_t k = 0;
  RawValue probe;
  if (!ReadValue(inside, &k, &probe) || k != inside.size()) return s;
  return s.substr(0, open) + " vs " + s.substr(open + 1, close - open - 1) + s.substr(close + 1);
}

bool IsPretaxLabel(const std::string& normalised) {
  return normalised == "pretax profit" || normalised == "pre tax profit" || normalised == "pretax profits" ||
         normalised == "pre tax profits" || normalised == "pretax" || normalised == "operating profit" ||
         normalised == "operating profits";
}

}  // namespace

std::vector<v1::Metric> ReadHeadlineFigures(std::string_view title, std::string_view currency) {
  std::vector<v1::Metric> out;
  std::string text = ReplaceParenPrior(title);
  // "... -- OFFICIAL", "... - official", "... end of body": trailers.
  for (std::string_view trailer : {"-- official", "- official", "end of body"}) {
    std::string lower = Lower(text);
    size_t at = lower.rfind(trailer);
    if (at != std::string::npos && Trim(lower.substr(at + trailer.size())).empty()) text.erase(at);
  }
  std::vector<std::string> all = ProseTokens(text);
  if (HasHedge(all)) return out;
  if (auto div = ReadDividendChange(all, currency, nullptr)) {
    out.push_back(std::move(*div));
    return out;
  }
  // The first clause (up to ", ") holds the report's figure: "NESTLE 1986
  // NET 1.79 BILLION SWISS FRANCS VS 1.75 BILLION, DIV UNCHANGED ...".
  std::string clause = text.substr(0, text.find(", "));
  if (std::find(all.begin(), all.end(), "vs") == all.end()) return out;  // no prior stated
  std::vector<std::string> words = SplitWords(clause);
  for (size_t k = 0; k < words.size(); ++k) {
    std::string line;
    for (size_t j = k; j < words.size(); ++j) {
      if (!line.empty()) line.push_back(' ');
      line += words[j];
    }
    std::string why;
    auto m = ParseFigureLine(line, currency, &why);
    if (!m) continue;
    if (!m->has_prior_value()) break;
    std::vector<std::string> label_words = SplitWords(Lower(m->label()));
    std::string normalised = NormaliseLabel(label_words);
    if (m->kind() == v1::METRIC_KIND_OTHER) {
      if (!IsPretaxLabel(normalised)) continue;
      if (normalised.rfind("operating", 0) == 0) m->set_kind(v1::METRIC_KIND_OPERATING_INCOME);
    }
    // "4TH QTR OPER NET 30 CTS VS 20 CTS", "1ST QTR LOSS 28 CTS": Reuters'
    // shorthand for the per-share figure.
    if (m->value().unit() == v1::UNIT_MONEY_PER_SHARE) {
      if (m->kind() == v1::METRIC_KIND_NET_INCOME) m->set_kind(v1::METRIC_KIND_EPS);
      if (m->kind() == v1::METRIC_KIND_OPERATING_NET) m->set_kind(v1::METRIC_KIND_OPERATING_EPS);
    }
    if (!SameKind(m->value(), m->prior_value())) break;
    out.push_back(std::move(*m));
    break;
  }
  return out;
}

bool IsHedged(std::string_view text) { return HasHedge(ProseTokens(text)); }

std::vector<SentenceFigure> ReadSentenceFigures(std::string_view body, std::string_view currency,
                                                std::string_view company_name) {
  static const std::set<std::string_view> kPartWords = {
      "division", "divisions", "unit", "units", "subsidiary", "subsidiaries", "segment", "segments", "sector",
      "sectors", "affiliate", "affiliates", "offshoot", "unit's", "division's", "subsidiary's"};
  std::vector<std::string> name = NameWords(company_name);
  std::vector<SentenceFigure> out;
  // The body's first company mark, its subject.
  std::string first_mark;
  if (size_t lt = body.find('<'); lt != std::string_view::npos) {
    std::vector<std::string> mark = Tokens(body.substr(lt, body.find_first_of(" \t\n", lt) - lt));
    if (!mark.empty()) first_mark = mark.front();
  }
  std::vector<std::string> sentences = Sentences(body);
  // The previous sentence: the period of the figures read from it, else
  // (computed only when needed) the first period it names.
  size_t previous = sentences.size();
  std::optional<PeriodHeader> previous_figures;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::string& sentence = sentences[s];
    // A sentence without a digit or a unit word ("two cts") states no figure
    // (most of them): not tokenised.
    bool digit = std::any_of(sentence.begin(), sentence.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digit) {
      std::string lower = Lower(sentence);
      for (std::string_view unit : {" ct", " dlr", " mln", " billion"}) {
        if (lower.find(unit) != std::string::npos) digit = true;
      }
    }
    std::optional<PeriodHeader> figures;
    if (digit) {
      std::vector<std::string> t = ProseTokens(sentence);
      // A sentence that names another company or a part of this one.
      bool other = false;
      for (const auto& w : t) {
        if (In(kPartWords, w)) other = true;
        if (!w.empty() && w.front() == '<' && w != first_mark) other = true;
      }
      if (!other && !HasHedge(t)) {
        if (auto div = ReadDividendChange(t, currency, &name)) {
          out.push_back({PeriodHeader{}, std::move(*div), PeriodHeader{}});
        } else {
          size_t before = out.size();
          ReadSentence(t, currency, name, &out);
          if (out.size() > before) {
            PeriodHeader earlier;
            if (previous_figures) {
              earlier = *previous_figures;
            } else if (previous < sentences.size()) {
              earlier = FirstPeriodIn(ProseTokens(sentences[previous]));
            }
            for (size_t k = before; k < out.size(); ++k) out[k].earlier_period = earlier;
            // The next sentence's figures continue these ("Revenues rose to ...").
            if (out.back().period.kind != v1::PERIOD_KIND_UNSPECIFIED) figures = out.back().period;
          }
        }
      }
    }
    previous = s;
    previous_figures = figures;
  }
  return out;
}

}  // namespace streamlens::loaders
