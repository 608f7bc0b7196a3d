#include "services/ingest/ingest_service.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "services/common/log.h"
#include "services/ingest/ingest_probe.h"
#include "services/ingest/publisher.h"

namespace streamlens::ingest {
namespace {

constexpr std::string_view kLog = "ingest";

// How long a unary call waits for Kafka when the client set no deadline.
constexpr auto kDefaultAckTimeout = std::chrono::seconds(30);

// Responses a stream may owe before it stops reading requests: enough to
// keep the producer's batches full, bounded so a fast client cannot make the
// server buffer without limit.
constexpr size_t kMaxInFlightPerStream = 8192;

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
  PublishResult r = Await([&](EventPublisher::Done done) { impl_->publisher.Publish(*request, std::move(done)); },
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
    bool done = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Slot>> pending;  // guarded by mu, in request order
  bool input_closed = false;                  // guarded by mu
  bool write_failed = false;                  // guarded by mu

  std::thread writer([&] {
    std::unique_lock lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return (!pending.empty() && pending.front()->done) || (input_closed && pending.empty()); });
      if (pending.empty()) return;
      std::shared_ptr<Slot> slot = pending.front();
      pending.pop_front();
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

  int64_t sequence = 0;
  v1::PublishRequest request;
  while (stream->Read(&request)) {
    auto slot = std::make_shared<Slot>();
    slot->response.set_sequence(sequence++);
    slot->response.set_request_tag(request.request_tag());
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return pending.size() < kMaxInFlightPerStream || write_failed; });
      if (write_failed) break;
      pending.push_back(slot);
    }
    impl_->publisher.Publish(std::move(request), [slot, &mu, &cv](PublishResult r) {
      std::lock_guard lock(mu);
      if (r.status.ok()) {
        slot->response.set_event_id(r.event_id);
        *slot->response.mutable_position() = r.position;
      } else {
        if (!r.event_id.empty()) slot->response.set_event_id(r.event_id);
        auto* error = slot->response.mutable_error();
        error->set_code(ToGrpc(r.status).error_code());
        error->set_message(std::string(r.status.message()));
      }
      slot->done = true;
      cv.notify_all();
    });
    request.Clear();
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
