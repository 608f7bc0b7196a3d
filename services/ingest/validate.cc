#include "services/ingest/validate.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "services/common/topics.h"
#include "services/ingest/loaders/civil_date.h"
#include "services/ingest/loaders/event_ids.h"
#include "services/ingest/loaders/text_article.h"

namespace streamlens::ingest {
namespace {

// Seconds of 0001-01-01 and 9999-12-31T23:59:59, the range a Timestamp may hold.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

// Field names are views of literals (or of a path built for the error): no
// string is made for a field unless it is invalid.
absl::Status Invalid(std::string_view field, std::string_view problem) {
  std::string message;
  message.reserve(field.size() + 2 + problem.size());
  message.append(field).append(": ").append(problem);
  return absl::InvalidArgumentError(message);
}

absl::Status CheckUtf8(std::string_view field, const std::string& text) {
  size_t bad = 0;
  if (!loaders::IsValidUtf8(text, &bad)) return Invalid(field, "invalid UTF-8 at byte " + std::to_string(bad));
  return absl::OkStatus();
}

absl::Status CheckTimestamp(std::string_view field, const google::protobuf::Timestamp& ts) {
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds || ts.nanos() < 0 || ts.nanos() > 999'999'999) {
    return Invalid(field, "out of range");
  }
  return absl::OkStatus();
}

absl::Status CheckId(std::string_view field, const std::string& id) {
  if (id.size() > kMaxIdBytes) return Invalid(field, std::to_string(id.size()) + " bytes exceeds 256");
  for (char c : id) {
    if (std::iscntrl(static_cast<unsigned char>(c)) || c == ' ') return Invalid(field, "contains a space or control character");
  }
  return CheckUtf8(field, id);
}

// "<type>:<slug>": a lower-case type word, a colon, a non-empty rest.
absl::Status CheckEntityId(std::string_view field, const std::string& id) {
  if (id.empty()) return Invalid(field, "required");
  if (auto s = CheckId(field, id); !s.ok()) return s;
  size_t colon = id.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) {
    return Invalid(field, "\"" + id + "\" is not of the form <type>:<slug> (e.g. company:baba)");
  }
  for (size_t i = 0; i < colon; ++i) {
    if (!std::islower(static_cast<unsigned char>(id[i]))) {
      return Invalid(field, "\"" + id + "\" type prefix must be lower-case letters");
    }
  }
  return absl::OkStatus();
}

bool IsMoney(v1::Unit unit) { return unit == v1::UNIT_MONEY || unit == v1::UNIT_MONEY_PER_SHARE; }

// The path of metrics[index] and of its fields ("earnings.metrics[2]" +
// ".value"), built only for an error message: most events have none, and
// building the paths of every metric was a third of validating an event.
struct MetricPath {
  int index;
  std::string operator()(std::string_view leaf = "") const {
    return "earnings.metrics[" + std::to_string(index) + "]" + std::string(leaf);
  }
};

absl::Status CheckAmount(const MetricPath& metric, std::string_view amount, const v1::Amount& a) {
  const auto field = [&] { return metric(amount); };
  if (a.unit() == v1::UNIT_UNSPECIFIED) return Invalid(field() + ".unit", "required");
  if (a.scale() < 0 || a.scale() > 9) return Invalid(field() + ".scale", std::to_string(a.scale()) + " is outside 0..9");
  if (IsMoney(a.unit())) {
    if (a.currency().empty()) return Invalid(field() + ".currency", "required for money amounts");
    bool iso = a.currency().size() == 3;
    for (char c : a.currency()) iso = iso && c >= 'A' && c <= 'Z';
    if (!iso) return Invalid(field() + ".currency", "\"" + a.currency() + "\" is not an ISO 4217 code");
  } else if (!a.currency().empty()) {
    return Invalid(field() + ".currency", "must be empty for " + v1::Unit_Name(a.unit()));
  }
  return absl::OkStatus();
}

absl::Status CheckPeriod(const v1::FiscalPeriod& p) {
  if (p.fiscal_year() != 0 && (p.fiscal_year() < 1900 || p.fiscal_year() > 2200)) {
    return Invalid("earnings.period.fiscal_year", std::to_string(p.fiscal_year()) + " is outside 1900..2200");
  }
  int max_q = p.kind() == v1::PERIOD_KIND_HALF ? 2 : p.kind() == v1::PERIOD_KIND_QUARTER ? 4 : 0;
  if (p.fiscal_quarter() < 0 || p.fiscal_quarter() > max_q) {
    return Invalid("earnings.period.fiscal_quarter", std::to_string(p.fiscal_quarter()) + " is outside 0.." +
                                                         std::to_string(max_q) + " for " +
                                                         v1::PeriodKind_Name(p.kind()));
  }
  if (!p.end_date().empty()) {
    const std::string& d = p.end_date();
    bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-';
    loaders::CivilDate date;
    if (shape) {
      try {
        date = {std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), std::stoi(d.substr(8, 2))};
      } catch (...) {
        shape = false;
      }
    }
    if (!shape || !loaders::IsValidDate(date)) {
      return Invalid("earnings.period.end_date", "\"" + d + "\" is not a YYYY-MM-DD date");
    }
  }
  return CheckUtf8("earnings.period.label", p.label());
}

}  // namespace

