// NDJSON: protobuf messages as one JSON object per line (the proto3 JSON
// mapping), for file loaders, --dry-run output and the offline commands.
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "absl/status/status.h"

namespace streamlens {

// One line of JSON, no trailing newline. Field names in lowerCamelCase.
std::string ToJsonLine(const google::protobuf::Message& message);

// Parses one JSON object into `message`; unknown fields are an error that
// names them.
absl::Status FromJsonLine(std::string_view line, google::protobuf::Message* message);

}  // namespace streamlens
