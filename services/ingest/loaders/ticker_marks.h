// Ticker marks in news text: Reuters writes "CHAMPION PRODUCTS <CH>" for a
// listed company and "<CO-STEEL INC>" for an unlisted one. This file finds
// both kinds, tells them apart, recovers the company name written before a
// ticker, and makes the slugs used in entity ids ("company:<slug>").
// Pure functions on already unescaped text. Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace streamlens::loaders {

struct Mark {
  // True for a ticker ("CH", "BAEL.L", "SFTPr"); false when the brackets hold
  // a company name instead ("CO-STEEL INC", "Maserati").
  bool is_ticker = false;
  // The ticker as written, a suffix after a space written with a dot ("ERIC
  // ST" is "ERIC.ST"); empty when !is_ticker.
  std::string symbol;
  // The company: the words before a ticker mark, or the name inside a name
  // mark. May be empty when a ticker opens the text.
  std::string company_name;
  // Byte offset of '<' in the text.
  size_t begin = 0;
  // One past '>'.
  size_t end = 0;
};

// Every "<...>" mark in `text`, in order. Marks longer than 40 bytes or
// spanning lines are not marks.
std::vector<Mark> FindMarks(std::string_view text);

// True when the bracketed text reads as a ticker symbol rather than a name.
bool LooksLikeTicker(std::string_view inside);

// Lower-case slug: letters and digits kept, every other run becomes one '-';
// trailing legal-form words (inc, corp, co, ltd, plc, ...) are dropped so that
// "CO-STEEL INC" and "Co-Steel" give the same "co-steel". Empty when nothing
// is left.
std::string CompanySlug(std::string_view name);

}  // namespace streamlens::loaders