absl::Status ValidateNews(const v1::NewsEvent& n) {
  if (auto s = CheckId("news.id", n.id()); !s.ok()) return s;
  if (n.title().empty() && n.body().empty()) return Invalid("news.title", "required unless body is set");
  if (n.body().size() > kMaxBodyBytes) {
    return Invalid("news.body", std::to_string(n.body().size()) + " bytes exceeds 1 MiB");
  }
  if (n.title().size() > kMaxTitleBytes) {
    return Invalid("news.title", std::to_string(n.title().size()) + " bytes exceeds 4 KiB");
  }
  for (const auto& [field, text] : {std::pair<std::string_view, const std::string*>{"news.title", &n.title()},
                                    {"news.body", &n.body()},
                                    {"news.dateline", &n.dateline()},
                                    {"news.source", &n.source()},
                                    {"news.url", &n.url()}}) {
    if (auto s = CheckUtf8(field, *text); !s.ok()) return s;
  }
  if (n.has_published_at()) {
    if (auto s = CheckTimestamp("news.published_at", n.published_at()); !s.ok()) return s;
  }
  for (int i = 0; i < n.tickers_size(); ++i) {
    if (n.tickers(i).symbol().empty()) return Invalid("news.tickers[" + std::to_string(i) + "].symbol", "required");
  }
  return absl::OkStatus();
}

