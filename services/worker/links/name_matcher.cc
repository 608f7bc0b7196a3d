#include "services/worker/links/name_matcher.h"

#include "services/common/ascii.h"
#include "services/worker/links/text_units.h"

#include <hs/hs.h>

#include <cctype>
#include <algorithm>
#include <cstring>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace streamlens::links {
namespace {

// ASCII letters and digits, as a table: the scan callback tests two bytes
// for every raw match.
struct WordBytes {
  bool word[256] = {};
  constexpr WordBytes() {
    for (int c = 0; c < 256; ++c) word[c] = IsAsciiAlnum(static_cast<unsigned char>(c));
  }
};
constexpr WordBytes kWordBytes;

bool IsWordByte(unsigned char c) { return kWordBytes.word[c]; }

// `text` with each line break as a space, into the first text.size() bytes
// of `out`, which only grows (a resize down and up again would zero-fill the
// difference for every article). Returns those bytes.
std::string_view FlattenLines(std::string_view text, std::string* out) {
  if (out->size() < text.size()) out->resize(text.size());
  const std::string_view flat(out->data(), text.size());
  const char* in = text.data();
  char* o = out->data();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i space = _mm_set1_epi8(' ');
  auto block = [&](size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + at));
    const __m128i is_newline = _mm_cmpeq_epi8(v, newline);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + at),
                     _mm_or_si128(_mm_andnot_si128(is_newline, v), _mm_and_si128(is_newline, space)));
  };
  if (text.size() >= 16) {
    for (; i + 16 <= text.size(); i += 16) block(i);
    if (i < text.size()) block(text.size() - 16);  // the tail, overlapping the last block
    return flat;
  }
#endif
  for (; i < text.size(); ++i) o[i] = in[i] == '\n' ? ' ' : in[i];
  return flat;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "a|b|c" -> {"a", "b", "c"}, empty parts dropped.
std::vector<std::string> SplitBars(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t bar = s.find('|', pos);
    if (bar == std::string::npos) bar = s.size();
    if (bar > pos) out.push_back(s.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return out;
}

std::string Attribute(const v1::CatalogEntity& e, const std::string& key) {
  auto it = e.attributes().find(key);
  return it == e.attributes().end() ? std::string() : it->second;
}

#if defined(__SSE2__)
// Bits set in a 16-bit movemask, inline: without -mpopcnt __builtin_popcount
// is a call into libgcc.
inline size_t Popcount16(unsigned x) {
  x -= (x >> 1) & 0x5555u;
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0f0fu;
  return (x + (x >> 8)) & 0x1fu;
}
#endif

}  // namespace

// A byte of a ticker symbol ("BAEL.L"): capitals, digits, the exchange dot.
bool IsSymbolByte(char c) { return IsAsciiUpper(static_cast<unsigned char>(c)) || IsAsciiDigit(static_cast<unsigned char>(c)) || c == '.'; }

bool IsTickerSymbol(std::string_view s) {
  return !s.empty() && s.size() <= 8 && std::all_of(s.begin(), s.end(), IsSymbolByte);
}

bool InsideTickerMark(std::string_view text, size_t begin, size_t end) {
  // The mark's brackets: a symbol is at most eight bytes long, and the walk
  // stops at the first byte no symbol has (next to most names, a space).
  constexpr size_t kMaxSymbol = 8;
  size_t open = begin;
  while (open > 0 && end - open < kMaxSymbol && IsSymbolByte(text[open - 1])) --open;
  if (open == 0 || text[open - 1] != '<') return false;
  size_t close = end;
  while (close < text.size() && close - open < kMaxSymbol && IsSymbolByte(text[close])) ++close;
  return close < text.size() && text[close] == '>' && IsTickerSymbol(text.substr(open, close - open));
}

