#include "services/worker/links/text_units.h"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "services/common/ascii.h"

namespace streamlens::links {
namespace {

// Words that end with a point without ending a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 30> kWords = {
      "Inc", "Corp", "Co", "Ltd", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "Jan", "Feb", "Aug",
      "Sept", "Sep", "Oct", "Nov", "Dec", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Bros", "vs", "cts", "approx"};
  if (word.size() == 1 && IsAsciiUpper(static_cast<unsigned char>(word[0]))) return true;  // an initial
  if (word.find('.') != std::string_view::npos) return true;                                // "U.S", "N.Y"
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// Bytes that may end a sentence, as a table: one load per byte on the scan.
struct StopBytes {
  bool stop[256] = {};
  constexpr StopBytes() {
    stop[static_cast<unsigned char>('\n')] = stop[static_cast<unsigned char>('.')] = true;
    stop[static_cast<unsigned char>('!')] = stop[static_cast<unsigned char>('?')] = true;
  }
};
constexpr StopBytes kStop;

// The first byte at or after `i` that may end a sentence, or n. Between
// candidates (one in tens of bytes) it skips 16 bytes at a time.
size_t NextStopByte(const unsigned char* t, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n'), point = _mm_set1_epi8('.');
  const __m128i bang = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, point)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, question)));
    if (const int mask = _mm_movemask_epi8(hit); mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  // The last bytes: the text's last 16, less those before i (ends are
  // looked for in short prefixes too, where this is most of the scan).
  if (i < n && n >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + n - 16));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, point)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, question)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)) >> (i - (n - 16));
    return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif
  while (i < n && !kStop.stop[t[i]]) ++i;
  return i;
}

// The end of the sentence that starts at or after `from`, or text.size().
uint32_t NextSentenceEnd(std::string_view text, size_t from) {
  const size_t n = text.size();
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = NextStopByte(t, from, n); i < n; i = NextStopByte(t, i + 1, n)) {
    const char c = text[i];
    if (c == '\n') {
      // Paragraph break: blank line, or an indented line (Reuters).
      if (i > from && i + 1 < n && (text[i + 1] == '\n' || (text[i + 1] == ' ' && i + 2 < n && text[i + 2] == ' '))) {
        return static_cast<uint32_t>(i);
      }
      continue;
    }
    size_t j = i + 1;
    while (j < n && (text[j] == '"' || text[j] == '\'' || text[j] == ')')) ++j;
    // Curly closing quote (U+201D) after the point.
    if (j + 2 < n && static_cast<unsigned char>(text[j]) == 0xE2 && static_cast<unsigned char>(text[j + 1]) == 0x80 &&
        static_cast<unsigned char>(text[j + 2]) == 0x9D) {
      j += 3;
    }
    if (j < n && !IsAsciiSpace(static_cast<unsigned char>(text[j]))) continue;
    if (c == '.') {
      size_t w = i;
      while (w > 0 && (IsAsciiAlpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '.')) --w;
      if (IsAbbreviation(text.substr(w, i - w))) continue;
    }
    return static_cast<uint32_t>(j);
  }
  return static_cast<uint32_t>(n);
}

}  // namespace

std::vector<uint32_t> SentenceEnds(std::string_view text) {
  return SentenceEndsThrough(text, static_cast<uint32_t>(text.size()));
}

std::vector<uint32_t> SentenceEndsThrough(std::string_view text, uint32_t limit) {
  std::vector<uint32_t> ends;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!ends.empty() && ends.back() > limit) return ends;
    const uint32_t end = NextSentenceEnd(text, pos);
    ends.push_back(end);
    pos = end + (end < text.size() && text[end] == '\n' ? 1 : 0);
    if (pos == end && end < text.size()) ++pos;  // always move on
  }
  if (ends.empty() || ends.back() < text.size()) ends.push_back(static_cast<uint32_t>(text.size()));
  return ends;
}

uint32_t FirstSentenceEnd(std::string_view text) { return NextSentenceEnd(text, 0); }

std::string_view PreviousWord(std::string_view text, uint32_t offset) {
  size_t i = std::min<size_t>(offset, text.size());
  while (i > 0 && IsAsciiSpace(static_cast<unsigned char>(text[i - 1]))) --i;
  size_t end = i;
  while (i > 0 && (IsAsciiAlpha(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.' || text[i - 1] == '-')) --i;
  std::string_view word = text.substr(i, end - i);
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  return word;
}

}  // namespace streamlens::links
