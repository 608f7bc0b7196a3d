#include "services/worker/links/linker.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "services/common/ascii.h"
#include "services/common/ids.h"
#include "services/worker/links/name_matcher.h"
#include "services/worker/links/relations.h"
#include "services/worker/links/salience.h"
#include "services/worker/links/text_units.h"

namespace streamlens::links {
namespace {

// Phrases that contain a name but are no mention of it: "Latin America" is
// not the United States. Compiled with the names, so longest-match-wins
// hides the shorter name inside them.
const std::vector<std::string>& Blockers() {
  static const std::vector<std::string> kBlockers = {
      "Latin America", "Latin American", "South America", "South American", "North America", "North American",
      "Central America", "Central American", "American Depositary", "Americas", "Indian Ocean", "Pacific Ocean",
      "Atlantic Ocean", "Persian Gulf", "Gulf of Mexico", "Middle East", "Far East", "Southeast Asia",
      "West Indies", "English-language", "Native American", "French franc", "Swiss franc", "Dutch guilder",
      "Chinese Wall", "Georgia-Pacific", "Turkey Point", "New York Times", "Washington Post",
      "Wall Street Journal", "Bank of New York", "Bank of America", "Bank of Boston", "Bank of Tokyo",
      "Bank of China", "Bank of Montreal", "Bank of Nova Scotia", "Royal Bank of Canada", "Bank of Scotland",
      "Bank of Ireland", "Bank of New England", "Bank of Hawaii", "Sun Life of Canada", "Manufacturers Hanover",
      "American Express", "American Airlines", "American Motors", "American Brands", "American Home Products",
      "American Can", "American Cyanamid", "American Standard", "American Medical", "American Barrick",
      "American Petrofina", "American General", "British Petroleum", "British Airways", "British Telecom",
      "British Steel", "British Gas", "British Aerospace", "British Columbia", "Japan Air Lines",
      "Canadian Pacific", "Canadian Imperial", "Canadian National", "Texas Instruments", "Texas Air", "Texaco",
      "Philadelphia Electric", "Detroit Edison", "Boston Edison", "Houston Industries", "Pacific Gas",
      "Southern California Edison", "New England Electric", "Florida Power", "Ohio Edison", "Dallas Cowboys",
      "Chicago Pacific", "Pittsburgh Plate", "Minnesota Mining", "Indiana Standard", "Commonwealth Edison",
      "Hong Kong and Shanghai Banking", "Hongkong and Shanghai", "Swiss Bank Corp", "Union Bank of Switzerland",
      "Credit Suisse", "Deutsche Bank", "Dresdner Bank", "National Security Council",
      // The IMF's "Monetary Fund" and the Hong Kong exchange inside other names.
      "European Monetary Fund", "European Monetary Cooperation Fund", "Hong Kong Exchange Fund",
      // Commercial banks named after a central bank's country.
      "Industrial Bank of Japan", "Export-Import Bank of Japan", "Long-Term Credit Bank of Japan",
      "National Bank of Canada", "Continental Bank of Canada", "HongKong Bank of Canada", "Hongkong Bank of Canada",
      "Chase Manhattan Bank of Canada"};
  return kBlockers;
}

// Whether `offset` starts a sentence: nothing but spaces between it and a
// full stop or the start of the text.
bool StartsSentence(std::string_view text, size_t offset) {
  while (offset > 0 && IsAsciiSpace(static_cast<unsigned char>(text[offset - 1]))) --offset;
  return offset == 0 || text[offset - 1] == '.';
}

// Whether the name at `begin` in mixed-case text ends another one: a
// capitalised word stands right before it that neither starts its sentence
// ("Total Stock Exchange turnover") nor ends the one before ("in Paris.
// Bourse officials said"). "Luxembourg Stock Exchange" is not the Stock
// Exchange of a LONDON story.
bool EndsAnotherName(std::string_view text, uint32_t begin) {
  const std::string_view word = PreviousWord(text, begin);
  if (word.empty() || !IsAsciiUpper(static_cast<unsigned char>(word.front()))) return false;
  const size_t word_begin = static_cast<size_t>(word.data() - text.data());
  return !StartsSentence(text, begin) && !StartsSentence(text, word_begin);
}

// Words that, right before a surname, make it a person: "Treasury Secretary Baker".
bool IsPersonTitle(std::string_view word) {
  static constexpr std::array<std::string_view, 36> kTitles = {
      "secretary", "minister", "president", "chairman", "chairwoman", "chair", "governor", "chancellor",
      "premier", "treasurer", "director", "commissioner", "mr", "mrs", "ms", "dr", "senator", "sen",
      "representative", "rep", "king", "ambassador", "leader", "spokesman", "official", "deputy",
      "economist", "ayatollah", "judge", "prince", "sheikh", "general", "executive", "head", "envoy", "adviser"};
  // Lower-cased on the stack: no title is longer than "representative".
  constexpr size_t kLongest = 14;
  static_assert([] {
    size_t longest = 0;
    for (auto t : kTitles) longest = std::max(longest, t.size());
    return longest;
  }() == kLongest);
  if (word.size() > kLongest) return false;
  char buf[kLongest];
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    buf[i] = static_cast<char>(IsAsciiUpper(c) ? c - 'A' + 'a' : c);
  }
  const std::string_view lower(buf, word.size());
  return std::find(kTitles.begin(), kTitles.end(), lower) != kTitles.end();
}

// A surname is a person when a title or a possessive stands before it:
// "Treasury Secretary Baker", "TREASURY'S BAKER", "Canada's Wilson".
bool IsTitled(std::string_view text, uint32_t begin) {
  std::string_view before = text.substr(0, begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.size() >= 2 && (before.back() == 's' || before.back() == 'S')) {
    const char q = before[before.size() - 2];
    if (q == '\'') return true;
    if (before.size() >= 4 && before.substr(before.size() - 4, 3) == "\xE2\x80\x99") return true;  // ’
  }
  return IsPersonTitle(PreviousWord(text, begin));
}

double AttributeDouble(const v1::CatalogEntity& e, const char* key, double fallback) {
  auto it = e.attributes().find(key);
  if (it == e.attributes().end()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  return end == it->second.c_str() ? fallback : v;
}

std::string AttributeString(const v1::CatalogEntity& e, const char* key) {
  auto it = e.attributes().find(key);
  return it == e.attributes().end() ? std::string() : it->second;
}

std::string Slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (IsAsciiAlnum(c)) {
      out.push_back(static_cast<char>(IsAsciiUpper(c) ? c - 'A' + 'a' : c));
    } else if (c == '\'' || c == '.') {
      continue;
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// "Champion Products Inc" -> "Champion Products": the name the body uses later.
std::string_view ShortCompanyName(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kSuffixes = {" Inc", " Corp", " Co", " Ltd", " Plc",
                                                                  " PLC", " Corporation", " Company", " Inc.",
                                                                  " Corp."};
  if (name.empty()) return name;
  for (auto suffix : kSuffixes) {
    if (name.back() == suffix.back() && name.size() > suffix.size() + 2 &&
        name.substr(name.size() - suffix.size()) == suffix) {
      name.remove_suffix(suffix.size());
      while (!name.empty() && (name.back() == ',' || name.back() == ' ')) name.remove_suffix(1);
      return name;
    }
  }
  return name;
}

// Whether a ticker mark can name the catalog company that holds the symbol
// today: marks of 1987 reuse symbols now held by others (<C> was Chrysler,
// today it is Citigroup). The mark's first word must start a word of the
// catalog name or an alias, or the mark's initials must be the name ("IBM").
bool MarkNamesCompany(std::string_view mark_name, const v1::CatalogEntity& e) {
  auto lower = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) out.push_back(static_cast<char>(IsAsciiUpper(c) ? c - 'A' + 'a' : c));
    return out;
  };
  const std::string mark = lower(mark_name);
  size_t end = 0;
  while (end < mark.size() && (IsAsciiAlnum(static_cast<unsigned char>(mark[end])) || mark[end] == '&')) ++end;
  if (end == 0) return true;  // nothing to compare: trust the symbol
  const std::string first = mark.substr(0, end);
  auto starts_a_word = [&](const std::string& name) {
    const std::string n = lower(name);
    for (size_t pos = n.find(first); pos != std::string::npos; pos = n.find(first, pos + 1)) {
      if (pos == 0 || !IsAsciiAlnum(static_cast<unsigned char>(n[pos - 1]))) return true;
    }
    return false;
  };
  if (starts_a_word(e.name())) return true;
  for (const auto& a : e.aliases()) {
    if (starts_a_word(a)) return true;
  }
  // A headline mark's name carries the headline's words before the company
  // ("CLAREMONT TO BOOST CHAMPION PRODUCTS"): the catalog name's first word
  // as one of its words will do.
  const std::string name = lower(e.name());
  size_t name_end = 0;
  while (name_end < name.size() && IsAsciiAlnum(static_cast<unsigned char>(name[name_end]))) ++name_end;
  if (name_end >= 3) {
    const std::string_view word(name.data(), name_end);
    for (size_t pos = mark.find(word); pos != std::string::npos; pos = mark.find(word, pos + 1)) {
      const size_t after = pos + word.size();
      if ((pos == 0 || mark[pos - 1] == ' ') &&
          (after == mark.size() || !IsAsciiAlnum(static_cast<unsigned char>(mark[after])))) {
        return true;
      }
    }
  }
  std::string initials;
  bool at_word = true;
  for (unsigned char c : mark_name) {
    if (at_word && IsAsciiAlpha(c)) initials.push_back(static_cast<char>(IsAsciiLower(c) ? c - 'a' + 'A' : c));
    at_word = c == ' ';
  }
  return initials.size() >= 2 && e.name().size() >= 2 && initials.compare(0, e.name().size(), e.name()) == 0;
}

constexpr int kTitle = 0, kDateline = 1, kBody = 2;

// `*out = value`, skipping the copy when it already holds it.
// Within the string's capacity a copy and a resize down or an append cost
// half of assign(), which first checks whether the value lies inside the
// string (and a resize up would zero-fill first).
void AssignIfChanged(std::string* out, std::string_view value) {
  if (std::string_view(*out) == value) return;
  const size_t have = out->size();
  if (value.size() <= have) {
    if (!value.empty()) std::memcpy(out->data(), value.data(), value.size());
    out->resize(value.size());
  } else {
    if (have > 0) std::memcpy(out->data(), value.data(), have);
    out->append(value.data() + have, value.size() - have);
  }
}

// StableId(prefix, parts) written over `*out`, keeping its capacity: a
// record's id is made for every article.
void AssignStableId(std::string* out, std::string_view prefix, std::initializer_list<std::string_view> parts) {
  static constexpr auto kHexPairs = [] {  // byte -> its two hex digits
    std::array<char, 512> t{};
    constexpr char kHex[] = "0123456789abcdef";
    for (int b = 0; b < 256; ++b) {
      t[2 * b] = kHex[b >> 4];
      t[2 * b + 1] = kHex[b & 0xf];
    }
    return t;
  }();
  const uint64_t h = StableHash(parts);
  out->resize(prefix.size() + 17);
  char* o = out->data();
  std::memcpy(o, prefix.data(), prefix.size());
  o += prefix.size();
  *o++ = '-';
  for (int shift = 56; shift >= 0; shift -= 8, o += 2) std::memcpy(o, &kHexPairs[2 * ((h >> shift) & 0xff)], 2);
}

// Bit masks over a window of at most 62 bytes copied into `buf` (64 bytes,
// zero-padded): buf[0] is the byte before the window, buf[1..n] the window,
// buf[n + 1] the byte after it. Bit j of each mask is buf[j].
struct WindowMasks {
  uint64_t letter = 0, s_or_t = 0, dot = 0, space = 0;
};

WindowMasks MasksOf(const unsigned char* buf) {
  WindowMasks m;
#if defined(__SSE2__)
  const __m128i lower = _mm_set1_epi8(0x20), before_a = _mm_set1_epi8(0x60), after_z = _mm_set1_epi8(0x7B);
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(buf + 16 * k));
    const __m128i x = _mm_or_si128(v, lower);  // bytes >= 0x80 stay negative: no letter
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(x, before_a), _mm_cmplt_epi8(x, after_z));
    const __m128i st = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('s')), _mm_cmpeq_epi8(x, _mm_set1_epi8('t')));
    const int shift = 16 * k;
    m.letter |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(letter))) << shift;
    m.s_or_t |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(st))) << shift;
    m.dot |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')))))
             << shift;
    m.space |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')))))
               << shift;
  }
