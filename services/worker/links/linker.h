// Linker: finds the catalog entities an article mentions, resolves them to
// canonical ids, scores their salience and reads the relations the text
// states. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
// Not thread-safe: one linker per consumer loop.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// A company the last Link() knew only from a ticker mark ("Champion
// Products Inc <CH>"): no catalog entity holds the symbol under that name.
// One entry per mark, in the article's order.
struct MarkedCompany {
  std::string id;      // the id the link gave it: "company:ch", or "company:<name slug>"
  std::string name;    // the name written before the mark, as the loader read it
  std::string symbol;  // "CH"
  bool symbol_free;    // no catalog entity holds the symbol (the id is made from it)
};

// Why a mark's name cannot name a catalog entry, or nullopt when it can:
// "headline" for an all-capitals name (a headline fragment such as
// "CLAREMONT TO BOOST CHAMPION PRODUCTS"), "no-legal-form" unless a legal
// form (Inc, Corp, Co, Ltd, Plc...) ends it and none sits inside it, "name"
// for one without two letters, longer than eight words, or holding a mark
// bracket or a sentence end.
std::optional<std::string_view> UnusableCompanyName(std::string_view name);

// The catalog entry a ticker-marked company becomes (catalog.v1; see
// docs/architecture.md, "Discovered companies"): its id, the mark's name, the
// name without its legal form as an alias when that has two words or more
// ("Champion Products"), the ticker when the symbol is free, and attributes
// `discovered_from` (the article id) and a low `prior`, so that a curated
// entity sharing a name wins. Call only for usable names.
v1::CatalogEntity DiscoveredCompany(const MarkedCompany& company, std::string_view article_id);

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
  // article seen. With `features`, also appends what the salience model saw
  // for each catalog entity (for training it: `streamlens links --features`).
  void Link(const v1::NewsEvent& article, v1::EntityLink* out,
            std::vector<EntitySalience>* features = nullptr) const;

  // The ticker-only companies of the last linked article (valid until the
  // next Link).
  const std::vector<MarkedCompany>& marked_companies() const;

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
