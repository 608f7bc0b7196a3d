#include "services/worker/deltas/decimal.h"

#include <algorithm>
#include <limits>
#include <string>

namespace streamlens::deltas {
namespace {

bool FitsInt64(Int128 v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

Int128 Abs(Int128 v) { return v < 0 ? -v : v; }

}  // namespace

Int128 DivRoundHalfAway(Int128 n, Int128 d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  Int128 q = n / d;
  Int128 r = n % d;
  if (2 * Abs(r) >= d) q += (n < 0) ? -1 : 1;
  return q;
}

Int128 Pow10(int e) {
  Int128 p = 1;
  for (int i = 0; i < e; ++i) p *= 10;
  return p;
}

Int128 UnitsAtScale(const v1::Amount& a, int scale) {
  return static_cast<Int128>(a.units()) * Pow10(scale - a.scale());
}

absl::StatusOr<v1::Amount> Difference(const v1::Amount& current, const v1::Amount& prior) {
  int scale = std::max(current.scale(), prior.scale());
  Int128 diff = UnitsAtScale(current, scale) - UnitsAtScale(prior, scale);
  if (!FitsInt64(diff)) return absl::OutOfRangeError("absolute change does not fit a 64-bit amount");
  v1::Amount out;
  out.set_units(static_cast<int64_t>(diff));
  out.set_scale(scale);
  out.set_unit(current.unit());
  out.set_currency(current.currency());
  return out;
}

absl::StatusOr<v1::Amount> PercentChange(const v1::Amount& current, const v1::Amount& prior) {
  int scale = std::max(current.scale(), prior.scale());
  Int128 c = UnitsAtScale(current, scale);
  Int128 p = UnitsAtScale(prior, scale);
  if (p == 0) return absl::InvalidArgumentError("percent change against a zero prior");
  // 100 (percent) * 10^2 (scale of the result).
  Int128 pct = DivRoundHalfAway((c - p) * 10000, Abs(p));
  if (!FitsInt64(pct)) return absl::OutOfRangeError("percent change does not fit a 64-bit amount");
  v1::Amount out;
  out.set_units(static_cast<int64_t>(pct));
  out.set_scale(kPercentScale);
  out.set_unit(v1::UNIT_PERCENT);
  return out;
}

absl::StatusOr<v1::Amount> PercentAtScale2(const v1::Amount& percent) {
  Int128 units = percent.scale() <= kPercentScale
                       ? static_cast<Int128>(percent.units()) * Pow10(kPercentScale - percent.scale())
                       : DivRoundHalfAway(percent.units(), Pow10(percent.scale() - kPercentScale));
  if (!FitsInt64(units)) return absl::OutOfRangeError("percentage does not fit a 64-bit amount");
  v1::Amount out;
  out.set_units(static_cast<int64_t>(units));
  out.set_scale(kPercentScale);
  out.set_unit(v1::UNIT_PERCENT);
  return out;
}

int SignificantDigits(int64_t units) {
  Int128 v = Abs(units);
  if (v == 0) return 0;
  while (v % 10 == 0) v /= 10;
  int digits = 0;
  for (; v > 0; v /= 10) ++digits;
  return digits;
}

std::optional<v1::Amount> PriorFromChange(const v1::Amount& current, const v1::Amount& change) {
  if (current.units() <= 0) return std::nullopt;
  // 1 + change/100 = (100 * 10^t + u) / (100 * 10^t) for change = u / 10^t percent.
  Int128 hundred = 100 * Pow10(change.scale());
  Int128 denominator = hundred + change.units();
  if (denominator <= 0) return std::nullopt;
  Int128 prior = DivRoundHalfAway(static_cast<Int128>(current.units()) * hundred, denominator);
  // Keep only the precision the inputs carry.
  int keep = std::max(3, SignificantDigits(current.units()));
  int digits = 0;
  for (Int128 v = prior; v > 0; v /= 10) ++digits;
  if (digits > keep) {
    Int128 unit = Pow10(digits - keep);
    prior = DivRoundHalfAway(prior, unit) * unit;
  }
  if (!FitsInt64(prior) || prior <= 0) return std::nullopt;
  v1::Amount out = current;
  out.set_units(static_cast<int64_t>(prior));
  return out;
}

}  // namespace streamlens::deltas
