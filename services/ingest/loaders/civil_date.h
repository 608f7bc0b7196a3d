// Calendar dates as they appear in feeds ("26-FEB-1987 15:01:01.79",
// "Feb 28", "January 31, 1987"), turned into timestamps and "YYYY-MM-DD"
// strings. Pure functions, no time zones: feed times are taken as UTC because
// the sources do not say otherwise. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include <google/protobuf/timestamp.pb.h>

namespace streamlens::loaders {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

// Days since 1970-01-01 (proleptic Gregorian).
int64_t DaysFromCivil(const CivilDate& date);

// True when `date` exists in the calendar (Feb 29 only in leap years).
bool IsValidDate(const CivilDate& date);

// "1987-02-28".
std::string FormatDate(const CivilDate& date);

// 1..12 for "jan", "Feb", "FEBRUARY", "Sept", "Dec." (case-insensitive, a
// trailing dot allowed); nullopt for anything else.
std::optional<int> MonthFromName(std::string_view word);

// Reuters-21578 <DATE>: "26-FEB-1987 15:01:01.79" (centiseconds optional).
// The date must be valid; junk after the clock is ignored and an unreadable
// clock reads as midnight (a handful of articles have one).
absl::StatusOr<google::protobuf::Timestamp> ParseReutersTimestamp(std::string_view text);

// The calendar date (UTC) of a timestamp.
CivilDate DateOf(const google::protobuf::Timestamp& ts);

// The most recent date on or before `reference` that falls on `month`/`day`:
// how "Qtr ended Feb 28" in an article of March 1987 becomes 1987-02-28, and
// "Year ended Dec 31" in the same article becomes 1986-12-31.
CivilDate MostRecentOnOrBefore(int month, int day, const CivilDate& reference);

}  // namespace streamlens::loaders
