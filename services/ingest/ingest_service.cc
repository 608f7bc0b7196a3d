#include "services/ingest/ingest_service.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <vector>
#include <thread>

#include "services/common/log.h"
#include "services/ingest/ingest_probe.h"
#include "services/ingest/publisher.h"

namespace streamlens::ingest {
namespace {

constexpr std::string_view kLog = "ingest";

// How long a unary call waits for Kafka when the client set no deadline.
constexpr auto kDefaultAckTimeout = std::chrono::seconds(30);

// Events a stream may owe answers for before it stops reading requests:
// enough to keep the producer's batches full, bounded so a fast client cannot
// make the server buffer without limit. A batch is let in whole when the
// stream owes fewer, so a stream holds at most this plus one batch.
constexpr size_t kMaxInFlightPerStream = 8192;

// A stream's arena: the block it starts from (a typical single event fits)
// and the largest block it grows by (a batch of 1,000 articles is ~2 MB).
constexpr size_t kArenaFirstBlock = 64 << 10;
constexpr size_t kArenaMaxBlock = 1 << 20;

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  grpc::StatusCode code = grpc::StatusCode::UNAVAILABLE;
  switch (s.code()) {
    case absl::StatusCode::kInvalidArgument:
      code = grpc::StatusCode::INVALID_ARGUMENT;
      break;
    case absl::StatusCode::kDeadlineExceeded:
      code = grpc::StatusCode::DEADLINE_EXCEEDED;
      break;
    default:
      code = grpc::StatusCode::UNAVAILABLE;
  }
  return grpc::Status(code, std::string(s.message()));
}

std::chrono::system_clock::time_point Deadline(const grpc::ServerContext* context) {
  auto client = context->deadline();
  auto fallback = std::chrono::system_clock::now() + kDefaultAckTimeout;
  return std::min(client, fallback);
}

// Waits for one asynchronous publish.
PublishResult Await(const std::function<void(EventPublisher::Done)>& start,
                    std::chrono::system_clock::time_point deadline) {
  auto promise = std::make_shared<std::promise<PublishResult>>();
  auto future = promise->get_future();
  start([promise](PublishResult r) { promise->set_value(std::move(r)); });
  if (future.wait_until(deadline) != std::future_status::ready) {
    return PublishResult{absl::UnavailableError("Kafka did not acknowledge the event before the deadline"), {}, {}};
  }
  return future.get();
}

// One event's outcome as the answer of a stream or the result of a batch.
void FillResponse(PublishResult&& r, v1::PublishResponse* response) {
  if (!r.event_id.empty()) response->set_event_id(std::move(r.event_id));
  if (r.status.ok()) {
    *response->mutable_position() = std::move(r.position);
  } else {
    auto* error = response->mutable_error();
    error->set_code(ToGrpc(r.status).error_code());
    error->set_message(std::string(r.status.message()));
  }
}

// A batch's results, each echoing its event's tag and index.
void FillBatchResponse(const std::vector<std::string>& tags, std::vector<PublishResult>&& results,
                       v1::PublishResponse* response) {
  response->mutable_results()->Reserve(static_cast<int>(results.size()));
  for (size_t i = 0; i < results.size(); ++i) {
    v1::PublishResponse* result = response->add_results();
    result->set_sequence(static_cast<int64_t>(i));
    if (!tags[i].empty()) result->set_request_tag(tags[i]);
    FillResponse(std::move(results[i]), result);
  }
}

// The events' tags, kept for the answer (the events themselves are moved
// into the publisher).
std::vector<std::string> BatchTags(v1::PublishBatch* batch) {
  std::vector<std::string> tags(static_cast<size_t>(batch->events_size()));
  for (int i = 0; i < batch->events_size(); ++i) {
    tags[static_cast<size_t>(i)] = std::move(*batch->mutable_events(i)->mutable_request_tag());
  }
  return tags;
}

}  // namespace

struct IngestServiceImpl::Impl {
  Impl(kafka::Producer& producer, MetricsRegistry& metrics) : probe(metrics), publisher(producer, &probe) {}
  IngestProbe probe;
  EventPublisher publisher;
};

IngestServiceImpl::IngestServiceImpl(kafka::Producer& producer, MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(producer, metrics)) {}

IngestServiceImpl::~IngestServiceImpl() = default;

