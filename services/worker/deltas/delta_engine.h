// DeltaEngine: turns earnings reports into metric deltas. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it). The
// implementation may change freely behind it.
//
// Reports are applied in the order of their partition (all reports of one
// entity share a partition). For each metric the engine emits a delta against
// the prior the report states; else against the last value it has seen for the
// same entity, metric, segment and period kind. It keeps only that per-entity
// history, which the worker rebuilds after a rebalance by re-applying the
// partition's earlier reports (Apply with the outputs discarded).
// Not thread-safe: one engine per consumer loop.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::deltas {

class DeltaEngine {
 public:
  DeltaEngine();
  ~DeltaEngine();
  DeltaEngine(const DeltaEngine&) = delete;
  DeltaEngine& operator=(const DeltaEngine&) = delete;

  // Applies one report and returns the deltas it produces (new ones and
  // corrections). Deterministic: the same history and report give the same
  // deltas with the same ids. INVALID_ARGUMENT (naming the field) for a report
  // that cannot be processed; the worker dead-letters it.
  absl::StatusOr<std::vector<v1::MetricDelta>> Apply(const v1::EarningsEvent& report, const v1::Position& position);

  // Drops the history of every entity whose reports live on `partition` of
  // earnings.v1 (called when the partition is revoked).
  void ForgetPartition(int32_t partition);

  // Number of (entity, metric, segment, period) values held.
  size_t HistorySize() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace streamlens::deltas
