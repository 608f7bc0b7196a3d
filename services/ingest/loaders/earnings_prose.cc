#include "services/ingest/loaders/earnings_prose.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "services/common/ascii.h"
#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/earnings_text.h"

namespace streamlens::loaders {
namespace {

using namespace earnings_words;  // NOLINT: the shared word-level parsing

bool In(const WordSet& s, std::string_view w) { return s.contains(w); }

// Words that make a statement something other than a result: a forecast, a
// condition, a restatement, an estimate.
bool HasHedge(const std::vector<std::string>& t) {
  static const WordSet kHedge = {
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
      if (c != '-' && !IsAsciiAlpha(c)) alpha = false;
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
                      const std::vector<std::string>& name, bool descriptive = false);

// A dividend per share and its prior; a quarterly one compares with the
// previous quarter, an annual one with the previous year. Nullopt when they
// are not both per-share amounts.
std::optional<v1::Metric> DividendMetric(std::string label, RawValue cur, RawValue prior, bool quarterly, bool annual,
                                         std::string_view currency) {
  ShareUnits(&cur, prior);
  ShareUnits(&prior, cur);
  if (!IsPerShare(cur) || !IsPerShare(prior)) return std::nullopt;
  v1::ComparisonBasis basis = quarterly ? v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER
                              : annual  ? v1::COMPARISON_BASIS_YEAR_OVER_YEAR
                                        : v1::COMPARISON_BASIS_UNSPECIFIED;
  return MakeMetric(v1::METRIC_KIND_DIVIDEND, std::move(label), cur, prior, UnitClass::kPerShare, basis, currency);
}

// "Engelhard Corp said its board declared a three-for-two stock split and
// raised ...": where the clause of a split declared before the verb at t[v]
// starts ("declared"), else v.
size_t SplitClauseStart(const std::vector<std::string>& t, size_t v) {
  if (v < 7 || t[v - 1] != "and" || t[v - 2] != "split" || t[v - 3] != "stock") return v;
  size_t k = v - 4;  // "three for two": N "for" M
  if (!SmallNumber(t[k]) || t[k - 1] != "for" || !SmallNumber(t[k - 2])) return v;
  k -= 2;
  if (k >= 2 && t[k - 1] == "a" && (t[k - 2] == "declared" || t[k - 2] == "voted" || t[k - 2] == "approved")) {
    return k - 2;
  }
  return v;
}

// `name`: the company's name words, to check the subject of a sentence;
// nullptr for a headline.
std::optional<v1::Metric> ReadDividendChange(const std::vector<std::string>& t, std::string_view currency,
                                             const std::vector<std::string>* name) {
  static const WordSet kVerbs = {
      "raises", "raised", "raise", "ups", "upped", "increases", "increased", "hikes", "hiked", "boosts", "boosted",
      "lifts", "lifted", "cuts", "cut", "lowers", "lowered", "reduces", "reduced", "trims", "trimmed"};
  static const WordSet kDivWords = {
      "its", "the", "quarterly", "qtly", "qtrly", "annual", "semi", "semiannual", "regular", "cash", "common",
      "dividend", "div", "payout", "stock", "on", "monthly", "mthly", "interim", "final", "distribution",
      "pre", "split", "presplit", "shares", "class", "a", "b", "and"};
  for (size_t v = 0; v < t.size(); ++v) {
    if (!In(kVerbs, t[v])) continue;
    if (name && !SubjectIsCompany(t, 0, SplitClauseStart(t, v), *name)) continue;
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
    // "to 43.5 cts a presplit share".
    if (k + 2 < t.size() && t[k] == "a" && t[k + 1] == "presplit" && IsShareWord(t[k + 2])) k += 3;
    ReadPerShare(t, &k);
    // "to 19-1/2 cts per share presplit from 19 cts": both before the split.
    // Not "postsplit": the prior may then be on either basis.
    if (k < t.size() && t[k] == "presplit") {
      ++k;
    } else if (k + 1 < t.size() && t[k] == "pre" && t[k + 1] == "split") {
      k += 2;
    }
    if (k + 1 < t.size() && (t[k] == "up" || t[k] == "down") && t[k + 1] == "from") ++k;  // "up from"
    if (k >= t.size() || t[k] != "from") continue;
    ++k;
    // "up from the previous 37 cts a share": the rate paid before.
    if (k + 2 < t.size() && t[k] == "the" && (t[k + 1] == "previous" || t[k + 1] == "prior") &&
        StartsAmount(t, k + 2)) {
      k += 2;
    }
    if (!ReadValue(t, &k, &prior) || prior.sign_stated) continue;
    ReadPerShare(t, &k);
    // "from 90 cts to 1.00 dlrs": a range, not a prior.
    if (k < t.size() && (t[k] == "to" || t[k] == "pct")) continue;
    (void)monthly;
    if (label.find("div") == std::string::npos && label.find("payout") == std::string::npos &&
        label.find("distribution") == std::string::npos) {
      label += " dividend";  // "RAISES QUARTERLY TO 28 CTS": the quarterly dividend
    }
    if (auto m = DividendMetric(std::move(label), cur, prior, quarterly, annual, currency)) return m;
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
  // "earned", "lost": a verb whose object is the figure ("In 1986, CPC
  // earned 219.2 mln dlrs"); the value follows it directly.
  bool verb = false;
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
      {{"earned"}, v1::METRIC_KIND_NET_INCOME, false},
      {{"lost"}, v1::METRIC_KIND_NET_INCOME, true},
  };
  // A figure of a part or of another kind: "gross profit", "trading profit",
  // "extraordinary loss", "parent company profit", "exchange losses".
  static const WordSet kBadBefore = {
      "gross",   "trading", "extraordinary", "parent",  "exchange", "currency", "tax",     "interest",
      "premium", "unit",    "division",      "segment", "retail",   "car",      "unit's",  "division's",
      "before",  "after",   "per",           "one-time", "special", "capital",  "book",    "export",
      "domestic", "foreign", "investment",   "dividend", "quarterly", "monthly", "weekly", "same-store",
      "comparable", "store", "operating", "loan", "pretax", "parent's", "net"};
  // The first words of the forms: most words start none.
  static const WordSet kFirstWords = [] {
    std::vector<std::string_view> first;
    for (const Form& f : kForms) first.push_back(f.words.front());
    return WordSet(first);
  }();
  if (i >= t.size() || !kFirstWords.contains(t[i])) return std::nullopt;
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
    p.verb = f.words.size() == 1 && (f.words[0] == "earned" || f.words[0] == "lost");
    p.label = p.verb ? (f.loss ? "net loss" : "net income") : "";
    for (auto w : f.words) {
      if (p.verb) break;
      if (!p.label.empty()) p.label.push_back(' ');
      p.label += w;
    }
    return p;
  }
  return std::nullopt;
}

bool IsDirection(std::string_view w) {
  static const WordSet kDir = {
      "rose",  "fell",   "increased", "decreased", "declined", "dropped", "climbed", "jumped", "grew",
      "slipped", "gained", "improved", "eased",   "rising",   "falling", "slumped", "surged", "plunged",
      "advanced", "soared", "tumbled", "widened", "narrowed", "was",    "were"};
  return In(kDir, w);
}

// "sharply", "slightly": how much a figure moved, before "down from".
bool IsDegree(std::string_view w) {
  return w == "sharply" || w == "slightly" || w == "marginally" || w == "substantially" || w == "significantly";
}

// Words that may stand between a metric phrase and its value: period words
// and small words ("net earnings in its first quarter ended March 31 of").
bool IsFiller(std::string_view w) {
  static const WordSet kFill = {
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
  // As the sentence's own words: "Allied-Lyons" is "allied", "lyons".
  for (std::string w : ProseTokens(name)) {
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
// "The semiconductor maker", "The brokerage firm", "The offshore and onshore
// drilling company": the company described, at t[begin]. Returns the index
// after the describing noun, or begin when t[begin] starts no such subject.
// Words that may name another company ("parent", "rival", "acquired") or a
// possessive stop it.
size_t DescribedCompanyEnd(const std::vector<std::string>& t, size_t begin, size_t end) {
  static const WordSet kHeads = {
      "company", "firm",     "maker",   "producer", "airline", "retailer", "insurer",  "concern",  "manufacturer",
      "bank",    "group",    "utility", "carrier",  "chain",   "lender",   "thrift",   "brokerage", "corporation"};
  static const WordSet kOther = {
      "parent", "other", "rival", "acquired", "acquiring", "merged", "new", "former", "target", "unit", "units",
      "subsidiary", "affiliate", "partner", "same", "two", "three", "both", "japanese", "american", "british",
      "french", "german", "state", "government", "owned", "another"};
  if (begin >= end || std::string_view(t[begin]) != "the") return begin;
  for (size_t k = begin + 1; k < end && k <= begin + 5; ++k) {
    const std::string& w = t[k];
    if (In(kHeads, w)) return k + 1;
    bool word = !w.empty() && std::all_of(w.begin(), w.end(), IsAsciiAlpha);
    if (!word || In(kOther, w)) return begin;
  }
  return begin;
}

bool SubjectIsCompany(const std::vector<std::string>& t, size_t begin, size_t end,
                      const std::vector<std::string>& name, bool descriptive) {
  static const WordSet kAllowed = {
      "the", "company", "company's", "it", "its", "bank", "bank's", "group", "group's", "corporation", "firm",
      "utility", "board", "directors", "said", "reported", "reports", "had", "has", "posted", "earned",
      "recorded", "announced", "showed", "made", "incurred", "suffered", "that", "a", "an", "also", "earlier",
      "today", "yesterday", "record", "higher", "lower", "total", "consolidated", "attributable", "for", "in",
      "during", "and", "while", "although", "but", "whereas", "with", "inc", "corp", "co", "ltd", "plc", "ag",
      "nv", "sa", "spa", "cos", "declared", "approved", "voted", "ended", "ending", "reporting", "said",
      "unaudited", "audited", "final", "interim", "this", "was", "were", "which", "however", "addition",
      "separately", "full"};
  if (descriptive) {
    // Only at the start of the subject ("Earlier, the semiconductor maker").
    for (size_t k = begin; k < end && k < begin + 3; ++k) {
      size_t after = DescribedCompanyEnd(t, k, end);
      if (after > k) {
        bool lead_ok = true;
        for (size_t j = begin; j < k; ++j) lead_ok = lead_ok && kAllowed.count(t[j]) > 0;
        if (lead_ok) begin = after;
        break;
      }
    }
  }
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
      if (c != '.' && c != '<' && c != '>') bare.push_back(c);  // "<MFS Managed Muncipal Trust Bond>"
    }
    // "United Telecommunications" for "UNITED TELECOM": one word a prefix of the other.
    bool in_name = std::any_of(name.begin(), name.end(), [&](const std::string& n) {
      size_t common = std::min(n.size(), bare.size());
      return common >= 4 ? n.compare(0, common, bare, 0, common) == 0 : n == bare;
    });
    int year = 0;
    bool board_of = t[k] == "of" && k > begin && t[k - 1] == "board";  // "its board of directors"
    if (kAllowed.count(t[k]) == 0 && !in_name && !board_of && !IsYear(w, &year) &&
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
  // "from the 2.3 billion dlrs reported the year earlier".
  if (k + 1 < t.size() && t[k] == "the" && StartsAmount(t, k + 1)) ++k;
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
  // "up 16 pct from", "a 32.3 pct gain from", "a rise from": a change, then the prior.
  size_t k = i;
  bool article = w == "a" || w == "an";
  if (article || w == "up" || w == "down") {
    ++k;
    RawValue change;
    size_t j = k;
    if (ReadValue(t, &j, &change) && change.unit == ValueUnit::kPercent) k = j;
    if (article) {
      static const WordSet kChange = {"rise", "gain", "increase", "decline", "drop", "fall",
                                                         "decrease"};
      if (k >= t.size() || !In(kChange, t[k])) return c;
      ++k;
    } else if (k == i + 1) {
      return c;  // "up from" is read above; "up" alone is no cue
    }
    if (k < t.size() && t[k] == "from") return {true, k + 1};
  }
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

// "a fall in", "a 16 pct rise in first-quarter", "a drop in" before a metric
// phrase at t[begin]: the noun of a change whose figure follows after "to"
// ("reported a fall in net profit to 9.27 mln from 63.20 mln"). Returns
// where the change's words start (its article), or nullopt.
std::optional<size_t> ChangeNounBefore(const std::vector<std::string>& t, size_t from, size_t begin) {
  static const WordSet kNouns = {"rise",     "fall",    "drop",     "increase", "decrease",
                                                    "decline",  "jump",    "gain",     "improvement", "dip",
                                                    "slump",    "surge",   "advance",  "reduction"};
  for (size_t j = from; j < begin; ++j) {
    if (t[j] != "a" && t[j] != "an") continue;
    size_t m = j + 1;
    RawValue change;
    size_t v = m;
    if (ReadValue(t, &v, &change) && change.unit == ValueUnit::kPercent) m = v;
    if (m + 1 >= begin || !In(kNouns, t[m]) || t[m + 1] != "in") continue;
    if (SkipPeriodWords(t, m + 2) == begin) return j;
  }
  return std::nullopt;
}

// "declared a monthly income distribution of 5.7 cts a share compared with
// 5.5 cts a share paid in the previous month", "declared a quarterly dividend
// of 10 cts a share, versus 10 cts a share prior": a dividend declared beside
// the previous one. The prior must end the sentence or be followed by
// "prior", "paid", "payable" or "for|in the previous|prior|preceding ...".
std::optional<v1::Metric> ReadDeclaredDividend(const std::vector<std::string>& t, std::string_view currency,
                                               const std::vector<std::string>& name) {
  static const WordSet kWords = {
      "a", "an", "its", "the", "quarterly", "qtly", "monthly", "regular", "cash", "common", "dividend", "payout",
      "income", "distribution", "semiannual", "semi", "annual", "interim", "final"};
  for (size_t v = 0; v < t.size(); ++v) {
    if (t[v] != "declared" && t[v] != "declares") continue;
    if (!SubjectIsCompany(t, 0, v, name)) continue;
    size_t k = v + 1;
    bool names_dividend = false, quarterly = false, annual = false;
    std::string label;
    while (k < t.size() && In(kWords, t[k])) {
      const std::string_view w = t[k];
      names_dividend |= w == "dividend" || w == "payout" || w == "distribution";
      quarterly |= w == "quarterly" || w == "qtly";
      annual |= w == "annual";
      if (w != "a" && w != "an" && w != "its" && w != "the" && w != "common") {
        if (!label.empty()) label.push_back(' ');
        label += w;
      }
      ++k;
    }
    if (!names_dividend || k >= t.size() || t[k] != "of") continue;
    ++k;
    RawValue cur, prior;
    if (!ReadValue(t, &k, &cur) || cur.sign_stated) continue;
    ReadPerShare(t, &k);
    Cue cue = CueAt(t, k, /*to_form=*/false);
    if (!cue.found) continue;
    k = cue.after;
    if (!ReadValue(t, &k, &prior) || prior.sign_stated) continue;
    ReadPerShare(t, &k);
    bool ends = k >= t.size() || t[k] == "prior" || t[k] == "paid" || t[k] == "payable";
    if (!ends && k + 2 < t.size() && (t[k] == "for" || t[k] == "in") && t[k + 1] == "the" &&
        (t[k + 2] == "previous" || t[k + 2] == "prior" || t[k + 2] == "preceding")) {
      ends = true;
    }
    if (!ends) continue;
    if (auto m = DividendMetric(std::move(label), cur, prior, quarterly, annual, currency)) return m;
  }
  return std::nullopt;
}

// A qualifier within the few words after a prior ("... a year ago before
// discontinued operations", "... excluding a gain"): the figures are another
// line than the one their phrase names.
bool QualifiedAfter(const std::vector<std::string>& t, size_t p) {
  for (size_t k = p; k < t.size() && k < p + 6; ++k) {
    // "a year before" is the prior's period, "before discontinued ..." a qualifier.
    bool period_before = t[k] == "before" && k > 0 &&
                         (t[k - 1] == "year" || t[k - 1] == "quarter" || t[k - 1] == "period" || t[k - 1] == "month");
    if ((t[k] == "before" && !period_before) || t[k] == "excluding") return true;
  }
  return false;
}

// The figures of one sentence. A figure whose words name no period takes the
// period of the sentence's previous figure.
void ReadSentence(const std::vector<std::string>& t, std::string_view currency, const std::vector<std::string>& name,
                  bool descriptive, std::vector<SentenceFigure>* out) {
  size_t from = 0;  // where the current figure's own words start
  PeriodHeader last_period;
  for (size_t i = 0; i < t.size(); ++i) {
    auto phrase = PhraseAt(t, i);
    if (!phrase) continue;
    std::optional<size_t> change_noun = phrase->verb ? std::nullopt : ChangeNounBefore(t, from, phrase->begin);
    if (!SubjectIsCompany(t, from, change_noun.value_or(phrase->begin), name, descriptive)) continue;
    size_t k = phrase->end;
    // Skip period words and small words up to the value's introducer.
    size_t skipped = 0;
    bool to_form = false;
    bool introduced = false;
    if (phrase->verb) {
      introduced = true;  // "lost 2.1 mln dlrs": the value follows the verb
      to_form = false;
    }
    while (!introduced && k < t.size() && skipped < 14) {
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
      if (change_noun && w == "to") {  // "a fall in net profit to 9.27 mln from"
        ++k;
        to_form = true;
        introduced = true;
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
      // "amounted to 397.0 mln dlrs, sharply down from 589.3 mln".
      if (!IsFiller(t[cue_search]) && !IsDegree(t[cue_search])) break;
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
    // "against a loss of 2.3 mln dlrs a year ago before discontinued
    // operations": both figures are of another line than net.
    if (QualifiedAfter(t, p)) continue;
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
    // British reports call their pretax figure "profit" ("Allied-Lyons had
    // first half profit of 148.0 mln stg", the pretax one): a bare "profit"
    // in sterling is not known to be net.
    if (m->value().currency() == "GBP" && (phrase->label == "profit" || phrase->label == "profits")) continue;
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
// Works on positions in `body` (a line break or tab counts as a space) and
// copies each sentence once, not character by character.
std::vector<std::string> Sentences(std::string_view body) {
  auto at = [&](size_t k) { return body[k] == '\n' || body[k] == '\t' ? ' ' : body[k]; };
  std::vector<std::string> out;
  out.reserve(16);  // a story's sentences, most of the time
  size_t start = 0;  // where the current sentence starts
  auto flush = [&](size_t end) {
    std::string_view s = Trim(body.substr(start, end - start));
    if (!s.empty()) {
      std::string& sentence = out.emplace_back(s);
      for (char& c : sentence) c = c == '\n' || c == '\t' ? ' ' : c;
    }
    start = end;
  };
  const size_t size = body.size();
  for (size_t i = 0; i < size; ++i) {
    // Most characters end nothing (tested as written: at() changes only
    // newlines and tabs).
    if (body[i] != ';' && body[i] != '.' && body[i] != '"') continue;
    char c = body[i];
    if (c == ';') {
      flush(i + 1);
      continue;
    }
    // A sentence ends at ". " or ".\" " before a capital letter.
    bool quote_end = c == '"' && i > 0 && at(i - 1) == '.';
    if ((c != '.' && !quote_end) || i + 2 >= size || at(i + 1) != ' ') continue;
    size_t n = i + 1;
    while (n < size && at(n) == ' ') ++n;
    if (n >= size) continue;
    char next = at(n);
    if (!std::isupper(static_cast<unsigned char>(next)) && next != '<' && next != '"') continue;
    if (!quote_end) {
      // The word before the dot, within the sentence.
      size_t b = i;
      while (b > start && at(b - 1) != ' ') --b;
      std::string word = Lower(body.substr(b, i - b));
      static const WordSet kAbbrev = {
          "u.s", "inc", "corp", "co", "ltd", "mr", "mrs", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul",
          "aug", "sep", "sept", "oct", "nov", "dec", "calif", "n.y", "n.j", "mass", "conn", "ill", "ont", "va"};
      if (word.size() <= 1 || In(kAbbrev, word)) continue;
    }
    flush(i + 1);
  }
  flush(size);
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
  // "... VS 37.7 MLN FOR 1986", "... vs 102.2 mln in 53 wks to Jan 3": the
  // period after the prior (the headline's period, read from the whole
  // headline) is cut off the figure line, when the words before "vs" name
  // no period. Not "vs 4 mln in 1985": a bare year after "in" may be the
  // prior's.
  for (size_t vs = 0; vs < words.size(); ++vs) {
    if (Lower(words[vs]) != "vs") continue;
    std::string before;
    for (size_t r = 0; r < vs; ++r) before += words[r] + " ";
    PeriodHeader named = PeriodFromTitle(before);
    if (named.kind != v1::PERIOD_KIND_UNSPECIFIED || named.fiscal_year != 0) break;
    for (size_t j = vs + 2; j + 1 < words.size(); ++j) {
      std::string w = Lower(words[j]);
      if (w != "for" && w != "in") continue;
      std::string rest;
      for (size_t r = j + 1; r < words.size(); ++r) rest += words[r] + " ";
      std::vector<std::string> t = Tokens(rest);
      PeriodHeader probe;
      bool bad = false;
      int year = 0;
      bool bare_year = t.size() == 1 && IsYear(t[0], &year);
      if (w == "in" && bare_year) break;
      if (!t.empty() && ReadPeriodPhrase(t, 0, /*strict=*/false, &probe, &bad) == t.size() && !bad) {
        words.resize(j);
        break;
      }
    }
    break;
  }
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

// Whether a sentence names a party other than the company: another company's
// mark, a part of it, or a possessive of a name that is not the company's
// ("Marine Midland's 1986 fourth-quarter loan-loss provisions fell ..."). A
// sentence after it that opens with "It"/"Its" may speak of that party.
bool NamesAnotherParty(const std::vector<std::string>& t, const std::vector<std::string>& name,
                       std::string_view first_mark, const WordSet& part_words) {
  static const WordSet kCommonOwners = {
      "company", "bank", "group", "firm", "corporation", "year", "quarter", "month", "week", "today", "industry",
      "nation", "country", "government", "board", "unit", "its", "it", "last", "this", "next", "period"};
  for (const auto& w : t) {
    if (In(part_words, w)) return true;
    if (!w.empty() && w.front() == '<' && w != first_mark) return true;
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) {
      std::string_view owner(w.data(), w.size() - 2);
      if (In(kCommonOwners, owner)) continue;
      if (std::find(name.begin(), name.end(), owner) == name.end()) return true;
    }
  }
  return false;
}

std::vector<SentenceFigure> ReadSentenceFigures(std::string_view body, std::string_view currency,
                                                std::string_view company_name) {
  static const WordSet kPartWords = {
      "division", "divisions", "unit", "units", "subsidiary", "subsidiaries", "segment", "segments", "sector",
      "sectors", "affiliate", "affiliates", "offshoot", "unit's", "division's", "subsidiary's"};
  std::vector<std::string> name = NameWords(company_name);
  // Reuters' first sentence opens with the company's full name ("Discount
  // Corp of New York said its board ..." under "DCNY CORP"): its words name
  // the company too, when they end with a company word and a mark names no
  // other one.
  {
    std::string_view lead = body.substr(0, std::min<size_t>(body.size(), 160));
    size_t said = lead.find("said");
    while (said != std::string_view::npos && said > 0 && lead[said - 1] != ' ' && lead[said - 1] != '\n') {
      said = lead.find("said", said + 1);
    }
    if (said == 0) said = std::string_view::npos;
    if (said != std::string_view::npos && lead.substr(0, said).find('<') == std::string_view::npos) {
      std::vector<std::string> words = NameWords(lead.substr(0, said));
      static const WordSet kCompanyWords = {"inc", "corp", "co", "ltd", "plc", "ag", "nv", "sa",
                                                               "corporation", "company", "cos", "inc's",
                                                               "association", "bancorp", "trust"};
      bool company = std::any_of(words.begin(), words.end(), [](const std::string& w) { return In(kCompanyWords, w); });
      if (company && words.size() <= 8) {
        for (auto& w : words) {
          if (w != "and") name.push_back(std::move(w));  // "Discount Corp of New York"
        }
      }
    }
  }
  std::vector<SentenceFigure> out;
  // The body's first company mark, its subject.
  std::string first_mark;
  if (size_t lt = body.find('<'); lt != std::string_view::npos) {
    std::vector<std::string> mark = Tokens(body.substr(lt, body.find_first_of(" \t\n", lt) - lt));
    if (!mark.empty()) first_mark = mark.front();
  }
  // A body that marks no company but its own: "the brokerage firm" is that
  // company; with another company marked it may be the other one.
  bool sole_company = true;
  for (size_t lt = body.find('<'); lt != std::string_view::npos; lt = body.find('<', lt + 1)) {
    std::vector<std::string> mark = Tokens(body.substr(lt, body.find_first_of(" \t\n", lt) - lt));
    if (!mark.empty() && mark.front() != first_mark) sole_company = false;
  }
  std::vector<std::string> sentences = Sentences(body);
  // The previous sentence: the period of the figures read from it, else
  // (computed only when needed) the first period it names.
  size_t previous = sentences.size();
  std::optional<PeriodHeader> previous_figures;
  std::string lower;  // of the sentence, in one buffer for all sentences
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::string& sentence = sentences[s];
    // A sentence without a digit or a unit word ("two cts") states no figure
    // (most of them): not tokenised.
    LowerInto(sentence, &lower);
    bool digit = std::any_of(sentence.begin(), sentence.end(), [](char c) { return c >= '0' && c <= '9'; });
    for (std::string_view unit : {" ct", " dlr", " mln", " billion"}) {
      if (!digit && lower.find(unit) != std::string::npos) digit = true;
    }
    // Nor does one without a cue word: every form read below states the
    // prior after "from" (ReadDividendChange, CueAt), "compared"/"comparing",
    // "versus", "vs" or "against" (CueAt), and a token is a piece of the
    // sentence's lower-case text. (Looked for only when there is a figure.)
    bool cue = false;
    for (std::string_view word : {"from", "compar", "versus", "vs", "against"}) {
      if (digit && !cue && lower.find(word) != std::string::npos) cue = true;
    }
    std::optional<PeriodHeader> figures;
    if (digit && cue) {
      std::vector<std::string> t = ProseTokens(sentence);
      // A sentence that names another company or a part of this one.
      bool other = false;
      for (const auto& w : t) {
        if (In(kPartWords, w)) other = true;
        if (!w.empty() && w.front() == '<' && w != first_mark) other = true;
      }
      // "Its 1986 net profit rose to 145 mln U.S. Dlrs from 125 mln" after a
      // sentence about a subsidiary (Hongkong Bank, 1919): the pronoun is the
      // subsidiary's.
      if (!other && !t.empty() && (t[0] == "its" || t[0] == "it") && s > 0) {
        other = NamesAnotherParty(ProseTokens(sentences[s - 1]), name, first_mark, kPartWords);
      }
      if (!other && !HasHedge(t)) {
        if (auto div = ReadDividendChange(t, currency, &name)) {
          out.push_back({PeriodHeader{}, std::move(*div), PeriodHeader{}});
        } else if (auto declared = ReadDeclaredDividend(t, currency, name)) {
          out.push_back({PeriodHeader{}, std::move(*declared), PeriodHeader{}});
        } else {
          size_t before = out.size();
          ReadSentence(t, currency, name, sole_company, &out);
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
