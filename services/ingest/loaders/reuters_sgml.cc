#include "services/ingest/loaders/reuters_sgml.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/plain_text.h"
#include "services/ingest/loaders/ticker_marks.h"

namespace streamlens::loaders {
namespace {


// The parser's searches go through memchr: std::string_view::find compares
// byte by byte (libstdc++ 12), which made tag searches a tenth of the parse.
size_t FindText(std::string_view hay, std::string_view needle, size_t pos = 0) {
  if (needle.empty()) return pos <= hay.size() ? pos : std::string_view::npos;
  while (pos + needle.size() <= hay.size()) {
    const void* hit = std::memchr(hay.data() + pos, needle[0], hay.size() - needle.size() + 1 - pos);
    if (hit == nullptr) return std::string_view::npos;
    pos = static_cast<size_t>(static_cast<const char*>(hit) - hay.data());
    // Needles are short tag names: compare in line (a memcmp call per '<'
    // cost more than the search).
    size_t i = 1;
    while (i < needle.size() && hay[pos + i] == needle[i]) ++i;
    if (i == needle.size()) return pos;
    ++pos;
  }
  return std::string_view::npos;
}

// text.substr(pos) starts with `needle` (short: compared in line).
bool StartsWithAt(std::string_view text, size_t pos, std::string_view needle) {
  if (pos + needle.size() > text.size()) return false;
  for (size_t i = 0; i < needle.size(); ++i) {
    if (text[pos + i] != needle[i]) return false;
  }
  return true;
}

// The elements of an article that the parser reads, by name.
enum TagName { kDate, kTopics, kPlaces, kPeople, kOrgs, kExchanges, kCompanies, kText, kTitle, kDateline, kBody, kNames };
constexpr std::string_view kTagNames[kNames] = {"DATE", "TOPICS",    "PLACES", "PEOPLE",   "ORGS", "EXCHANGES",
                                                "COMPANIES", "TEXT", "TITLE", "DATELINE", "BODY"};

// Which of kTagNames the name at text[at] is, followed by '>' (an end tag's
// name) or by '>' or ' ' (an opening tag's); kNames when none.
TagName NameAt(std::string_view text, size_t at, bool end_tag) {
  auto is = [&](TagName name) {
    std::string_view n = kTagNames[name];
    if (!StartsWithAt(text, at, n)) return false;
    char next = at + n.size() < text.size() ? text[at + n.size()] : '\0';
    return next == '>' || (!end_tag && next == ' ');
  };
  if (at >= text.size()) return kNames;
  switch (text[at]) {  // the names that start with that letter
    case 'B': return is(kBody) ? kBody : kNames;
    case 'C': return is(kCompanies) ? kCompanies : kNames;
    case 'D': return is(kDate) ? kDate : is(kDateline) ? kDateline : kNames;
    case 'E': return is(kExchanges) ? kExchanges : kNames;
    case 'O': return is(kOrgs) ? kOrgs : kNames;
    case 'P': return is(kPlaces) ? kPlaces : is(kPeople) ? kPeople : kNames;
    case 'T': return is(kTopics) ? kTopics : is(kText) ? kText : is(kTitle) ? kTitle : kNames;
    default: return kNames;
  }
}

// The '<' of an article, found in one pass with its end and the next
// article, and the tags among them that open or end a named element. Reused
// from article to article (no allocation once grown).
struct ArticleTags {
  std::vector<size_t> lt;                      // every '<', ascending
  std::vector<size_t> opens[kNames], ends[kNames];  // "<NAME>" or "<NAME ...", and "</NAME>"