bool IsAllCaps(std::string_view text) {
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t upper = 0, lower = 0, i = 0;
#if defined(__SSE2__)
  // Capitals (titles, telex bodies) are counted 16 bytes at a time, as long
  // as the early stop below cannot fall inside the block: within it `lower`
  // stays at most the block's end count and `upper` at least its start count.
  const __m128i upper_shift = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
  const __m128i lower_shift = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
  const __m128i letters = _mm_set1_epi8(static_cast<char>(-128 + 26));
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i));
    const size_t u = Popcount16(
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, upper_shift), letters))));
    const size_t l = Popcount16(
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, lower_shift), letters))));
    if (lower + l > 4 && (lower + l) * 10 > upper) break;  // it might: count this block byte by byte
    upper += u;
    lower += l;
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = t[i];
    if (IsAsciiUpper(c)) {
      ++upper;
    } else if (IsAsciiLower(c)) {
      ++lower;
      // Mixed-case text shows itself within a few words: stop early.
      if (lower > 4 && lower * 10 > upper) return false;
    }
  }
  // A few lower-case letters survive in Reuters titles ("4th qtr", "Inc").
  return upper > 0 && lower * 10 <= upper;
}

struct NameMatcher::ScanContext {
  const PatternFacts* facts;  // the matcher's facts_
  std::string_view text;
  bool all_caps;
  std::vector<NameHit>* hits;
};

int NameMatcher::OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                         void* ctx) {
  auto* c = static_cast<ScanContext*>(ctx);
  const PatternFacts& p = c->facts[id];
  const size_t end = static_cast<size_t>(to);
  const size_t begin = end - p.length;
  const auto* t = reinterpret_cast<const unsigned char*>(c->text.data());
  // Word boundaries, where the name itself begins or ends with a word byte.
  if (begin > 0 && p.word_front && IsWordByte(t[begin - 1])) return 0;
  if (end < c->text.size() && p.word_back && IsWordByte(t[end])) return 0;
  if (InsideTickerMark(c->text, begin, end)) return 0;
  if (p.caps_only && !c->all_caps) return 0;
  if (p.caseless && !c->all_caps && !p.lower_start && IsAsciiLower(t[begin])) return 0;
  c->hits->push_back({id, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  return 0;
}

absl::StatusOr<std::unique_ptr<NameMatcher>> NameMatcher::Build(std::vector<const v1::CatalogEntity*> entities,
                                                                const std::vector<std::string>& blockers,
                                                                const std::vector<Cue>& cues) {
  std::unique_ptr<NameMatcher> m(new NameMatcher());
  m->entities_ = std::move(entities);
  std::unordered_map<std::string, uint32_t> index;  // key: "c:" + lower or "e:" + exact
  auto add_pattern = [&](const std::string& text, bool caseless, bool caps_only, uint32_t form) {
    const std::string key = (caseless ? "c:" + Lower(text) : "e:" + text);
    auto [it, inserted] = index.try_emplace(key, static_cast<uint32_t>(m->patterns_.size()));
    if (inserted) {
      NamePattern p;
      p.text = caseless ? Lower(text) : text;
      p.caseless = caseless;
      p.caps_only = caps_only;
      m->patterns_.push_back(std::move(p));
    }
    NamePattern& p = m->patterns_[it->second];
    if (std::islower(static_cast<unsigned char>(text.front()))) p.lower_start = true;
    for (uint32_t f : p.forms) {
      if (f == form) return;
    }
    p.forms.push_back(form);
  };
  auto add_form = [&](int32_t entity, FormKind kind, std::string_view text, bool exact, int32_t cue = -1) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return;
    const auto form = static_cast<uint32_t>(m->forms_.size());
    m->forms_.push_back({entity, kind, cue, std::string(text)});
    const std::string t(text);
    if (!exact) {
      add_pattern(t, true, false, form);
      return;
    }
    add_pattern(t, false, false, form);
    if (Upper(t) != t) add_pattern(Upper(t), false, true, form);
  };
  for (size_t i = 0; i < m->entities_.size(); ++i) {
    const v1::CatalogEntity& e = *m->entities_[i];
    const auto id = static_cast<int32_t>(i);
    add_form(id, FormKind::kName, e.name(), false);
    for (const auto& a : e.aliases()) add_form(id, FormKind::kName, a, false);
    for (const auto& a : e.case_sensitive_aliases()) add_form(id, FormKind::kName, a, true);
    for (const auto& d : SplitBars(Attribute(e, "demonyms"))) {
      add_form(id, FormKind::kDemonym, d, false);
    }
    for (const auto& d : SplitBars(Attribute(e, "dateline_aliases"))) {
      add_form(id, FormKind::kDatelineAlias, d, false);
    }
    for (const auto& d : SplitBars(Attribute(e, "home_names"))) {
      add_form(id, FormKind::kHomeName, d, false);
    }
    add_form(id, FormKind::kSurname, Attribute(e, "surname"), false);
  }
  for (const auto& b : blockers) add_form(-1, FormKind::kBlocker, b, false);
  for (const auto& c : cues) add_form(-1, FormKind::kCue, c.text, false, c.id);
  for (const auto& p : m->patterns_) {
    if (p.text.size() > 0xffff) return absl::InvalidArgumentError("name longer than 65535 bytes: " + p.text.substr(0, 40));
    PatternFacts f;
    if (p.forms.size() > 0xffff) return absl::InvalidArgumentError("more than 65535 entities share the name " + p.text);
    f.forms_begin = static_cast<uint32_t>(m->form_refs_.size());
    f.forms_count = static_cast<uint16_t>(p.forms.size());
    for (uint32_t fi : p.forms) m->form_refs_.push_back({m->forms_[fi].entity, m->forms_[fi].kind});
    f.length = static_cast<uint16_t>(p.text.size());
    const NameForm& first = m->forms_[p.forms.front()];
    f.cue = first.kind == FormKind::kCue ? static_cast<int16_t>(first.cue) : int16_t{-1};
    f.caseless = p.caseless;
    f.caps_only = p.caps_only;
    f.lower_start = p.lower_start;
    f.word_front = IsWordByte(static_cast<unsigned char>(p.text.front()));
    f.word_back = IsWordByte(static_cast<unsigned char>(p.text.back()));
    m->facts_.push_back(f);
  }
  if (m->patterns_.empty()) return m;  // an empty catalog matches nothing

  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < m->patterns_.size(); ++i) {
    const auto& p = m->patterns_[i];
    exprs.push_back(p.text.data());
    lens.push_back(p.text.size());
    flags.push_back(p.caseless ? HS_FLAG_CASELESS : 0);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &m->database_, &error) != HS_SUCCESS) {
    std::string what = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0) what += " (name \"" + m->patterns_[error->expression].text + "\")";
    hs_free_compile_error(error);
    return absl::InvalidArgumentError("compiling the catalog names: " + what);
  }
  if (hs_alloc_scratch(m->database_, &m->scratch_) != HS_SUCCESS) {
    return absl::ResourceExhaustedError("hyperscan: cannot allocate scratch");
  }
  return m;
}

