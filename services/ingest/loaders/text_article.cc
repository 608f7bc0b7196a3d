#include "services/ingest/loaders/text_article.h"

#include <cctype>
#include <cstdint>
#include <cstring>

#include <google/protobuf/util/time_util.h>

#include "services/ingest/loaders/event_ids.h"
#include "services/ingest/loaders/civil_date.h"

namespace streamlens::loaders {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsHeaderName(const std::string& name) {
  return name == "title" || name == "published" || name == "source" || name == "url" || name == "id";
}

absl::StatusOr<google::protobuf::Timestamp> ParsePublished(std::string_view value) {
  google::protobuf::Timestamp ts;
  std::string v(value);
  if (v.size() == 10) v += "T00:00:00Z";  // a date alone: midnight UTC
  if (!google::protobuf::util::TimeUtil::FromString(v, &ts)) {
    return absl::InvalidArgumentError("Published: cannot read \"" + std::string(value) +
                                      "\" (expected YYYY-MM-DD or RFC 3339)");
  }
  return ts;
}

}  // namespace

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    // Runs of ASCII (nearly all of the text) eight bytes at a time.
    for (uint64_t word; i + 8 <= s.size(); i += 8) {
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
    }
    i += n;
  }
  return true;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

absl::StatusOr<v1::NewsEvent> ParseTextArticle(std::string_view raw, std::string_view name) {
  std::string converted;
  if (!IsValidUtf8(raw)) {
    converted = Latin1ToUtf8(raw);
    raw = converted;
  }
  if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // byte-order mark
  v1::NewsEvent news;
  news.set_source("file");
  std::string id;
  std::string_view rest = raw;
  // Optional header block.
  {
    std::string_view probe = rest;
    while (!probe.empty() && (probe.front() == '\n' || probe.front() == '\r')) probe.remove_prefix(1);
    size_t colon = probe.find(':');
    size_t nl = probe.find('\n');
    if (colon != std::string_view::npos && colon < nl && IsHeaderName(Lower(Trim(probe.substr(0, colon))))) {
      rest = probe;
      for (;;) {
        size_t eol = rest.find('\n');
        std::string_view line = Trim(rest.substr(0, eol));
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        if (line.empty()) break;
        size_t c = line.find(':');
        std::string key = c == std::string_view::npos ? "" : Lower(Trim(line.substr(0, c)));
        if (!IsHeaderName(key)) {
          return absl::InvalidArgumentError(std::string(name) + ": header line \"" + std::string(line) +
                                            "\" is not Title/Published/Source/Url/Id (end the header with a blank line)");
        }
        std::string_view value = Trim(line.substr(c + 1));
        if (key == "title") news.set_title(std::string(value));
        if (key == "source") news.set_source(std::string(value));
        if (key == "url") news.set_url(std::string(value));
        if (key == "id") id = std::string(value);
        if (key == "published") {
          auto ts = ParsePublished(value);
          if (!ts.ok()) return absl::InvalidArgumentError(std::string(name) + ": " + std::string(ts.status().message()));
          *news.mutable_published_at() = *ts;
        }
        if (rest.empty()) break;
      }
    }
  }
  if (news.title().empty()) {
    // First non-empty line is the title.
    while (!rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = Trim(rest.substr(0, eol));
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      if (!line.empty()) {
        news.set_title(std::string(line));
        break;
      }
    }
  }
  std::string body(Trim(rest));
  // Normalise Windows line ends.
  std::string clean;
  clean.reserve(body.size());
  for (char c : body) {
    if (c != '\r') clean.push_back(c);
  }
  news.set_body(std::move(clean));
  if (news.title().empty() && news.body().empty()) {
    return absl::InvalidArgumentError(std::string(name) + ": empty article (no title, no body)");
  }
  news.set_id(id.empty() ? DerivedNewsId(news) : id);
  return news;
}

}  // namespace streamlens::loaders
