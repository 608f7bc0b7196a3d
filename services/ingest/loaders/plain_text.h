// Small text helpers the loaders share: ASCII white space as newswire text
// uses it, independent of the C locale.
#pragma once

#include <string>
#include <string_view>

namespace streamlens::loaders {

inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Runs of white space become one space; leading and trailing space is dropped.
std::string CollapseSpaces(std::string_view s);
// The same on `s` itself (no second string).
void CollapseSpacesInPlace(std::string* s);

}  // namespace streamlens::loaders