#else
  for (int j = 0; j < 64; ++j) {
    const unsigned x = buf[j] | 0x20u;
    const uint64_t bit = uint64_t{1} << j;
    if (x - 'a' < 26u) m.letter |= bit;
    if (x == 's' || x == 't') m.s_or_t |= bit;
    if (buf[j] == '.') m.dot |= bit;
    if (buf[j] == ' ') m.space |= bit;
  }
#endif
  return m;
}

// Whether "said", "says" or "told" (or in capitals) stands within a few
// words of a mention, in the same sentence: "Lawson said", "the IMF told",
// "said Treasury Secretary James Baker". Reads at most 40 bytes after the
// mention and 30 before it, stopping at a sentence end (". "); a word counts
// when it lies wholly inside the window (a word cut by the window's edge does
// not). Word by word it would cost about 2 % of the linker's time; this reads
// each window as four 16-byte blocks.
bool NextToSpeech(std::string_view text, uint32_t begin, uint32_t end) {
  static const std::array<uint32_t, 6> kVerbs = [] {
    std::array<uint32_t, 6> v{};
    const char* words[6] = {"said", "says", "told", "SAID", "SAYS", "TOLD"};
    for (int i = 0; i < 6; ++i) std::memcpy(&v[i], words[i], 4);
    return v;
  }();
  // Words of four letters starting with s or t at a word start: bit j is
  // buf[j]; the word must end inside the window and no letter follow it.
  auto any_verb = [&](const unsigned char* buf, const WindowMasks& m, size_t n, uint64_t allowed) {
    const uint64_t window = n >= 3 ? ((uint64_t{1} << (n - 2)) - 1) & ~uint64_t{1} : 0;  // j in [1, n - 3]
    uint64_t candidates = m.s_or_t & m.letter & ~(m.letter << 1) & ~(m.letter >> 4) & window & allowed;
    while (candidates != 0) {
      const int j = __builtin_ctzll(candidates);
      candidates &= candidates - 1;
      uint32_t w;
      std::memcpy(&w, buf + j, 4);
      if (std::find(kVerbs.begin(), kVerbs.end(), w) != kVerbs.end()) return true;
    }
    return false;
  };
  auto fill = [&](unsigned char* buf, size_t from, size_t to) {  // window text[from, to)
    std::memset(buf, 0, 64);
    buf[0] = from > 0 ? static_cast<unsigned char>(text[from - 1]) : 0;
    std::memcpy(buf + 1, text.data() + from, to - from);
    buf[to - from + 1] = to < text.size() ? static_cast<unsigned char>(text[to]) : 0;
    return to - from;
  };
  unsigned char buf[64];
  // After: candidates before the first ". " (bit j of '.' with a space at j + 1).
  {
    const size_t n = fill(buf, end, std::min<size_t>(text.size(), end + 40));
    const WindowMasks m = MasksOf(buf);
    const uint64_t in_window = n > 0 ? ((uint64_t{1} << (n + 1)) - 1) & ~uint64_t{1} : 0;  // j in [1, n]
    const uint64_t stops = m.dot & (m.space >> 1) & in_window;
    const uint64_t allowed = stops == 0 ? ~uint64_t{0} : (uint64_t{1} << __builtin_ctzll(stops)) - 1;
    if (any_verb(buf, m, n, allowed)) return true;
  }
  // Before: candidates after the last ". " (a space at bit j, '.' at j - 1).
  {
    const size_t from = begin > 30 ? begin - 30 : 0;
    const size_t n = fill(buf, from, begin);
    const WindowMasks m = MasksOf(buf);
    const uint64_t in_window = n > 0 ? ((uint64_t{1} << (n + 1)) - 1) & ~uint64_t{1} : 0;
    const uint64_t stops = m.space & (m.dot << 1) & in_window;
    const uint64_t allowed = stops == 0 ? ~uint64_t{0} : ~((uint64_t{2} << (63 - __builtin_clzll(stops))) - 1);
    if (any_verb(buf, m, n, allowed)) return true;
  }
  return false;
}

