// QueryService: the gRPC QueryService over one replica's view.
//
// Unary calls are answered inline on gRPC's callback threads (the view is
// read under a shared lock, so they scale with cores). A call carrying
// `consistency.after` positions that the view has not processed yet is parked
// and answered by a waiter thread as soon as the view covers them, or with
// DEADLINE_EXCEEDED saying how far behind it is shortly before the caller's
// deadline. Watch streams changes from the view's change log.
//
// ViewState is what the replica shares between the thread that applies
// records (QueryNode) and the serving threads. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "services/query/query_probe.h"
#include "services/query/view/read_positions.h"
#include "services/query/view/view_store.h"
#include "streamlens/v1/query.grpc.pb.h"

namespace streamlens::query {

class ViewState {
 public:
  explicit ViewState(view::ViewStore::Options options = {}) : view_(options) {}

  view::ViewStore& view() { return view_; }
  const view::ViewStore& view() const { return view_; }

  // Record positions as the applying thread advances.
  void Applied(const std::string& topic, int32_t partition, int64_t next_offset);
  void Progress(const v1::Progress& progress);

  // True when every position is processed; else `behind` says for the first
  // that is not.
  bool Covers(const google::protobuf::RepeatedPtrField<v1::Position>& positions, std::string* behind) const;
  std::vector<v1::Position> Snapshot() const;

  bool ready() const { return ready_.load(std::memory_order_acquire); }
  void set_ready() { ready_.store(true, std::memory_order_release); }
  int64_t lag() const { return lag_.load(std::memory_order_relaxed); }
  void set_lag(int64_t lag) { lag_.store(lag, std::memory_order_relaxed); }
  // Records deleted by retention before they were read: the view is incomplete.
  int64_t records_lost() const { return lost_.load(std::memory_order_relaxed); }
  void add_records_lost(int64_t n) { lost_.fetch_add(n, std::memory_order_relaxed); }

 private:
  view::ViewStore view_;
  mutable std::mutex mu_;
  view::ReadPositions positions_;  // guarded by mu_
  std::atomic<bool> ready_{false};
  std::atomic<int64_t> lag_{0};
  std::atomic<int64_t> lost_{0};
};

class QueryService final : public v1::QueryService::CallbackService {
 public:
  struct Options {
    // How long a read-your-writes call waits when the caller set no deadline.
    std::chrono::milliseconds default_wait{10'000};
    // Changes fetched from the log per Watch refill.
    size_t watch_batch = 64;
  };

  QueryService(ViewState& state, QueryProbe& probe, Options options);
  ~QueryService() override;  // answers parked calls UNAVAILABLE; the server must be shut down first

  // The view applied a batch: resume parked calls and watchers.
  void OnViewAdvanced();

  grpc::ServerUnaryReactor* GetEntity(grpc::CallbackServerContext* context, const v1::GetEntityRequest* request,
                                      v1::EntityView* response) override;
  grpc::ServerUnaryReactor* SearchEntities(grpc::CallbackServerContext* context,
                                           const v1::SearchEntitiesRequest* request,
                                           v1::SearchEntitiesResponse* response) override;
  grpc::ServerUnaryReactor* GetMetricHistory(grpc::CallbackServerContext* context,
                                             const v1::GetMetricHistoryRequest* request,
                                             v1::GetMetricHistoryResponse* response) override;
  grpc::ServerUnaryReactor* GetLinks(grpc::CallbackServerContext* context, const v1::GetLinksRequest* request,
                                     v1::GetLinksResponse* response) override;
  grpc::ServerUnaryReactor* TopMovers(grpc::CallbackServerContext* context, const v1::TopMoversRequest* request,
                                      v1::TopMoversResponse* response) override;
  grpc::ServerUnaryReactor* ListArticles(grpc::CallbackServerContext* context, const v1::ListArticlesRequest* request,
                                         v1::ListArticlesResponse* response) override;
  grpc::ServerWriteReactor<v1::ViewChange>* Watch(grpc::CallbackServerContext* context,
                                                  const v1::WatchRequest* request) override;

 private:
  class WatchReactor;
  struct ParkedCall {
    google::protobuf::RepeatedPtrField<v1::Position> after;
    std::chrono::steady_clock::time_point give_up;
    grpc::CallbackServerContext* context;
    std::function<void(absl::Status)> resume;  // OK: positions covered; else the error to answer
  };

  // Validates, waits for consistency if needed, then runs `answer`.
  grpc::ServerUnaryReactor* Serve(const char* method, grpc::CallbackServerContext* context,
                                  const v1::Consistency* consistency, std::function<absl::Status()> answer);
  void WaiterLoop();
  void RemoveWatcher(WatchReactor* watcher);

  ViewState& state_;
  QueryProbe& probe_;
  Options options_;

  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
  std::list<ParkedCall> parked_;  // guarded by wait_mu_
  bool advanced_ = false;         // guarded by wait_mu_
  bool stopping_ = false;         // guarded by wait_mu_
  std::thread waiter_;

  std::mutex watch_mu_;
  std::set<WatchReactor*> watchers_;  // guarded by watch_mu_
};

}  // namespace streamlens::query
