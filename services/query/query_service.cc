#include "services/query/query_service.h"

#include <deque>

#include "services/common/log.h"

namespace streamlens::query {
namespace {

using Clock = std::chrono::steady_clock;

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

absl::Status ValidateConsistency(const v1::Consistency& c) {
  for (int i = 0; i < c.after_size(); ++i) {
    const auto& p = c.after(i);
    std::string field = "consistency.after[" + std::to_string(i) + "]";
    if (p.topic().empty()) return absl::InvalidArgumentError(field + ".topic: required");
    if (!view::ReadPositions::KnownTopic(p.topic())) {
      return absl::InvalidArgumentError(field + ".topic: \"" + p.topic() +
                                        "\" is not one of news.v1, earnings.v1, catalog.v1, metric-deltas.v1, "
                                        "entity-links.v1");
    }
    if (p.partition() < 0) return absl::InvalidArgumentError(field + ".partition: must not be negative");
    if (p.offset() < 0) return absl::InvalidArgumentError(field + ".offset: must not be negative");
  }
  return absl::OkStatus();
}

// When to give up waiting for positions: a little before the caller's deadline,
// so the caller receives our explanation rather than its own timeout.
Clock::time_point GiveUpAt(const grpc::CallbackServerContext* context, std::chrono::milliseconds default_wait) {
  auto deadline = context->deadline();
  auto now = std::chrono::system_clock::now();
  if (deadline - now > std::chrono::hours(24)) return Clock::now() + default_wait;
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
  auto margin = std::min<std::chrono::milliseconds>(remaining / 10, std::chrono::milliseconds(50));
  return Clock::now() + remaining - margin;
}

}  // namespace

// ---------------------------------------------------------------------------
// ViewState
// ---------------------------------------------------------------------------

void ViewState::Applied(const std::string& topic, int32_t partition, int64_t next_offset) {
  std::lock_guard lock(mu_);
  positions_.Applied(topic, partition, next_offset);
}

void ViewState::Progress(const v1::Progress& progress) {
  std::lock_guard lock(mu_);
  positions_.Progress(progress);
}

bool ViewState::Covers(const google::protobuf::RepeatedPtrField<v1::Position>& positions, std::string* behind) const {
  std::lock_guard lock(mu_);
  for (const auto& p : positions) {
    if (!positions_.Covers(p, behind)) return false;
  }
  return true;
}

std::vector<v1::Position> ViewState::Snapshot() const {
  std::lock_guard lock(mu_);
  return positions_.Snapshot();
}

// ---------------------------------------------------------------------------
// Watch
// ---------------------------------------------------------------------------

class QueryService::WatchReactor final : public grpc::ServerWriteReactor<v1::ViewChange> {
 public:
  WatchReactor(QueryService* service, view::WatchFilter filter, int64_t after)
      : service_(service), filter_(std::move(filter)), next_(after), started_(Clock::now()) {}

  // Writes the next matching change, if any and no write is in flight.
  void Pump() {
    std::lock_guard lock(mu_);
    if (writing_ || finished_) return;
    if (buffer_.empty()) {
      std::vector<v1::ViewChange> more;
      auto scanned = service_->state_.view().ChangesAfter(next_, filter_, service_->options_.watch_batch, &more);
      if (!scanned.ok()) {
        // Fell behind the change log: say so rather than skip changes.
        FinishLocked(scanned.status());
        return;
      }
      next_ = *scanned;
      for (auto& c : more) buffer_.push_back(std::move(c));
      if (buffer_.empty()) return;
    }
    current_ = std::move(buffer_.front());
    buffer_.pop_front();
    writing_ = true;
    StartWrite(&current_);
  }

  void OnWriteDone(bool ok) override {
    {
      std::lock_guard lock(mu_);
      writing_ = false;
      if (!ok || cancelled_) {
        FinishLocked(absl::CancelledError("watch ended by the client"));
        return;
      }
    }
    Pump();
  }

  void OnCancel() override {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    if (!writing_) FinishLocked(absl::CancelledError("watch ended by the client"));
  }

  void OnDone() override {
    service_->RemoveWatcher(this);
    delete this;
  }

  void FinishNow(const absl::Status& status) {
    std::lock_guard lock(mu_);
    FinishLocked(status);
  }

 private:
  void FinishLocked(const absl::Status& status) {
    if (finished_) return;
    finished_ = true;
    service_->probe_.Request("Watch", static_cast<int>(status.code()),
                             std::chrono::duration<double>(Clock::now() - started_).count());
    Finish(ToGrpc(status));
  }