NameMatcher::~NameMatcher() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
  if (database_ != nullptr) hs_free_database(database_);
}

void NameMatcher::Scan(std::string_view text, bool all_caps, std::vector<NameHit>* hits) const {
  if (database_ == nullptr || text.empty()) return;
  // Reuters wraps its lines inside names ("Federal Reserve Board Chairman
  // Paul\nVolcker"): names and cues are matched on the text with each line
  // break read as a space. Same length, so the offsets are the text's. A
  // body (long) is copied without looking for a line break first.
  thread_local std::string flat;
  std::string_view scanned = text;
  if (text.size() >= 64 || std::memchr(text.data(), '\n', text.size()) != nullptr) {
    scanned = FlattenLines(text, &flat);
  }
  ScanContext ctx{facts_.data(), scanned, all_caps, hits};
  hs_scan(database_, scanned.data(), static_cast<unsigned>(scanned.size()), 0, scratch_, &NameMatcher::OnMatch,
          &ctx);
}

size_t NameMatcher::CountRawMatches(std::string_view text) const {
  if (database_ == nullptr || text.empty()) return 0;
  size_t count = 0;
  hs_scan(
      database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
      [](unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) -> int {
        ++*static_cast<size_t*>(ctx);
        return 0;
      },
      &count);
  return count;
}

size_t NameMatcher::database_bytes() const {
  size_t size = 0;
  if (database_ != nullptr) hs_database_size(database_, &size);
  return size;
}

}  // namespace streamlens::links
