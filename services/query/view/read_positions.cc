#include "services/query/view/read_positions.h"

#include <algorithm>

namespace streamlens::view {
namespace {

// Topics whose records the workers turn into derived records.
bool IsSourceTopic(const std::string& topic) { return topic == "news.v1" || topic == "earnings.v1"; }
// Topics the view applies directly.
bool IsAppliedTopic(const std::string& topic) {
  return topic == "catalog.v1" || topic == "metric-deltas.v1" || topic == "entity-links.v1";
}

}  // namespace

bool ReadPositions::KnownTopic(const std::string& topic) { return IsSourceTopic(topic) || IsAppliedTopic(topic); }

void ReadPositions::Applied(const std::string& topic, int32_t partition, int64_t next_offset) {
  auto& next = applied_[{topic, partition}];
  if (next_offset <= next) return;
  next = next_offset;
  Promote();
}

void ReadPositions::Progress(const v1::Progress& progress) {
  std::vector<v1::PartitionProgress> outputs(progress.outputs().begin(), progress.outputs().end());
  for (const auto& source : progress.sources()) {
    Key key{source.topic(), source.partition()};
    auto it = covered_.find(key);
    if (it != covered_.end() && it->second >= source.next_offset()) continue;  // nothing new
    auto& list = pending_[key];
    auto pos = std::upper_bound(list.begin(), list.end(), source.next_offset(),
                                [](int64_t next, const Pending& p) { return next < p.next_offset; });
    list.insert(pos, Pending{source.next_offset(), outputs});
  }
  Promote();
}

bool ReadPositions::OutputsApplied(const std::vector<v1::PartitionProgress>& outputs) const {
  for (const auto& out : outputs) {
    // Outputs on topics the view does not apply (prose figures republished on
    // earnings.v1, dead letters) are covered by their own later progress.
    if (!IsAppliedTopic(out.topic())) continue;
    auto it = applied_.find({out.topic(), out.partition()});
    if (it == applied_.end() || it->second < out.next_offset()) return false;
  }
  return true;
}

void ReadPositions::Promote() {
  for (auto it = pending_.begin(); it != pending_.end();) {
    auto& list = it->second;  // sorted by next_offset
    int64_t& covered = covered_[it->first];
    // A Progress names only the outputs of its own batch, so a source offset
    // is covered once every batch up to it is: advance through the batches in
    // offset order and stop at the first whose outputs are not applied yet.
    size_t done = 0;
    for (; done < list.size(); ++done) {
      const Pending& p = list[done];
      if (p.next_offset <= covered) continue;  // re-processed after a rebalance
      if (!OutputsApplied(p.outputs)) break;
      covered = p.next_offset;
    }
    list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(done));
    it = list.empty() ? pending_.erase(it) : std::next(it);
  }
}

bool ReadPositions::Covers(const v1::Position& position, std::string* behind) const {
  Key key{position.topic(), position.partition()};
  const std::string where = position.topic() + "/" + std::to_string(position.partition()) + "@" +
                            std::to_string(position.offset());
  if (IsAppliedTopic(position.topic())) {
    auto it = applied_.find(key);
    int64_t next = it == applied_.end() ? 0 : it->second;
    if (next > position.offset()) return true;
    if (behind) {
      *behind = where + ": view has applied up to offset " + std::to_string(next) + " (" +
                std::to_string(position.offset() + 1 - next) + " records behind)";
    }
    return false;
  }
  auto it = covered_.find(key);
  int64_t next = it == covered_.end() ? 0 : it->second;
  if (next > position.offset()) return true;
  if (behind) {
    *behind = where + ": workers' progress applied up to offset " + std::to_string(next) + " (" +
              std::to_string(position.offset() + 1 - next) + " records behind)";
    auto pit = pending_.find(key);
    if (pit != pending_.end()) {
      for (const auto& p : pit->second) {
        if (p.next_offset > position.offset()) {
          *behind += "; processed by a worker, waiting for its outputs to be applied";
          break;
        }
      }
    }
  }
  return false;
}

std::vector<v1::Position> ReadPositions::Snapshot() const {
  std::vector<v1::Position> out;
  // Only the positions a caller can pass back (sources and the catalog), and
  // only partitions with records: the answer stays small.
  auto add = [&](const std::map<Key, int64_t>& m) {
    for (const auto& [key, next] : m) {
      if (next == 0 || !(IsSourceTopic(key.first) || key.first == "catalog.v1")) continue;
      v1::Position p;
      p.set_topic(key.first);
      p.set_partition(key.second);
      p.set_offset(next);
      out.push_back(std::move(p));
    }
  };
  add(covered_);
  add(applied_);
  return out;
}

size_t ReadPositions::pending() const {
  size_t n = 0;
  for (const auto& [key, list] : pending_) n += list.size();
  return n;
}

}  // namespace streamlens::view