  QueryService* service_;
  view::WatchFilter filter_;
  // Recursive: gRPC may run OnWriteDone inline from StartWrite.
  std::recursive_mutex mu_;
  int64_t next_;  // last sequence scanned
  std::deque<v1::ViewChange> buffer_;
  v1::ViewChange current_;
  bool writing_ = false;
  bool cancelled_ = false;
  bool finished_ = false;
  Clock::time_point started_;
};

// ---------------------------------------------------------------------------
// QueryService
// ---------------------------------------------------------------------------

QueryService::QueryService(ViewState& state, QueryProbe& probe, Options options)
    : state_(state), probe_(probe), options_(options) {
  waiter_ = std::thread([this] { WaiterLoop(); });
}

QueryService::~QueryService() {
  {
    std::lock_guard lock(wait_mu_);
    stopping_ = true;
  }
  wait_cv_.notify_all();
  waiter_.join();
}

void QueryService::OnViewAdvanced() {
  {
    std::lock_guard lock(wait_mu_);
    advanced_ = true;
  }
  wait_cv_.notify_all();
  std::lock_guard lock(watch_mu_);
  for (auto* w : watchers_) w->Pump();
}

void QueryService::RemoveWatcher(WatchReactor* watcher) {
  std::lock_guard lock(watch_mu_);
  if (watchers_.erase(watcher)) probe_.watchers.Decrement();
}

void QueryService::WaiterLoop() {
  std::unique_lock lock(wait_mu_);
  while (!stopping_) {
    auto wake = Clock::now() + std::chrono::seconds(1);
    for (const auto& p : parked_) wake = std::min(wake, p.give_up);
    wait_cv_.wait_until(lock, wake, [this] { return stopping_ || advanced_; });
    advanced_ = false;
    std::vector<std::pair<std::function<void(absl::Status)>, absl::Status>> due;
    auto now = Clock::now();
    for (auto it = parked_.begin(); it != parked_.end();) {
      std::string behind;
      if (state_.Covers(it->after, &behind)) {
        probe_.waits_satisfied.Increment();
        due.emplace_back(std::move(it->resume), absl::OkStatus());
      } else if (it->context->IsCancelled()) {
        due.emplace_back(std::move(it->resume), absl::CancelledError("cancelled by the client"));
      } else if (now >= it->give_up) {
        probe_.waits_expired.Increment();
        due.emplace_back(std::move(it->resume),
                         absl::DeadlineExceededError("the view has not caught up with the requested positions before "
                                                     "the deadline: " + behind));
      } else {
        ++it;
        continue;
      }
      it = parked_.erase(it);
    }
    lock.unlock();
    for (auto& [resume, status] : due) resume(status);
    lock.lock();
  }
  for (auto& p : parked_) p.resume(absl::UnavailableError("query replica is shutting down"));
  parked_.clear();
}

grpc::ServerUnaryReactor* QueryService::Serve(const char* method, grpc::CallbackServerContext* context,
                                              const v1::Consistency* consistency,
                                              std::function<absl::Status()> answer) {
  auto* reactor = context->DefaultReactor();
  auto started = Clock::now();
  auto finish = [this, method, reactor, started](const absl::Status& s) {
    probe_.Request(method, static_cast<int>(s.code()), std::chrono::duration<double>(Clock::now() - started).count());
    reactor->Finish(ToGrpc(s));
  };
  if (!state_.ready()) {
    finish(absl::UnavailableError("this query replica is still rebuilding its view from Kafka (" +
                                  std::to_string(state_.lag()) + " records to read); retry, or ask another replica"));
    return reactor;
  }
  if (consistency != nullptr && consistency->after_size() > 0) {
    if (auto s = ValidateConsistency(*consistency); !s.ok()) {
      finish(s);
      return reactor;
    }
    if (!state_.Covers(consistency->after(), nullptr)) {
      std::lock_guard lock(wait_mu_);
      parked_.push_back({consistency->after(), GiveUpAt(context, options_.default_wait), context,
                         [finish, answer = std::move(answer)](absl::Status s) { finish(s.ok() ? answer() : s); }});
      advanced_ = true;  // wake the waiter so it takes this call's deadline into account
      wait_cv_.notify_all();
      return reactor;
    }
  }
  finish(answer());
  return reactor;
}

grpc::ServerUnaryReactor* QueryService::GetEntity(grpc::CallbackServerContext* context,
                                                  const v1::GetEntityRequest* request, v1::EntityView* response) {
  return Serve("GetEntity", context, &request->consistency(), [this, request, response]() -> absl::Status {
    auto view = state_.view().GetEntity(*request);
    if (!view.ok()) return view.status();
    *response = std::move(*view);
    for (auto& p : state_.Snapshot()) *response->add_view_positions() = std::move(p);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryService::SearchEntities(grpc::CallbackServerContext* context,
                                                       const v1::SearchEntitiesRequest* request,
                                                       v1::SearchEntitiesResponse* response) {
  return Serve("SearchEntities", context, nullptr, [this, request, response]() -> absl::Status {
    auto r = state_.view().SearchEntities(*request);
    if (!r.ok()) return r.status();
    *response = std::move(*r);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryService::GetMetricHistory(grpc::CallbackServerContext* context,
                                                         const v1::GetMetricHistoryRequest* request,
                                                         v1::GetMetricHistoryResponse* response) {
  return Serve("GetMetricHistory", context, &request->consistency(), [this, request, response]() -> absl::Status {
    auto r = state_.view().GetMetricHistory(*request);
    if (!r.ok()) return r.status();
    *response = std::move(*r);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryService::GetLinks(grpc::CallbackServerContext* context,
                                                 const v1::GetLinksRequest* request, v1::GetLinksResponse* response) {
  return Serve("GetLinks", context, &request->consistency(), [this, request, response]() -> absl::Status {
    auto r = state_.view().GetLinks(*request);
    if (!r.ok()) return r.status();
    *response = std::move(*r);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryService::TopMovers(grpc::CallbackServerContext* context,
                                                  const v1::TopMoversRequest* request,
                                                  v1::TopMoversResponse* response) {
  return Serve("TopMovers", context, nullptr, [this, request, response]() -> absl::Status {
    auto r = state_.view().TopMovers(*request);
    if (!r.ok()) return r.status();
    *response = std::move(*r);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryService::ListArticles(grpc::CallbackServerContext* context,
                                                     const v1::ListArticlesRequest* request,
                                                     v1::ListArticlesResponse* response) {
  return Serve("ListArticles", context, &request->consistency(), [this, request, response]() -> absl::Status {
    auto r = state_.view().ListArticles(*request);
    if (!r.ok()) return r.status();
    *response = std::move(*r);
    return absl::OkStatus();
  });
}

grpc::ServerWriteReactor<v1::ViewChange>* QueryService::Watch(grpc::CallbackServerContext* context,
                                                              const v1::WatchRequest* request) {
  absl::Status invalid;
  int64_t last = state_.view().LastSequence();
  if (!state_.ready()) {
    invalid = absl::UnavailableError("this query replica is still rebuilding its view from Kafka; retry");
  } else if (request->after_sequence() < 0) {
    invalid = absl::InvalidArgumentError("after_sequence: must not be negative");
  } else if (request->after_sequence() > last) {
    invalid = absl::OutOfRangeError("after_sequence: " + std::to_string(request->after_sequence()) +
                                    " is ahead of this replica's last change " + std::to_string(last) +
                                    " (sequence numbers belong to one replica)");
  }
  for (int i = 0; invalid.ok() && i < request->metrics_size(); ++i) {
    int m = request->metrics(i);
    if (m == v1::METRIC_KIND_UNSPECIFIED || !v1::MetricKind_IsValid(m)) {
      invalid = absl::InvalidArgumentError("metrics[" + std::to_string(i) + "]: not a metric: " + std::to_string(m));
    }
  }
  for (int i = 0; invalid.ok() && i < request->entity_types_size(); ++i) {
    int t = request->entity_types(i);
    if (t == v1::ENTITY_TYPE_UNSPECIFIED || !v1::EntityType_IsValid(t)) {
      invalid = absl::InvalidArgumentError("entity_types[" + std::to_string(i) +
                                           "]: not an entity type: " + std::to_string(t));
    }
  }
  auto* reactor = new WatchReactor(this, view::WatchFilter::From(*request),
                                   request->after_sequence() == 0 ? last : request->after_sequence());
  if (!invalid.ok()) {
    reactor->FinishNow(invalid);
    return reactor;
  }
  // Registered before anything is started, and under watch_mu_ until this
  // returns: a client that cancels at once ends the call (OnDone ->
  // RemoveWatcher, then delete) only after the watcher is in the set, never
  // before it is added or while it is still used here.
  std::lock_guard lock(watch_mu_);
  watchers_.insert(reactor);
  probe_.watchers.Increment();
  // Headers go out at once so a client knows the stream is established (and
  // that changes from now on will reach it) before the first change.
  reactor->StartSendInitialMetadata();
  reactor->Pump();
  return reactor;
}

}  // namespace streamlens::query
