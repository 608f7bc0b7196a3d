// Salience: how likely it is that an editor would tag an entity an article
// mentions as one the article is about. A logistic regression per kind of
// entity over what the article says about it (title, dateline, first
// sentence, how often and how early the body names it, ...) and over a
// per-entity prior: how often the Reuters editors tagged that entity when it
// was mentioned (smoothed toward its kind's rate; an entity never seen gets
// the kind's rate). Trained by scripts/train-salience.py on the tuning files
// only (docs/quality.md "Entity links"), shipped as data/catalog/salience.json.
// Pure logic, thread-safe once built.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

// What one article says about one entity, gathered by the linker.
struct SalienceFeatures {
  bool in_title = false;
  bool in_dateline = false;
  bool in_first_sentence = false;
  bool direct = false;          // named itself, not only through a city or state in it
  bool only_demonyms = false;   // only as "Japanese", "Soviet", ...
  int body_count = 0;           // body mentions
  uint32_t first_body_offset = 0;  // byte offset of the first body mention (meaningless when body_count is 0)
  uint32_t body_length = 0;     // bytes of the article body
  int kind_entities = 1;        // entities of the same model kind in the article, this one included
  int kind_body_mentions = 0;   // body mentions of all of them
  bool speech = false;          // a body mention next to "said", "says" or "told" (quoted or reported)
};

// The kinds the model has weights for. Types without annotations to learn
// from (companies, brands, ...) are scored as organisations.
enum class SalienceKind { kPlace = 0, kOrganisation = 1, kPerson = 2, kExchange = 3 };
inline constexpr int kSalienceKinds = 4;
SalienceKind SalienceKindOf(v1::EntityType type);
const char* SalienceKindName(SalienceKind kind);

// The model's inputs, in this order (the names used by salience.json and by
// `streamlens links --features`). "prior" is the entity prior's log-odds.
inline constexpr int kSalienceInputs = 14;
const std::array<std::string_view, kSalienceInputs>& SalienceInputNames();
// The inputs for `f` (with `prior_logit` as "prior"); "bias" is 1.
std::array<double, kSalienceInputs> SalienceInputs(const SalienceFeatures& f, double prior_logit);

class SalienceModel {
 public:
  // Parses salience.json (format in data/catalog/README.md). Errors name the
  // field.
  static absl::StatusOr<SalienceModel> FromJson(std::string_view json);
  // Hand-set weights for a catalog shipped without salience.json: the title
  // and dateline count most, then the first sentence and repeated mentions.
  static SalienceModel Untrained();

  // Log-odds that the editors tag `entity_id` when an article mentions it:
  // its counts smoothed toward its kind's rate (with the kind's smoothing),
  // the kind's rate when unseen.
  double PriorLogit(const std::string& entity_id, v1::EntityType type) const;
  // 0 to 1: the probability the model gives that the entity is tagged.
  double Score(SalienceKind kind, const SalienceFeatures& f, double prior_logit) const;
  // The salience at or above which an entity of `kind` is selected: the
  // F1-best cut on the training files.
  double threshold(SalienceKind kind) const { return kinds_[static_cast<int>(kind)].threshold; }
  // The kind's rate: the share of mentioned entities the editors tagged.
  double rate(SalienceKind kind) const { return kinds_[static_cast<int>(kind)].rate; }
  bool trained() const { return trained_; }

 private:
  struct Kind {
    double rate = 0.5;
    double threshold = 0.5;
    double smoothing = -1;  // pseudo-mentions at the rate; negative: the file's top-level `smoothing`
    std::array<double, kSalienceInputs> weights{};
  };
  struct Counts {
    double annotated = 0, mentioned = 0;
  };
  std::array<Kind, kSalienceKinds> kinds_;
  double smoothing_ = 5.0;  // pseudo-mentions at the kind's rate
  std::unordered_map<std::string, Counts> entities_;
  bool trained_ = false;
};

// log(p / (1 - p)), with p kept inside (1e-4, 1 - 1e-4).
double Logit(double p);

}  // namespace streamlens::links