absl::Status ValidateEarnings(const v1::EarningsEvent& e) {
  if (auto s = CheckId("earnings.id", e.id()); !s.ok()) return s;
  if (!e.has_entity() || e.entity().id().empty()) return Invalid("earnings.entity.id", "required");
  if (auto s = CheckEntityId("earnings.entity.id", e.entity().id()); !s.ok()) return s;
  if (auto s = CheckPeriod(e.period()); !s.ok()) return s;
  if (e.metrics_size() == 0) return Invalid("earnings.metrics", "at least one metric is required");
  // (kind, segment) -> index of the metric that gave it; a report has a few.
  std::vector<std::pair<std::pair<int, std::string_view>, int>> seen;
  for (int i = 0; i < e.metrics_size(); ++i) {
    const v1::Metric& m = e.metrics(i);
    const MetricPath f{i};
    if (m.kind() == v1::METRIC_KIND_UNSPECIFIED) return Invalid(f(".kind"), "required");
    if (m.kind() == v1::METRIC_KIND_OTHER && m.label().empty()) {
      return Invalid(f(".label"), "required for METRIC_KIND_OTHER");
    }
    if (!m.has_value()) return Invalid(f(".value"), "missing");
    if (auto s = CheckAmount(f, ".value", m.value()); !s.ok()) return s;
    if (m.nil() && m.value().units() != 0) return Invalid(f(".value"), "must be zero when nil is set");
    if (m.has_prior_value()) {
      if (auto s = CheckAmount(f, ".prior_value", m.prior_value()); !s.ok()) return s;
      if (m.prior_value().unit() != m.value().unit()) {
        return Invalid(f(".prior_value.unit"), v1::Unit_Name(m.prior_value().unit()) + " differs from value's " +
                                                    v1::Unit_Name(m.value().unit()));
      }
      if (m.prior_value().currency() != m.value().currency()) {
        return Invalid(f(".prior_value.currency"),
                       m.prior_value().currency() + " differs from value's " + m.value().currency());
      }
    }
    if (m.has_reported_change()) {
      if (auto s = CheckAmount(f, ".reported_change", m.reported_change()); !s.ok()) return s;
      if (m.reported_change().unit() != v1::UNIT_PERCENT) {
        return Invalid(f(".reported_change.unit"), "must be UNIT_PERCENT");
      }
    }
    if ((m.has_prior_value() || m.has_reported_change()) && m.basis() == v1::COMPARISON_BASIS_UNSPECIFIED &&
        m.kind() != v1::METRIC_KIND_DIVIDEND) {
      return Invalid(f(".basis"), "required when a prior value or change is given");
    }
    if (m.kind() != v1::METRIC_KIND_OTHER) {
      const std::pair<int, std::string_view> key{static_cast<int>(m.kind()), m.segment()};
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
      if (it != seen.end()) {
        return Invalid(f(".kind"), v1::MetricKind_Name(m.kind()) + " already given in metrics[" +
                                       std::to_string(it->second) + "] for the same segment");
      }
      seen.emplace_back(key, i);
    }
    if (size_t bad = 0; !loaders::IsValidUtf8(m.label(), &bad)) {
      return Invalid(f(".label"), "invalid UTF-8 at byte " + std::to_string(bad));  // as CheckUtf8
    }
  }
  if (e.has_reported_at()) {
    if (auto s = CheckTimestamp("earnings.reported_at", e.reported_at()); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ValidateCatalogEntity(const v1::CatalogEntity& c) {
  if (auto s = CheckEntityId("entity.id", c.id()); !s.ok()) return s;
  if (c.deleted()) return absl::OkStatus();
  if (c.type() == v1::ENTITY_TYPE_UNSPECIFIED) return Invalid("entity.type", "required");
  if (c.name().empty()) return Invalid("entity.name", "required");
  if (auto s = CheckUtf8("entity.name", c.name()); !s.ok()) return s;
  for (int i = 0; i < c.aliases_size(); ++i) {
    if (c.aliases(i).empty()) return Invalid("entity.aliases[" + std::to_string(i) + "]", "empty");
    if (auto s = CheckUtf8("entity.aliases[" + std::to_string(i) + "]", c.aliases(i)); !s.ok()) return s;
  }
  for (int i = 0; i < c.codes_size(); ++i) {
    const std::string f = "entity.codes[" + std::to_string(i) + "]";
    if (c.codes(i).scheme().empty()) return Invalid(f + ".scheme", "required");
    if (c.codes(i).value().empty()) return Invalid(f + ".value", "required");
  }
  return absl::OkStatus();
}

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kNews:
      return "news";
    case EventType::kEarnings:
      return "earnings";
    case EventType::kCatalog:
      return "catalog";
  }
  return "unknown";
}

absl::StatusOr<PreparedEvent> PrepareEvent(v1::PublishRequest request, const google::protobuf::Timestamp& now,
                                           v1::PublishRequest* completed) {
  auto out = PrepareEvent(&request, now);
  if (out.ok() && completed) *completed = std::move(request);
  return out;
}

absl::StatusOr<PreparedEvent> PrepareEvent(v1::PublishRequest* request, const google::protobuf::Timestamp& now) {
  PreparedEvent out;
  switch (request->event_case()) {
    case v1::PublishRequest::kNews: {
      v1::NewsEvent* n = request->mutable_news();
      if (n->source().empty()) n->set_source("api");
      if (auto s = ValidateNews(*n); !s.ok()) return s;
      if (n->id().empty()) n->set_id(loaders::DerivedNewsId(*n));
      *n->mutable_ingested_at() = now;
      out.type = EventType::kNews;
      out.topic = topics::kNews;
      out.key = n->id();
      out.event_id = n->id();
      n->SerializeToString(&out.value);
      break;
    }
    case v1::PublishRequest::kEarnings: {
      v1::EarningsEvent* e = request->mutable_earnings();
      if (e->source().empty()) e->set_source("api");
      if (auto s = ValidateEarnings(*e); !s.ok()) return s;
      if (e->entity().type() == v1::ENTITY_TYPE_UNSPECIFIED && e->entity().id().rfind("company:", 0) == 0) {
        e->mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
      }
      if (e->id().empty()) e->set_id(loaders::DerivedEarningsId(*e));
      *e->mutable_ingested_at() = now;
      out.type = EventType::kEarnings;
      out.topic = topics::kEarnings;
      out.key = e->entity().id();
      out.event_id = e->id();
      e->SerializeToString(&out.value);
      break;
    }
    case v1::PublishRequest::kBatch:
      return Invalid("batch", "a batch cannot hold a batch");
    case v1::PublishRequest::EVENT_NOT_SET:
      return Invalid("event", "one of news or earnings is required");
  }
  return out;
}

absl::Status CheckBatch(const v1::PublishBatch& batch) {
  if (batch.events_size() > kMaxBatchEvents) {
    return Invalid("batch.events",
                   std::to_string(batch.events_size()) + " events exceeds " + std::to_string(kMaxBatchEvents));
  }
  return absl::OkStatus();
}

absl::StatusOr<PreparedEvent> PrepareEntity(const v1::CatalogEntity& entity) {
  if (auto s = ValidateCatalogEntity(entity); !s.ok()) return s;
  PreparedEvent out;
  out.type = EventType::kCatalog;
  out.topic = topics::kCatalog;
  out.key = entity.id();
  out.event_id = entity.id();
  entity.SerializeToString(&out.value);
  return out;
}

std::string RejectionReason(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return std::string(absl::StatusCodeToString(status.code()));
  std::string_view msg(status.message().data(), status.message().size());
  size_t colon = msg.find(": ");
  if (colon == std::string_view::npos) return "event";
  std::string field;
  int depth = 0;
  for (char c : msg.substr(0, colon)) {
    if (c == '[') ++depth;
    else if (c == ']') --depth;
    else if (depth == 0) field.push_back(c);
  }
  return field.empty() ? "event" : field;
}

}  // namespace streamlens::ingest