// An acronym the article defines right after a name: "the Asian Development
// Bank (ADB)". Returns the acronym ("ADB") and where it starts, or an empty
// view: two to eight letters, digits or '&', at least two of them capitals,
// starting with one.
std::string_view AcronymDefinedAfter(std::string_view text, uint32_t end, uint32_t* acronym_begin) {
  if (end + 4 > text.size() || text[end] != ' ' || text[end + 1] != '(') return {};
  const uint32_t begin = end + 2;
  uint32_t pos = begin;
  int capitals = 0;
  while (pos < text.size() && pos - begin <= 8 && text[pos] != ')') {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (!IsAsciiAlnum(c) && c != '&') return {};
    capitals += IsAsciiUpper(c) ? 1 : 0;
    ++pos;
  }
  const uint32_t length = pos - begin;
  if (pos >= text.size() || length < 2 || length > 8 || capitals < 2 ||
      !IsAsciiUpper(static_cast<unsigned char>(text[begin]))) {
    return {};
  }
  *acronym_begin = begin;
  return text.substr(begin, length);
}

}  // namespace

// Per-entity facts the linker needs on every article, computed once per build.
// The word before an officer's role that names the body (BodyMention::
// head_word): the catalog's `head_word`, else the last word of the id
// ("treasury" of org:us-treasury).
std::string HeadWord(const v1::CatalogEntity& e) {
  std::string word = AttributeString(e, "head_word");
  if (word.empty()) word = e.id().substr(e.id().find_last_of("-:") + 1);
  for (char& c : word) c = AsciiLower(c);
  return word;
}

struct EntityInfo {
  double prior = 0.5;
  int32_t country = -1;  // the containing country (itself for a country), -1 when none
  int32_t home = -1;     // the city whose datelines its `home_names` need, -1 when none
  bool is_country = false;
  bool is_region_or_country = false;  // a dateline qualifier: state, province or country
  bool surname_needs_title = false;   // "surname_support": "title"
  SalienceKind salience_kind = SalienceKind::kOrganisation;
  // Log-odds that the editors tag it when it is mentioned (the salience
  // model's per-entity prior, its kind's rate when the model never saw it).
  double salience_prior = 0;
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  std::vector<int32_t> context;       // entities whose presence supports this one
  std::string head_word;              // BodyMention::head_word
};

// A mention after overlap resolution: one span and the forms it may be
// (those of `pattern`, and of `pattern2` when another spelling matched the
// same bytes).
struct Mention {
  int field;
  uint32_t begin, end;
  uint32_t pattern;
  int64_t pattern2 = -1;
  int32_t entity = -1;  // resolved entity, -1 when none
  bool blocked = false;
};

struct SpanRef {
  int field;
  uint32_t begin, end;
};

// What the article says about one entity, gathered from its mentions.
struct Aggregate {
  int32_t entity = -1;
  std::vector<SpanRef> spans;
  int count = 0;
  int body_count = 0;
  bool in_title = false, in_dateline = false, in_first_sentence = false;
  bool direct = false;  // named itself, not only through a city in it
  bool only_demonyms = true;
  bool speech = false;  // a body mention next to "said", "says" or "told"
  uint32_t first_body = UINT32_MAX;  // offset of the first body mention
  double salience = 0;
  v1::EntityRef synthetic;  // for companies known only from a ticker mark
};

