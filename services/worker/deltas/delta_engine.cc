#include "services/worker/deltas/delta_engine.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/ids.h"
#include "services/worker/deltas/decimal.h"

namespace streamlens::deltas {
namespace {

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

std::optional<CivilDate> ParseDate(const std::string& text) {
  CivilDate d;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
}

std::string FormatDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = kDays[month - 1] - (month == 2 && !leap ? 1 : 0);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, std::min(day, last));
  return buf;
}

// Where a period sits on two independent scales. Reports of one entity
// usually use one of them consistently; comparing across scales is never
// attempted.
struct Placement {
  // Ordinal in periods of this kind: year*4+q-1 for quarters, year*2+h-1 for
  // halves, the fiscal year for years and nine months.
  std::optional<int64_t> fiscal;
  // Days since the epoch of `end_date`.
  std::optional<int64_t> end_day;
  // For ordering (eviction of the oldest period): approximately the end day.
  int64_t order = 0;
  // The stated quarter or half (1..4), 0 when not said: two periods with the
  // same end date but different quarters are not the same period.
  int32_t ordinal = 0;

  bool placed() const { return fiscal.has_value() || end_day.has_value(); }
};

bool HasQuarterOverQuarter(v1::PeriodKind kind) {
  return kind == v1::PERIOD_KIND_QUARTER || kind == v1::PERIOD_KIND_HALF;
}

int64_t PeriodsPerYear(v1::PeriodKind kind) {
  switch (kind) {
    case v1::PERIOD_KIND_QUARTER:
      return 4;
    case v1::PERIOD_KIND_HALF:
      return 2;
    default:
      return 1;
  }
}

Placement Place(const v1::FiscalPeriod& p) {
  Placement pl;
  if (p.kind() == v1::PERIOD_KIND_UNSPECIFIED) return pl;
  pl.ordinal = p.fiscal_quarter();
  const int64_t y = p.fiscal_year();
  const int64_t q = p.fiscal_quarter();
  if (y > 0) {
    switch (p.kind()) {
      case v1::PERIOD_KIND_QUARTER:
        if (q >= 1 && q <= 4) pl.fiscal = y * 4 + q - 1;
        break;
      case v1::PERIOD_KIND_HALF:
        if (q >= 1 && q <= 2) pl.fiscal = y * 2 + q - 1;
        break;
      default:
        pl.fiscal = y;
    }
  }
  if (auto d = ParseDate(p.end_date())) pl.end_day = DaysFromCivil(d->year, d->month, d->day);
  if (pl.end_day) {
    pl.order = *pl.end_day;
  } else if (pl.fiscal) {
    // Approximate end of the fiscal period, only to find the oldest one.
    int64_t months_per_period = 12 / PeriodsPerYear(p.kind());
    int64_t month_index = p.kind() == v1::PERIOD_KIND_NINE_MONTHS
                              ? y * 12 + 8
                              : (*pl.fiscal + 1) * months_per_period - 1;
    pl.order = DaysFromCivil(month_index / 12, static_cast<unsigned>(month_index % 12 + 1), 28);
  }
  return pl;
}

bool SamePeriod(const Placement& a, const Placement& b) {
  if (a.fiscal && b.fiscal) return *a.fiscal == *b.fiscal;
  if (a.ordinal && b.ordinal && a.ordinal != b.ordinal) return false;
  if (a.end_day && b.end_day) return std::llabs(*a.end_day - *b.end_day) <= 7;
  return false;
}