  void Clear() {
    lt.clear();
    for (auto& v : opens) v.clear();
    for (auto& v : ends) v.clear();
  }
  void Add(std::string_view text, size_t p) {
    lt.push_back(p);
    bool end_tag = p + 1 < text.size() && text[p + 1] == '/';
    TagName name = NameAt(text, p + (end_tag ? 2 : 1), end_tag);
    if (name != kNames) (end_tag ? ends : opens)[name].push_back(p);
  }
};

// An article, or a piece of it, with the places of its tags found once: the
// tag searches look only there, and an element's tags are found by name.
// (A memchr from the start of the article for each of its dozen tags,
// stopping at every '<' before it, was a tenth of the parse; then a walk over
// every '<' of the article for each tag was still 8%.)
class Tags {
 public:
  Tags(std::string_view text, const ArticleTags* tags) : text_(text), tags_(tags) {}
  std::string_view text() const { return text_; }
  // The same for `piece`, a substring of text().
  Tags Within(std::string_view piece) const {
    return Tags(piece, tags_, base_ + static_cast<size_t>(piece.data() - text_.data()));
  }
  // As FindText(text(), needle, pos), for a needle that starts with '<'.
  size_t Find(std::string_view needle, size_t pos = 0) const {
    return FirstIn(tags_->lt, pos, needle.size(), [&](size_t p) { return StartsWithAt(text_, p, needle); });
  }
  // The first "<NAME>" or "<NAME ..." from pos on; "</NAME>" for End.
  size_t Open(TagName name, size_t pos) const {
    return FirstIn(tags_->opens[name], pos, kTagNames[name].size() + 2, [](size_t) { return true; });
  }
  size_t End(TagName name, size_t pos) const {
    return FirstIn(tags_->ends[name], pos, kTagNames[name].size() + 3, [](size_t) { return true; });
  }

 private:
  Tags(std::string_view text, const ArticleTags* tags, size_t base) : text_(text), tags_(tags), base_(base) {}
  // The first place of `places` from pos on where a tag of `size` characters
  // fits in text() and `match` holds.
  template <typename Match>
  size_t FirstIn(const std::vector<size_t>& places, size_t pos, size_t size, const Match& match) const {
    for (auto it = std::lower_bound(places.begin(), places.end(), base_ + pos); it != places.end(); ++it) {
      size_t p = *it - base_;
      if (p + size > text_.size()) break;
      if (match(p)) return p;
    }
    return std::string_view::npos;
  }

  std::string_view text_;
  const ArticleTags* tags_;
  size_t base_ = 0;  // where text_ starts in the text the places index
};

// The newlines in text[from, to). With SSE2, sixteen bytes at a time, the
// matches summed in byte counters (a memchr call per line cost more).
int CountLines(std::string_view text, size_t from, size_t to) {
  int lines = 0;
  const char* p = text.data() + from;
  const char* end = text.data() + to;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    // At most 255 blocks per round, so that no byte counter overflows.
    __m128i counts = _mm_setzero_si128();
    for (int block = 0; block < 255 && end - p >= 16; ++block, p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, newline));  // a match is -1
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two 64-bit sums
    lines += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
  }
#endif
  for (; p < end; ++p) lines += *p == '\n';
  return lines;
}

// The value of attribute `name` in an opening tag, "" when absent.
std::string_view Attribute(std::string_view tag, std::string_view name) {
  for (size_t p = FindText(tag, name); p != std::string_view::npos; p = FindText(tag, name, p + 1)) {
    const size_t value = p + name.size() + 2;  // after `name="`
    if (value > tag.size() || tag[value - 2] != '=' || tag[value - 1] != '"') continue;
    size_t q = tag.find('"', value);
    if (q == std::string_view::npos) return "";
    return tag.substr(value, q - value);
  }
  return "";
}

// The content between <name ...> and </name> inside `element`. `found` tells
// whether the element exists; `terminated` whether its end tag does.
struct Element {
  bool found = false;
  bool terminated = false;
  std::string_view open_tag;
  std::string_view content;
};

Element Find(const Tags& tags, TagName name) {
  const std::string_view element = tags.text();
  Element e;
  size_t p = tags.Open(name, 0);
  if (p == std::string_view::npos) return e;
  size_t tag_end = element.find('>', p);
  if (tag_end == std::string_view::npos) return e;
  e.found = true;
  e.open_tag = element.substr(p, tag_end + 1 - p);
  size_t q = tags.End(name, tag_end + 1);
  if (q == std::string_view::npos) {
    e.content = element.substr(tag_end + 1);
    return e;
  }
  e.terminated = true;
  e.content = element.substr(tag_end + 1, q - tag_end - 1);
  return e;
}