// Catalog entities by ticker symbol, looked up for every ticker mark.
// Symbols of one to eight bytes (all of the catalog's) are packed into a
// 64-bit key and found in an open-addressed table, without hashing a string;
// any other symbol is kept in a map.
class TickerIndex {
 public:
  // `symbols`: symbol -> entity index.
  void Build(const std::unordered_map<std::string, int32_t>& symbols) {
    size_t size = 16;
    while (size < 2 * symbols.size()) size *= 2;  // at most half full: probes end
    keys_.assign(size, 0);
    values_.assign(size, -1);
    others_.clear();
    for (const auto& [symbol, entity] : symbols) {
      uint64_t key = 0;
      if (!Pack(symbol, &key)) {
        others_.emplace(symbol, entity);
        continue;
      }
      size_t i = Slot(key);
      while (keys_[i] != 0) i = (i + 1) & (keys_.size() - 1);
      keys_[i] = key;
      values_[i] = entity;
    }
  }
  // The entity holding `symbol`, or -1.
  int32_t Find(const std::string& symbol) const {
    uint64_t key = 0;
    if (keys_.empty() || !Pack(symbol, &key)) {
      auto it = others_.find(symbol);
      return it == others_.end() ? -1 : it->second;
    }
    for (size_t i = Slot(key);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == 0) return -1;
    }
  }

 private:
  // Distinct symbols without a NUL byte give distinct, non-zero keys.
  static bool Pack(std::string_view s, uint64_t* key) {
    if (s.empty() || s.size() > 8 || std::memchr(s.data(), 0, s.size()) != nullptr) return false;
    std::memcpy(key, s.data(), s.size());
    return true;
  }
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (keys_.size() - 1);
  }

  std::vector<uint64_t> keys_;  // 0: empty slot
  std::vector<int32_t> values_;
  std::unordered_map<std::string, int32_t> others_;
};

// Per-article sets over entity indexes without allocation: an entry is in
// the set when its stamp equals the current article's generation.
class EntitySet {
 public:
  void Reset(size_t n, uint32_t generation) {
    if (stamps_.size() != n) stamps_.assign(n, 0);
    generation_ = generation;
  }
  void Insert(int32_t i) { stamps_[i] = generation_; }
  bool Contains(int32_t i) const { return i >= 0 && stamps_[i] == generation_; }

 private:
  std::vector<uint32_t> stamps_;
  uint32_t generation_ = 0;
};

struct Linker::Impl {
  const EntityCatalog* catalog = nullptr;
  uint64_t built_version = 0;
  bool built = false;
  std::unique_ptr<NameMatcher> matcher;
  SalienceModel salience_model;  // the catalog's, as of the last build
  double synthetic_prior = 0;    // the salience prior of ticker-only companies
  std::vector<EntityInfo> info;
  TickerIndex by_ticker;

  // Scratch reused across articles (the linker is single-threaded), so that
  // linking allocates little beyond the EntityLink it returns.
  mutable std::vector<NameHit> hits;
  mutable std::vector<Mention> mentions;
  mutable std::vector<CueHit> cues;
  mutable std::vector<BodyMention> body_mentions;
  mutable std::vector<BodyMention> title_bodies;  // the entities the title names, for the relations
  // Acronyms the article defines after a name: "Asian Development Bank (ADB)".
  struct Definition {
    std::string_view acronym;
    int32_t entity;
    uint32_t begin;  // where the acronym is written in the body
  };
  mutable std::vector<Definition> definitions;
  mutable EntitySet strong, strong_countries, dateline_countries;
  mutable EntitySet dateline_places;  // every place a dateline name may mean
  mutable std::vector<int32_t> slot_of;  // entity -> index into aggs, valid when slot_stamp matches
  mutable std::vector<uint32_t> slot_stamp;
  mutable std::vector<Aggregate> aggs;
  mutable size_t agg_count = 0;
  mutable std::vector<std::pair<double, Aggregate*>> order;  // output order: salience, then id
  mutable std::vector<MarkedCompany> marked;                 // ticker-only companies of the last article
  // Mentions a shorter record released, kept with their strings for the next
  // longer one (at most kMaxSpareMentions).
  static constexpr size_t kMaxSpareMentions = 256;
  mutable std::vector<std::unique_ptr<v1::EntityMention>> spare_mentions;
  mutable uint32_t generation = 0;
  std::string version_text;  // built_version in decimal, for link ids
  // Entity ids, names and types in id order (the order of
  // NameMatcher::entities()), copied into every EntityLink: one array of
  // offsets into one buffer of characters, so that reading a mention's
  // strings costs two cache lines rather than a chain of pointers.
  struct RefText {
    uint32_t id_begin, id_size, name_begin, name_size;
    v1::EntityType type;
  };
  std::vector<RefText> ref_texts;
  std::string ref_chars;

  absl::Status Build();
  void Link(const v1::NewsEvent& article, v1::EntityLink* out, std::vector<EntitySalience>* features) const;
  void ScoreSalience(uint32_t body_length, std::vector<EntitySalience>* features) const;
  Aggregate& AggregateOf(int32_t entity) const;
  Aggregate& NewAggregate() const;
};

Aggregate& Linker::Impl::NewAggregate() const {
  if (agg_count == aggs.size()) aggs.emplace_back();
  Aggregate& a = aggs[agg_count++];
  a.entity = -1;
  a.spans.clear();
  a.count = a.body_count = 0;
  a.in_title = a.in_dateline = a.in_first_sentence = a.direct = false;
  a.only_demonyms = true;
  a.speech = false;
  a.first_body = UINT32_MAX;
  a.salience = 0;
  // `synthetic` is read only for entity -1, whose three fields are all set
  // where it is made (step 4): not cleared for every aggregate.
  return a;
}

Aggregate& Linker::Impl::AggregateOf(int32_t entity) const {
  if (slot_stamp[entity] == generation) return aggs[slot_of[entity]];
  slot_stamp[entity] = generation;
  slot_of[entity] = static_cast<int32_t>(agg_count);
  Aggregate& a = NewAggregate();
  a.entity = entity;
  return a;
}

