#include "services/ingest/loaders/earnings_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "services/common/ids.h"
#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/earnings_prose.h"
#include "services/ingest/loaders/earnings_words.h"
#include "services/ingest/loaders/plain_text.h"
#include "services/ingest/loaders/ticker_marks.h"

namespace streamlens::loaders {
namespace {

using v1::MetricKind;
using namespace earnings_words;  // NOLINT: the shared word-level parsing

// ---------------------------------------------------------------------------
// Report structure
// ---------------------------------------------------------------------------

// A line that stops right after "vs" or its sign word ("Oper net profit
// 1,013,000 vs profit", Thackeray) goes on on the next line when that line
// starts with the amount, indented or not ("Net loss 330,613 vs profit" over
// "Revs 2,170,628 ..." lost its prior).
bool EndsBeforeThePrior(std::string_view line) {
  for (std::string_view tail : {" vs", " vs profit", " vs loss"}) {
    if (line.size() >= tail.size() && line.substr(line.size() - tail.size()) == tail) return true;
  }
  return false;
}

// Logical lines: Reuters indents each table line and each paragraph; a line
// that starts in column 0 continues the previous one.
std::vector<std::string> LogicalLines(std::string_view body) {
  std::vector<std::string> out;
  out.reserve(16);  // a report's lines, most of the time (it grew 1, 2, 4, 8...)
  size_t i = 0;
  bool first = true;
  while (i <= body.size()) {
    size_t nl = body.find('\n', i);
    std::string_view line = body.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty()) {
      out.emplace_back();  // a blank line ends a logical line
    } else if (!first && !out.empty() && !out.back().empty() &&
               (!IsAsciiSpace(line.front()) ||
                (EndsBeforeThePrior(out.back()) && trimmed.front() >= '0' && trimmed.front() <= '9'))) {
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
std::optional<std::string> DeclaredCurrency(const std::vector<std::string>& t) {
  size_t k = 0;
  static const WordSet kLeading = {"all", "figures", "amounts", "are", "in", "note", "quoted", "results", "-"};
  bool says_in = false;  // "All figures in", "Results in": the line is about the currency
  while (k < t.size() && kLeading.contains(t[k])) says_in |= std::string_view(t[k++]) == "in";
  std::string qualifier;
  if (k < t.size() && IsQualifier(t[k])) qualifier = t[k++];
  // "Note - All figures in U.S. Dollars as the company is registered in
  // Bermuda." (Weeks Petroleum, Melbourne): after "figures in" the words
  // that follow the currency do not matter.
  if (k >= t.size() || (k + 1 != t.size() && !says_in)) return std::nullopt;
  // "NOTE: U.S. funds." (Seagram, Montreal), "Canadian funds".
  if (std::string_view(t[k]) == "funds" && !qualifier.empty()) return CurrencyWord("dlrs", qualifier);
  return CurrencyWord(t[k], qualifier);
}

// The currency of bare figures: the one a line of its own declares (E.A.
// Viner, Toronto, ends its table "U.S. dlrs."), else the first currency a
// figure line names, else the one the dateline implies (Reuters gave
// Canadian, Australian, British... companies' figures in local currency
// without saying so), else USD.
// `tokens`: Tokens() of each line.
std::optional<std::string> StatedCurrency(const std::vector<std::string>& lines,
                                          const std::vector<std::vector<std::string>>& tokens) {
  for (const auto& t : tokens) {
    if (auto c = DeclaredCurrency(t)) return *c;
  }
  for (const auto& line : lines) {
    if (line.find(" vs") == std::string::npos) continue;
    const std::vector<std::string>& t = tokens[&line - lines.data()];
    // The currency of a figure follows its amount: "Translated from Philippine
    // pesos at 20.3489 pesos to dollar vs 18.5571" (Atlas) names the pesos the
    // dollar figures were translated from.
    size_t first_amount = 0;
    while (first_amount < t.size() && !StartsAmount(t, first_amount)) ++first_amount;
    std::string qualifier;
    for (size_t k = first_amount; k < t.size(); ++k) {
      const std::string& w = t[k];
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
  return std::nullopt;
}

// The currency a table of (lowercase place, ISO code) pairs gives `place`.
template <size_t N>
std::optional<std::string> CurrencyOfPlace(const std::pair<std::string_view, std::string_view> (&places)[N],
                                           std::string_view place) {
  std::string key = Lower(Trim(place));
  for (const auto& [name, code] : places) {
    if (key == name) return std::string(code);
  }
  return std::nullopt;
}

// The currency a dateline implies, when not U.S. dollars.
std::optional<std::string> DatelineCurrency(std::string_view dateline) {
  if (IsCanadian(dateline)) return "CAD";
  // "CITY, Region, Month Day -" or "CITY, Month Day -". The city is the
  // dateline up to its first comma ("LONDONDERRY, N.H." is not London); a
  // region after it names the country ("VEVEY, Switzerland": Nestle), and a
  // city known abroad under a U.S. state is that state's ("VIENNA, Va.").
  size_t comma = dateline.find(',');
  size_t second = comma == std::string_view::npos ? comma : dateline.find(',', comma + 1);
  if (second != std::string_view::npos) {
    static const std::pair<std::string_view, std::string_view> kCountries[] = {
        {"switzerland", "CHF"}, {"west germany", "DEM"}, {"france", "FRF"},      {"netherlands", "NLG"},
        {"holland", "NLG"},     {"belgium", "BEF"},      {"italy", "ITL"},       {"sweden", "SEK"},
        {"norway", "NOK"},      {"denmark", "DKK"},      {"austria", "ATS"},     {"spain", "ESP"},
        {"japan", "JPY"},       {"england", "GBP"},      {"scotland", "GBP"},    {"australia", "AUD"},
        {"new zealand", "NZD"}, {"south africa", "ZAR"}, {"philippines", "PHP"}, {"mexico", "MXN"},
        {"luxembourg", "LUF"}};
    return CurrencyOfPlace(kCountries, dateline.substr(comma + 1, second - comma - 1));
  }
  static const std::pair<std::string_view, std::string_view> kCities[] = {
      {"london", "GBP"},     {"sydney", "AUD"},     {"melbourne", "AUD"},  {"perth", "AUD"},
      {"brisbane", "AUD"},   {"adelaide", "AUD"},   {"canberra", "AUD"},   {"wellington", "NZD"},
      {"auckland", "NZD"},   {"hong kong", "HKD"},  {"singapore", "SGD"},  {"tokyo", "JPY"},
      {"osaka", "JPY"},      {"kuala lumpur", "MYR"}, {"manila", "PHP"},   {"mexico city", "MXN"},
      {"zurich", "CHF"},     {"geneva", "CHF"},     {"basle", "CHF"},      {"berne", "CHF"},
      {"frankfurt", "DEM"},  {"bonn", "DEM"},       {"munich", "DEM"},     {"duesseldorf", "DEM"},
      {"hamburg", "DEM"},    {"paris", "FRF"},      {"amsterdam", "NLG"},  {"the hague", "NLG"},
      {"rotterdam", "NLG"},  {"brussels", "BEF"},   {"antwerp", "BEF"},    {"luxembourg", "LUF"},
      {"copenhagen", "DKK"}, {"oslo", "NOK"},       {"vienna", "ATS"},     {"milan", "ITL"},
      {"rome", "ITL"},       {"stockholm", "SEK"},  {"madrid", "ESP"},     {"johannesburg", "ZAR"}};
  return CurrencyOfPlace(kCities, dateline.substr(0, comma));
}

// The currency of bare figures: the one a line of its own declares (E.A.
// Viner, Toronto, ends its table "U.S. dlrs."), else the first currency a
// figure line names, else the one the dateline implies (Reuters gave
// Canadian, Australian, British... companies' figures in local currency
// without saying so), else USD.
// `stated` is StatedCurrency(lines), computed once per report.
std::string ArticleCurrency(const std::optional<std::string>& stated, std::string_view dateline,
                            bool writes_dollars) {
  auto dollars = [](std::string_view c) {
    return c == "USD" || c == "CAD" || c == "AUD" || c == "NZD" || c == "HKD" || c == "SGD";
  };
  // "francs" in a table from Basle or Brussels are Swiss or Belgian francs.
  // A currency one line names does not make the bare figures of a table that
  // writes "dlrs" elsewhere that currency (Royal Dutch/Shell, New York: a
  // dividend "of 8.30 guilders", the group's figures in U.S. dollars).
  if (stated && !(writes_dollars && !dollars(*stated))) {
    return LocalCurrency(*stated, DatelineCurrency(dateline).value_or(""));
  }
  if (auto c = DatelineCurrency(dateline)) {
    // A table that writes "dlrs" under a dateline of a country without
    // dollars is in U.S. dollars (TBG Holdings, Amstelveen; Atlas, Manila).
    return writes_dollars && !dollars(*c) ? "USD" : *c;
  }
  return "USD";
}

// Whether a figure line writes bare dollars ("Shr 58 cts vs 1.01 dlrs").
bool WritesDollars(const std::vector<std::string>& lines, const std::vector<std::vector<std::string>>& tokens) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(" vs") == std::string::npos) continue;
    for (std::string_view w : tokens[i]) {
      if (w == "dlrs" || w == "dlr" || w == "dollars" || w == "dollar") return true;
    }
  }
  return false;
}

// The currency of bare figures in a headline or a sentence, where a wrong
// guess costs more: as ArticleCurrency, but without a dateline (headline-only
// articles have none) the currency of the same company's other reports in
// the feed (EarningsArticle::currency_hint), else the article's places must
// all agree on one currency,
// and a non-U.S. place under a dateline that implies none leaves it unknown
// (""): then only figures that name their currency are read.
std::string ProseCurrency(const std::optional<std::string>& stated, std::string_view dateline,
                          const std::vector<std::string>& places, std::string_view currency_hint) {
  if (stated) return LocalCurrency(*stated, DatelineCurrency(dateline).value_or(""));
  if (auto c = DatelineCurrency(dateline)) return *c;
  if (Trim(dateline).empty() && !currency_hint.empty()) return std::string(currency_hint);
  static const std::map<std::string_view, std::string_view> kPlaceCurrency = {
      {"usa", "USD"},       {"canada", "CAD"},   {"uk", "GBP"},          {"australia", "AUD"},
      {"new-zealand", "NZD"}, {"japan", "JPY"},  {"hong-kong", "HKD"},   {"singapore", "SGD"},
      {"west-germany", "DEM"}, {"switzerland", "CHF"}, {"netherlands", "NLG"}, {"france", "FRF"},
      {"italy", "ITL"},     {"sweden", "SEK"},   {"belgium", "BEF"},     {"south-africa", "ZAR"}};
  std::string agreed;
  for (const auto& p : places) {
    auto it = kPlaceCurrency.find(p);
    if (it == kPlaceCurrency.end()) return "";
    if (!agreed.empty() && agreed != it->second) return "";
    agreed = std::string(it->second);
  }
  if (!agreed.empty()) return agreed;
  return dateline.empty() ? "" : "USD";
}

struct Block {
  PeriodHeader period;
  std::vector<v1::Metric> metrics;
  std::set<std::string> labels;
  v1::FigureOrigin origin = v1::FIGURE_ORIGIN_TABLE;
  std::map<size_t, LineForm> forms;  // of table lines, by index in metrics
};

// The block's figure of `kind` (the first; a block holds one per kind).
v1::Metric* FindMetric(Block* b, v1::MetricKind kind) {
  for (auto& m : b->metrics) {
    if (m.kind() == kind) return &m;
  }
  return nullptr;
}

double AmountValue(const v1::Amount& a) { return static_cast<double>(a.units()) * std::pow(10.0, -a.scale()); }

// A money figure and its per-share figure: net and EPS, operating net and
// operating EPS.
constexpr std::pair<v1::MetricKind, v1::MetricKind> kMoneyAndShare[] = {
    {v1::METRIC_KIND_NET_INCOME, v1::METRIC_KIND_EPS},
    {v1::METRIC_KIND_OPERATING_NET, v1::METRIC_KIND_OPERATING_EPS}};

// Calls visit(money, share) with the indexes of each such pair of table lines
// of the block (lines read from a table, whose form is known).
template <typename Visit>
void ForMoneyAndShareLines(Block* b, Visit visit) {
  auto find = [&](v1::MetricKind kind) -> std::optional<size_t> {
    for (size_t i = 0; i < b->metrics.size(); ++i) {
      if (b->metrics[i].kind() == kind && b->forms.count(i)) return i;
    }
    return std::nullopt;
  };
  for (const auto& [money_kind, share_kind] : kMoneyAndShare) {
    auto money = find(money_kind), share = find(share_kind);
    if (money && share) visit(*money, *share);
  }
}

// "Oper shr profit 34 cts vs loss 53 cts" above "Oper net profit 3,337,000
// vs 4,881,000" (Gulf Resources): Reuters left the prior's "loss" out of the
// money line, and the per-share line of the same block states it. A money
// prior that wrote no sign, after a current that wrote "profit", takes the
// loss its per-share line states on that side, when both lines agree on the
// current side. Nothing else is changed: a per-share line without sign words,
// or one after preferred dividends, says nothing about the money line.
void SignPriorsFromPerShare(Block* b) {
  ForMoneyAndShareLines(b, [&](size_t money, size_t share) {
    v1::Metric& m = b->metrics[money];
    const v1::Metric& s = b->metrics[share];
    const LineForm& ms = b->forms[money];
    const LineForm& ss = b->forms[share];
    if (!m.has_prior_value() || !s.has_prior_value()) return;
    if (!ms.current_stated || ms.prior_stated || !ss.current_stated || !ss.prior_stated) return;
    if (m.value().units() <= 0 || s.value().units() <= 0) return;  // both "profit" now
    if (s.prior_value().units() >= 0 || m.prior_value().units() <= 0) return;
    m.mutable_prior_value()->set_units(-m.prior_value().units());
  });
}

// "Shr 58 cts vs 1.01 dlrs" over "Net loss 48.3 mln vs loss 84.2 mln"
// (Atlas Consolidated): Reuters left "loss" out of the per-share line. A
// share figure that wrote no sign, beside a money figure of the same block
// that wrote "loss" on the same side, is a loss: no loss leaves a profit per
// share.
void SignPerShareFromMoney(Block* b) {
  ForMoneyAndShareLines(b, [&](size_t money, size_t share) {
    const v1::Metric& m = b->metrics[money];
    v1::Metric& s = b->metrics[share];
    const LineForm& mf = b->forms[money];
    const LineForm& sf = b->forms[share];
    if (!sf.current_stated && mf.current_stated && m.value().units() < 0 && s.value().units() > 0) {
      s.mutable_value()->set_units(-s.value().units());
    }
    if (s.has_prior_value() && m.has_prior_value() && !sf.prior_stated && mf.prior_stated &&
        m.prior_value().units() < 0 && s.prior_value().units() > 0) {
      s.mutable_prior_value()->set_units(-s.prior_value().units());
    }
  });
}

// A label that names a company ("Anchor Financial Corp shr"): a legal form
// that is not "Parent co".
bool NamesACompany(std::string_view label) {
  std::vector<std::string> words = Tokens(label);
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if ((w == "inc" || w == "corp" || w == "co" || w == "ltd" || w == "plc") && std::string_view(words[i - 1]) != "parent") {
      return true;
    }
  }
  return false;
}

// "LORD ABBETT BOND DEBENTURE FUND" over "Qtly div 28 cts vs 29 cts prior",
// then "LORD ABBETT U.S. GOVERNMENT SECURITIES FUND" over its own: lines in
// capitals, of two words or more and no figure, each heading a figure line.
// Two or more make the report several companies' (or funds') figures.
int NameHeadings(const std::vector<std::string>& lines) {
  int headings = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string_view l = Trim(lines[i]);
    bool capitals = l.size() > 6 && std::none_of(l.begin(), l.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    if (!capitals || l.find(' ') == std::string_view::npos || ParsePeriodHeader(l)) continue;
    if (lines[i + 1].find(" vs ") != std::string::npos) ++headings;
  }
  return headings;
}

// "Shr loss 17 cts vs loss 20 cts" over "Net 1,512,534 vs loss 1,553,592"
// and "Avg shrs 8,745,132" (Healthmate, 9896/9970): a money figure that wrote
// no sign beside a per-share loss is that loss when the two agree with the
// average share count (1,512,534 / 0.17 = 8.9 mln, within a quarter of it).
// Without the share count the signs alone cannot tell a loss from a profit
// before preferred dividends, and nothing is changed.
void SignCurrentFromPerShare(Block* b) {
  const v1::Metric* shares = FindMetric(b, v1::METRIC_KIND_AVERAGE_SHARES);
  if (!shares || AmountValue(shares->value()) <= 0) return;
  for (const auto& [money_kind, share_kind] : kMoneyAndShare) {
    v1::Metric* m = FindMetric(b, money_kind);
    const v1::Metric* s = FindMetric(b, share_kind);
    if (!m || !s) continue;
    size_t index = static_cast<size_t>(m - b->metrics.data());
    if (!b->forms.count(index) || b->forms[index].current_stated) continue;
    double money = AmountValue(m->value()), per_share = AmountValue(s->value());
    if (money <= 0 || per_share >= 0) continue;
    double implied = money / -per_share / AmountValue(shares->value());
    if (implied < 0.8 || implied > 1.25) continue;
    m->mutable_value()->set_units(-m->value().units());
  }
}

// How many quarters a period spans (0: another span): a quarter is part of
// the half, nine months and year that end on its date.
int Quarters(v1::PeriodKind kind) {
  switch (kind) {
    case v1::PERIOD_KIND_QUARTER: return 1;
    case v1::PERIOD_KIND_HALF: return 2;
    case v1::PERIOD_KIND_NINE_MONTHS: return 3;
    case v1::PERIOD_KIND_YEAR: return 4;
    default: return 0;
  }
}

// A part of a period cannot sell more than the whole: a quarter's revenue
// above that of the year (half, nine months) ending on the same date is a
// unit Reuters left out or added on one side ("Sales 816.1 mln" for the
// quarter, "Sales 2,142,118" in thousands for the year: Best Products;
// "Revs 268.8 mln" for a quarter of 268,797 dlrs: Healthmate). The text does
// not say which side is wrong, so both are reported unread.
void DropRevenueAboveItsWhole(std::vector<Block>* blocks, std::vector<std::string>* unread) {
  std::map<v1::Metric*, std::string> inconsistent;  // with the label of the period it contradicts
  for (Block& part : *blocks) {
    for (Block& whole : *blocks) {
      const int p = Quarters(part.period.kind), w = Quarters(whole.period.kind);
      if (p == 0 || w <= p) continue;
      if (part.period.end_month != whole.period.end_month || part.period.end_day != whole.period.end_day ||
          part.period.end_year != whole.period.end_year) {
        continue;
      }
      v1::Metric* a = FindMetric(&part, v1::METRIC_KIND_REVENUE);
      v1::Metric* b = FindMetric(&whole, v1::METRIC_KIND_REVENUE);
      if (!a || !b || a->value().currency() != b->value().currency()) continue;
      auto above = [](const v1::Amount& x, const v1::Amount& y) {
        return AmountValue(y) > 0 && AmountValue(x) > AmountValue(y) * 1.05;
      };
      if (above(a->value(), b->value()) ||
          (a->has_prior_value() && b->has_prior_value() && above(a->prior_value(), b->prior_value()))) {
        inconsistent.emplace(a, whole.period.label);
        inconsistent.emplace(b, part.period.label);
      }
    }
  }
  for (Block& b : *blocks) {
    for (size_t i = b.metrics.size(); i-- > 0;) {
      auto it = inconsistent.find(&b.metrics[i]);
      if (it == inconsistent.end()) continue;
      unread->push_back("\"" + b.metrics[i].label() + "\" (" + b.period.label + "): revenue that does not fit with \"" +
                        it->second + "\" (a part above its whole): a unit left out on one side");
      b.metrics.erase(b.metrics.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
}

// A figure line whose label starts with a period of another kind or
// ordinal than its block's ("Third qtr net" under "First nine months").
bool NamesAnotherPeriod(const std::vector<std::string>& tokens, const PeriodHeader& block) {
  PeriodHeader own;
  bool bad = false;
  if (ReadPeriodPhrase(tokens, 0, /*strict=*/false, &own, &bad) == 0 || bad) return false;
  if (own.kind == v1::PERIOD_KIND_UNSPECIFIED || block.kind == v1::PERIOD_KIND_UNSPECIFIED) return false;
  return own.kind != block.kind || (own.ordinal != 0 && block.ordinal != 0 && own.ordinal != block.ordinal);
}

// Two periods that are the same for grouping figures.
bool SamePeriod(const PeriodHeader& a, const PeriodHeader& b) {
  return a.kind == b.kind && a.ordinal == b.ordinal && a.fiscal_year == b.fiscal_year &&
         a.end_month == b.end_month && a.end_day == b.end_day;
}

// Without a figure table: the figures of the headline go in the first block
// (its period is the headline's), the figures of sentences in a block per
// period they name (the headline's when they name none). A figure without a
// period is dropped, except a dividend (its block gets the dividend's period
// later); one figure per metric kind and period, the headline's first.
void AddProseFigures(const EarningsArticle& article, const std::optional<std::string>& stated,
                     std::string_view company_name, std::vector<Block>* blocks) {
  std::string currency = ProseCurrency(stated, article.dateline, article.places, article.currency_hint);
  // "Viner earlier reported a fourth quarter loss of 918,000 U.S. dlrs ...
  // Full-year earnings totaled 2.9 mln dlrs" (Toronto): where the text writes
  // U.S. dollars, bare "dlrs" of a company of another dollar are not known
  // to be its own dollars.
  if (!stated && (currency == "CAD" || currency == "AUD" || currency == "NZD" || currency == "HKD" ||
                  currency == "SGD")) {
    std::string lower = Lower(article.body);
    for (std::string_view us : {"u.s. dlr", "u.s. dollar", "u.s. dlrs", "us dlrs"}) {
      if (lower.find(us) != std::string::npos) currency.clear();
    }
  }
  const PeriodHeader title_period = blocks->front().period;
  auto has_kind = [](const Block& b, v1::MetricKind kind) {
    return std::any_of(b.metrics.begin(), b.metrics.end(), [&](const v1::Metric& m) { return m.kind() == kind; });
  };
  blocks->front().origin = v1::FIGURE_ORIGIN_HEADLINE;
  for (auto& m : ReadHeadlineFigures(article.title, currency)) {
    if (title_period.kind == v1::PERIOD_KIND_UNSPECIFIED && m.kind() != v1::METRIC_KIND_DIVIDEND) continue;
    blocks->front().metrics.push_back(std::move(m));
  }
  // A headline that names results ("LLOYDS BANK CANADA 1ST QTR PROFIT RISES")
  // gives its period to sentences that name none; "H.J. HEINZ POISED FOR
  // RECORD YEAR" does not.
  bool results_title = false;
  static const WordSet kResultWords = {"net",     "shr",  "earnings", "profit",   "profits", "loss",
                                       "results", "revs", "revenues", "sales",    "turnover"};
  for (const auto& w : Tokens(article.title)) {
    if (kResultWords.contains(w)) results_title = true;
  }
  for (auto& f : ReadSentenceFigures(article.body, currency, company_name)) {
    PeriodHeader p = f.period;
    if (f.metric.kind() == v1::METRIC_KIND_DIVIDEND) {
      p = PeriodHeader{};
    } else if (p.kind == v1::PERIOD_KIND_UNSPECIFIED) {
      // The previous sentence's period, else a results headline's.
      p = f.earlier_period.kind != v1::PERIOD_KIND_UNSPECIFIED ? f.earlier_period
          : results_title                                      ? title_period
                                                               : PeriodHeader{};
      if (p.kind == v1::PERIOD_KIND_UNSPECIFIED) continue;
    } else if (p.kind == title_period.kind) {
      // "first quarter" under "1ST QTR FEB 28 NET": the headline's details.
      if (p.ordinal == 0) p.ordinal = title_period.ordinal;
      if (p.fiscal_year == 0) p.fiscal_year = title_period.fiscal_year;
      if (p.end_month == 0) {
        p.end_month = title_period.end_month;
        p.end_day = title_period.end_day;
        p.end_year = title_period.end_year;
      }
    }
    // A year two or more before the article's is a prior's ("Net profit was
    // 22.0 mln guilders in 1985" in March 1987), never the period reported.
    if (p.fiscal_year && p.fiscal_year < DateOf(article.published_at).year - 1) continue;
    if (SamePeriod(p, title_period) && has_kind(blocks->front(), f.metric.kind())) continue;
    Block* target = nullptr;
    for (size_t b = 1; b < blocks->size(); ++b) {
      if (SamePeriod((*blocks)[b].period, p) && (*blocks)[b].origin == v1::FIGURE_ORIGIN_SENTENCE) {
        target = &(*blocks)[b];
      }
    }
    if (!target) {
      blocks->push_back(Block{p, {}, {}, v1::FIGURE_ORIGIN_SENTENCE, {}});
      target = &blocks->back();
    }
    if (has_kind(*target, f.metric.kind())) continue;
    target->metrics.push_back(std::move(f.metric));
  }
}

bool IsTitleStopWord(std::string_view w) {
  static const WordSet kStop = {
      "1st", "2nd", "3rd", "4th", "first", "second", "third", "fourth", "qtr", "quarter", "year", "yr", "net",
      "shr", "nine", "six", "half", "fiscal", "reports", "report", "reported", "posts", "sets", "says", "has",
      "sees", "raises", "lifts", "cuts", "omits", "declares", "pays", "initial", "regular", "quarterly", "qtly",
      "qtrly", "dividend", "div", "earnings", "profit", "profits", "loss", "losses", "results", "oper",
      "interim", "final", "special", "stock", "split", "to", "in", "for", "plans", "ups", "increases", "hikes",
      "boosts", "expects", "-", "mths", "months", "monthly", "mthly", "record", "higher", "lower", "up", "down",
      "sales", "revs", "revenues", "turnover", "extra", "annual", "semi-annual", "payout", "board", "approves", "pretax", "pre-tax", "forecasts"};
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
      const std::string_view x = w[j];
      size_t dot = x.find('.');
      bool inner_dot = dot != std::string_view::npos && dot + 1 < x.size();  // "plc.the", "u.s."
      if (x == "is" || x == "was" || x == "said" || inner_dot || (j + 1 < n && x.back() == '.')) {
        sentence_ends = true;
      }
    }
    if (!sentence_ends) return true;
  }
  return false;
}

// A year's figures that cover another span than twelve months, in a report
// that changed its fiscal year: "Note: Current results for 16 months after
// change in fiscal year end" (Saxton), "1986 results reflect year 11 month
// period because company changed fiscal year" (Heilig-Meyers), "1985 year
// includes only six months of operations due to change in fiscal year",
// "Results for 12 months ended Dec 31, 1986, and eight months ended Dec 31
// 1985" (Compact Video), "1985 is for eight mths ended Dec 31, 1985. In that
// year, company changed to calendar year" (Bobbie Brooks). Says whose span it
// is: the current figures' (the sentence says "current", or the year nearest
// the span is the one the year ends in; a year ending in the first half of a
// calendar year is often named by the year before) or the prior's (it says
// "prior", or names an earlier year); neither when it does not say. `months`
// is 0 when no span is stated.
struct UnequalSpan {
  int months = 0;
  bool current = false;
  bool prior = false;
};

UnequalSpan UnequalYearSpan(std::string_view body, const CivilDate& year_end) {
  UnequalSpan span;
  std::string lower = Lower(body);
  std::replace(lower.begin(), lower.end(), '\n', ' ');
  std::replace(lower.begin(), lower.end(), ':', ' ');  // "NOTE:1986 results"
  static constexpr std::string_view kChanges[] = {"change in fiscal year", "change of fiscal year",
                                                  "changed fiscal year",   "changed its fiscal year",
                                                  "changed to calendar year", "changed to a calendar year"};
  if (std::none_of(std::begin(kChanges), std::end(kChanges),
                   [&](std::string_view c) { return lower.find(c) != std::string::npos; })) {
    return span;
  }
  for (size_t begin = 0; begin < lower.size();) {
    size_t end = std::min(lower.find(". ", begin), lower.size());
    std::vector<std::string> t = Tokens(std::string_view(lower).substr(begin, end - begin));
    begin = end + 2;
    for (size_t i = 1; i < t.size(); ++i) {
      if (t[i] != "months" && t[i] != "month" && t[i] != "mths" && t[i] != "mos") continue;
      auto n = SmallNumber(t[i - 1]);
      if (!n || *n < 1 || *n > 24 || *n == 12) continue;
      span.months = *n;
      // "eight months ended Dec 31 1985": the year of its end; else the
      // nearest ("1985 year includes only six months").
      bool ended = i + 1 < t.size() && (t[i + 1] == "ended" || t[i + 1] == "ending");
      int year = 0;
      size_t distance = t.size();
      for (size_t k = 0; k < t.size(); ++k) {
        if (k < i && (t[k] == "current" || t[k] == "latest")) span.current = true;
        if (k < i && (t[k] == "prior" || t[k] == "year-ago" || t[k] == "ago" || t[k] == "previous")) span.prior = true;
        int y = 0;
        size_t d = k < i ? i - k : k - i;
        if (IsYear(t[k], &y) && d < distance && (!ended || k > i)) year = y, distance = d;
      }
      if (!span.current && !span.prior && year && year_end.year) {
        bool names_end_year = year == year_end.year || (year_end.month <= 6 && year == year_end.year - 1);
        (names_end_year ? span.current : span.prior) = true;
      }
      return span;
    }
  }
  return span;
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
    // "(CAMBIOR INC) FIVE MTHS DEC 31 NET": Reuters' parentheses around an
    // unlisted company close its name.
    std::string_view t = Trim(title);
    if (!t.empty() && t.front() == '(' && t.find(')') != std::string_view::npos) {
      name = std::string(Trim(t.substr(1, t.find(')') - 1)));
    } else {
      for (const auto& w : SplitWords(title)) {
        if (IsTitleStopWord(Lower(w))) break;
        if (!name.empty()) name.push_back(' ');
        name += w;
      }
    }
    std::string slug = CompanySlug(name);
    if (slug.empty()) return false;
    ref.set_id("company:" + slug);
    ref.set_name(name);
    return true;
  };
  // Without a mark in the headline, a body mark names the reporter only when
  // its name shares a word with the headline's company words: "BANCA
  // D'AMERICA E D'ITALIA 1986 YEAR" is not "Bankamerica Corp <BK.N>", which
  // sold it (a note); "STOREHOUSE REPORTS HIGHER PROFITS" is "Storehouse Plc
  // <STHL.L>" (the note giving its full name).
  static const WordSet kGeneric = {"corp", "corporation", "company", "group", "holdings", "international",
                                   "industries", "the", "and", "inc", "ltd", "plc", "bank"};
  std::vector<std::string> headline_words;
  for (const auto& w : SplitWords(title)) {
    std::string lw = Lower(w);
    if (IsTitleStopWord(lw)) break;
    if (lw.size() >= 4 && !kGeneric.contains(lw)) headline_words.push_back(std::move(lw));
  }
  // Words match when equal or when they share their first five letters
  // ("BAYERNVEREIN", "Bayerische Vereinsbank"); a mark without a name
  // ("<LASL.L>") cannot be told apart and is kept.
  auto names_headline_company = [&](const Mark& m) {
    if (headline_words.empty() || m.company_name.empty()) return true;
    for (const auto& w : SplitWords(m.company_name)) {
      std::string lw = Lower(w);
      for (const auto& h : headline_words) {
        if (lw == h || (lw.size() >= 5 && h.size() >= 5 && lw.compare(0, 5, h, 0, 5) == 0)) return true;
      }
    }
    return false;
  };
  std::vector<Mark> marks = FindMarks(body);
  for (size_t k = 0; k < marks.size(); ++k) {
    if (!marks[k].is_ticker || !names_headline_company(marks[k])) continue;
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

std::optional<v1::EntityRef> ProseEntity(std::string_view title, std::string_view body) {
  if (!FindMarks(title).empty()) return ReportingEntity(title, body);
  // "Canadian Pacific Ltd said ...", "<Precambrian Shield Resources Ltd>,
  // earlier reporting ...": the company the body opens with.
  static const WordSet kVerbs = {
      "said", "says", "reported", "reports", "has", "had", "posted", "earned", "today", "earlier", "also",
      "announced", "declared", "raised", "increased", "lifted", "boosted", "cut", "omitted", "reporting"};
  std::string_view b = Trim(body);
  std::vector<std::string> words = SplitWords(b.substr(0, 240));
  std::string opening;
  for (size_t n = 0; n < words.size() && n < 9; ++n) {
    const std::string& w = words[n];
    std::string lw = Lower(w);
    while (!lw.empty() && (lw.back() == ',' || lw.back() == '.')) lw.pop_back();
    if (n > 0 && kVerbs.count(lw)) {
      while (!opening.empty() && (opening.back() == ',' || opening.back() == ' ')) opening.pop_back();
      auto ref = ReportingEntity(opening, "");
      if (ref) return ref;
      break;
    }
    bool name_word = std::isupper(static_cast<unsigned char>(w.front())) || w.front() == '<' || lw == "and" ||
                     lw == "of" || lw == "&" || lw == "de";
    if (!name_word) break;
    if (!opening.empty()) opening.push_back(' ');
    opening += w;
  }
  return ReportingEntity(title, body);
}

std::string TitleCompanyKey(std::string_view title) {
  std::string name;
  for (const auto& w : SplitWords(title)) {
    if (w.front() == '<' || IsTitleStopWord(Lower(w))) break;
    if (!name.empty()) name.push_back(' ');
    name += w;
  }
  return CompanySlug(name);
}

std::optional<v1::Metric> ParseFigureLine(std::string_view line, std::string_view currency, std::string* why,
                                          LineForm* form) {
  return ParseFigureLine(line, Tokens(line), currency, why, form);
}

std::optional<v1::Metric> ParseFigureLine(std::string_view line, const std::vector<std::string>& t,
                                          std::string_view currency, std::string* why, LineForm* form) {
  why->clear();
  // The label: words up to the first value.
  size_t i = 0;
  std::vector<std::string> label_words;
  constexpr size_t kMaxLabelWords = 6;  // a longer "label" is prose
  label_words.reserve(kMaxLabelWords + 2);
  for (; i < t.size(); ++i) {
    // Past the longest label no figure line is left to find (the check after
    // the loop): stop, rather than look for an amount in the rest of a paragraph.
    if (label_words.size() > kMaxLabelWords) return std::nullopt;
    const std::string_view w = t[i];
    bool sign = w == "loss" || w == "profit";
    if (sign && w == "profit" && LabelTakesProfit(label_words)) {
      label_words.push_back(t[i]);
      continue;
    }
    if ((sign && StartsAmount(t, i + 1)) || (!sign && StartsAmount(t, i))) break;
    label_words.push_back(t[i]);
  }
  // "Loss 739,146" / "Profit 1.2 mln vs 900,000": the net result, unlabelled.
  // (Comparisons go through string_view: std::string == "literal" is a call with strlen in libstdc++ 12.)
  auto is = [&](size_t k, std::string_view word) { return std::string_view(t[k]) == word; };
  bool bare_result = label_words.empty() && i == 0 && !t.empty() && (is(0, "loss") || is(0, "profit"));
  if (bare_result) label_words.push_back("net");
  if (label_words.empty() || i >= t.size() || label_words.size() > kMaxLabelWords) return std::nullopt;
  std::string label = NormaliseLabel(label_words);
  LabelInfo info = Classify(label);
  // Prose that happens to contain a number is not a figure line ("Assets per
  // share equalled 65.68 guilders against 65.53", NatNed).
  static const std::set<std::string_view> kVerbs = {"equalled", "equaled", "totalled", "totaled", "was",
                                                     "were",     "is",      "are",      "rose",    "fell",
                                                     "reached",  "amounted", "stood",   "increased", "decreased",
                                                     "climbed",  "dropped", "declined", "grew",    "jumped"};
  if (!info.known && (label_words.size() > 4 || line.size() > 90 ||
                      std::any_of(label_words.begin(), label_words.end(),
                                  [](const std::string& w) { return kVerbs.count(w) > 0; }))) {
    return std::nullopt;
  }

  RawValue current, prior;
  if (!ReadValue(t, &i, &current)) return std::nullopt;
  bool has_prior = false;
  if (i < t.size() && (is(i, "vs") || is(i, "versus") || is(i, "against"))) {
    ++i;
    // "vs not given", "vs NA", "vs N.A.", "vs not available": no prior.
    if (i < t.size() && (is(i, "na") || is(i, "n.a") || is(i, "n/a") || is(i, "not") || is(i, "nm"))) {
      i = t.size();
    } else if (i < t.size() && is(i, "same")) {
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
  static const WordSet kAfterFigures = {"prior",  "restated", "adjusted", "x",   "a",       "year",   "ago",
                                        "previously", "shr", "share",    "per", "in",      "the",    "qtr",
                                        "quarter", "yr",     "payment",  "period", "paid"};
  for (; i < t.size(); ++i) {
    const std::string_view w = t[i];
    if (w == "prior") says_prior = true;
    if (kAfterFigures.contains(w)) continue;
    // "Mthly div 7.3 cts vs 7.5 cts in prior month": a monthly dividend's prior.
    if (w == "month" && says_prior && info.kind == v1::METRIC_KIND_DIVIDEND) continue;
    // "Div 3.95p vs 3.34p making 6.5p vs 5.5p": the rest is the year's total.
    if (w == "making" && info.kind == v1::METRIC_KIND_DIVIDEND) break;
    if (info.known && (w == "not" || w == "n/a" || w == "na")) return std::nullopt;
    if (info.known) *why = "unexpected \"" + std::string(w) + "\" after the figures";
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
  m.set_segment(info.segment);
  // The label as written in the source, e.g. "Oper shr".
  // The line's words (as SplitWords), but "-" and "--" (as Tokens() does),
  // as views of `line`: only the label's few are needed.
  std::vector<std::string_view> original;
  original.reserve(label_words.size() + 1);
  for (size_t k = 0; k < line.size() && original.size() < label_words.size();) {
    while (k < line.size() && IsAsciiSpace(line[k])) ++k;
    size_t end = k;
    while (end < line.size() && !IsAsciiSpace(line[end])) ++end;
    std::string_view w = line.substr(k, end - k);
    if (!w.empty() && w != "-" && w != "--") original.push_back(w);
    k = end;
  }
  std::string written;
  for (size_t k = 0; k < label_words.size() && k < original.size(); ++k) {
    if (!written.empty()) written.push_back(' ');
    written += original[k];
  }
  while (!written.empty() && (written.back() == ':' || written.back() == ',' || written.back() == '-')) written.pop_back();
  if (bare_result) written = original.empty() ? "Net" : std::string(original[0]);  // "Loss"
  m.set_label(written);
  if (!ToAmount(current, cls, currency, m.mutable_value(), why)) return std::nullopt;
  m.set_nil(current.nil);
  if (has_prior) {
    if (!ToAmount(prior, cls, currency, m.mutable_prior_value(), why)) return std::nullopt;
    m.set_basis(info.basis);
  }
  // "Sales 1,478,000 vs loss 2,097,000" (Interdyne): Reuters' typo; sales
  // and share counts are never losses.
  if ((m.kind() == v1::METRIC_KIND_REVENUE || m.kind() == v1::METRIC_KIND_AVERAGE_SHARES) &&
      (m.value().units() < 0 || (m.has_prior_value() && m.prior_value().units() < 0))) {
    *why = "a loss written on " + std::string(m.kind() == v1::METRIC_KIND_REVENUE ? "revenue" : "a share count");
    return std::nullopt;
  }
  if (form) {
    auto bare = [](const RawValue& v) { return v.unit == ValueUnit::kNone && v.currency.empty() && !v.multiplier; };
    *form = LineForm{current.sign_stated, has_prior && prior.sign_stated, cents(current) || (has_prior && cents(prior)),
                      bare(current) && (!has_prior || bare(prior))};
  }
  return m;
}

std::optional<PeriodHeader> ParsePeriodHeader(std::string_view line) {
  std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.size() > 60) return std::nullopt;
  return ParsePeriodHeader(line, Tokens(trimmed));
}

std::optional<PeriodHeader> ParsePeriodHeader(std::string_view line, const std::vector<std::string>& t) {
  std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.size() > 60) return std::nullopt;
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
    // A span that is no quarter, half, nine months or year ("TWO MTHS", "31
    // WEEK YEAR") is the period too, of no kind.
    if (probe.kind == v1::PERIOD_KIND_UNSPECIFIED && probe.fiscal_year == 0 && !probe.counted_span) continue;
    h = probe;
    h.applies_to_all = false;
    std::string label;
    for (size_t j = k; j < end; ++j) {
      if (!label.empty()) label.push_back(' ');
      label += original[j];
    }
    h.label = label;
    if (h.kind == v1::PERIOD_KIND_UNSPECIFIED && !h.counted_span) h.kind = v1::PERIOD_KIND_YEAR;  // "1986 NET"
    break;
  }
  return h;
}

// An unprocessed story (TEXT TYPE="UNPROC") has no <TITLE> and no <DATELINE>:
// its first line is the headline and its second, "LONDON, March 3", the
// dateline.
EarningsArticle UnprocessedAsArticle(const EarningsArticle& input) {
  EarningsArticle a = input;
  std::string_view body = input.body;
  size_t nl = body.find('\n');
  a.title = std::string(Trim(body.substr(0, nl)));
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
  // "BICC SEEKS ACCELERATED EARNINGS GROWTH LONDON, March 25 - BICC": the
  // headline, the dateline and the story's first words on one line.
  if (size_t dash = a.title.find(" - "); dash != std::string::npos) {
    std::vector<std::string> words = SplitWords(std::string_view(a.title).substr(0, dash));
    size_t n = words.size();
    if (n >= 4 && words[n - 3].back() == ',' && MonthFromName(words[n - 2]) && SmallNumber(words[n - 1])) {
      size_t city_words = 1;
      std::string two = Lower(words[n - 4] + " " + words[n - 3]);
      for (std::string_view c : {"hong kong,", "new york,", "kuala lumpur,", "los angeles,", "san francisco,",
                                 "quebec city,"}) {
        if (two == c) city_words = 2;
      }
      if (n > 3 + city_words) {
        std::string title, dateline;
        for (size_t k = 0; k < n; ++k) {
          std::string& target = k < n - 2 - city_words ? title : dateline;
          if (!target.empty()) target.push_back(' ');
          target += words[k];
        }
        std::string story = a.title.substr(dash + 3);
        a.title = title;
        a.dateline = dateline + " -";
        a.body = story + "\n" + std::string(rest);
        return a;
      }
    }
  }
  // "    LONDON, March 25 - BICC" : the dateline may run into the story.
  std::string_view second = Trim(rest.substr(0, rest.find('\n')));
  size_t dash = second.find(" - ");
  std::string_view head = Trim(second.substr(0, dash));
  std::vector<std::string> words = Tokens(head);
  bool dateline = head.size() < 60 && words.size() >= 2 && MonthFromName(words[words.size() - 2]) &&
                  SmallNumber(words.back());
  if (dateline) {
    a.dateline = std::string(head);
    size_t skip = static_cast<size_t>(second.data() - rest.data()) +
                  (dash == std::string_view::npos ? second.size() : dash + 3);
    rest = rest.substr(skip);
  }
  a.body = std::string(rest);
  return a;
}

// "CORRECTED - MEDIA GENERAL INC UPS ...", "(CORRECTED)-MICROPRO ...": the
// headline without Reuters' correction mark, which names no company.
std::string_view WithoutCorrectionMark(std::string_view title) {
  for (std::string_view mark : {"CORRECTED - ", "CORRECTED -", "CORRECTED-", "(CORRECTED)-", "(CORRECTED) - ",
                                "(CORRECTED) "}) {
    if (title.substr(0, mark.size()) == mark) return Trim(title.substr(mark.size()));
  }
  return title;
}

EarningsExtraction ExtractEarnings(const EarningsArticle& input) {
  EarningsArticle unprocessed;
  if (input.title.empty() && !input.body.empty()) unprocessed = UnprocessedAsArticle(input);
  if (unprocessed.title.empty() && WithoutCorrectionMark(input.title).size() != input.title.size()) {
    unprocessed = input;
    unprocessed.title = std::string(WithoutCorrectionMark(input.title));
  }
  const EarningsArticle& article = unprocessed.title.empty() ? input : unprocessed;
  EarningsExtraction out;
  auto entity = ReportingEntity(article.title, article.body);
  if (!entity) {
    out.no_events_reason = "no company named in title or body";
    return out;
  }
  std::vector<std::string> lines = LogicalLines(article.body);
  // Each line's tokens, read once for the currency, header and figure passes.
  std::vector<std::vector<std::string>> line_tokens;
  line_tokens.reserve(lines.size());
  for (const auto& line : lines) line_tokens.push_back(Tokens(line));
  const std::optional<std::string> stated = StatedCurrency(lines, line_tokens);
  std::string currency = ArticleCurrency(stated, article.dateline, WritesDollars(lines, line_tokens));
  out.currency = currency;

  std::vector<Block> blocks(1);
  blocks[0].period = PeriodFromTitle(article.title);
  PeriodHeader report_date;  // the end date stated for the report, if any
  if (blocks[0].period.end_month) report_date = blocks[0].period;
  int explicit_year = blocks[0].period.fiscal_year;
  // Without a table: the end of the fiscal year a sentence named ("For
  // full-year 1986 ended October 31"); a period named in another sentence
  // that ends after it ("first quarter ended January 31") is not in that
  // year (Bank of British Columbia).
  std::optional<CivilDate> prose_year_end;

  // Inside a breakdown ("Trading profit includes -" followed by one line per
  // division) the lines are parts of a figure, not figures of the company:
  // only named metrics are read there, until the next period header.
  bool in_breakdown = false;
  bool first_block_headed = false;  // the first block has a header line of its own
  int figures_year = 0;  // the last header's fiscal year, until a figure follows it
  int other_companies = 0;  // figure lines naming another company
  std::string lower;  // of the line, in one buffer for all lines
  for (const auto& line : lines) {
    LowerInto(line, &lower);
    if (lower.rfind("note", 0) == 0) continue;  // footnotes restate figures in prose
    if ((!lower.empty() && lower.back() == '-' && lower.find("include") != std::string::npos) ||
        (lower.find("breakdown") != std::string::npos && lower.find(" vs") == std::string::npos)) {
      in_breakdown = true;
      continue;
    }
    // "- distribution 10.1 mln stg vs 7.5 mln": an item of a list, a part of a figure.
    bool list_item = !lower.empty() && lower.front() == '-';
    const std::vector<std::string>& tokens = line_tokens[&line - lines.data()];
    if (auto header = ParsePeriodHeader(line, tokens)) {
      in_breakdown = false;
      if (header->end_month && (report_date.end_month == 0 || header->applies_to_all)) report_date = *header;
      // Its year counts once a figure follows: "1985 year ended December 28,
      // 1985." after the table (Shoe Town) is a note's.
      figures_year = header->fiscal_year;
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
        blocks.push_back(Block{*header, {}, {}, v1::FIGURE_ORIGIN_TABLE, {}});
      }
      continue;
    }
    // "U.K. Operating profit by sector -", "U.S. Sectors -" (Hanson),
    // "Pretax profit comprises -": words without figures that introduce a
    // list open a breakdown too ("Results for year 1986 -" names a period,
    // "---" separates reports).
    // "Nine month divisional net earnings before minorities were." (BHP).
    if (std::none_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        std::any_of(lower.begin(), lower.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
        (lower.back() == '-' || lower.back() == ':' || lower.find("divisional") != std::string::npos ||
         lower.find(" by division") != std::string::npos || lower.find(" by sector") != std::string::npos ||
         lower.find(" by region") != std::string::npos || lower.find(" by activit") != std::string::npos)) {
      in_breakdown = true;
      continue;
    }
    std::string why;
    LineForm form;
    auto metric = ParseFigureLine(line, tokens, currency, &why, &form);
    // "Trading profit 105.7 mln stg vs 101.3 mln, consisting -" (Rowntree):
    // a figure, then its parts.
    bool parts_follow = !lower.empty() && lower.back() == '-' && lower.find(" vs") != std::string::npos;
    if (!metric) {
      if (!why.empty()) out.unread_lines.push_back("\"" + line + "\": " + why);
      in_breakdown = in_breakdown || parts_follow;
      continue;
    }
    if ((in_breakdown || list_item) && metric->kind() == v1::METRIC_KIND_OTHER) continue;
    in_breakdown = in_breakdown || parts_follow;
    // "Third qtr net 206.0 mln dlrs vs 238.6 mln" in a nine months' table
    // (BHP): the line's own period, not the block's; left unread.
    if (NamesAnotherPeriod(tokens, blocks.back().period)) {
      out.unread_lines.push_back("\"" + line + "\": names a period other than its table's");
      continue;
    }
    // "Biomet Inc shr 49 cts vs 36" in a digest of several companies' results.
    if (NamesACompany(metric->label())) {
      out.unread_lines.push_back("\"" + line + "\": another company's figure");
      ++other_companies;
      continue;
    }
    std::string key = Lower(metric->label());
    if (blocks.back().labels.count(key)) {
      // The same figure again without a header: a period whose header we
      // could not read. Keep its figures, with the period unknown.
      blocks.push_back(Block{});
    }
    Block& cur = blocks.back();
    if (metric->kind() != v1::METRIC_KIND_OTHER) {
      for (const auto& m : cur.metrics) {
        if (m.kind() == metric->kind() && m.segment() == metric->segment()) {
          metric->set_kind(v1::METRIC_KIND_OTHER);  // one metric per kind, segment and period
          break;
        }
      }
    }
    // "Shr 516 cts vs 347 / Final div 135 vs 125 making 190 vs 180" (Anglo
    // American): the table says cents once, on its first per-share line; a
    // bare per-share line after it in the block is in cents too.
    if (form.bare && metric->value().unit() == v1::UNIT_MONEY_PER_SHARE &&
        std::any_of(cur.forms.begin(), cur.forms.end(), [](const auto& s) { return s.second.cents; })) {
      for (v1::Amount* a : {metric->mutable_value(), metric->has_prior_value() ? metric->mutable_prior_value() : nullptr}) {
        if (a && a->units() != 0) a->set_scale(a->scale() + 2);  // nil stays as written
      }
      form.cents = true;
    }
    cur.labels.insert(key);
    cur.forms[cur.metrics.size()] = form;
    cur.metrics.push_back(std::move(*metric));
    if (figures_year && !explicit_year) explicit_year = figures_year;
    figures_year = 0;
  }
  for (Block& b : blocks) {
    SignPriorsFromPerShare(&b);
    SignCurrentFromPerShare(&b);
    SignPerShareFromMoney(&b);
  }
  // "U.S. COMPANY EARNINGS HIGHLIGHTS": several companies' lines, some
  // without a legal form ("Richardson Electronics shr 59 cts vs 53"); none is
  // the headline's.
  if (other_companies >= 2 || NameHeadings(lines) >= 2) {
    out.no_events_reason = "a digest of several companies' results";
    return out;
  }

  bool any_table = std::any_of(blocks.begin(), blocks.end(), [](const Block& b) { return !b.metrics.empty(); });
  if (!any_table) {
    // "ZAYRE PLANS MORE STORE OPENINGS IN 1987": a hedged headline's period
    // is not the period of the figures stated in the body.
    if (IsHedged(article.title)) blocks.front().period = PeriodHeader{};
    if (auto prose_entity = ProseEntity(article.title, article.body)) entity = prose_entity;
    AddProseFigures(article, stated, entity->name(), &blocks);
    first_block_headed = true;  // each block names its own period
    // The report's year and end date are those its figures name.
    explicit_year = 0;
    report_date = PeriodHeader{};
    for (const Block& b : blocks) {
      if (!b.metrics.empty() && b.period.fiscal_year && !explicit_year) {
        explicit_year = b.period.fiscal_year;
        if (b.period.kind == v1::PERIOD_KIND_YEAR && b.period.end_month) {
          CivilDate end{b.period.end_year ? b.period.end_year : b.period.fiscal_year, b.period.end_month,
                        b.period.end_day};
          if (IsValidDate(end)) prose_year_end = end;
        }
      }
      if (!b.metrics.empty() && b.period.end_month && report_date.end_month == 0) report_date = b.period;
    }
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
      if (Lower(blocks[b].period.label) == "year" && blocks[b].origin == v1::FIGURE_ORIGIN_TABLE) {
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
  // A year of another span than twelve months (a change of fiscal year) is
  // no year, and its figures are not compared with a year's; nor is a year's
  // with a shorter prior. The priors are left out and the report says why.
  for (Block& b : blocks) {
    if (b.metrics.empty() || b.period.kind != v1::PERIOD_KIND_YEAR) continue;
    CivilDate year_end = b.period.end_month ? CivilDate{b.period.end_year, b.period.end_month, b.period.end_day}
                                            : CivilDate{article_date.year - 1, 12, 31};
    UnequalSpan span = UnequalYearSpan(article.body, year_end);
    if (!span.months) break;
    std::string months = std::to_string(span.months) + " months";
    if (span.current) {
      b.period.kind = v1::PERIOD_KIND_UNSPECIFIED;
      b.period.label = months;
    }
    for (auto& m : b.metrics) {
      if (!m.has_prior_value()) continue;
      m.clear_prior_value();
      m.set_basis(v1::COMPARISON_BASIS_UNSPECIFIED);
      out.unread_lines.push_back("\"" + m.label() + "\" prior: not compared, the " +
                                 (span.current ? "current" : span.prior ? "prior" : "current or prior") +
                                 " figures cover " + months);
    }
  }
  DropRevenueAboveItsWhole(&blocks, &out.unread_lines);
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
      // A sentence names each figure's own year ("1986 net income ... fourth
      // quarter 1985"); a table's blocks share the report's.
      int year = b.origin != v1::FIGURE_ORIGIN_TABLE && p.fiscal_year ? p.fiscal_year : fiscal_year;
      if (b.origin != v1::FIGURE_ORIGIN_TABLE && !p.fiscal_year && prose_year_end && p.end_month &&
          *prose_year_end < CivilDate{p.end_year, p.end_month, p.end_day}) {
        year = 0;
      }
      period->set_fiscal_year(year);
    }
    if (p.kind == v1::PERIOD_KIND_QUARTER || p.kind == v1::PERIOD_KIND_HALF) period->set_fiscal_quarter(p.ordinal);
    if (p.end_month) period->set_end_date(FormatDate(CivilDate{p.end_year, p.end_month, p.end_day}));
    period->set_label(p.label);
    for (auto& m : b.metrics) *ev.add_metrics() = std::move(m);
    *ev.mutable_reported_at() = article.published_at;
    ev.set_source_article_id(article.article_id);
    ev.set_source(article.source);
    ev.set_origin(b.origin);
    out.events.push_back(std::move(ev));
    ++index;
  }
  if (out.events.empty()) out.no_events_reason = "no figure lines found, nor a figure with its prior in the headline or a sentence";
  return out;
}

}  // namespace streamlens::loaders
