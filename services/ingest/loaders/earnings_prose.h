// Earnings figures stated outside a figure table: in the headline of a Reuters
// earnings report ("WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS", "H.J.
// HEINZ RAISES QUARTERLY TO 28 CTS FROM 25 CTS") and in sentences of its body
// ("net earnings in its first quarter ... of 149.4 mln dlrs, or 1.05 dlrs per
// share, compared to 125.8 mln dlrs").
//
// Precise rather than greedy: only a figure that states its prior is read, in
// a few fixed forms, and anything that looks like a forecast, a condition, a
// restatement or a year-ago figure is left alone (a wrong figure is worse than
// a missing one). ExtractEarnings (earnings_text.h) calls these readers when
// the body has no figure table. The forms are listed in docs/ingest.md.
// Pure, thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/loaders/earnings_words.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

// The figures of a headline, each with its prior: a figure line after the
// company and period ("... 4TH QTR SHR PROFIT 45 CTS VS LOSS NINE CTS",
// "... 1986 pre-tax profit 1.14 billion stg vs 953 mln") or a dividend
// change ("RAISES QTLY DIV TO 95 CTS FROM 87 CTS"). `currency` is the
// currency of bare amounts; empty when unknown, and then only figures that
// name their currency are read. Empty when the headline states no figure.
std::vector<v1::Metric> ReadHeadlineFigures(std::string_view title, std::string_view currency);

// One figure read from a sentence, with the period the sentence names
// (kind UNSPECIFIED when it names none: the headline's period applies).
struct SentenceFigure {
  PeriodHeader period;
  v1::Metric metric;
  // The period of the previous sentence: of the figures read from it, else
  // the first current period it names ("For the fourth quarter, the company
  // reported ..." before "Revenues rose to 2.02 billion from 1.85 billion").
  // The period when this sentence names none.
  PeriodHeader earlier_period;
};

// The figures stated in the sentences of `body` (original line breaks kept),
// in order. Same `currency` rule as ReadHeadlineFigures. `company_name` is
// the reporting company's name: a figure is read only when the words before
// it make the company its subject ("The company reported", "Heinz said").
std::vector<SentenceFigure> ReadSentenceFigures(std::string_view body, std::string_view currency,
                                                std::string_view company_name);

// True when `text` hedges: a forecast, a condition, an estimate or a
// restatement ("SEES", "expects", "will", "restated"...). A hedged headline's
// period is not the period of the figures in the body.
bool IsHedged(std::string_view text);

}  // namespace streamlens::loaders