absl::Status Linker::Impl::Build() {
  auto entities = catalog->All();
  auto m = NameMatcher::Build(entities, Blockers(), RelationCues());
  if (!m.ok()) return m.status();
  std::unordered_map<std::string, int32_t> index;
  for (size_t i = 0; i < entities.size(); ++i) index[entities[i]->id()] = static_cast<int32_t>(i);
  std::vector<EntityInfo> infos(entities.size());
  std::unordered_map<std::string, int32_t> tickers;
  for (size_t i = 0; i < entities.size(); ++i) {
    const auto& e = *entities[i];
    auto& inf = infos[i];
    const std::string kind = AttributeString(e, "kind");
    inf.is_country = e.type() == v1::ENTITY_TYPE_PLACE && (kind == "country" || kind == "historic-country");
    inf.is_region_or_country = inf.is_country || kind == "region";
    inf.prior = AttributeDouble(e, "prior", 0.5);
    inf.type = e.type();
    inf.surname_needs_title = AttributeString(e, "surname_support") == "title";
    inf.head_word = HeadWord(e);
    if (auto it = index.find(AttributeString(e, "home")); it != index.end()) inf.home = it->second;
    inf.salience_kind = SalienceKindOf(e.type());
    inf.salience_prior = catalog->salience_model().PriorLogit(e.id(), e.type());
    for (const auto& c : e.codes()) {
      if (c.scheme() == "ticker") tickers.try_emplace(c.value(), static_cast<int32_t>(i));
    }
    for (const auto& part : {AttributeString(e, "context_ids")}) {
      size_t pos = 0;
      while (pos < part.size()) {
        size_t bar = part.find('|', pos);
        if (bar == std::string::npos) bar = part.size();
        if (auto it = index.find(part.substr(pos, bar - pos)); it != index.end()) inf.context.push_back(it->second);
        pos = bar + 1;
      }
    }
  }
  // Countries through the parent chain (city -> state -> country), bounded
  // so that a cycle in the data cannot hang the build.
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i]->type() != v1::ENTITY_TYPE_PLACE) {
      // Organisations and exchanges of one country ("U.S. Treasury", the
      // Bundesbank, the Tokyo Stock Exchange) name it too.
      auto it = index.find(AttributeString(*entities[i], "country"));
      if (it != index.end() && infos[it->second].is_country) infos[i].country = it->second;
      continue;
    }
    int32_t cur = static_cast<int32_t>(i);
    for (int depth = 0; depth < 6 && cur >= 0; ++depth) {
      if (infos[cur].is_country) {
        infos[i].country = cur;
        break;
      }
      auto it = index.find(entities[cur]->parent_id());
      cur = it == index.end() ? -1 : it->second;
    }
  }
  matcher = std::move(*m);
  salience_model = catalog->salience_model();
  synthetic_prior = salience_model.PriorLogit("", v1::ENTITY_TYPE_COMPANY);
  info = std::move(infos);
  slot_of.assign(info.size(), -1);
  slot_stamp.assign(info.size(), 0);
  generation = 0;
  by_ticker.Build(tickers);
  built_version = catalog->version();
  version_text = std::to_string(built_version);
  ref_texts.clear();
  ref_chars.clear();
  for (const auto* e : entities) {
    RefText r{};
    r.id_begin = static_cast<uint32_t>(ref_chars.size());
    r.id_size = static_cast<uint32_t>(e->id().size());
    ref_chars += e->id();
    r.name_begin = static_cast<uint32_t>(ref_chars.size());
    r.name_size = static_cast<uint32_t>(e->name().size());
    ref_chars += e->name();
    r.type = e->type();
    ref_texts.push_back(r);
  }
  built = true;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Linker>> Linker::Create(const EntityCatalog& catalog) {
  std::unique_ptr<Linker> linker(new Linker());
  linker->impl_ = std::make_unique<Impl>();
  linker->impl_->catalog = &catalog;
  if (auto s = linker->impl_->Build(); !s.ok()) return s;
  return linker;
}

Linker::~Linker() = default;

absl::Status Linker::Refresh() {
  if (impl_->built && impl_->built_version == impl_->catalog->version()) return absl::OkStatus();
  // On failure the previous matcher stays in use.
  return impl_->Build();
}

uint64_t Linker::catalog_version() const { return impl_->built_version; }
size_t Linker::pattern_count() const { return impl_->matcher->patterns().size(); }
const NameMatcher& Linker::matcher() const { return *impl_->matcher; }
const std::vector<MarkedCompany>& Linker::marked_companies() const { return impl_->marked; }

std::optional<std::string_view> UnusableCompanyName(std::string_view name) {
  int letters = 0;
  std::vector<std::string_view> words;
  for (size_t pos = 0; pos < name.size();) {
    const size_t space = std::min(name.find(' ', pos), name.size());
    if (space > pos) words.push_back(name.substr(pos, space - pos));
    pos = space + 1;
  }
  for (unsigned char c : name) letters += IsAsciiAlpha(c) ? 1 : 0;
  if (letters < 2 || words.size() > 8) return "name";
  // Another mark or a sentence end inside: "Industrie> A300-600R and 15
  // Boeing Co", "Hong Kong. Texas Instruments Inc".
  if (name.find_first_of("<>") != std::string_view::npos || name.find(". ") != std::string_view::npos) return "name";
  if (IsAllCaps(name)) return "headline";
  // "Champion Products Inc": the legal form ends the name. Without one the
  // words before a mark are often not a name ("U.S. Conglomerate Alcoa",
  // "Triangle Industries Inc's"); with one inside, two companies are named
  // ("Hoffman-LaRoche Inc and SmithKline Beckman Corp").
  if (ShortCompanyName(name) == name) return "no-legal-form";
  static constexpr std::array<std::string_view, 8> kEndOnly = {"Inc", "Inc.", "Corp", "Corp.", "Ltd", "Plc", "PLC",
                                                               "Corporation"};
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (std::find(kEndOnly.begin(), kEndOnly.end(), words[i]) != kEndOnly.end()) return "no-legal-form";
  }
  return std::nullopt;
}

v1::CatalogEntity DiscoveredCompany(const MarkedCompany& company, std::string_view article_id) {
  v1::CatalogEntity e;
  e.set_id(company.id);
  e.set_type(v1::ENTITY_TYPE_COMPANY);
  e.set_name(company.name);
  // "Champion Products" matches later articles that drop the legal form; a
  // single word ("Gelco", "First", "Union") would match too much.
  const std::string_view short_name = ShortCompanyName(company.name);
  if (short_name != company.name && short_name.find(' ') != std::string_view::npos) {
    e.add_aliases(std::string(short_name));
  }
  if (company.symbol_free) {
    auto* code = e.add_codes();
    code->set_scheme("ticker");
    code->set_value(company.symbol);
  }
  (*e.mutable_attributes())["discovered_from"] = std::string(article_id);
  (*e.mutable_attributes())["prior"] = "0.2";
  return e;
}

void Linker::Link(const v1::NewsEvent& article, v1::EntityLink* out,
                  std::vector<EntitySalience>* features) const {
  impl_->Link(article, out, features);
}

// Scores every aggregate with the salience model (salience.h). Allocates
// only when `features` is asked for.
void Linker::Impl::ScoreSalience(uint32_t body_length, std::vector<EntitySalience>* features) const {
  std::array<int, kSalienceKinds> kind_entities{}, kind_body_mentions{};
  auto kind_of = [this](const Aggregate& a) {
    return a.entity >= 0 ? info[a.entity].salience_kind : SalienceKind::kOrganisation;
  };
  for (size_t i = 0; i < agg_count; ++i) {
    const int k = static_cast<int>(kind_of(aggs[i]));
    ++kind_entities[k];
    kind_body_mentions[k] += aggs[i].body_count;
  }
  for (size_t i = 0; i < agg_count; ++i) {
    Aggregate& a = aggs[i];
    const SalienceKind kind = kind_of(a);
    SalienceFeatures f;
    f.in_title = a.in_title;
    f.in_dateline = a.in_dateline;
    f.in_first_sentence = a.in_first_sentence;
    f.direct = a.direct;
    f.only_demonyms = a.only_demonyms;
    f.speech = a.speech;
    f.body_count = a.body_count;
    f.first_body_offset = a.body_count > 0 ? a.first_body : 0;
    f.body_length = body_length;
    f.kind_entities = kind_entities[static_cast<int>(kind)];
    f.kind_body_mentions = kind_body_mentions[static_cast<int>(kind)];
    a.salience = salience_model.Score(kind, f, a.entity >= 0 ? info[a.entity].salience_prior : synthetic_prior);
    if (features != nullptr && a.entity >= 0) features->push_back({matcher->entities()[a.entity]->id(), f});
  }
}

