// Records shaped like what the workers publish for the Alibaba article in
// ../shared/data/news and for Reuters-21578 earnings reports, for view tests.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/util/time_util.h>

#include "streamlens/v1/events.pb.h"
#include "tests/support/amounts.h"

namespace streamlens::view::testing {

inline google::protobuf::Timestamp At(const std::string& rfc3339) {
  google::protobuf::Timestamp t;
  google::protobuf::util::TimeUtil::FromString(rfc3339, &t);
  return t;
}

inline v1::EntityRef Ref(const std::string& id, v1::EntityType type, const std::string& name) {
  v1::EntityRef r;
  r.set_id(id);
  r.set_type(type);
  r.set_name(name);
  return r;
}

using streamlens::test_support::Percent;
using streamlens::test_support::Usd;

// A year-over-year quarterly delta.
inline v1::MetricDelta Delta(const std::string& id, const v1::EntityRef& entity, v1::MetricKind metric, int year,
                             int quarter, int64_t current, int64_t prior, int64_t version = 1,
                             const std::string& segment = "") {
  v1::MetricDelta d;
  d.set_id(id);
  *d.mutable_entity() = entity;
  d.set_metric(metric);
  d.set_segment(segment);
  d.mutable_period()->set_kind(v1::PERIOD_KIND_QUARTER);
  d.mutable_period()->set_fiscal_year(year);
  d.mutable_period()->set_fiscal_quarter(quarter);
  d.set_basis(v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  d.set_prior_source(v1::PRIOR_SOURCE_REPORTED);
  *d.mutable_current() = Usd(current);
  *d.mutable_prior() = Usd(prior);
  *d.mutable_absolute_change() = Usd(current - prior);
  if (prior > 0 && current >= 0) {
    d.set_percent_status(v1::PERCENT_CHANGE_STATUS_OK);
    *d.mutable_percent_change() = Percent((current - prior) * 10000 / prior);
  } else {
    d.set_percent_status(prior == 0 ? v1::PERCENT_CHANGE_STATUS_PRIOR_ZERO : v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE);
  }
  d.set_version(version);
  d.set_correction(version > 1);
  d.set_source_event_id("earn-" + id);
  return d;
}

inline const v1::EntityRef kAlibaba = Ref("company:baba", v1::ENTITY_TYPE_COMPANY, "Alibaba Group Holding");
inline const v1::EntityRef kTsai = Ref("person:joe-tsai", v1::ENTITY_TYPE_PERSON, "Joe Tsai");
inline const v1::EntityRef kTaobao = Ref("brand:taobao", v1::ENTITY_TYPE_BRAND, "Taobao");
inline const v1::EntityRef kTmall = Ref("brand:tmall", v1::ENTITY_TYPE_BRAND, "Tmall");
inline const v1::EntityRef kNbim = Ref("org:norges-bank-investment-management", v1::ENTITY_TYPE_ORGANISATION, "Norges Bank Investment Management");
inline const v1::EntityRef kChina = Ref("place:china", v1::ENTITY_TYPE_PLACE, "China");
inline const v1::EntityRef kUsa = Ref("place:usa", v1::ENTITY_TYPE_PLACE, "United States");
inline const v1::EntityRef kTangen = Ref("person:nicolai-tangen", v1::ENTITY_TYPE_PERSON, "Nicolai Tangen");
inline const v1::EntityRef kChampion = Ref("company:ch", v1::ENTITY_TYPE_COMPANY, "Champion Products Inc");

inline v1::EntityMention Mention(const v1::EntityRef& ref, double salience, int spans) {
  v1::EntityMention m;
  *m.mutable_entity() = ref;
  m.set_salience(salience);
  for (int i = 0; i < spans; ++i) {
    auto* s = m.add_spans();
    s->set_field(v1::ARTICLE_FIELD_BODY);
    s->set_begin(i * 10);
    s->set_end(i * 10 + 5);
    s->set_text(ref.name());
  }
  return m;
}

inline v1::EntityRelation Relation(const std::string& subject, const std::string& object, v1::RelationType type,
                                   const std::string& role = "") {
  v1::EntityRelation r;
  r.set_subject_id(subject);
  r.set_object_id(object);
  r.set_type(type);
  r.set_role(role);
  r.set_confidence(0.9);
  return r;
}

inline v1::EntityLink Link(const std::string& article_id, const std::string& published,
                           std::vector<v1::EntityMention> mentions, std::vector<v1::EntityRelation> relations = {},
                           const std::string& link_id = "") {
  v1::EntityLink l;
  l.set_id(link_id.empty() ? "link-" + article_id : link_id);
  l.set_article_id(article_id);
  l.set_title("Title of " + article_id);
  *l.mutable_published_at() = At(published);
  for (auto& m : mentions) *l.add_mentions() = std::move(m);
  for (auto& r : relations) *l.add_relations() = std::move(r);
  return l;
}

// The Alibaba article as the linker reads it.
inline v1::EntityLink AlibabaArticle() {
  auto l = Link("dc360-alibaba-tsai", "2024-02-20T12:00:00Z",
                {Mention(kAlibaba, 0.95, 9), Mention(kTsai, 0.8, 5), Mention(kTaobao, 0.4, 2), Mention(kTmall, 0.4, 2),
                 Mention(kNbim, 0.5, 1), Mention(kTangen, 0.5, 2), Mention(kChina, 0.3, 3), Mention(kUsa, 0.2, 1)},
                {Relation("person:joe-tsai", "company:baba", v1::RELATION_TYPE_EXECUTIVE_OF, "chair"),
                 Relation("company:baba", "brand:taobao", v1::RELATION_TYPE_OWNS),
                 Relation("company:baba", "brand:tmall", v1::RELATION_TYPE_OWNS),
                 Relation("org:norges-bank-investment-management", "company:baba", v1::RELATION_TYPE_INVESTOR_IN)});
  l.set_title("Alibaba's Joe Tsai on the company's turnaround");
  return l;
}

inline v1::CatalogEntity CatalogAlibaba() {
  v1::CatalogEntity e;
  e.set_id("company:baba");
  e.set_type(v1::ENTITY_TYPE_COMPANY);
  e.set_name("Alibaba Group Holding");
  e.add_aliases("Alibaba");
  e.add_aliases("Alibaba Group");
  auto* c = e.add_codes();
  c->set_scheme("ticker");
  c->set_value("BABA");
  c->set_exchange_id("exchange:nyse");
  (*e.mutable_attributes())["sector"] = "Consumer Discretionary";
  return e;
}

}  // namespace streamlens::view::testing
