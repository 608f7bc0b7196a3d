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
//
// What a report yields, per metric (in report order):
//  - REPORTED: when the metric states `prior_value` or `reported_change`, one
//    delta on the metric's `basis` (UNSPECIFIED is read as year over year, as
//    Reuters "vs" and unqualified "up 44%" mean). With only a change stated,
//    the prior is derived as value / (1 + change), rounded to the significant
//    digits the value is stated with, and the stated change is kept as the
//    percentage. A stated change on a loss or zero value (whose prior's sign
//    is ambiguous) gives a delta with the stated percentage and no prior.
//  - HISTORY: for each basis the report does not state, against the value seen
//    for the same entity, metric, segment and period kind: YEAR_OVER_YEAR with
//    the same period a year earlier, QUARTER_OVER_QUARTER (quarters and
//    halves) with the period just before. Only exact neighbours count, never
//    an older period. A prior stated in a report is not added to history.
//  - Later periods that compare against this one (the next year's same period
//    and the next quarter) are recomputed, so a late report or a restatement
//    re-emits the deltas that depend on it.
//
// Periods are placed by fiscal year and quarter when known, else by
// `end_date` (within a week: 52/53-week years shift end dates); a report whose
// period can be placed neither way still gets its REPORTED deltas but is not
// kept in history.
//
// Arithmetic is exact (services/worker/deltas/decimal.h): common scale of the
// two amounts, percentage as UNIT_PERCENT scale 2 rounded half away from zero.
// Prior zero or nil: PRIOR_ZERO, no percentage. Prior negative or a profit
// turned loss: SIGN_CHANGE, no percentage (the absolute change is still
// given: loss 3.4 mln vs profit 1.0 mln is -4.4 mln).
//
// Ids and versions: a delta's id is StableId("delta", entity, metric, segment,
// period, basis): the same for a re-processed report and for a restatement,
// so a correction replaces what it corrects. `version` starts at 1 and grows
// by one each time the delta's content changes (restatement, late prior);
// such a re-emission carries `correction=true`. Applying the same report
// twice (or a restatement with the same figures) emits NOTHING the second
// time when its period is placed; when it cannot be placed the engine keeps
// no memory of it and emits deltas with the same ids, version 1 and the same
// figures again, which the view applies idempotently by id and version.
//
// History size: per (entity, metric, segment, period kind) at most
// kMaxPeriodsPerSeries periods (the most recent by period end), each with the
// value and the version of its deltas. A report older than that window gets
// its own deltas but does not enter history.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::deltas {

// Periods kept per series: two years of quarters, enough for a year-over-year
// prior plus a late report or two.
inline constexpr size_t kMaxPeriodsPerSeries = 8;

class DeltaEngine {
 public:
  DeltaEngine();
  ~DeltaEngine();
  DeltaEngine(const DeltaEngine&) = delete;
  DeltaEngine& operator=(const DeltaEngine&) = delete;

  // Applies one report and returns the deltas it produces (new ones and
  // corrections). Deterministic: the same history and report give the same
  // deltas with the same ids. INVALID_ARGUMENT (naming the field) for a report
  // that cannot be processed (missing entity id or value, mismatched unit or
  // currency of value and prior, malformed period, a stated comparison that
  // does not fit 64-bit amounts); the worker dead-letters it, and it leaves
  // the history as it was.
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
