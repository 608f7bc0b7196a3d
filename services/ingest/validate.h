// Validation of events before they are published: the one place that decides
// what the ingest service, `streamlens ingest` and `streamlens up` accept.
//
// Errors are INVALID_ARGUMENT with a message that names the field, in the
// protobuf text path of the request: "earnings.metrics[2].value: missing",
// "news.title: required unless body is set", "news.body: 1048577 bytes exceeds
// 1 MiB". The first problem found is reported.
//
// PrepareEvent also fills what ingestion owns: a stable id when the event has
// none (derived from its content, see loaders/event_ids.h), `ingested_at`,
// the default source "api", and the topic and key the event goes to.
// Pure functions (the clock is a parameter). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "streamlens/v1/ingest.pb.h"

namespace streamlens::ingest {

// Largest accepted article body (1 MiB), title (4 KiB) and id (256 bytes).
inline constexpr size_t kMaxBodyBytes = 1 << 20;
inline constexpr size_t kMaxTitleBytes = 4 << 10;
inline constexpr size_t kMaxIdBytes = 256;
// Most events in one PublishBatch.
inline constexpr int kMaxBatchEvents = 10'000;

absl::Status ValidateNews(const v1::NewsEvent& news);
absl::Status ValidateEarnings(const v1::EarningsEvent& earnings);
// Catalog entities: `id`, `type` and `name` are required (only `id` for a
// tombstone with `deleted`).
absl::Status ValidateCatalogEntity(const v1::CatalogEntity& entity);

enum class EventType { kNews, kEarnings, kCatalog };
std::string_view EventTypeName(EventType type);  // "news", "earnings", "catalog"

// A validated event, serialized and addressed.
struct PreparedEvent {
  EventType type = EventType::kNews;
  std::string_view topic;  // news.v1, earnings.v1 or catalog.v1
  std::string key;         // article id, or entity id
  std::string value;       // the serialized NewsEvent / EarningsEvent / CatalogEntity
  std::string event_id;    // the event's id (given or derived)
};

// Validates `request` (one event: a `batch` is refused, "batch: a batch
// cannot hold a batch", as batches are expanded by the caller), fills ids, source and `ingested_at` = `now`, and
// serializes the event. `*completed`, when given, receives the request as
// published (for --dry-run output).
absl::StatusOr<PreparedEvent> PrepareEvent(v1::PublishRequest request, const google::protobuf::Timestamp& now,
                                           v1::PublishRequest* completed = nullptr);
// The same in place: completes `*request` (which may live on an arena) and
// serializes it, without copying it.
absl::StatusOr<PreparedEvent> PrepareEvent(v1::PublishRequest* request, const google::protobuf::Timestamp& now);

// A batch as a whole: at most kMaxBatchEvents events ("batch.events: 10001
// events exceeds 10000"). Its events are validated one by one by PrepareEvent.
absl::Status CheckBatch(const v1::PublishBatch& batch);

absl::StatusOr<PreparedEvent> PrepareEntity(const v1::CatalogEntity& entity);

// A bounded label for a rejection, for metrics: the field path of the error
// without indices ("earnings.metrics.value"), or "event" when none.
std::string RejectionReason(const absl::Status& status);

}  // namespace streamlens::ingest
