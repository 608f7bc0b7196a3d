// Sentences and words of article text, as the linker needs them: where
// sentences end (for "first sentence" salience and for relations, which are
// read within one sentence) and the word just before an offset (for titles
// such as "Treasury Secretary Baker"). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace streamlens::links {

// Offsets one past the end of every sentence of `text`, the last one being
// text.size(). A sentence ends at ".", "!" or "?" followed by a space, unless
// the word before the point is an abbreviation ("Inc.", "Mr.", "U.S.", an
// initial), and at every paragraph break (a blank line, or a new line that
// starts indented as Reuters paragraphs do).
std::vector<uint32_t> SentenceEnds(std::string_view text);

// SentenceEnds(text) up to and including the first end after `limit`: the
// sentences that hold every offset below `limit`, without reading further.
std::vector<uint32_t> SentenceEndsThrough(std::string_view text, uint32_t limit);

// The first of SentenceEnds(text), found without reading further.
uint32_t FirstSentenceEnd(std::string_view text);

// The word that ends just before `offset` (skipping spaces and one comma),
// without a trailing point: for "Treasury Secretary Baker" at "Baker",
// "Secretary". Empty when there is none.
std::string_view PreviousWord(std::string_view text, uint32_t offset);

}  // namespace streamlens::links
