#include "services/query/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <google/protobuf/util/time_util.h>

namespace streamlens::query {
namespace {

std::string Fixed(long double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*Lf", decimals, v);
  return buf;
}

std::string WithThousands(long long v) {
  std::string digits = std::to_string(std::llabs(v));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (v < 0 ? "-" : "") + out;
}

}  // namespace

std::string FormatAmount(const v1::Amount& amount) {
  long double value = static_cast<long double>(amount.units()) / std::pow(10.0L, amount.scale());
  long double mag = std::fabs(value);
  std::string sign = value < 0 ? "-" : "";
  if (amount.unit() == v1::UNIT_PERCENT) return Fixed(value, 1) + "%";
  std::string prefix = (amount.currency() == "USD" || amount.currency().empty()) ? "$" : amount.currency() + " ";
  if (amount.unit() == v1::UNIT_MONEY || amount.unit() == v1::UNIT_MONEY_PER_SHARE) {
    if (mag >= 1e9L) return sign + prefix + Fixed(mag / 1e9L, 2) + " billion";
    if (mag >= 1e6L) return sign + prefix + Fixed(mag / 1e6L, 2) + " million";
    if (amount.unit() == v1::UNIT_MONEY_PER_SHARE || mag < 1000) return sign + prefix + Fixed(mag, 2);
    return sign + prefix + WithThousands(static_cast<long long>(std::llround(mag)));
  }
  std::string n = mag >= 1e6L ? Fixed(mag / 1e6L, 2) + " million" : WithThousands(static_cast<long long>(std::llround(mag)));
  return sign + n + (amount.unit() == v1::UNIT_SHARES ? " shares" : "");
}

std::string MetricName(v1::MetricKind metric) {
  switch (metric) {
    case v1::METRIC_KIND_REVENUE: return "revenue";
    case v1::METRIC_KIND_NET_INCOME: return "net income";
    case v1::METRIC_KIND_EPS: return "EPS";
    case v1::METRIC_KIND_OPERATING_NET: return "operating net";
    case v1::METRIC_KIND_OPERATING_EPS: return "operating EPS";
    case v1::METRIC_KIND_AVERAGE_SHARES: return "average shares";
    case v1::METRIC_KIND_DILUTED_EPS: return "diluted EPS";
    case v1::METRIC_KIND_EBITA: return "EBITA";
    case v1::METRIC_KIND_OPERATING_INCOME: return "operating income";
    case v1::METRIC_KIND_DIVIDEND: return "dividend";
    case v1::METRIC_KIND_OTHER: return "other";
    default: return "unspecified metric";
  }
}

std::string FormatPeriod(const v1::FiscalPeriod& p) {
  std::string year = p.fiscal_year() > 0 ? " " + std::to_string(p.fiscal_year()) : "";
  switch (p.kind()) {
    case v1::PERIOD_KIND_QUARTER:
      return (p.fiscal_quarter() > 0 ? "Q" + std::to_string(p.fiscal_quarter()) : std::string("quarter")) + year;
    case v1::PERIOD_KIND_HALF:
      return (p.fiscal_quarter() > 0 ? "H" + std::to_string(p.fiscal_quarter()) : std::string("half")) + year;
    case v1::PERIOD_KIND_NINE_MONTHS: return "nine months" + year;
    case v1::PERIOD_KIND_YEAR: return "year" + year;
    default: return p.label().empty() ? "period" + year : p.label();
  }
}

std::string FormatDelta(const v1::MetricDelta& d) {
  std::string what = d.segment().empty() ? MetricName(d.metric()) : d.segment() + " " + MetricName(d.metric());
  std::string out = what + " " + FormatPeriod(d.period()) + ": " + FormatAmount(d.current());
  // A change stated without a derivable prior (e.g. "a 388% drop to a loss")
  // carries no prior value: say so instead of printing a zero.
  if (d.has_prior()) out += " vs " + FormatAmount(d.prior());
  const char* basis = d.basis() == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER ? "quarter over quarter"
                                                                             : "year over year";
  switch (d.percent_status()) {
    case v1::PERCENT_CHANGE_STATUS_OK: {
      std::string pct = FormatAmount(d.percent_change());
      out += ", " + (pct[0] == '-' ? pct : "+" + pct) + " " + basis;
      break;
    }
    case v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE: out += std::string(", sign changed ") + basis; break;
    case v1::PERCENT_CHANGE_STATUS_PRIOR_ZERO: out += std::string(", from zero ") + basis; break;
    default: break;
  }
  if (d.correction()) out += " (corrected)";
  return out;
}

std::string RelationName(v1::RelationType type) {
  switch (type) {
    case v1::RELATION_TYPE_EXECUTIVE_OF: return "executive of";
    case v1::RELATION_TYPE_OWNS: return "owns";
    case v1::RELATION_TYPE_INVESTOR_IN: return "investor in";
    case v1::RELATION_TYPE_ACQUIRES: return "acquires";
    case v1::RELATION_TYPE_LOCATED_IN: return "located in";
    case v1::RELATION_TYPE_MEMBER_OF: return "member of";
    case v1::RELATION_TYPE_INTERVIEWED: return "interviewed";
    default: return "related";
  }
}

std::string EntityTypeName(v1::EntityType type) {
  switch (type) {
    case v1::ENTITY_TYPE_COMPANY: return "company";
    case v1::ENTITY_TYPE_PERSON: return "person";
    case v1::ENTITY_TYPE_PLACE: return "place";
    case v1::ENTITY_TYPE_ORGANISATION: return "organisation";
    case v1::ENTITY_TYPE_EXCHANGE: return "exchange";
    case v1::ENTITY_TYPE_BRAND: return "brand";
    default: return "entity";
  }
}

std::string FormatStatedRelation(const v1::StatedRelation& r, const std::string& viewed,
                                 const std::string& neighbour) {
  const bool outgoing = r.direction() != v1::RELATION_DIRECTION_INCOMING;
  std::string out = (outgoing ? viewed : neighbour) + " " + RelationName(r.type()) + " " + (outgoing ? neighbour : viewed);
  if (!r.role().empty()) out += " [" + r.role() + "]";
  if (r.article_count() > 1) out += " (" + std::to_string(r.article_count()) + " articles)";
  return out;
}

std::string FormatLink(const v1::LinkedEntity& l, const std::string& viewed) {
  std::string out = l.entity().name() + " (" + EntityTypeName(l.entity().type()) + ", weight " +
                    Fixed(static_cast<long double>(l.weight()), 0);
  if (l.relations_size() > 0) {
    // Depth 2: the relations are between the via entity and the neighbour.
    std::string from = l.depth() == 2 && !l.via_entity_id().empty() ? l.via_entity_id()
                       : viewed.empty()                              ? std::string("this entity")
                                                                     : viewed;
    for (const auto& r : l.relations()) out += "; " + FormatStatedRelation(r, from, l.entity().name());
  } else {
    // A server without directed relations: types and roles only.
    for (int i = 0; i < l.relation_types_size(); ++i) {
      out += i == 0 ? ", " : "; ";
      out += RelationName(l.relation_types(i));
    }
    if (l.roles_size() > 0) {
      out += ": ";
      for (int i = 0; i < l.roles_size(); ++i) out += (i ? ", " : "") + l.roles(i);
    }
  }
  if (l.depth() == 2) out += ", via " + l.via_entity_id();
  return out + ")";
}

}  // namespace streamlens::query
