// EventPublisher: validate, stamp and produce one event; the path every
// event takes into Kafka, whether it comes through the gRPC service, the
// `streamlens ingest` command or `streamlens up`.
//
// news.v1 is keyed by article id, earnings.v1 and catalog.v1 by entity id, so
// every report of a company stays in order on one partition. The producer is
// idempotent with acks=all (services/common/kafka.h). Publish is asynchronous
// so callers can pipeline many events; `done` runs exactly once: at once on
// the calling thread for an invalid event, else on the producer's delivery
// thread (keep it short). Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/status.h"
#include "services/common/kafka.h"
#include "services/ingest/ingest_probe.h"
#include "services/ingest/validate.h"
#include "streamlens/v1/ingest.pb.h"

namespace streamlens::ingest {

struct PublishResult {
  // OK; INVALID_ARGUMENT naming the field; or the Kafka failure.
  absl::Status status;
  // The event id (given or derived); set whenever the event was valid.
  std::string event_id;
  // Where it landed; set when status is OK.
  v1::Position position;
};

class EventPublisher {
 public:
  using Clock = std::function<google::protobuf::Timestamp()>;
  using Done = std::function<void(PublishResult)>;
  using BatchDone = std::function<void(std::vector<PublishResult>)>;

  // `producer` and `probe` (may be null) must outlive the publisher.
  EventPublisher(kafka::Producer& producer, IngestProbe* probe, Clock clock = SystemClock);

  // Takes the event from `*request` (swapped out, not copied); `request` is
  // not needed once Publish returns.
  void Publish(v1::PublishRequest* request, Done done);
  // Publishes every event of `batch` as Publish does, in the batch's order
  // (so events with one key stay in order), without waiting in between. The
  // events are taken from `batch` (swapped out, not copied); `batch` is not
  // needed once PublishBatch returns.
  // `done` runs once with one result per event, in order, after the last
  // event is answered (at once, on the calling thread, when none reached
  // Kafka). An event's validation error names its field from the batch:
  // "events[3].earnings.metrics[2].value: missing". The size limit
  // (CheckBatch) is the caller's to enforce.
  void PublishBatch(v1::PublishBatch* batch, BatchDone done);
  void PublishEntity(const v1::CatalogEntity& entity, Done done);
  // Produces an event that PrepareEvent already validated and serialized
  // (e.g. on a parse thread, so the publishing thread only produces): counts
  // it as received and answers `done` as Publish does. The caller reports an
  // event that PrepareEvent refused itself.
  void PublishPrepared(PreparedEvent&& event, Done done);

  // Wall-clock time as a Timestamp.
  static google::protobuf::Timestamp SystemClock();

 private:
  struct BatchState;

  // PrepareEvent, counting the event as received, or as rejected.
  absl::StatusOr<PreparedEvent> Prepare(v1::PublishRequest* request);
  void Produce(PreparedEvent&& event, Done done);
  // Counts an answered event as published (with its latency) or failed.
  void Delivered(EventType type, std::chrono::steady_clock::time_point start, const absl::Status& status);

  kafka::Producer& producer_;
  IngestProbe* probe_;
  Clock clock_;
};

}  // namespace streamlens::ingest
