// Reuters-21578 SGML: splitting a .sgm file into articles and turning each
// into a NewsEvent.
//
// The format's traps, all handled here: control characters written as
// numeric references (&#2; opens a text, &#3; closes it, &#5;, &#22;, ...),
// &lt; / &gt; / &amp; escapes (so a ticker mark `<CH>` arrives as `&lt;CH>`),
// Latin-1 bytes, articles without <BODY> (TEXT TYPE="BRIEF" holds only a
// title, TYPE="UNPROC" unstructured text), and the " Reuter" sign-off at the
// end of every body. Pure: text in, articles out. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

// One <REUTERS> element, unescaped.
struct ReutersArticle {
  int64_t newid = 0;
  int line = 0;             // line of the <REUTERS ...> tag, 1-based
  std::string date;         // <DATE> as written: "26-FEB-1987 15:01:01.79"
  std::vector<std::string> topics, places, people, orgs, exchanges, companies;
  std::string text_type;    // <TEXT TYPE="..."> attribute: "" (normal), "BRIEF", "UNPROC"
  std::string title;        // "" when absent
  std::string dateline;     // whitespace collapsed: "SALVADOR, Feb 26 -"
  std::string body;         // <BODY>, or the raw text of an UNPROC article; sign-off removed
  bool has_body = false;    // a <BODY> element was present
  // TOPICS="BYPASS": the story was never indexed, so its empty <PLACES>,
  // <ORGS>, ... say nothing (the standard Reuters-21578 splits leave these
  // out; 520 of reut2-013's 1000 articles, 516 of reut2-014's).
  bool bypassed = false;
};

// Calls `on_article` for every complete article of `file_text` and
// `on_broken(line, newid, reason)` for every element that cannot be read
// (truncated at end of file, unterminated element, missing NEWID). `newid` is
// 0 when unknown. `on_progress(offset)` reports bytes consumed, if set.
void ParseReutersSgml(std::string_view file_text, const std::function<void(ReutersArticle&&)>& on_article,
                      const std::function<void(int line, int64_t newid, const std::string& reason)>& on_broken,
                      const std::function<void(size_t offset)>& on_progress = nullptr);

// SGML text to UTF-8: entity references decoded, control characters other
// than newline and tab dropped, Latin-1 bytes converted.
std::string UnescapeSgml(std::string_view raw);

// The NewsEvent of an article: id "reuters-<NEWID>", source "reuters21578",
// published_at from <DATE>, ticker marks from title and body, topics and the
// hand annotations (none for a bypassed story). Fails when <DATE> cannot be
// read.
absl::StatusOr<v1::NewsEvent> ToNewsEvent(const ReutersArticle& article);
// The same, moving the article's text into the event instead of copying it.
absl::StatusOr<v1::NewsEvent> ToNewsEvent(ReutersArticle&& article);
// The same into `*out`, an empty event that may live on an arena (the
// loader's: no allocation per field); on an error `*out` is unspecified.
absl::Status ToNewsEvent(ReutersArticle&& article, v1::NewsEvent* out);

inline constexpr std::string_view kReutersSource = "reuters21578";

}  // namespace streamlens::loaders
