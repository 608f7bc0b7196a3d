#include "services/ingest/loaders/ticker_marks.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "services/common/ascii.h"
#include "services/ingest/loaders/plain_text.h"

namespace streamlens::loaders {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsAsciiSpace(s.front()) || s.front() == ',' || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && (IsAsciiSpace(s.back()) || s.back() == ',' || s.back() == '-')) s.remove_suffix(1);
  return s;
}

// Words that may sit inside a company name written in mixed case ("Bank of
// Boston", "Procter and Gamble").
bool IsNameConnector(std::string_view w) {
  return w == "&" || w == "of" || w == "and" || w == "de" || w == "du" || w == "der" || w == "van" || w == "von" ||
         w == "the" || w == "y" || w == "et";
}

// The legal forms that end company names, lower case.
constexpr std::array<std::string_view, 21> kLegalForms = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc", "lp",
    "ag",  "sa",           "nv",   "bv",          "spa", "ab",     "as",  "oy",      "kk",  "cos"};

bool IsLegalForm(std::string_view w) {
  std::string lower;
  for (char c : w) {
    if (c != '.') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return std::find(kLegalForms.begin(), kLegalForms.end(), lower) != kLegalForms.end();
}

// The company name written before a ticker at `mark_begin`: in an all-capitals
// headline, everything since the previous mark; in mixed-case text, the run of
// capitalised words (and connectors) just before the mark.
std::string NameBefore(std::string_view text, size_t from, size_t mark_begin) {
  std::string_view before = text.substr(from, mark_begin - from);
  // In a headline, written in capitals, a quoted word belongs to the name
  // ("TOYS "R" US INC"), and so does a comma before a list of partners
  // ("CROWLEY, MILNER AND CO"); other commas there separate companies
  // ("CONTINENTAL, EASTERN"). In mixed-case text both end the name.
  const bool capitals = std::none_of(before.begin(), before.end(), [](char c) { return IsAsciiLower(c); });
  // `words` (last first) read "... AND <NAME> <LEGAL FORM>".
  auto partners = [](const std::vector<std::string_view>& words) {
    return IsLegalForm(words.front()) &&
           std::any_of(words.begin(), words.end(), [](std::string_view w) { return w == "AND" || w == "&"; });
  };
  // The words of the name, last-to-first: read backwards from the mark up to
  // the first word that cannot be part of it (not the whole text before it).
  std::vector<std::string_view> words;
  words.reserve(16);  // one allocation for most names (it grew 1, 2, 4, 8...)
  size_t i = before.size();
  while (i > 0) {
    while (i > 0 && IsAsciiSpace(before[i - 1])) --i;
    size_t end = i;
    while (i > 0 && !IsAsciiSpace(before[i - 1])) --i;
    if (end == i) continue;
    std::string_view w = before.substr(i, end - i);
    char c = w.front();
    if (!words.empty() && (w.back() == ';' || w.back() == ':' || (w.back() == '"' && !capitals) ||
                           (w.back() == ',' && !(capitals && partners(words))))) {
      break;
    }
    const bool quoted = capitals && c == '"' && w.size() > 1 && IsAsciiUpper(w[1]);  // "R"
    // "Cheung Kong (Holdings) Ltd <CKGH.HK>": a capitalised word in
    // parentheses before the legal form is part of the name; not an acronym
    // defined after another name ("Mitsubishi ... (MHI) and C. Itoh and Co").
    bool in_parentheses = c == '(' && w.size() > 2 && IsAsciiUpper(w[1]) && w.back() == ')' && !words.empty() &&
                          IsLegalForm(words.back());
    if (!IsAsciiUpper(c) && !IsAsciiDigit(c) && !IsNameConnector(w) && !in_parentheses && !quoted) break;
    words.push_back(w);
  }
  size_t take = words.size();
  // Do not start a name with a connector ("of GTE Corp" -> "GTE Corp").
  while (take > 0 && IsNameConnector(words[take - 1])) --take;
  // A name of more than eight words is a headline fragment, keep the last eight.
  take = std::min<size_t>(take, 8);
  std::string name;
  size_t length = take;  // the spaces, and one more
  for (size_t k = 0; k < take; ++k) length += words[k].size();
  name.reserve(length);
  for (size_t k = take; k-- > 0;) {
    if (!name.empty()) name.push_back(' ');
    name.append(words[k]);
  }
  // Reuters marks re-sent stories in the headline ("RPT-INSITUFORM OF NORTH
  // AMERICA"): the marker is not part of the name.
  for (std::string_view marker : {"RPT-", "REPEAT-", "CORRECTED-", "CORRECTION-"}) {
    if (name.rfind(marker, 0) == 0) {
      name.erase(0, marker.size());
      break;
    }
  }
  return std::string(Trim(name));
}

// Reuters sometimes writes a ticker's exchange or class suffix after a space
// ("<ERIC ST>", "<GARJ J>", "<WAN B>") where it usually writes a dot
// ("<ERIC.ST>"): the dotted form, so that both name one company. A legal form
// after a name ("<BASF AG>", "<KEBO AB>") is no suffix. Other text unchanged.
std::string_view SymbolOf(std::string_view inside, std::string& dotted) {
  const size_t space = inside.find(' ');
  if (space == std::string_view::npos || space == 0) return inside;
  const std::string_view suffix = inside.substr(space + 1);
  if (suffix.empty() || suffix.size() > 2 || !std::all_of(suffix.begin(), suffix.end(), IsAsciiUpper) ||
      IsLegalForm(suffix)) {
    return inside;
  }
  dotted.assign(inside.substr(0, space)).append(".").append(suffix);
  return dotted;
}

}  // namespace