std::vector<std::string> Codes(const Tags& element, TagName name) {
  std::vector<std::string> codes;
  Element list = Find(element, name);
  if (!list.found || list.content.empty()) return codes;  // most lists are empty
  const Tags content = element.Within(list.content);
  size_t p = 0;
  while ((p = content.Find("<D>", p)) != std::string_view::npos) {
    size_t q = content.Find("</D>", p + 3);
    if (q == std::string_view::npos) break;
    if (codes.empty()) codes.reserve(4);  // one allocation for most lists
    codes.push_back(UnescapeSgml(list.content.substr(p + 3, q - p - 3)));
    p = q + 4;
  }
  return codes;
}

// Removes trailing blanks and the "Reuter" sign-off: it is not part of the
// story, and a linker would otherwise find the news agency in every article.
std::string StripSignOff(std::string text) {
  auto rtrim = [&] {
    while (!text.empty() && IsAsciiSpace(text.back())) text.pop_back();
  };
  rtrim();
  std::string_view tail = std::string_view(text).substr(text.size() >= 6 ? text.size() - 6 : 0);
  if (tail.size() == 6 && (tail == "Reuter" || tail == "REUTER" || tail == "reuter")) {
    size_t before = text.size() - 6;
    if (before == 0 || IsAsciiSpace(text[before - 1])) {
      text.resize(before);
      rtrim();
    }
  }
  return text;
}

std::string StripTags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') in_tag = false;
  }
  return out;
}

}  // namespace

namespace {

// Bytes copied as they are: printable ASCII but '&', newline and tab.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '&';
  plain['\n'] = plain['\t'] = true;
  return plain;
}();
bool IsPlain(unsigned char c) { return kPlain[c]; }

// How many bytes at the start of raw[from, n) are plain. Nearly all of an
// article is: with SSE2 (every x86-64) sixteen bytes are tested at once, the
// same test as kPlain (printable ASCII but '&', or newline or tab).
size_t PlainRun(std::string_view raw, size_t from) {
  const size_t n = raw.size();
  size_t i = from;
#if defined(__SSE2__)
  const __m128i below_space = _mm_set1_epi8(0x1F);  // signed compares: bytes >= 0x80 are negative
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw.data() + i));
    __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, below_space), _mm_cmplt_epi8(v, del));
    printable = _mm_andnot_si128(_mm_cmpeq_epi8(v, amp), printable);
    const __m128i plain = _mm_or_si128(printable, _mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, tab)));
    if (_mm_movemask_epi8(plain) != 0xFFFF) break;  // the run ends in these sixteen
  }
#endif
  while (i < n && IsPlain(static_cast<unsigned char>(raw[i]))) ++i;
  return i - from;
}

}  // namespace

std::string UnescapeSgml(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  const size_t n = raw.size();
  size_t i = 0;
  while (i < n) {
    // Runs of plain text (nearly all of it) are copied whole.
    size_t run = i + PlainRun(raw, i);
    out.append(raw.data() + i, run - i);
    if (run == n) break;
    i = run;
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '&') {
      size_t semi = raw.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 8) {
        std::string_view name = raw.substr(i + 1, semi - i - 1);
        char named = name == "lt" ? '<' : name == "gt" ? '>' : name == "amp" ? '&' : name == "quot" ? '"' : '\0';
        if (named != '\0') {
          out.push_back(named);
          i = semi + 1;
          continue;
        }
        if (name.size() >= 2 && name[0] == '#') {
          int code = 0;
          auto [p, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), code);
          if (ec == std::errc() && p == name.data() + name.size()) {
            // Control characters (&#2; &#3; &#5; &#22; &#31; &#127;) are wire
            // framing, not text: drop them. Keep newline, tab, printable ASCII.
            if (code == '\n' || code == '\t' || (code >= 32 && code < 127)) out.push_back(static_cast<char>(code));
            i = semi + 1;
            continue;
          }
        }
      }
      out.push_back('&');
    } else if (c >= 0x80) {
      // Latin-1 to UTF-8.
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    // Other control characters and DEL are dropped.
    ++i;
  }
  return out;
}

