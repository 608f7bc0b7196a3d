#include "services/ingest/loaders/civil_date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "services/common/ascii.h"

namespace streamlens::loaders {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

int64_t DaysFromCivil(const CivilDate& date) {
  // Howard Hinnant's days_from_civil.
  int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(date.month + (date.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate DateOf(const google::protobuf::Timestamp& ts) {
  int64_t z = ts.seconds() >= 0 ? ts.seconds() / 86400 : (ts.seconds() - 86399) / 86400;
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

bool IsValidDate(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

std::string FormatDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::optional<int> MonthFromName(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  // No month name is longer than "september": a longer word is none (most
  // words asked are no month, and are answered without a copy).
  if (word.size() < 3 || word.size() > 9) return std::nullopt;
  char buffer[9];
  for (size_t i = 0; i < word.size(); ++i) {
    buffer[i] = AsciiLower(word[i]);
  }
  const std::string_view lower(buffer, word.size());
  static constexpr std::array<std::string_view, 12> kNames = {"january", "february", "march",     "april",
                                                             "may",     "june",     "july",      "august",
                                                             "september", "october", "november", "december"};
  for (size_t i = 0; i < kNames.size(); ++i) {
    // A prefix of at least three letters: "feb", "sept", "february".
    if (lower.size() <= kNames[i].size() && kNames[i][0] == lower[0] && kNames[i].substr(0, lower.size()) == lower) {
      return static_cast<int>(i + 1);
    }
  }
  return std::nullopt;
}

absl::StatusOr<google::protobuf::Timestamp> ParseReutersTimestamp(std::string_view text) {
  // DD-MON-YYYY HH:MM:SS[.cc], surrounding blanks tolerated.
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto bad = [&] {
    return absl::InvalidArgumentError("cannot read date \"" + std::string(text) +
                                      "\" (expected DD-MON-YYYY HH:MM:SS.cc)");
  };
  size_t d1 = text.find('-');
  size_t d2 = d1 == std::string_view::npos ? d1 : text.find('-', d1 + 1);
  size_t sp = d2 == std::string_view::npos ? d2 : text.find(' ', d2 + 1);
  if (sp == std::string_view::npos) return bad();
  CivilDate date;
  auto month = MonthFromName(text.substr(d1 + 1, d2 - d1 - 1));
  if (!ParseInt(text.substr(0, d1), &date.day) || !month || !ParseInt(text.substr(d2 + 1, sp - d2 - 1), &date.year)) {
    return bad();
  }
  date.month = *month;
  if (!IsValidDate(date)) return bad();
  // The clock: HH:MM:SS with optional centiseconds. The corpus has a few
  // clocks with stray characters after them ("00:02:59.13RM", a comment) and
  // one unreadable clock ("605:12:19.12"): trailing junk is ignored, and an
  // unreadable clock counts as midnight, because the day is what matters.
  std::string_view clock = text.substr(sp + 1);
  while (!clock.empty() && clock.front() == ' ') clock.remove_prefix(1);
  int hh = 0, mm = 0, ss = 0, cs = 0;
  if (clock.size() >= 8 && clock[2] == ':' && clock[5] == ':' && ParseInt(clock.substr(0, 2), &hh) &&
      ParseInt(clock.substr(3, 2), &mm) && ParseInt(clock.substr(6, 2), &ss) && hh <= 23 && mm <= 59 && ss <= 60) {
    if (clock.size() >= 11 && clock[8] == '.' && std::isdigit(static_cast<unsigned char>(clock[9])) &&
        std::isdigit(static_cast<unsigned char>(clock[10]))) {
      ParseInt(clock.substr(9, 2), &cs);
    }
  } else {
    hh = mm = ss = cs = 0;
  }
  google::protobuf::Timestamp ts;
  ts.set_seconds(DaysFromCivil(date) * 86400 + hh * 3600 + mm * 60 + ss);
  ts.set_nanos(cs * 10'000'000);
  return ts;
}

CivilDate MostRecentOnOrBefore(int month, int day, const CivilDate& reference) {
  CivilDate candidate{reference.year, month, day};
  if (candidate > reference) candidate.year -= 1;
  // Feb 29 named in a non-leap year: the period ended on the last day of Feb.
  if (!IsValidDate(candidate) && month == 2 && day == 29) candidate.day = 28;
  return candidate;
}

}  // namespace streamlens::loaders
