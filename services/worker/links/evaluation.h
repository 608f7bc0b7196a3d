// LinkEvaluation: scores links against the hand annotations that came with
// the articles (Reuters-21578 <PLACES>, <ORGS>, <PEOPLE>, <EXCHANGES>), as
// precision, recall and F1 per kind. An entity counts as predicted for a kind
// when its type matches, its salience reaches the threshold, and the catalog
// gives it a "reuters21578" code; entities without such a code (cities,
// companies, central banks the annotators had no code for) are not scored.
// Used by `streamlens links --evaluate` and the quality figures in
// docs/quality.md. Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "services/worker/links/catalog.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

enum class AnnotationKind { kPlaces = 0, kOrgs = 1, kPeople = 2, kExchanges = 3 };
inline constexpr int kAnnotationKinds = 4;
const char* AnnotationKindName(AnnotationKind kind);

struct KindScore {
  int64_t true_positives = 0;
  int64_t false_positives = 0;
  int64_t false_negatives = 0;
  // Per code: how often it was missed / wrongly predicted, for tuning.
  std::map<std::string, int64_t> missed, spurious;

  double precision() const;
  double recall() const;
  double f1() const;
};

// Whether the article's annotators tagged `entity` (one of its
// "reuters21578" codes is among the annotations of its kind); nullopt when
// that cannot be told: no annotations, a type that is not scored, no code.
std::optional<bool> Tagged(const v1::NewsEvent& article, const v1::CatalogEntity& entity);

class LinkEvaluation {
 public:
  // `min_salience[kind]`: mentions below it are not counted as predictions.
  LinkEvaluation(const EntityCatalog& catalog, std::array<double, kAnnotationKinds> min_salience);

  // Scores one article's link against its annotations. Articles without
  // annotations (not from Reuters) are skipped and not counted.
  void Add(const v1::NewsEvent& article, const v1::EntityLink& link);

  const KindScore& score(AnnotationKind kind) const { return scores_[static_cast<int>(kind)]; }
  int64_t articles() const { return articles_; }

  // A Markdown table: kind, gold, predicted, TP, precision, recall, F1.
  std::string Table() const;
  // The `n` most frequent misses and spurious codes of every kind.
  std::string Errors(int n) const;

 private:
  const EntityCatalog& catalog_;
  std::array<double, kAnnotationKinds> min_salience_;
  std::array<KindScore, kAnnotationKinds> scores_;
  int64_t articles_ = 0;
};

}  // namespace streamlens::links
