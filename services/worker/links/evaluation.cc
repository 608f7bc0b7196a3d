#include "services/worker/links/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <vector>

namespace streamlens::links {
namespace {

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

int KindOf(v1::EntityType type) {
  switch (type) {
    case v1::ENTITY_TYPE_PLACE: return static_cast<int>(AnnotationKind::kPlaces);
    case v1::ENTITY_TYPE_ORGANISATION: return static_cast<int>(AnnotationKind::kOrgs);
    case v1::ENTITY_TYPE_PERSON: return static_cast<int>(AnnotationKind::kPeople);
    case v1::ENTITY_TYPE_EXCHANGE: return static_cast<int>(AnnotationKind::kExchanges);
    default: return -1;
  }
}

}  // namespace

std::optional<bool> Tagged(const v1::NewsEvent& article, const v1::CatalogEntity& entity) {
  const int kind = KindOf(entity.type());
  if (!article.has_annotations() || kind < 0) return std::nullopt;
  const auto& a = article.annotations();
  const auto& gold = kind == 0 ? a.places() : kind == 1 ? a.orgs() : kind == 2 ? a.people() : a.exchanges();
  std::optional<bool> tagged;
  for (const auto& c : entity.codes()) {
    if (c.scheme() != "reuters21578") continue;
    tagged = tagged.value_or(false) || std::find(gold.begin(), gold.end(), c.value()) != gold.end();
  }
  return tagged;
}

const char* AnnotationKindName(AnnotationKind kind) {
  switch (kind) {
    case AnnotationKind::kPlaces: return "places";
    case AnnotationKind::kOrgs: return "orgs";
    case AnnotationKind::kPeople: return "people";
    case AnnotationKind::kExchanges: return "exchanges";
  }
  return "?";
}

double KindScore::precision() const {
  const int64_t p = true_positives + false_positives;
  return p == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(p);
}
double KindScore::recall() const {
  const int64_t g = true_positives + false_negatives;
  return g == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(g);
}
double KindScore::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

LinkEvaluation::LinkEvaluation(const EntityCatalog& catalog, std::array<double, kAnnotationKinds> min_salience)
    : catalog_(catalog), min_salience_(min_salience) {}

void LinkEvaluation::Add(const v1::NewsEvent& article, const v1::EntityLink& link) {
  if (!article.has_annotations()) return;
  ++articles_;
  std::array<std::set<std::string>, kAnnotationKinds> gold, predicted;
  const auto& a = article.annotations();
  gold[0].insert(a.places().begin(), a.places().end());
  gold[1].insert(a.orgs().begin(), a.orgs().end());
  gold[2].insert(a.people().begin(), a.people().end());
  gold[3].insert(a.exchanges().begin(), a.exchanges().end());
  for (const auto& m : link.mentions()) {
    const int kind = KindOf(m.entity().type());
    if (kind < 0 || m.salience() < min_salience_[kind]) continue;
    const v1::CatalogEntity* e = catalog_.Find(m.entity().id());
    if (e == nullptr) continue;
    for (const auto& c : e->codes()) {
      if (c.scheme() == "reuters21578") predicted[kind].insert(c.value());
    }
  }
  for (int k = 0; k < kAnnotationKinds; ++k) {
    KindScore& s = scores_[k];
    for (const auto& code : predicted[k]) {
      if (gold[k].count(code) != 0) {
        ++s.true_positives;
      } else {
        ++s.false_positives;
        ++s.spurious[code];
      }
    }
    for (const auto& code : gold[k]) {
      if (predicted[k].count(code) == 0) {
        ++s.false_negatives;
        ++s.missed[code];
      }
    }
  }
}

std::string LinkEvaluation::Table() const {
  std::ostringstream out;
  out << "| kind | annotated | predicted | correct | precision | recall | F1 |\n";
  out << "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (int k = 0; k < kAnnotationKinds; ++k) {
    const KindScore& s = scores_[k];
    out << "| " << AnnotationKindName(static_cast<AnnotationKind>(k)) << " | "
        << s.true_positives + s.false_negatives << " | " << s.true_positives + s.false_positives << " | "
        << s.true_positives << " | " << Fixed(s.precision(), 3) << " | " << Fixed(s.recall(), 3) << " | "
        << Fixed(s.f1(), 3) << " |\n";
  }
  return out.str();
}

std::string LinkEvaluation::Errors(int n) const {
  std::ostringstream out;
  auto top = [n](const std::map<std::string, int64_t>& m) {
    std::vector<std::pair<int64_t, std::string>> v;
    for (const auto& [code, count] : m) v.emplace_back(-count, code);
    std::sort(v.begin(), v.end());
    std::string s;
    for (int i = 0; i < n && i < static_cast<int>(v.size()); ++i) {
      s += " " + v[i].second + "=" + std::to_string(-v[i].first);
    }
    return s;
  };
  for (int k = 0; k < kAnnotationKinds; ++k) {
    const char* name = AnnotationKindName(static_cast<AnnotationKind>(k));
    out << name << " missed:" << top(scores_[k].missed) << "\n";
    out << name << " spurious:" << top(scores_[k].spurious) << "\n";
  }
  return out.str();
}

}  // namespace streamlens::links
