// Exact decimal arithmetic on v1::Amount for the delta engine: differences,
// percentages and priors derived from a stated change, all on scaled
// integers (never binary floating point), rounded half away from zero.
//
// Conventions (documented for users in docs/quality.md, "Metric deltas"):
//  - Two amounts are compared at their common scale, the larger of the two
//    scales; an absolute change keeps that scale.
//  - A percentage is UNIT_PERCENT with scale 2 (4400 is 44.00%), computed as
//    (current - prior) / |prior| and rounded half away from zero.
//  - Results that do not fit an int64 are an error, never a wrapped value.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::deltas {

// 128-bit intermediate so that products of two int64 amounts cannot overflow
// (__extension__ keeps -Wpedantic quiet about the GCC/Clang builtin type).
__extension__ typedef __int128 Int128;

// Scale of every percentage the engine writes: hundredths of a percent.
inline constexpr int kPercentScale = 2;

// Highest scale an Amount may carry (the proto allows 0 to 9).
inline constexpr int kMaxScale = 9;

// n / d rounded half away from zero; d must not be 0.
Int128 DivRoundHalfAway(Int128 n, Int128 d);

// 10^e for 0 <= e <= 38.
Int128 Pow10(int e);

// `a.units` expressed at `scale` (>= a.scale()).
Int128 UnitsAtScale(const v1::Amount& a, int scale);

// current - prior at the common scale, with current's unit and currency.
absl::StatusOr<v1::Amount> Difference(const v1::Amount& current, const v1::Amount& prior);

// (current - prior) / |prior| as UNIT_PERCENT, scale 2. The caller checks
// that prior is positive (the engine gives no percentage otherwise).
absl::StatusOr<v1::Amount> PercentChange(const v1::Amount& current, const v1::Amount& prior);

// A percentage Amount at scale 2 (a stated change may carry another scale).
absl::StatusOr<v1::Amount> PercentAtScale2(const v1::Amount& percent);

// The prior a stated change implies: current / (1 + change), at current's
// scale, rounded to the significant digits current is stated with (at least
// three), since a stated "44%" is itself rounded. Only defined when current
// is positive and the change is above -100%: for a loss the sign of the
// prior is ambiguous ("a 388% drop to a loss" is said both of a profit
// turned loss and of a deeper loss), so std::nullopt is returned.
std::optional<v1::Amount> PriorFromChange(const v1::Amount& current, const v1::Amount& change);

// Number of significant decimal digits of |units| (trailing zeros dropped);
// 0 for 0.
int SignificantDigits(int64_t units);

}  // namespace streamlens::deltas
