// Linker: finds the catalog entities an article mentions, resolves them to
// canonical ids, scores their salience and reads the relations the text
// states. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
// Not thread-safe: one linker per consumer loop.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/salience.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

class NameMatcher;

// What the salience model saw for one catalog entity of a linked article.
struct EntitySalience {
  std::string entity_id;
  SalienceFeatures features;
};

class Linker {
 public:
  // Builds the matcher from `catalog`, which must outlive the linker.
  static absl::StatusOr<std::unique_ptr<Linker>> Create(const EntityCatalog& catalog);
  ~Linker();

  // Rebuilds the matcher if the catalog changed since the last build.
  absl::Status Refresh();

  // Links one article. The result's id is deterministic (article id and
  // catalog version); `source_position` is left for the caller to set.
  v1::EntityLink Link(const v1::NewsEvent& article) const;
  // The same, and appends to `features` what the salience model saw for each
  // catalog entity (for training it: `streamlens links --features`).
  v1::EntityLink Link(const v1::NewsEvent& article, std::vector<EntitySalience>* features) const;

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
