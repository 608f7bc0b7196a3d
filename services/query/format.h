// Human-readable text for view records: amounts ("$1.51 billion"), deltas
// ("net income Q3 2024: $1.51 billion, -77.0% year over year"), links. Used
// by QueryNode::Summary (`streamlens up`) and `streamlens query`. Pure;
// thread-safe.
#pragma once

#include <string>

#include "streamlens/v1/events.pb.h"
#include "streamlens/v1/query.pb.h"

namespace streamlens::query {

// "$4.02 billion", "$0.34", "44.00%", "1,200 shares".
std::string FormatAmount(const v1::Amount& amount);
// "net income", "EPS", ...
std::string MetricName(v1::MetricKind metric);
// "Q3 1987", "year 1986", "nine months 1987".
std::string FormatPeriod(const v1::FiscalPeriod& period);
// "net income Q3 2024: $1.51 billion vs $6.56 billion, -77.0% year over year".
std::string FormatDelta(const v1::MetricDelta& delta);
// "owns", "executive of", ...
std::string RelationName(v1::RelationType type);
// One stated relation as a sentence, subject first, given the names of the
// reference entity and the neighbour: "Joe Tsai executive of Alibaba [chair]",
// "Alibaba owns Taobao (3 articles)".
std::string FormatStatedRelation(const v1::StatedRelation& relation, const std::string& viewed,
                                 const std::string& neighbour);
// A neighbour of `viewed` (its name or id; "this entity" when empty), with
// the stated relations in their direction:
// "Joe Tsai (person, weight 2; Joe Tsai executive of Alibaba [chair])".
// For depth 2 the relations read from the via entity. A link without
// `relations` (an older server) shows its relation types and roles:
// "Joe Tsai (person, weight 2, executive of: chair)".
std::string FormatLink(const v1::LinkedEntity& link, const std::string& viewed = "");
// "company", "person", ...
std::string EntityTypeName(v1::EntityType type);

}  // namespace streamlens::query
