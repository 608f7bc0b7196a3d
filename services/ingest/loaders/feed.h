// Feeds: reading files of news and earnings into events. Pure parsing, no
// Kafka: used by `streamlens ingest`, by the ingest service, and by the
// offline `streamlens links` / `streamlens deltas` commands.
//
// INTERFACE SHARED BY SEVERAL COMMANDS: keep these signatures.
//
// Formats, chosen by file name:
//   *.sgm              Reuters-21578 SGML: every article a NewsEvent (with its
//                      hand annotations); every `earn` report also yields
//                      EarningsEvents (one per period block).
//   *.ndjson, *.jsonl  one PublishRequest per line in the protobuf JSON mapping
//                      ({"news": {...}} or {"earnings": {...}}).
//   *.txt              one plain-text article: first non-empty line is the
//                      title, the rest the body.
// A directory is read recursively, files in name order. Nothing is dropped
// silently: every piece that cannot become an event is reported with its
// origin (file and line, or article id) and the reason.
#pragma once

#include <any>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "streamlens/v1/ingest.pb.h"

namespace streamlens::loaders {

struct FeedCallbacks {
  // One event, in feed order; `origin` is "path:line" or "path NEWID=123".
  std::function<void(const v1::PublishRequest& event, const std::string& origin)> on_event;
  // A piece of a feed that was rejected, with why.
  std::function<void(const std::string& origin, const std::string& reason)> on_rejected;
  // Bytes of input consumed so far and in total (for progress bars); optional.
  std::function<void(size_t done, size_t total)> on_progress;
  // Files parsed at once on worker threads; 1 parses on the calling thread.
  // Either way the callbacks run on the calling thread, in feed order (so
  // events of one key keep their order); with workers, progress is reported
  // per file and at most parse_threads + 1 parsed files wait in memory.
  int parse_threads = 1;
  // Optional per-event work taken off the calling thread (e.g. validation and
  // serialization before publishing). When set, `prepare` runs on the thread
  // that parsed the event (a worker when parse_threads > 1, so it must be
  // thread-safe), owning the event, and what it returns goes to `on_prepared`
  // on the calling thread, in feed order, in place of on_event. The event may
  // live on the reader's arena, reset once prepare returns: work on it in
  // place (ingest::PrepareEvent(&event, ...)); moving it into a message of
  // one's own copies it.
  std::function<std::any(v1::PublishRequest&& event, const std::string& origin)> prepare;
  std::function<void(std::any& prepared, const std::string& origin)> on_prepared;
};

// Reads every file or directory in `paths`. Returns an error only when a path
// cannot be read at all (missing file, unknown format); problems inside a
// file go to on_rejected and reading goes on.
absl::Status ReadFeeds(const std::vector<std::string>& paths, const FeedCallbacks& callbacks);

}  // namespace streamlens::loaders