void Linker::Impl::Link(const v1::NewsEvent& article, v1::EntityLink* out,
                        std::vector<EntitySalience>* features) const {
  const NameMatcher& nm = *matcher;
  const auto& facts = nm.facts();
  const std::string_view fields[3] = {article.title(), article.dateline(), article.body()};
  // A body is all caps from its first lines on (old telex copy), so a sample will do.
  const bool caps[3] = {IsAllCaps(fields[kTitle].substr(0, 96)), true, IsAllCaps(fields[kBody].substr(0, 256))};
  if (++generation == 0) {  // wrapped: stale stamps could look current
    std::fill(slot_stamp.begin(), slot_stamp.end(), 0);
    generation = 1;
  }
  strong.Reset(info.size(), generation);
  strong_countries.Reset(info.size(), generation);
  dateline_countries.Reset(info.size(), generation);
  dateline_places.Reset(info.size(), generation);
  agg_count = 0;
  marked.clear();
  mentions.clear();
  cues.clear();
  body_mentions.clear();
  definitions.clear();

  // 1. Scan, then keep the longest leftmost match in each field.
  for (int f = 0; f < 3; ++f) {
    hits.clear();
    nm.Scan(fields[f], caps[f], &hits);
    std::sort(hits.begin(), hits.end(), [](const NameHit& a, const NameHit& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    uint32_t taken_end = 0;
    bool have_last = false;
    for (const NameHit& h : hits) {
      if (const int cue = facts[h.pattern].cue; cue >= 0) {
        if (f == kBody) cues.push_back({cue, h.begin, h.end});
        continue;
      }
      if (have_last && h.begin == mentions.back().begin && h.end == mentions.back().end) {
        mentions.back().pattern2 = h.pattern;  // same bytes, other spelling ("ISO" and "Iso")
        continue;
      }
      if (h.begin < taken_end) continue;
      if (f != kDateline && InsideTickerMark(fields[f], h.begin, h.end)) continue;
      mentions.push_back({f, h.begin, h.end, h.pattern});
      have_last = true;
      taken_end = h.end;
    }
  }

  const auto& refs = nm.form_refs();
  auto for_each_form = [&](const Mention& m, auto&& fn) {
    const PatternFacts& p = facts[m.pattern];
    for (uint32_t i = p.forms_begin; i < p.forms_begin + p.forms_count; ++i) fn(refs[i]);
    if (m.pattern2 >= 0) {
      const PatternFacts& p2 = facts[m.pattern2];
      for (uint32_t i = p2.forms_begin; i < p2.forms_begin + p2.forms_count; ++i) fn(refs[i]);
    }
  };

  // 2. Which forms may count where they were found. A dateline's place names
  // are noted first, whichever place they turn out to mean: a city's own
  // exchange goes by "the Stock Exchange" in its stories.
  for (const auto& m : mentions) {
    if (m.field != kDateline) continue;
    for_each_form(m, [&](const NameMatcher::FormRef& form) {
      if (form.kind == FormKind::kName && form.entity >= 0) dateline_places.Insert(form.entity);
    });
  }
  auto form_valid = [&](const Mention& m, const NameMatcher::FormRef& form) {
    switch (form.kind) {
      case FormKind::kName:
      case FormKind::kDemonym:
      case FormKind::kSurname:  // decided after the first pass
        return true;
      case FormKind::kDatelineAlias: {
        if (m.field == kDateline) return true;
        // "Rochester, N.Y." in running text: a capitalised word, then ", ".
        const std::string_view t = fields[m.field];
        if (m.begin < 3 || t[m.begin - 1] != ' ' || t[m.begin - 2] != ',') return false;
        const std::string_view word = PreviousWord(t, m.begin - 2);
        return !word.empty() && IsAsciiUpper(static_cast<unsigned char>(word.front()));
      }
      case FormKind::kHomeName:
        return m.field != kDateline && dateline_places.Contains(info[form.entity].home) &&
               (caps[m.field] || !EndsAnotherName(fields[m.field], m.begin));
      case FormKind::kBlocker:
      case FormKind::kCue:
        return false;
    }
    return false;
  };

  // First pass: mentions that name exactly one entity (surnames aside).
  bool any_dateline_country = false;
  for (auto& m : mentions) {
    int32_t only = -1;
    bool ambiguous = false, surname = false;
    for_each_form(m, [&](const NameMatcher::FormRef& form) {
      if (form.kind == FormKind::kBlocker) m.blocked = true;
      if (!form_valid(m, form)) return;
      if (form.kind == FormKind::kSurname) {
        surname = true;
      } else if (only == -1 || only == form.entity) {
        only = form.entity;
      } else {
        ambiguous = true;
      }
    });
    if (m.blocked) continue;
    if (only >= 0 && !ambiguous && !surname) {
      m.entity = only;
      strong.Insert(only);
      if (info[only].country >= 0) strong_countries.Insert(info[only].country);
      if (m.field == kDateline && info[only].is_region_or_country && info[only].country >= 0) {
        dateline_countries.Insert(info[only].country);
        any_dateline_country = true;
      }
    }
  }

  // Second pass: shared names by prior and context; surnames by support.
  for (auto& m : mentions) {
    if (m.entity >= 0 || m.blocked) continue;
    const bool titled = m.field != kDateline && IsTitled(fields[m.field], m.begin);
    double best = -1e9;
    int32_t chosen = -1;
    for_each_form(m, [&](const NameMatcher::FormRef& form) {
      if (!form_valid(m, form) || form.entity < 0) return;
      const EntityInfo& inf = info[form.entity];
      double score = inf.prior;
      if (strong.Contains(form.entity)) score += 1.0;
      if (form.kind == FormKind::kSurname && !strong.Contains(form.entity) && !titled) {
        // Alone, a surname needs its context: "Lawson said" in a story
        // about the U.K.
        bool supported = false;
        if (!inf.surname_needs_title) {
          for (int32_t c : inf.context) supported |= strong.Contains(c);
        }
        if (!supported) return;
      }
      if (inf.country >= 0 && inf.country != form.entity && strong_countries.Contains(inf.country)) score += 0.5;
      if (m.field == kDateline && dateline_countries.Contains(inf.country)) score += 2.0;
      for (int32_t c : inf.context) {
        if (strong.Contains(c)) score += 0.5;
      }
      // Ties go to the first form seen (catalog id order): deterministic.
      if (score > best + 1e-9) {
        best = score;
        chosen = form.entity;
      }
    });
    m.entity = chosen;
  }

  // A dateline naming its state or country ("HANOVER, N.H.") overrides the
  // cities that name would otherwise mean ("Hanover", West Germany).
  if (any_dateline_country) {
    for (auto& m : mentions) {
      if (m.field != kDateline || m.entity < 0) continue;
      const EntityInfo& inf = info[m.entity];
      if (inf.country >= 0 && !dateline_countries.Contains(inf.country)) m.entity = -1;
    }
  }

  // 3. Gather per entity; places also count for their country.
  const std::string_view body = fields[kBody];
  // Where the first sentence ends matters only up to the last body mention.
  uint32_t last_body_mention = 0;
  for (const auto& m : mentions) {
    if (m.field == kBody && m.entity >= 0) last_body_mention = std::max(last_body_mention, m.begin + 1);
  }
  const uint32_t first_sentence_end = FirstSentenceEnd(body.substr(0, last_body_mention));
  auto note = [&](Aggregate& a, int field, uint32_t begin, uint32_t end, bool direct, bool demonym) {
    a.spans.push_back({field, begin, end});
    ++a.count;
    a.body_count += field == kBody ? 1 : 0;
    a.in_title |= field == kTitle;
    a.in_dateline |= field == kDateline;
    a.in_first_sentence |= field == kBody && begin < first_sentence_end;
    if (field == kBody) a.first_body = std::min(a.first_body, begin);
    a.direct |= direct;
    a.only_demonyms &= demonym;
  };
  // A mention of `entity`, and (not directly) of the country it lies in;
  // body mentions are kept for the relations.
  auto note_mention = [&](int32_t entity, int field, uint32_t begin, uint32_t end, bool demonym) {
    note(AggregateOf(entity), field, begin, end, true, demonym);
    const int32_t country = info[entity].country;
    if (country >= 0 && country != entity) note(AggregateOf(country), field, begin, end, false, demonym);
    if (field == kBody) body_mentions.push_back({entity, info[entity].type, begin, end, info[entity].head_word});
  };
  for (const auto& m : mentions) {
    if (m.entity < 0) continue;
    bool demonym = false;
    for_each_form(m, [&](const NameMatcher::FormRef& form) {
      if (form.entity == m.entity) demonym = form.kind == FormKind::kDemonym;
    });
    // Who speaks matters for people and bodies; places (most mentions) skip the test.
    if (m.field == kBody && info[m.entity].salience_kind != SalienceKind::kPlace) {
      Aggregate& agg = AggregateOf(m.entity);
      if (!agg.speech) agg.speech = NextToSpeech(body, m.begin, m.end);
    }
    note_mention(m.entity, m.field, m.begin, m.end, demonym);
    if (m.field == kBody) {
      // "the Asian Development Bank (ADB)": remember the acronym (rare, and
      // checked with two byte compares per mention).
      uint32_t acronym_begin = 0;
      if (const auto acronym = AcronymDefinedAfter(body, m.end, &acronym_begin); !acronym.empty()) {
        bool seen = false;
        for (const auto& d : definitions) seen |= d.acronym == acronym;
        if (!seen) definitions.push_back({acronym, m.entity, acronym_begin});
      }
    }
  }
  // Later uses of an acronym the article defined are mentions of the entity
  // it was defined for, where no catalog name was found ("ADB said", "ADB
  // LENDS ..." in the title); the definition itself is not counted again.
  for (const auto& d : definitions) {
    const std::string_view acronym = d.acronym;
    for (int f : {kTitle, kBody}) {
      const std::string_view t = fields[f];
      for (size_t pos = t.find(acronym); pos != std::string_view::npos; pos = t.find(acronym, pos + 1)) {
        const size_t end = pos + acronym.size();
        if ((pos > 0 && IsAsciiAlnum(static_cast<unsigned char>(t[pos - 1]))) ||
            (end < t.size() && IsAsciiAlnum(static_cast<unsigned char>(t[end]))) ||
            (f == kBody && pos == d.begin) || InsideTickerMark(t, static_cast<uint32_t>(pos), static_cast<uint32_t>(end))) {
          continue;
        }
        bool covered = false;
        for (const auto& m : mentions) covered |= m.field == f && m.begin < end && pos < m.end;
        if (covered) continue;
        note_mention(d.entity, f, static_cast<uint32_t>(pos), static_cast<uint32_t>(end), false);
      }
    }
  }

  // 4. Companies marked with a ticker ("Champion Products Inc <CH>") are
  // never lost: the catalog entry for the ticker, else an entity made from
  // the mark itself.
  const size_t catalog_aggs = agg_count;
  for (const auto& mark : article.tickers()) {
    const std::string& symbol = mark.symbol();
    if (symbol.empty()) continue;
    Aggregate* a = nullptr;
    const int32_t holder = by_ticker.Find(symbol);
    if (holder >= 0 && MarkNamesCompany(mark.company_name(), *nm.entities()[holder])) {
      a = &AggregateOf(holder);
    } else {
      // A symbol the catalog holds for another company keeps the mark's
      // company apart, under a slug of its name.
      // The symbol's id is the one the earnings loader gives the same mark:
      // the ticker in lower case, its exchange suffix kept ("company:eric.st").
      const bool symbol_free = holder < 0 && IsTickerSymbol(symbol);
      std::string id = "company:";
      if (symbol_free) {
        for (char c : symbol) id.push_back(AsciiLower(c));
      } else {
        id += Slug(mark.company_name().empty() ? symbol : mark.company_name());
      }
      if (id == "company:") continue;
      marked.push_back({id, mark.company_name(), symbol, symbol_free});
      for (size_t i = catalog_aggs; i < agg_count && a == nullptr; ++i) {
        if (aggs[i].entity < 0 && aggs[i].synthetic.id() == id) a = &aggs[i];
      }
      if (a == nullptr) {
        a = &NewAggregate();
        a->synthetic.set_id(id);
        a->synthetic.set_type(v1::ENTITY_TYPE_COMPANY);
        a->synthetic.set_name(mark.company_name().empty() ? symbol : mark.company_name());
      }
    }
    const std::string bracketed = "<" + symbol + ">";
    const std::string_view name = mark.company_name();
    const std::string_view short_name = ShortCompanyName(name);
    const size_t before = a->spans.size();
    for (int f : {kTitle, kBody}) {
      const std::string_view t = fields[f];
      for (size_t pos = t.find(bracketed); pos != std::string_view::npos; pos = t.find(bracketed, pos + 1)) {
        size_t begin = pos;
        // Include the name written just before the mark.
        if (!name.empty() && pos >= name.size() + 1 && t.substr(pos - name.size() - 1, name.size()) == name) {
          begin = pos - name.size() - 1;
        }
        note(*a, f, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos + bracketed.size()), true, false);
      }
      // Later mentions by name alone ("Champion said").
      if (short_name.size() >= 3) {
        for (size_t pos = t.find(short_name); pos != std::string_view::npos; pos = t.find(short_name, pos + 1)) {
          const size_t end = pos + short_name.size();
          const bool boundary = (pos == 0 || !IsAsciiAlnum(static_cast<unsigned char>(t[pos - 1]))) &&
                                (end >= t.size() || !IsAsciiAlnum(static_cast<unsigned char>(t[end])));
          bool covered = false;
          for (size_t s = 0; s < a->spans.size(); ++s) {  // step 3 may have found it by name
            covered |= a->spans[s].field == f && a->spans[s].begin <= pos && a->spans[s].end >= end;
          }
          if (boundary && !covered) note(*a, f, static_cast<uint32_t>(pos), static_cast<uint32_t>(end), true, false);
        }
      }
    }
    if (a->spans.size() == before) note(*a, kTitle, 0, 0, true, false);  // marked but not found: keep the link
  }

  // 5. Salience: the model's probability that an editor would tag the
  // entity (salience.h; weights and per-entity priors learned from the
  // Reuters tuning files, data/catalog/salience.json).
  ScoreSalience(static_cast<uint32_t>(body.size()), features);

  // The record, written over `out` in place: strings keep their capacity
  // and repeated elements are reused, so a message reused across articles
  // costs no allocation per mention or span.
  AssignStableId(out->mutable_id(), "link", {article.id(), version_text});
  AssignIfChanged(out->mutable_article_id(), article.id());
  AssignIfChanged(out->mutable_title(), article.title());
  if (article.has_published_at()) {
    *out->mutable_published_at() = article.published_at();
  } else {
    out->clear_published_at();
  }
  out->clear_source_position();
  out->mutable_relations()->Clear();
  // Most salient first; id breaks ties so the output is deterministic.
  order.clear();
  for (size_t i = 0; i < agg_count; ++i) order.emplace_back(aggs[i].salience, &aggs[i]);
  // Catalog entities compare by index, which is id order; ticker-only
  // companies come after them, by id.
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first > y.first;
    const int32_t ex = x.second->entity, ey = y.second->entity;
    if (ex >= 0 && ey >= 0) return ex < ey;
    if (ex >= 0 || ey >= 0) return ex >= 0;
    return x.second->synthetic.id() < y.second->synthetic.id();
  });
  auto& out_mentions = *out->mutable_mentions();
  // Without an arena, mentions dropped from the end are kept whole (entity
  // reference and strings) for later articles: RemoveLast would clear them,
  // which deletes the entity reference and its two strings.
  const bool recycle = out->GetArena() == nullptr;
  int used = 0;
  for (auto& [score, ap] : order) {
    Aggregate& a = *ap;
    v1::EntityMention* m = nullptr;
    if (used < out_mentions.size()) {
      m = out_mentions.Mutable(used);
    } else if (recycle && !spare_mentions.empty()) {
      m = spare_mentions.back().release();
      spare_mentions.pop_back();
      out_mentions.AddAllocated(m);
    } else {
      m = out_mentions.Add();
    }
    ++used;
    std::string_view id, name;
    v1::EntityType type;
    if (a.entity >= 0) {
      const RefText& r = ref_texts[a.entity];
      id = std::string_view(ref_chars.data() + r.id_begin, r.id_size);
      name = std::string_view(ref_chars.data() + r.name_begin, r.name_size);
      type = r.type;
    } else {
      id = a.synthetic.id();
      name = a.synthetic.name();
      type = a.synthetic.type();
    }
    v1::EntityRef* ref = m->mutable_entity();
    // Consecutive articles often put the same entity in the same place: the
    // strings are then already right.
    AssignIfChanged(ref->mutable_id(), id);
    ref->set_type(type);
    AssignIfChanged(ref->mutable_name(), name);
    m->set_salience(score);
    std::sort(a.spans.begin(), a.spans.end(), [](const SpanRef& x, const SpanRef& y) {
      return x.field != y.field ? x.field < y.field : x.begin < y.begin;
    });
    auto& spans = *m->mutable_spans();
    int used_spans = 0;
    for (const SpanRef& sr : a.spans) {
      v1::Span* span = used_spans < spans.size() ? spans.Mutable(used_spans) : spans.Add();
      ++used_spans;
      span->set_field(sr.field == kTitle      ? v1::ARTICLE_FIELD_TITLE
                      : sr.field == kDateline ? v1::ARTICLE_FIELD_DATELINE
                                              : v1::ARTICLE_FIELD_BODY);
      span->set_begin(static_cast<int32_t>(sr.begin));
      span->set_end(static_cast<int32_t>(sr.end));
      // Into the span's own string: set_text(data, size) would first build a
      // temporary std::string (protobuf 3.21).
      AssignIfChanged(span->mutable_text(), fields[sr.field].substr(sr.begin, sr.end - sr.begin));
    }
    while (spans.size() > used_spans) spans.RemoveLast();
  }
  while (out_mentions.size() > used) {
    if (recycle && spare_mentions.size() < kMaxSpareMentions) {
      spare_mentions.emplace_back(out_mentions.ReleaseLast());
    } else {
      out_mentions.RemoveLast();
    }
  }

  // 6. Relations the body states: only when a cue word was found and two
  // parties (companies, organisations, brands, people) are named, in the
  // body or, for a body's head word, the title; most Reuters stories name
  // only places and skip this step.
  int parties = 0;
  for (const auto& m : body_mentions) parties += m.type != v1::ENTITY_TYPE_PLACE ? 1 : 0;
  title_bodies.clear();
  if (!cues.empty()) {
    for (size_t i = 0; i < agg_count; ++i) {
      const int32_t e = aggs[i].entity;
      if (e >= 0 && aggs[i].in_title) title_bodies.push_back({e, info[e].type, 0, 0, info[e].head_word});
    }
  }
  if (!cues.empty() && parties >= 1 && body_mentions.size() + title_bodies.size() >= 2) {
    std::sort(body_mentions.begin(), body_mentions.end(),
              [](const BodyMention& a, const BodyMention& b) { return a.begin < b.begin; });
    uint32_t last_cue = 0;
    for (const auto& c : cues) last_cue = std::max(last_cue, c.end);
    auto relations = ReadRelations(body, body_mentions, title_bodies, cues, SentenceEndsThrough(body, last_cue),
                                   [&](int32_t entity) -> const std::string& { return nm.entities()[entity]->id(); });
    for (auto& r : relations) *out->add_relations() = std::move(r);
  }
}

}  // namespace streamlens::links
