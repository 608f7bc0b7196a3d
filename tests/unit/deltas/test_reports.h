// Builders for earnings reports in the delta tests: reports written as the
// Reuters loader and the prose extractor produce them (amounts in base units,
// cents as scale-2 dollars per share, USD).
#pragma once

#include <string>

#include "streamlens/v1/events.pb.h"
#include "tests/support/amounts.h"

namespace streamlens::deltas::testing {

using streamlens::test_support::Percent;
using streamlens::test_support::Usd;
using streamlens::test_support::UsdPerShare;

inline v1::FiscalPeriod Quarter(int year, int quarter, std::string end_date = "") {
  v1::FiscalPeriod p;
  p.set_kind(v1::PERIOD_KIND_QUARTER);
  p.set_fiscal_year(year);
  p.set_fiscal_quarter(quarter);
  p.set_end_date(std::move(end_date));
  p.set_label("Qtr");
  return p;
}

inline v1::FiscalPeriod Year(int year) {
  v1::FiscalPeriod p;
  p.set_kind(v1::PERIOD_KIND_YEAR);
  p.set_fiscal_year(year);
  p.set_label("Year");
  return p;
}

inline v1::EarningsEvent Report(const std::string& id, const std::string& entity, const v1::FiscalPeriod& period) {
  v1::EarningsEvent r;
  r.set_id(id);
  r.mutable_entity()->set_id(entity);
  r.mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
  *r.mutable_period() = period;
  r.set_source("reuters21578");
  return r;
}

inline v1::Metric* AddMetric(v1::EarningsEvent& r, v1::MetricKind kind, const std::string& label,
                             const v1::Amount& value) {
  v1::Metric* m = r.add_metrics();
  m->set_kind(kind);
  m->set_label(label);
  *m->mutable_value() = value;
  return m;
}

inline v1::Metric* AddMetric(v1::EarningsEvent& r, v1::MetricKind kind, const std::string& label,
                             const v1::Amount& value, const v1::Amount& prior) {
  v1::Metric* m = AddMetric(r, kind, label, value);
  *m->mutable_prior_value() = prior;
  m->set_basis(v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  return m;
}

inline v1::Position At(int32_t partition, int64_t offset) {
  v1::Position p;
  p.set_topic("earnings.v1");
  p.set_partition(partition);
  p.set_offset(offset);
  return p;
}

}  // namespace streamlens::deltas::testing
