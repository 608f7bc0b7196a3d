// BatchBuilder: groups events into PublishBatch requests for a client of
// IngestService.PublishStream (`streamlens ingest --target`, the benchmark).
// One message and one answer per batch instead of per event is what makes a
// stream fast (docs/performance.md, Ingestion).
//
// A batch is full at `max_events` events or once it holds `max_bytes` of
// serialized events. The defaults keep a request well under gRPC's default
// 4 MiB message limit: a full batch is under 1 MiB plus one event, and one
// event is at most ~1 MiB (validate.h). Not thread-safe.
#pragma once

#include <cstddef>

#include "streamlens/v1/ingest.pb.h"

namespace streamlens::ingest {

class BatchBuilder {
 public:
  static constexpr size_t kDefaultMaxEvents = 1000;
  static constexpr size_t kDefaultMaxBytes = 1 << 20;

  explicit BatchBuilder(size_t max_events = kDefaultMaxEvents, size_t max_bytes = kDefaultMaxBytes);

  // Adds one event (a request with `news` or `earnings`); true when the batch
  // is now full and should be sent with Take().
  bool Add(v1::PublishRequest event);
  bool empty() const { return events_ == 0; }
  size_t size() const { return events_; }
  // The batch as a request, leaving the builder empty.
  v1::PublishRequest Take();

 private:
  size_t max_events_;
  size_t max_bytes_;
  size_t events_ = 0;
  size_t bytes_ = 0;
  v1::PublishRequest request_;
};

}  // namespace streamlens::ingest
