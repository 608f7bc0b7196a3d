// Page tokens: the opaque strings list calls hand back to fetch the next page.
//
// A token is web-safe base64 of "<method>|<request fingerprint>|<cursor>". The
// fingerprint ties it to the request it came from, so a token replayed with
// other filters, or a hand-edited one, is answered with INVALID_ARGUMENT
// instead of a silently wrong page. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace streamlens::view {

// A fingerprint over the parts of a request that shape a list (StableHash of
// services/common/ids.h).
uint64_t RequestFingerprint(std::initializer_list<std::string_view> parts);

// Builds a token for `method` ("search", "links", ...) carrying `cursor`.
std::string EncodePageToken(std::string_view method, uint64_t fingerprint, std::string_view cursor);

// The cursor inside `token`, or INVALID_ARGUMENT naming `field` when the token
// is not base64, belongs to another method, or to a request with other filters.
// An empty token is the first page: returns an empty cursor.
absl::StatusOr<std::string> DecodePageToken(std::string_view token, std::string_view method, uint64_t fingerprint,
                                            std::string_view field = "page_token");

// An offset cursor ("120"); INVALID_ARGUMENT naming `field` when malformed.
absl::StatusOr<int64_t> ParseOffsetCursor(std::string_view cursor, std::string_view field = "page_token");

// For lists paged by position: the offset inside `token` (0 for the first
// page), with the errors of DecodePageToken and ParseOffsetCursor.
absl::StatusOr<int64_t> DecodeOffsetToken(std::string_view token, std::string_view method, uint64_t fingerprint);

}  // namespace streamlens::view