void ParseReutersSgml(std::string_view text, const std::function<void(ReutersArticle&&)>& on_article,
                      const std::function<void(int line, int64_t newid, const std::string& reason)>& on_broken,
                      const std::function<void(size_t offset)>& on_progress) {
  static constexpr std::string_view kOpen = "<REUTERS";
  static constexpr std::string_view kClose = "</REUTERS>";
  size_t pos = FindText(text, kOpen);
  int line = 1 + (pos == std::string_view::npos ? 0 : CountLines(text, 0, pos));
  ArticleTags tags;  // of the current article
  while (pos != std::string_view::npos) {
    size_t tag_end = text.find('>', pos);
    // One pass over the article's '<': the next article's "<REUTERS", this
    // one's "</REUTERS>", and the places of its tags.
    size_t next_open = std::string_view::npos;
    size_t close = std::string_view::npos;
    tags.Clear();
    for (size_t p = pos + 1; p < text.size(); ++p) {
      const void* hit = std::memchr(text.data() + p, '<', text.size() - p);
      if (hit == nullptr) break;
      p = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
      // The character after '<' tells most tags apart before a comparison.
      const char after = p + 1 < text.size() ? text[p + 1] : '\0';
      if (after == 'R' && StartsWithAt(text, p, kOpen)) {
        next_open = p;
        break;
      }
      if (after == '/' && close == std::string_view::npos && StartsWithAt(text, p, kClose)) close = p;
      tags.Add(text, p);
    }
    // No end tag before the next article: is there one after it (for the reason)?
    if (close == std::string_view::npos && next_open != std::string_view::npos) close = FindText(text, kClose, next_open);
    const Tags article(text, &tags);
    std::string_view tag = text.substr(pos, tag_end == std::string_view::npos ? std::string_view::npos : tag_end + 1 - pos);
    int64_t newid = 0;
    std::string_view newid_text = Attribute(tag, "NEWID");
    std::from_chars(newid_text.data(), newid_text.data() + newid_text.size(), newid);

    auto advance_to = [&](size_t next) {
      if (next != std::string_view::npos) line += CountLines(text, pos, next);
      pos = next;
      if (on_progress) on_progress(next == std::string_view::npos ? text.size() : next);
    };

    if (tag_end == std::string_view::npos) {
      on_broken(line, newid, "truncated: <REUTERS> tag not closed before end of file");
      advance_to(std::string_view::npos);
      break;
    }
    if (close == std::string_view::npos || (next_open != std::string_view::npos && close > next_open)) {
      on_broken(line, newid,
                close == std::string_view::npos ? "truncated: no </REUTERS> before end of file"
                                                : "truncated: no </REUTERS> before the next <REUTERS>");
      advance_to(next_open);
      continue;
    }
    const Tags element = article.Within(text.substr(tag_end + 1, close - tag_end - 1));
    if (newid <= 0) {
      on_broken(line, 0, "NEWID attribute missing or not a positive number");
      advance_to(next_open);
      continue;
    }
    ReutersArticle a;
    a.newid = newid;
    a.line = line;
    a.bypassed = Attribute(tag, "TOPICS") == "BYPASS";
    Element date = Find(element, kDate);
    if (!date.found || !date.terminated) {
      on_broken(line, newid, "<DATE> missing or unterminated");
      advance_to(next_open);
      continue;
    }
    a.date = UnescapeSgml(date.content);
    CollapseSpacesInPlace(&a.date);
    a.topics = Codes(element, kTopics);
    a.places = Codes(element, kPlaces);
    a.people = Codes(element, kPeople);
    a.orgs = Codes(element, kOrgs);
    a.exchanges = Codes(element, kExchanges);
    a.companies = Codes(element, kCompanies);
    Element body_text = Find(element, kText);
    if (!body_text.found || !body_text.terminated) {
      on_broken(line, newid, body_text.found ? "<TEXT> not terminated" : "<TEXT> missing");
      advance_to(next_open);
      continue;
    }
    a.text_type = std::string(Attribute(body_text.open_tag, "TYPE"));
    const Tags inner = element.Within(body_text.content);
    Element title = Find(inner, kTitle);
    Element dateline = Find(inner, kDateline);
    Element body = Find(inner, kBody);
    for (const auto& [e, name] : {std::pair{title, "<TITLE>"}, {dateline, "<DATELINE>"}, {body, "<BODY>"}}) {
      if (e.found && !e.terminated) {
        on_broken(line, newid, std::string(name) + " not terminated");
        a.newid = 0;
        break;
      }
    }
    if (a.newid == 0) {
      advance_to(next_open);
      continue;
    }
    a.title = UnescapeSgml(title.content);
    CollapseSpacesInPlace(&a.title);
    a.dateline = UnescapeSgml(dateline.content);
    CollapseSpacesInPlace(&a.dateline);
    if (body.found) {
      a.has_body = true;
      a.body = StripSignOff(UnescapeSgml(body.content));
    } else if (!title.found) {
      // UNPROC: the whole text is the story, without structure.
      a.body = StripSignOff(UnescapeSgml(StripTags(inner.text())));
      size_t first = a.body.find_first_not_of(" \t\n");
      a.body.erase(0, first == std::string::npos ? a.body.size() : first);
    }
    on_article(std::move(a));
    advance_to(next_open);
  }
}

