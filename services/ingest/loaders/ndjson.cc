#include "services/ingest/loaders/ndjson.h"

#include "services/common/json.h"

namespace streamlens::loaders {

absl::StatusOr<v1::PublishRequest> ParseNdjsonLine(std::string_view line) {
  v1::PublishRequest request;
  if (auto status = FromJsonLine(line, &request); !status.ok()) {
    // One line per problem in reports: the parser's message may span lines.
    std::string why(status.message());
    for (char& c : why) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    while (!why.empty() && (why.back() == ' ' || why.back() == '^')) why.pop_back();
    return absl::InvalidArgumentError("invalid JSON event: " + why);
  }
  if (request.event_case() == v1::PublishRequest::EVENT_NOT_SET) {
    return absl::InvalidArgumentError("event: neither \"news\" nor \"earnings\" is set");
  }
  if (request.has_batch()) {
    return absl::InvalidArgumentError("batch: a feed holds one event per line, not batches");
  }
  return request;
}

}  // namespace streamlens::loaders
