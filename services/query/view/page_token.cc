#include "services/query/view/page_token.h"

#include <charconv>

#include "absl/strings/escaping.h"
#include "services/common/ids.h"

namespace streamlens::view {

uint64_t RequestFingerprint(std::initializer_list<std::string_view> parts) { return StableHash(parts); }

std::string EncodePageToken(std::string_view method, uint64_t fingerprint, std::string_view cursor) {
  std::string plain = std::string(method) + "|" + std::to_string(fingerprint) + "|" + std::string(cursor);
  return absl::WebSafeBase64Escape(plain);
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token, std::string_view method, uint64_t fingerprint,
                                            std::string_view field) {
  if (token.empty()) return std::string();
  std::string plain;
  auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(std::string(field) + ": " + std::string(why) +
                                      "; pass the next_page_token of the previous response unchanged");
  };
  if (!absl::WebSafeBase64Unescape(std::string(token), &plain)) return invalid("not a page token");
  size_t first = plain.find('|');
  size_t second = first == std::string::npos ? std::string::npos : plain.find('|', first + 1);
  if (second == std::string::npos) return invalid("not a page token");
  if (plain.substr(0, first) != method) return invalid("token belongs to another call");
  if (plain.substr(first + 1, second - first - 1) != std::to_string(fingerprint)) {
    return invalid("token belongs to a request with other parameters");
  }
  return plain.substr(second + 1);
}

absl::StatusOr<int64_t> ParseOffsetCursor(std::string_view cursor, std::string_view field) {
  if (cursor.empty()) return 0;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (ec != std::errc() || end != cursor.data() + cursor.size() || value < 0) {
    return absl::InvalidArgumentError(std::string(field) + ": not a page token");
  }
  return value;
}

absl::StatusOr<int64_t> DecodeOffsetToken(std::string_view token, std::string_view method, uint64_t fingerprint) {
  auto cursor = DecodePageToken(token, method, fingerprint);
  if (!cursor.ok()) return cursor.status();
  return ParseOffsetCursor(*cursor);
}

}  // namespace streamlens::view