absl::StatusOr<v1::NewsEvent> ToNewsEvent(const ReutersArticle& article) { return ToNewsEvent(ReutersArticle(article)); }

absl::StatusOr<v1::NewsEvent> ToNewsEvent(ReutersArticle&& article) {
  v1::NewsEvent news;
  if (absl::Status s = ToNewsEvent(std::move(article), &news); !s.ok()) return s;
  return news;
}

absl::Status ToNewsEvent(ReutersArticle&& article, v1::NewsEvent* out) {
  auto published = ParseReutersTimestamp(article.date);
  if (!published.ok()) return absl::InvalidArgumentError("<DATE>: " + std::string(published.status().message()));
  v1::NewsEvent& news = *out;
  news.set_id("reuters-" + std::to_string(article.newid));
  news.set_source(std::string(kReutersSource));
  *news.mutable_published_at() = *published;
  // Ticker marks from title then body, each symbol once (the event's tickers
  // are the symbols seen).
  for (std::string_view text : {std::string_view(article.title), std::string_view(article.body)}) {
    for (Mark& m : FindMarks(text)) {
      if (!m.is_ticker || std::any_of(news.tickers().begin(), news.tickers().end(),
                                      [&](const v1::TickerMark& t) { return t.symbol() == m.symbol; })) {
        continue;
      }
      auto* t = news.add_tickers();
      t->set_symbol(std::move(m.symbol));
      t->set_company_name(std::move(m.company_name));
    }
  }
  news.set_title(std::move(article.title));
  news.set_dateline(std::move(article.dateline));
  news.set_body(std::move(article.body));
  for (auto& t : article.topics) news.add_topics(std::move(t));
  if (article.bypassed) return absl::OkStatus();  // never indexed: no annotations to give
  auto* ann = news.mutable_annotations();
  for (auto& v : article.places) ann->add_places(std::move(v));
  for (auto& v : article.people) ann->add_people(std::move(v));
  for (auto& v : article.orgs) ann->add_orgs(std::move(v));
  for (auto& v : article.exchanges) ann->add_exchanges(std::move(v));
  for (auto& v : article.companies) ann->add_companies(std::move(v));
  return absl::OkStatus();
}

}  // namespace streamlens::loaders
