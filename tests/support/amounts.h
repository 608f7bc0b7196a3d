// Builders for exact amounts and metrics in tests: amounts in base units, as
// the loaders produce them (cents are scale-2 dollars per share), in USD.
#pragma once

#include <cstdint>

#include "streamlens/v1/events.pb.h"

namespace streamlens::test_support {

inline v1::Amount Usd(int64_t units, int32_t scale = 0) {
  v1::Amount a;
  a.set_units(units);
  a.set_scale(scale);
  a.set_unit(v1::UNIT_MONEY);
  a.set_currency("USD");
  return a;
}

inline v1::Amount UsdPerShare(int64_t cents) {
  v1::Amount a = Usd(cents, 2);
  a.set_unit(v1::UNIT_MONEY_PER_SHARE);
  return a;
}

inline v1::Amount Percent(int64_t hundredths) {
  v1::Amount a;
  a.set_units(hundredths);
  a.set_scale(2);
  a.set_unit(v1::UNIT_PERCENT);
  return a;
}

// A money metric with the prior the report states, year over year.
inline v1::Metric UsdMetric(v1::MetricKind kind, int64_t value, int64_t prior) {
  v1::Metric m;
  m.set_kind(kind);
  *m.mutable_value() = Usd(value);
  *m.mutable_prior_value() = Usd(prior);
  m.set_basis(v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  return m;
}

}  // namespace streamlens::test_support
