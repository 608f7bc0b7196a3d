#include "services/worker/links/salience.h"

#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <cmath>

#include "services/common/json.h"

namespace streamlens::links {
namespace {

constexpr std::array<std::string_view, kSalienceInputs> kInputNames = {
    "bias",            // 1
    "dateline",        // in the dateline (itself or a city in it)
    "title",           // in the title
    "first_sentence",  // in the body's first sentence
    "log_body_count",  // log(1 + body mentions)
    "first_position",  // where the body first names it, 0 (start) to 1 (end, or never)
    "indirect",        // only through a city or state in it
    "only_demonyms",   // only as an adjective ("Japanese")
    "log_body_length", // log(1 + body bytes / 1000)
    "log_kind_entities",  // log of the entities of its kind in the article
    "mention_share",   // its share of the body mentions of its kind
    "speech",          // a body mention next to "said", "says" or "told"
    "prior",           // the entity prior's log-odds
    "prior_passing",   // the prior when neither title nor dateline names it
};

constexpr std::array<const char*, kSalienceKinds> kKindNames = {"place", "organisation", "person", "exchange"};

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// log(1 + n) and log(n) of counts, from tables for the small ones every
// article has: the values std::log1p and std::log give, without their cost
// per entity.
constexpr int kTabledCounts = 64;

double Log1pCount(int n) {
  static const auto kTable = [] {
    std::array<double, kTabledCounts> t{};
    for (int i = 0; i < kTabledCounts; ++i) t[i] = std::log1p(static_cast<double>(i));
    return t;
  }();
  return n >= 0 && n < kTabledCounts ? kTable[n] : std::log1p(static_cast<double>(n));
}

// log(1 + body bytes / 1000), the same for every entity of an article: the
// last value is kept per thread.
double LogBodyLength(uint32_t body_length) {
  thread_local uint32_t last_length = 0;
  thread_local double last_value = 0.0;  // log1p(0)
  if (body_length != last_length) {
    last_length = body_length;
    last_value = std::log1p(static_cast<double>(body_length) / 1000.0);
  }
  return last_value;
}

double LogCount(int n) {
  static const auto kTable = [] {
    std::array<double, kTabledCounts> t{};
    for (int i = 1; i < kTabledCounts; ++i) t[i] = std::log(static_cast<double>(i));
    return t;
  }();
  return n >= 1 && n < kTabledCounts ? kTable[n] : std::log(static_cast<double>(n));
}

absl::StatusOr<double> Number(const google::protobuf::Value& v, const std::string& where) {
  if (v.kind_case() != google::protobuf::Value::kNumberValue) {
    return absl::InvalidArgumentError(where + ": expected a number");
  }
  return v.number_value();
}

}  // namespace

SalienceKind SalienceKindOf(v1::EntityType type) {
  switch (type) {
    case v1::ENTITY_TYPE_PLACE: return SalienceKind::kPlace;
    case v1::ENTITY_TYPE_PERSON: return SalienceKind::kPerson;
    case v1::ENTITY_TYPE_EXCHANGE: return SalienceKind::kExchange;
    default: return SalienceKind::kOrganisation;
  }
}

const char* SalienceKindName(SalienceKind kind) { return kKindNames[static_cast<int>(kind)]; }

const std::array<std::string_view, kSalienceInputs>& SalienceInputNames() { return kInputNames; }

double Logit(double p) {
  p = std::clamp(p, 1e-4, 1.0 - 1e-4);
  return std::log(p / (1.0 - p));
}

std::array<double, kSalienceInputs> SalienceInputs(const SalienceFeatures& f, double prior_logit) {
  const double body_length = static_cast<double>(f.body_length);
  const double first_position =
      f.body_count == 0 || f.body_length == 0
          ? 1.0
          : std::min(1.0, static_cast<double>(f.first_body_offset) / body_length);
  const bool passing = !f.in_title && !f.in_dateline;
  return {1.0,
          f.in_dateline ? 1.0 : 0.0,
          f.in_title ? 1.0 : 0.0,
          f.in_first_sentence ? 1.0 : 0.0,
          Log1pCount(f.body_count),
          first_position,
          f.direct ? 0.0 : 1.0,
          f.only_demonyms ? 1.0 : 0.0,
          LogBodyLength(f.body_length),
          LogCount(std::max(1, f.kind_entities)),
          f.kind_body_mentions > 0 ? static_cast<double>(f.body_count) / f.kind_body_mentions : 0.0,
          f.speech ? 1.0 : 0.0,
          prior_logit,
          passing ? prior_logit : 0.0};
}

absl::StatusOr<SalienceModel> SalienceModel::FromJson(std::string_view json) {
  google::protobuf::Struct root;
  if (auto s = FromJsonLine(json, &root); !s.ok()) return s;
  SalienceModel model;
  model.trained_ = true;
  const auto& fields = root.fields();
  if (auto it = fields.find("smoothing"); it != fields.end()) {
    auto v = Number(it->second, "smoothing");
    if (!v.ok()) return v.status();
    if (*v < 0) return absl::InvalidArgumentError("smoothing: must not be negative");
    model.smoothing_ = *v;
  }
  auto kinds = fields.find("kinds");
  if (kinds == fields.end() || !kinds->second.has_struct_value()) {
    return absl::InvalidArgumentError("kinds: missing (an object of place, organisation, person, exchange)");
  }
  for (int k = 0; k < kSalienceKinds; ++k) {
    const std::string name = kKindNames[k];
    auto kit = kinds->second.struct_value().fields().find(name);
    if (kit == kinds->second.struct_value().fields().end() || !kit->second.has_struct_value()) {
      return absl::InvalidArgumentError("kinds." + name + ": missing");
    }
    Kind& kind = model.kinds_[k];
    for (const auto& [key, value] : kit->second.struct_value().fields()) {
      const std::string where = "kinds." + name + "." + key;
      if (key == "rate" || key == "threshold") {
        auto v = Number(value, where);
        if (!v.ok()) return v.status();
        if (*v <= 0 || *v >= 1) return absl::InvalidArgumentError(where + ": must be between 0 and 1");
        (key == "rate" ? kind.rate : kind.threshold) = *v;
      } else if (key == "smoothing") {
        auto v = Number(value, where);
        if (!v.ok()) return v.status();
        if (*v < 0) return absl::InvalidArgumentError(where + ": must not be negative");
        kind.smoothing = *v;
      } else if (key == "weights") {
        if (!value.has_struct_value()) return absl::InvalidArgumentError(where + ": expected an object");
        for (const auto& [input, w] : value.struct_value().fields()) {
          auto pos = std::find(kInputNames.begin(), kInputNames.end(), input);
          if (pos == kInputNames.end()) return absl::InvalidArgumentError(where + "." + input + ": unknown input");
          auto v = Number(w, where + "." + input);
          if (!v.ok()) return v.status();
          kind.weights[pos - kInputNames.begin()] = *v;
        }
      }
      // Other keys (training figures) are for the reader.
    }
  }
  if (auto it = fields.find("entities"); it != fields.end()) {
    if (!it->second.has_struct_value()) return absl::InvalidArgumentError("entities: expected an object");
    for (const auto& [id, value] : it->second.struct_value().fields()) {
      const std::string where = "entities." + id;
      const auto& counts = value.list_value().values();
      if (!value.has_list_value() || counts.size() != 2) {
        return absl::InvalidArgumentError(where + ": expected [annotated, mentioned]");
      }
      auto annotated = Number(counts[0], where);
      auto mentioned = Number(counts[1], where);
      if (!annotated.ok()) return annotated.status();
      if (!mentioned.ok()) return mentioned.status();
      if (*annotated < 0 || *annotated > *mentioned) {
        return absl::InvalidArgumentError(where + ": annotated must be between 0 and mentioned");
      }
      model.entities_[id] = {*annotated, *mentioned};
    }
  }
  return model;
}

SalienceModel SalienceModel::Untrained() {
  SalienceModel model;
  for (auto& kind : model.kinds_) {
    kind.rate = 0.5;
    kind.threshold = 0.5;
    auto& w = kind.weights;
    w[0] = -2.0;   // bias: a passing mention is seldom what an article is about
    w[1] = 3.0;    // dateline
    w[2] = 2.0;    // title
    w[3] = 1.0;    // first sentence
    w[4] = 1.0;    // log(1 + body mentions)
    w[5] = -0.5;   // named late
    w[6] = -0.3;   // only through a city
    w[7] = -0.5;   // only as an adjective
  }
  return model;
}

double SalienceModel::PriorLogit(const std::string& entity_id, v1::EntityType type) const {
  const Kind& kind = kinds_[static_cast<int>(SalienceKindOf(type))];
  const double rate = kind.rate;
  auto it = entities_.find(entity_id);
  if (it == entities_.end()) return Logit(rate);
  const Counts& c = it->second;
  const double smoothing = kind.smoothing >= 0 ? kind.smoothing : smoothing_;
  return Logit((c.annotated + smoothing * rate) / (c.mentioned + smoothing));
}

double SalienceModel::Score(SalienceKind kind, const SalienceFeatures& f, double prior_logit) const {
  const auto inputs = SalienceInputs(f, prior_logit);
  const auto& w = kinds_[static_cast<int>(kind)].weights;
  double z = 0;
  for (int i = 0; i < kSalienceInputs; ++i) z += w[i] * inputs[i];
  return Sigmoid(z);
}

}  // namespace streamlens::links