// True when `prior` is the period `basis` compares `later` with.
bool IsPriorOf(const Placement& prior, const Placement& later, v1::ComparisonBasis basis, v1::PeriodKind kind) {
  if (prior.fiscal && later.fiscal) {
    int64_t step = basis == v1::COMPARISON_BASIS_YEAR_OVER_YEAR ? PeriodsPerYear(kind) : 1;
    return *later.fiscal - *prior.fiscal == step;
  }
  if (prior.end_day && later.end_day) {
    if (prior.ordinal && later.ordinal) {
      // Stated quarters must agree: the same one a year before, the one before.
      int32_t expected = basis == v1::COMPARISON_BASIS_YEAR_OVER_YEAR
                             ? later.ordinal
                             : (later.ordinal > 1 ? later.ordinal - 1 : static_cast<int32_t>(PeriodsPerYear(kind)));
      if (prior.ordinal != expected) return false;
    }
    int64_t gap = *later.end_day - *prior.end_day;
    if (basis == v1::COMPARISON_BASIS_YEAR_OVER_YEAR) return gap >= 355 && gap <= 375;
    if (kind == v1::PERIOD_KIND_QUARTER) return gap >= 80 && gap <= 100;
    return gap >= 170 && gap <= 195;
  }
  return false;
}

// The period a report's own prior refers to, as far as it can be told.
v1::FiscalPeriod PriorPeriod(const v1::FiscalPeriod& p, v1::ComparisonBasis basis) {
  v1::FiscalPeriod out;
  out.set_kind(p.kind());
  auto end = ParseDate(p.end_date());
  if (basis == v1::COMPARISON_BASIS_YEAR_OVER_YEAR) {
    if (p.fiscal_year() > 0) out.set_fiscal_year(p.fiscal_year() - 1);
    out.set_fiscal_quarter(p.fiscal_quarter());
    if (end) out.set_end_date(FormatDate(end->year - 1, end->month, end->day));
    return out;
  }
  int64_t periods = PeriodsPerYear(p.kind());
  if (p.fiscal_quarter() > 0 && p.fiscal_year() > 0) {
    if (p.fiscal_quarter() > 1) {
      out.set_fiscal_year(p.fiscal_year());
      out.set_fiscal_quarter(p.fiscal_quarter() - 1);
    } else {
      out.set_fiscal_year(p.fiscal_year() - 1);
      out.set_fiscal_quarter(static_cast<int32_t>(periods));
    }
  }
  if (end) {
    int months_back = static_cast<int>(12 / periods);
    int month_index = end->year * 12 + end->month - 1 - months_back;
    out.set_end_date(FormatDate(month_index / 12, month_index % 12 + 1, end->day));
  }
  return out;
}

std::string PeriodKey(const v1::FiscalPeriod& p, const Placement& pl) {
  if (pl.fiscal) return absl::StrCat("fy:", static_cast<int>(p.kind()), ":", *pl.fiscal);
  return absl::StrCat("end:", static_cast<int>(p.kind()), ":", p.fiscal_quarter(), ":", p.end_date());
}

// ---------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------

// A metric of a report after validation, with units resolved.
struct Figure {
  v1::MetricKind kind = v1::METRIC_KIND_UNSPECIFIED;
  std::string label;
  std::string segment;
  v1::Amount value;
  std::optional<v1::Amount> prior;
  std::optional<v1::Amount> change;  // percent, as stated
  v1::ComparisonBasis basis = v1::COMPARISON_BASIS_UNSPECIFIED;  // of the stated prior/change
  bool states_prior = false;  // a prior or change is stated (kept after `prior`/`change` are dropped)
};

absl::Status CheckScale(const v1::Amount& a, const std::string& field) {
  if (a.scale() < 0 || a.scale() > kMaxScale) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".scale: ", a.scale(), " is outside 0..", kMaxScale));
  }
  return absl::OkStatus();
}

