// Plain-text articles (.txt): one file, one NewsEvent.
//
// The file may open with a header block of "Name: value" lines ended by a
// blank line (Title, Published, Source, Url, Id; names case-insensitive), as
// a scraper or a person can easily write. Without it, the first non-empty
// line is the title and the rest the body. Text that is not valid UTF-8 is
// read as Latin-1. Without an Id header the id is derived from source, title
// and body, so the same article sent twice keeps its id.
// Pure: text in, event out. Thread-safe (no state).
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

// `name` is the file name, used only in error messages.
absl::StatusOr<v1::NewsEvent> ParseTextArticle(std::string_view text, std::string_view name);

// True when `text` is valid UTF-8; else `*bad_offset` is the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// Latin-1 bytes to UTF-8.
std::string Latin1ToUtf8(std::string_view text);

}  // namespace streamlens::loaders
