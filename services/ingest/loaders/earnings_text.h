// Earnings figures from the text of a Reuters earnings report.
//
// A report is a title naming the company and usually the period
// ("CHAMPION PRODUCTS <CH> 4TH QTR NET"), then blocks of figure lines, each
// block optionally opened by a period header ("Year", "Nine mths",
// "Qtr ended Feb 28"):
//
//     Shr 34 cts vs 1.19 dlrs
//     Net 807,000 vs 2,858,000
//     Revs 40.2 mln vs 35.1 mln
//     Year
//     Shr loss 3.4 mln vs profit 2.1 mln ...
//
// Every block with at least one figure becomes one EarningsEvent. The rules
// (how values, units, currencies, losses and periods are read) are listed in
// docs/ingest.md; the measured accuracy is in docs/quality.md.
// Pure: strings in, protobuf messages out. Thread-safe (no state).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

#include "services/ingest/loaders/earnings_words.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

struct EarningsArticle {
  std::string article_id;  // "reuters-123"
  std::string source;      // "reuters21578"
  std::string title;       // unescaped, with ticker marks as "<CH>"
  std::string dateline;    // "TORONTO, March 3 -"
  std::string body;        // unescaped, original line breaks kept
  google::protobuf::Timestamp published_at;
  // The source's place codes ("usa", "canada"), when it has them: the
  // currency of bare amounts in a headline without a dateline.
  std::vector<std::string> places;
  // For an article without a dateline (a headline-only flash): the currency
  // of the same company's other reports in the feed
  // (EarningsExtraction::currency), "" when unknown or when they disagree.
  std::string currency_hint;
};

struct EarningsExtraction {
  std::vector<v1::EarningsEvent> events;
  // Figure lines of a known metric that could not be read, as
  // "<line>: <why>", so that the loader can report them.
  std::vector<std::string> unread_lines;
  // Why no event was produced, when `events` is empty.
  std::string no_events_reason;
  // The currency the report's bare amounts were read in (a line's, the
  // dateline's, else USD); "" when no company was found.
  std::string currency;
};

// Reads every figure block of `article`.
EarningsExtraction ExtractEarnings(const EarningsArticle& article);

// The reporting company: the first mark of the title (ticker or name mark),
// else the first ticker mark of the body, else the company name at the start
// of the title. A body ticker named as the parent ("a subsidiary of Fiat Spa
// <FIAT.MI>") gives way to a name mark before it or to the title's company. Ticker marks give "company:<ticker lower case>", names
// "company:<slug>". nullopt when no name can be found.
std::optional<v1::EntityRef> ReportingEntity(std::string_view title, std::string_view body);

// The reporting company of an article without a figure table: a mark in the
// headline, else the company its body opens with ("Canadian Pacific Ltd said
// ...", "<Kiena Gold Mines Ltd> said ..."), else ReportingEntity.
std::optional<v1::EntityRef> ProseEntity(std::string_view title, std::string_view body);

// The company a headline names, as a key to match a headline-only flash
// ("WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS") with the same
// company's full report ("WHITTAKER CORP <WKR> 1ST QTR NET"): the slug of
// the words before the first ticker mark or period/earnings word; "" when
// none.
std::string TitleCompanyKey(std::string_view title);

// How a figure line wrote its values: which sides wrote their sign ("profit
// 3,337,000 vs 4,881,000": the current side only), and its unit.
struct LineForm {
  bool current_stated = false;
  bool prior_stated = false;
  bool cents = false;  // in cents or pence ("Shr 516 cts vs 347")
  bool bare = false;   // no unit nor currency on either side ("Final div 135 vs 125")
};

// Parsing one figure line, exposed for tests. `currency` is the currency of
// bare money values. Returns nullopt when the line is not a figure line; sets
// `why` when it names a known metric but the values cannot be read, and
// `form` (when given) to how the line wrote its values.
std::optional<v1::Metric> ParseFigureLine(std::string_view line, std::string_view currency, std::string* why,
                                          LineForm* form = nullptr);

// The period a header line announces ("Nine mths", "Qtr ended Feb 28",
// "Year"), exposed for tests; nullopt when the line is not a period header.
std::optional<PeriodHeader> ParsePeriodHeader(std::string_view line);

// The same two on the line's Tokens(), for a caller that tries both on each
// line of a report and reads its tokens once.
std::optional<v1::Metric> ParseFigureLine(std::string_view line, const std::vector<std::string>& tokens,
                                          std::string_view currency, std::string* why, LineForm* form = nullptr);
std::optional<PeriodHeader> ParsePeriodHeader(std::string_view line, const std::vector<std::string>& tokens);

// The period named in a headline ("1ST QTR FEB 28 NET" -> quarter 1, ended
// Feb 28); kind UNSPECIFIED when the headline names none.
PeriodHeader PeriodFromTitle(std::string_view title);

}  // namespace streamlens::loaders