absl::StatusOr<Figure> ReadFigure(const v1::Metric& m, const std::string& field) {
  Figure f;
  f.kind = m.kind();
  f.label = m.label();
  f.segment = m.segment();
  if (m.has_value()) {
    f.value = m.value();
  } else if (m.nil()) {
    if (m.has_prior_value()) {
      f.value.set_unit(m.prior_value().unit());
      f.value.set_currency(m.prior_value().currency());
    }
  } else {
    return absl::InvalidArgumentError(absl::StrCat(field, ".value: missing"));
  }
  if (m.nil()) {
    f.value.set_units(0);
  }
  if (auto s = CheckScale(f.value, field + ".value"); !s.ok()) return s;
  if (f.value.unit() == v1::UNIT_UNSPECIFIED && !m.nil()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".value.unit: unspecified"));
  }
  if (m.has_prior_value()) {
    v1::Amount prior = m.prior_value();
    if (auto s = CheckScale(prior, field + ".prior_value"); !s.ok()) return s;
    // A report states the unit and currency once; a prior that leaves them
    // out shares the value's.
    if (prior.unit() == v1::UNIT_UNSPECIFIED) prior.set_unit(f.value.unit());
    if (prior.currency().empty()) prior.set_currency(f.value.currency());
    if (f.value.unit() == v1::UNIT_UNSPECIFIED) f.value.set_unit(prior.unit());
    if (f.value.currency().empty()) f.value.set_currency(prior.currency());
    if (prior.unit() != f.value.unit()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".prior_value.unit: ", v1::Unit_Name(prior.unit()),
                                                     " does not match value unit ", v1::Unit_Name(f.value.unit())));
    }
    if (prior.currency() != f.value.currency()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".prior_value.currency: \"", prior.currency(),
                                                     "\" does not match value currency \"", f.value.currency(), "\""));
    }
    f.prior = prior;
  }
  if (m.has_reported_change()) {
    const v1::Amount& change = m.reported_change();
    if (auto s = CheckScale(change, field + ".reported_change"); !s.ok()) return s;
    if (change.unit() != v1::UNIT_PERCENT) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".reported_change.unit: ", v1::Unit_Name(change.unit()),
                                                     " (must be UNIT_PERCENT)"));
    }
    f.change = change;
  }
  f.basis = m.basis() == v1::COMPARISON_BASIS_UNSPECIFIED ? v1::COMPARISON_BASIS_YEAR_OVER_YEAR : m.basis();
  f.states_prior = f.prior.has_value() || f.change.has_value();
  if (f.basis == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER && (f.prior || f.change)) {
    // Fine: a report may state a sequential change.
  }
  return f;
}

std::string SeriesKey(const Figure& f, v1::PeriodKind kind) {
  std::string segment = absl::AsciiStrToLower(absl::StripAsciiWhitespace(f.segment));
  std::string label = f.kind == v1::METRIC_KIND_OTHER || f.kind == v1::METRIC_KIND_UNSPECIFIED
                          ? absl::AsciiStrToLower(absl::StripAsciiWhitespace(f.label))
                          : "";
  return absl::StrCat(static_cast<int>(f.kind), "|", label, "|", segment, "|", static_cast<int>(kind));
}

bool Comparable(const v1::Amount& a, const v1::Amount& b) {
  return a.unit() == b.unit() && a.currency() == b.currency() && a.unit() != v1::UNIT_UNSPECIFIED;
}

const char* BasisName(v1::ComparisonBasis basis) {
  return basis == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER ? "qoq" : "yoy";
}

int BasisSlot(v1::ComparisonBasis basis) { return basis == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER ? 1 : 0; }


// ---------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------

// The last emitted content of one delta key.
struct Slot {
  int64_t version = 0;
  uint64_t fingerprint = 0;
};

// One period's value of one series, with what is needed to recompute the
// deltas that compare with it or against it.
struct Entry {
  std::string period_key;  // fixed when the period is first seen: part of delta ids
  Placement placement;
  v1::FiscalPeriod period;
  Figure figure;
  std::string source_event_id;
  v1::Position position;
  google::protobuf::Timestamp reported_at;
  std::array<Slot, 2> slots;  // by BasisSlot
};

struct Series {
  std::vector<Entry> entries;  // at most kMaxPeriodsPerSeries
};

struct Entity {
  v1::EntityRef ref;
  int32_t partition = 0;
  std::map<std::string, Series> series;  // by SeriesKey
};


// What a delta is computed from.
struct DeltaInput {
  const v1::EntityRef* entity;
  const std::string* series_key;
  const std::string* period_key;
  const Figure* figure;
  const v1::FiscalPeriod* period;
  const std::string* source_event_id;
  const v1::Position* position;
  const google::protobuf::Timestamp* reported_at;
};

