// Linker: finds the catalog entities an article mentions, resolves them to
// canonical ids, scores their salience and reads the relations the text
// states. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
// Not thread-safe: one linker per consumer loop.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "services/worker/links/catalog.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

class NameMatcher;

class Linker {
 public:
  // Builds the matcher from `catalog`, which must outlive the linker.
  static absl::StatusOr<std::unique_ptr<Linker>> Create(const EntityCatalog& catalog);
  ~Linker();

  // Rebuilds the matcher if the catalog changed since the last build.
  absl::Status Refresh();

  // Links one article into `out`, replacing everything it held. The id is
  // deterministic (article id and catalog version); `source_position` is
  // cleared for the caller to set. Pass the same message for every article:
  // its mentions, spans and strings are overwritten in place, so linking
  // allocates next to nothing once the message has grown to the largest
  // article seen.
  void Link(const v1::NewsEvent& article, v1::EntityLink* out) const;

  // The catalog version the matcher was last built from.
  uint64_t catalog_version() const;
  // Distinct literals in the Hyperscan database (names, blockers, cues).
  size_t pattern_count() const;
  // The compiled names, for benchmarks that scan with the same database.
  const NameMatcher& matcher() const;

 private:
  Linker() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streamlens::links
