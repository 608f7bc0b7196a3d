// ReadPositions: what the view has processed, in Kafka positions, so a
// request can wait for its own writes (read your writes).
//
// Two kinds of positions are tracked:
//  - topics the view applies itself (metric-deltas.v1, entity-links.v1,
//    catalog.v1): the next offset not yet applied, per partition;
//  - source topics the workers read (news.v1, earnings.v1): a source offset is
//    covered once a Progress record says it was processed AND every output
//    position that Progress lists has been applied here. Progress records
//    whose outputs are not applied yet wait in a pending list.
// This makes the answer exact even for events that produced no derived record.
// Not thread-safe: the owner serialises calls.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "streamlens/v1/events.pb.h"

namespace streamlens::view {

class ReadPositions {
 public:
  // The view has applied every record of `topic`/`partition` below `next_offset`.
  void Applied(const std::string& topic, int32_t partition, int64_t next_offset);

  // A worker's progress record was read.
  void Progress(const v1::Progress& progress);

  // True when `position` has been processed into the view. Else false, with
  // `behind` saying how far behind the view is for it.
  bool Covers(const v1::Position& position, std::string* behind) const;

  // True for the topics a consistency position may name.
  static bool KnownTopic(const std::string& topic);

  // Where the view stands, as positions a caller can pass back: for each
  // source partition (news.v1, earnings.v1) the next offset not yet covered,
  // for each catalog.v1 partition the next offset not yet applied. Partitions
  // without records are left out.
  std::vector<v1::Position> Snapshot() const;

  // Progress records still waiting for their outputs.
  size_t pending() const;

 private:
  using Key = std::pair<std::string, int32_t>;
  struct Pending {
    int64_t next_offset;
    std::vector<v1::PartitionProgress> outputs;
  };
  bool OutputsApplied(const std::vector<v1::PartitionProgress>& outputs) const;
  void Promote();

  std::map<Key, int64_t> applied_;          // own topics: next offset to apply
  std::map<Key, int64_t> covered_;          // source topics: next offset not covered
  std::map<Key, std::vector<Pending>> pending_;  // source partition -> progress awaiting outputs
};

}  // namespace streamlens::view