absl::StatusOr<v1::MetricDelta> MakeDelta(const DeltaInput& in, v1::ComparisonBasis basis, v1::PriorSource source,
                                          const std::optional<v1::Amount>& stated_prior,
                                          const std::optional<v1::Amount>& stated_change,
                                          const v1::FiscalPeriod& prior_period) {
  v1::MetricDelta d;
  d.set_id(StableId("delta", {in.entity->id(), *in.series_key, *in.period_key, BasisName(basis)}));
  *d.mutable_entity() = *in.entity;
  d.set_metric(in.figure->kind);
  d.set_label(in.figure->label);
  d.set_segment(in.figure->segment);
  *d.mutable_period() = *in.period;
  *d.mutable_prior_period() = prior_period;
  d.set_basis(basis);
  d.set_prior_source(source);
  *d.mutable_current() = in.figure->value;
  d.set_source_event_id(*in.source_event_id);
  *d.mutable_source_position() = *in.position;
  *d.mutable_reported_at() = *in.reported_at;

  std::optional<v1::Amount> prior = stated_prior;
  std::optional<v1::Amount> percent;
  if (!prior && stated_change) {
    auto stated = PercentAtScale2(*stated_change);
    if (!stated.ok()) return stated.status();
    percent = *stated;
    prior = PriorFromChange(in.figure->value, *stated_change);
  }
  if (!prior) {
    // A change stated on a loss: the percentage as reported, no prior.
    *d.mutable_percent_change() = *percent;
    d.set_percent_status(v1::PERCENT_CHANGE_STATUS_OK);
    return d;
  }
  *d.mutable_prior() = *prior;
  auto absolute = Difference(in.figure->value, *prior);
  if (!absolute.ok()) return absolute.status();
  *d.mutable_absolute_change() = *absolute;
  if (prior->units() == 0) {
    d.set_percent_status(v1::PERCENT_CHANGE_STATUS_PRIOR_ZERO);
  } else if (prior->units() < 0 || in.figure->value.units() < 0) {
    d.set_percent_status(v1::PERCENT_CHANGE_STATUS_SIGN_CHANGE);
  } else {
    if (!percent) {
      auto computed = PercentChange(in.figure->value, *prior);
      if (!computed.ok()) return computed.status();
      percent = *computed;
    }
    *d.mutable_percent_change() = *percent;
    d.set_percent_status(v1::PERCENT_CHANGE_STATUS_OK);
  }
  return d;
}

// What identifies a delta's content: its figures and periods, not where and
// when it was computed from nor how things were spelled ("Six mths" vs "Six
// months", the entity's display name), so a re-sent report or a restatement
// with the same figures is recognised as nothing new.
uint64_t Fingerprint(const v1::MetricDelta& d) {
  // Field by field into one reused buffer: cheaper than copying the record
  // and serializing it, and independent of field order in the schema.
  thread_local std::string buf;
  buf.clear();
  auto num = [](int64_t v) {
    buf.append(reinterpret_cast<const char*>(&v), sizeof v);
  };
  auto str = [&num](const std::string& v) {
    num(static_cast<int64_t>(v.size()));
    buf.append(v);
  };
  auto amount = [&](bool has, const v1::Amount& a) {
    num(has ? 1 : 0);
    num(a.units());
    num(a.scale());
    num(a.unit());
    str(a.currency());
  };
  auto period = [&](const v1::FiscalPeriod& p) {
    num(p.kind());
    num(p.fiscal_year());
    num(p.fiscal_quarter());
    str(p.end_date());
  };
  str(d.entity().id());
  num(d.metric());
  str(d.segment());
  period(d.period());
  period(d.prior_period());
  num(d.basis());
  num(d.prior_source());
  amount(d.has_current(), d.current());
  amount(d.has_prior(), d.prior());
  amount(d.has_absolute_change(), d.absolute_change());
  amount(d.has_percent_change(), d.percent_change());
  num(d.percent_status());
  return StableHash({buf});
}

