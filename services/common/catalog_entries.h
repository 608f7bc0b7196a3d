// The one rule every reader of catalog.v1 applies when two records name the
// same entity: the worker's catalog (services/worker/links/catalog.h) and the
// query view (services/query/view/view_store.h).
#pragma once

#include "streamlens/v1/events.pb.h"

namespace streamlens {

// A company a worker discovered from a ticker mark in an article ("Champion
// Products Inc <CH>", attribute `discovered_from`, the article it was first
// seen in) rather than an entry someone curated (data/catalog, UpsertEntity).
inline bool IsDiscovered(const v1::CatalogEntity& entity) {
  return entity.attributes().count("discovered_from") > 0;
}

// Whether `incoming` may replace `current` for the same id. A discovered
// entry never replaces a curated one: it can arrive after it when a worker
// discovered the company before the curated entry was published, or when a
// replica loads a newer data/catalog and then replays an older catalog.v1.
inline bool MayReplace(const v1::CatalogEntity& current, const v1::CatalogEntity& incoming) {
  return !IsDiscovered(incoming) || IsDiscovered(current);
}

}  // namespace streamlens
