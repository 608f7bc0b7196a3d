// EntityCatalog: every entity the linker can find, with its names and codes.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc and the query view
// use it). Loaded from the project's catalog files at start, then updated by
// CatalogEntity records from catalog.v1. Not thread-safe: the owner
// serialises updates and reads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "services/common/catalog_entries.h"
#include "services/worker/links/salience.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

class EntityCatalog {
 public:
  // Loads every catalog file under `dir` (the format is documented in
  // data/catalog/README.md), and the salience model `dir`/salience.json when
  // there is one. Errors name the file and line (or field).
  absl::Status LoadDirectory(const std::string& dir);

  // Adds or replaces an entity; a record with `deleted` removes it. A
  // discovered entity never replaces a curated one (MayReplace).
  void Upsert(const v1::CatalogEntity& entity);

  // nullptr when unknown.
  const v1::CatalogEntity* Find(const std::string& id) const;

  // Every entity, in id order.
  std::vector<const v1::CatalogEntity*> All() const;

  size_t size() const { return entities_.size(); }

  // The salience model linkers score with: salience.json's, else
  // SalienceModel::Untrained().
  const SalienceModel& salience_model() const { return salience_model_; }
  void SetSalienceModel(SalienceModel model);

  // Increases on every change; linkers rebuild their matcher when it moves.
  uint64_t version() const { return version_; }

 private:
  std::unordered_map<std::string, v1::CatalogEntity> entities_;
  uint64_t version_ = 0;
  SalienceModel salience_model_ = SalienceModel::Untrained();
};

}  // namespace streamlens::links