// Sets version and correction from `slot`; false when the content is what the
// slot last emitted (nothing to send).
bool Stamp(v1::MetricDelta& d, Slot* slot) {
  if (slot == nullptr) {
    d.set_version(1);
    return true;
  }
  uint64_t fp = Fingerprint(d);
  if (slot->version > 0 && slot->fingerprint == fp) return false;
  d.set_correction(slot->version > 0);
  d.set_version(slot->version + 1);
  slot->version += 1;
  slot->fingerprint = fp;
  return true;
}

DeltaInput InputOf(const Entity& entity, const std::string& series_key, const Entry& e) {
  return {&entity.ref, &series_key, &e.period_key, &e.figure, &e.period, &e.source_event_id, &e.position,
          &e.reported_at};
}

bool StatesBasis(const Figure& f, v1::ComparisonBasis basis) { return f.states_prior && f.basis == basis; }

}  // namespace

struct DeltaEngine::State {
  std::map<std::string, Entity> entities;  // by entity id
};

DeltaEngine::DeltaEngine() : state_(std::make_unique<State>()) {}
DeltaEngine::~DeltaEngine() = default;

absl::StatusOr<std::vector<v1::MetricDelta>> DeltaEngine::Apply(const v1::EarningsEvent& report,
                                                                const v1::Position& position) {
  // Validate the whole report before touching the history.
  if (report.entity().id().empty()) return absl::InvalidArgumentError("entity.id: missing");
  if (report.id().empty()) return absl::InvalidArgumentError("id: missing");
  if (report.metrics().empty()) return absl::InvalidArgumentError("metrics: empty (a report needs at least one)");
  const v1::FiscalPeriod& period = report.period();
  if (!period.end_date().empty() && !ParseDate(period.end_date())) {
    return absl::InvalidArgumentError(absl::StrCat("period.end_date: \"", period.end_date(), "\" is not YYYY-MM-DD"));
  }
  if (period.fiscal_quarter() < 0 || period.fiscal_quarter() > 4) {
    return absl::InvalidArgumentError(absl::StrCat("period.fiscal_quarter: ", period.fiscal_quarter(), " is outside 0..4"));
  }
  std::vector<Figure> figures;
  for (int i = 0; i < report.metrics_size(); ++i) {
    auto f = ReadFigure(report.metrics(i), absl::StrCat("metrics[", i, "]"));
    if (!f.ok()) return f.status();
    // The stated comparison must be computable; checked before any history
    // changes, so a rejected report leaves no trace.
    absl::Status arithmetic = absl::OkStatus();
    if (f->prior) {
      auto diff = Difference(f->value, *f->prior);
      if (!diff.ok()) arithmetic = diff.status();
      if (arithmetic.ok() && f->prior->units() > 0 && f->value.units() >= 0) {
        arithmetic = PercentChange(f->value, *f->prior).status();
      }
    } else if (f->change) {
      arithmetic = PercentAtScale2(*f->change).status();
    }
    if (!arithmetic.ok()) return absl::InvalidArgumentError(absl::StrCat("metrics[", i, "]: ", arithmetic.message()));
    figures.push_back(std::move(*f));
  }

  Entity& entity = state_->entities[report.entity().id()];
  entity.ref = report.entity();
  entity.partition = position.partition();

  const Placement placement = Place(period);
  std::vector<v1::MetricDelta> out;
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    const std::string series_key = SeriesKey(f, period.kind());
    Series* series = placement.placed() ? &entity.series[series_key] : nullptr;

    // Find or make this period's entry; an existing one keeps its key (ids).
    std::optional<size_t> at;
    if (series) {
      for (size_t k = 0; k < series->entries.size(); ++k) {
        if (SamePeriod(series->entries[k].placement, placement)) at = k;
      }
    }
    Entry fresh;
    Entry& e = at ? series->entries[*at] : fresh;
    if (!at) {
      e.period_key = placement.placed() ? PeriodKey(period, placement) : absl::StrCat("event:", report.id(), ":", i);
    }
    e.placement = placement;
    e.period = period;
    e.figure = f;
    e.source_event_id = report.id();
    e.position = position;
    e.reported_at = report.reported_at();
    const DeltaInput in = InputOf(entity, series_key, e);

    // This report's own deltas: the stated prior, then history for each
    // basis the report does not state.
    std::vector<std::pair<v1::ComparisonBasis, v1::MetricDelta>> own;
    if (f.prior || f.change) {
      auto d = MakeDelta(in, f.basis, v1::PRIOR_SOURCE_REPORTED, f.prior, f.change, PriorPeriod(period, f.basis));
      if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat("metrics[", i, "]: ", d.status().message()));
      own.emplace_back(f.basis, std::move(*d));
    }
    if (series) {
      for (v1::ComparisonBasis basis : {v1::COMPARISON_BASIS_YEAR_OVER_YEAR, v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER}) {
        if (basis == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER && !HasQuarterOverQuarter(period.kind())) continue;
        if (StatesBasis(f, basis)) continue;
        for (const auto& p : series->entries) {
          if (!IsPriorOf(p.placement, placement, basis, period.kind()) || !Comparable(p.figure.value, f.value)) continue;
          auto d = MakeDelta(in, basis, v1::PRIOR_SOURCE_HISTORY, p.figure.value, std::nullopt, p.period);
          if (!d.ok()) continue;  // not representable (checked for stated priors up front)
          own.emplace_back(basis, std::move(*d));
          break;
        }
      }
    }

    // Enter the period into history, keeping the most recent ones.
    Entry* kept = nullptr;
    if (series) {
      if (!at) {
        series->entries.push_back(std::move(fresh));
        if (series->entries.size() > kMaxPeriodsPerSeries) {
          auto oldest = std::min_element(series->entries.begin(), series->entries.end(),
                                         [](const Entry& a, const Entry& b) {
                                           return a.placement.order < b.placement.order;
                                         });
          series->entries.erase(oldest);
        }
        for (auto& x : series->entries) {
          if (SamePeriod(x.placement, placement)) kept = &x;
        }
      } else {
        kept = &series->entries[*at];
      }
    }

    for (auto& [basis, d] : own) {
      if (Stamp(d, kept ? &kept->slots[BasisSlot(basis)] : nullptr)) out.push_back(std::move(d));
    }
    if (kept) {
      // History needs the value, not what the report compared it with.
      kept->figure.prior.reset();
      kept->figure.change.reset();
    }

    // Later periods that compare with this one: recompute their history
    // deltas (a late report fills their prior; a restatement corrects it).
    if (kept) {
      for (v1::ComparisonBasis basis : {v1::COMPARISON_BASIS_YEAR_OVER_YEAR, v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER}) {
        if (basis == v1::COMPARISON_BASIS_QUARTER_OVER_QUARTER && !HasQuarterOverQuarter(period.kind())) continue;
        for (auto& later : series->entries) {
          if (!IsPriorOf(kept->placement, later.placement, basis, period.kind())) continue;
          if (StatesBasis(later.figure, basis) || !Comparable(kept->figure.value, later.figure.value)) continue;
          auto d = MakeDelta(InputOf(entity, series_key, later), basis, v1::PRIOR_SOURCE_HISTORY, kept->figure.value,
                             std::nullopt, kept->period);
          if (!d.ok()) continue;  // not representable (checked for stated priors up front)
          if (Stamp(*d, &later.slots[BasisSlot(basis)])) out.push_back(std::move(*d));
          break;
        }
      }
    }
  }
  return out;
}

void DeltaEngine::ForgetPartition(int32_t partition) {
  std::erase_if(state_->entities, [partition](const auto& kv) { return kv.second.partition == partition; });
}

size_t DeltaEngine::HistorySize() const {
  size_t n = 0;
  for (const auto& [id, entity] : state_->entities) {
    for (const auto& [key, series] : entity.series) n += series.entries.size();
  }
  return n;
}

}  // namespace streamlens::deltas