grpc::Status IngestServiceImpl::Publish(grpc::ServerContext* context, const v1::PublishRequest* request,
                                        v1::PublishResponse* response) {
  if (request->has_batch()) {
    response->set_request_tag(request->request_tag());
    if (auto s = CheckBatch(request->batch()); !s.ok()) {
      impl_->probe.Rejected("batch", RejectionReason(s));
      return ToGrpc(s);
    }
    v1::PublishBatch batch = request->batch();
    std::vector<std::string> tags = BatchTags(&batch);
    auto promise = std::make_shared<std::promise<std::vector<PublishResult>>>();
    auto future = promise->get_future();
    impl_->publisher.PublishBatch(&batch, [promise](std::vector<PublishResult> results) {
      promise->set_value(std::move(results));
    });
    if (future.wait_until(Deadline(context)) != std::future_status::ready) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "Kafka did not acknowledge the batch before the deadline");
    }
    FillBatchResponse(tags, future.get(), response);
    return grpc::Status::OK;
  }
  v1::PublishRequest event = *request;
  PublishResult r = Await([&](EventPublisher::Done done) { impl_->publisher.Publish(&event, std::move(done)); },
                          Deadline(context));
  response->set_request_tag(request->request_tag());
  if (!r.status.ok()) return ToGrpc(r.status);
  response->set_event_id(r.event_id);
  *response->mutable_position() = r.position;
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::PublishStream(
    grpc::ServerContext* context, grpc::ServerReaderWriter<v1::PublishResponse, v1::PublishRequest>* stream) {
  // The handler thread reads and publishes without waiting for acks; a writer
  // thread sends the responses in request order as their acks arrive.
  struct Slot {
    v1::PublishResponse response;
    size_t events = 1;  // events answered by this response (a batch's size)
    bool done = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Slot>> pending;  // guarded by mu, in request order
  size_t in_flight = 0;                       // events of `pending`; guarded by mu
  bool input_closed = false;                  // guarded by mu
  bool write_failed = false;                  // guarded by mu

  std::thread writer([&] {
    std::unique_lock lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return (!pending.empty() && pending.front()->done) || (input_closed && pending.empty()); });
      if (pending.empty()) return;
      std::shared_ptr<Slot> slot = pending.front();
      pending.pop_front();
      in_flight -= slot->events;
      cv.notify_all();  // a reader waiting for room
      lock.unlock();
      bool ok = stream->Write(slot->response);
      lock.lock();
      if (!ok) {
        write_failed = true;
        cv.notify_all();
        return;
      }
    }
  });

  auto complete = [&mu, &cv](Slot& slot) {
    std::lock_guard lock(mu);
    slot.done = true;
    cv.notify_all();
  };
  int64_t sequence = 0;
  // Each request is parsed onto an arena (a few large blocks instead of an
  // allocation per field, freed at once): its events are completed and
  // serialized in place before the next request is read. The first block is
  // the stream's own, so a small request allocates nothing.
  std::vector<char> first_block(kArenaFirstBlock);
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = first_block.data();
  arena_options.initial_block_size = first_block.size();
  arena_options.max_block_size = kArenaMaxBlock;
  for (;;) {
    google::protobuf::Arena arena(arena_options);
    v1::PublishRequest& request = *google::protobuf::Arena::CreateMessage<v1::PublishRequest>(&arena);
    if (!stream->Read(&request)) break;
    auto slot = std::make_shared<Slot>();
    slot->response.set_sequence(sequence++);
    slot->response.set_request_tag(request.request_tag());
    if (request.has_batch()) slot->events = std::max<size_t>(1, static_cast<size_t>(request.batch().events_size()));
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return in_flight < kMaxInFlightPerStream || write_failed; });
      if (write_failed) break;
      pending.push_back(slot);
      in_flight += slot->events;
    }
    if (request.has_batch()) {
      if (auto s = CheckBatch(request.batch()); !s.ok()) {
        impl_->probe.Rejected("batch", RejectionReason(s));
        FillResponse(PublishResult{s, {}, {}}, &slot->response);
        complete(*slot);
      } else {
        auto tags = std::make_shared<std::vector<std::string>>(BatchTags(request.mutable_batch()));
        impl_->publisher.PublishBatch(request.mutable_batch(),
                                      [slot, tags, complete](std::vector<PublishResult> results) {
                                        FillBatchResponse(*tags, std::move(results), &slot->response);
                                        complete(*slot);
                                      });
      }
    } else {
      impl_->publisher.Publish(&request, [slot, complete](PublishResult r) {
        FillResponse(std::move(r), &slot->response);
        complete(*slot);
      });
    }
  }
  bool failed = false;
  {
    std::unique_lock lock(mu);
    input_closed = true;
    cv.notify_all();
    // Every published event's callback must run before the slots (and this
    // frame's mutex) go away; the producer guarantees each callback runs once.
    cv.wait(lock, [&] {
      for (const auto& s : pending) {
        if (!s->done) return false;
      }
      return true;
    });
    cv.notify_all();
    failed = write_failed;
  }
  writer.join();
  if (failed || context->IsCancelled()) {
    SL_LOG(Info, kLog) << "PublishStream ended by the client after " << sequence << " requests";
    return grpc::Status(grpc::StatusCode::CANCELLED, "client stopped reading responses");
  }
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::UpsertEntity(grpc::ServerContext* context, const v1::UpsertEntityRequest* request,
                                             v1::UpsertEntityResponse* response) {
  if (!request->has_entity()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "entity: required");
  PublishResult r = Await(
      [&](EventPublisher::Done done) { impl_->publisher.PublishEntity(request->entity(), std::move(done)); },
      Deadline(context));
  if (!r.status.ok()) return ToGrpc(r.status);
  *response->mutable_position() = r.position;
  return grpc::Status::OK;
}

}  // namespace streamlens::ingest