bool LooksLikeTicker(std::string_view s) {
  if (s.empty() || s.size() > 10) return false;
  // Optional exchange suffix: "BAEL.L", "CKGH.HK", "eric.St".
  std::string_view core = s;
  size_t dot = s.find('.');
  if (dot != std::string_view::npos) {
    std::string_view suffix = s.substr(dot + 1);
    if (suffix.empty() || suffix.size() > 2) return false;
    for (char c : suffix) {
      if (!IsAsciiAlpha(c)) return false;
    }
    core = s.substr(0, dot);
  }
  if (core.empty() || core.size() > 6) return false;
  // Upper-case symbol, digits allowed, with at most one trailing lower-case
  // class letter ("SFTPr"); or a short all-lower-case symbol ("unp"), a
  // typing variant Reuters also used. Capitalised words ("Dart", "Eni") are names.
  size_t upper = 0, lower = 0;
  for (size_t i = 0; i < core.size(); ++i) {
    char c = core[i];
    if (IsAsciiUpper(c) || IsAsciiDigit(c)) {
      ++upper;
    } else if (IsAsciiLower(c)) {
      ++lower;
    } else {
      return false;
    }
  }
  if (lower == 0) return core.size() <= 5 || dot != std::string_view::npos;
  if (upper == 0) return core.size() <= 4;
  return lower == 1 && IsAsciiLower(core.back()) && upper >= 2;
}

std::vector<Mark> FindMarks(std::string_view text) {
  std::vector<Mark> marks;
  size_t prev_end = 0;
  size_t pos = 0;
  while ((pos = text.find('<', pos)) != std::string_view::npos) {
    size_t close = text.find('>', pos + 1);
    if (close == std::string_view::npos) break;
    std::string_view inside = text.substr(pos + 1, close - pos - 1);
    if (inside.empty() || inside.size() > 40 || inside.find('\n') != std::string_view::npos ||
        inside.find('<') != std::string_view::npos) {
      pos += 1;
      continue;
    }
    if (marks.empty()) marks.reserve(4);  // most texts with a mark have a few
    Mark mark;
    mark.begin = pos;
    mark.end = close + 1;
    std::string_view trimmed = Trim(inside);
    std::string dotted;
    if (std::string_view symbol = SymbolOf(trimmed, dotted); LooksLikeTicker(symbol)) {
      mark.is_ticker = true;
      mark.symbol = std::string(symbol);
      mark.company_name = NameBefore(text, prev_end, pos);
    } else {
      mark.company_name = CollapseSpaces(trimmed);
    }
    marks.push_back(std::move(mark));
    prev_end = close + 1;
    pos = close + 1;
  }
  return marks;
}

std::string CompanySlug(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : name) {
    if (IsAsciiAlnum(c)) {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (c == '\'') {
      continue;  // "Macy's" -> "macys"
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  while (words.size() > 1 && (IsLegalForm(words.back()) || words.back() == "the")) words.pop_back();
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  std::string slug;
  for (const auto& w : words) {
    if (!slug.empty()) slug.push_back('-');
    slug += w;
  }
  return slug;
}

}  // namespace streamlens::loaders
