// NDJSON feeds: one PublishRequest per line in the protobuf JSON mapping,
// {"news": {...}} or {"earnings": {...}} (an optional "requestTag" too).
// Pure: a line in, a request or an error naming the problem out.
// Thread-safe (no state).
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "streamlens/v1/ingest.pb.h"

namespace streamlens::loaders {

// Parses one line. Errors: malformed JSON or unknown fields (named by the
// protobuf JSON parser), or a line that holds neither "news" nor "earnings"
// (a "batch" of the ingest API is refused too).
absl::StatusOr<v1::PublishRequest> ParseNdjsonLine(std::string_view line);

}  // namespace streamlens::loaders
