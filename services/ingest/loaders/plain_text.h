// Small text helpers the loaders share: white space collapsed and trimmed
// (ASCII white space, services/common/ascii.h, as newswire text uses it).
#pragma once

#include <string>
#include <string_view>

#include "services/common/ascii.h"

namespace streamlens::loaders {

// Runs of white space become one space; leading and trailing space is dropped.
std::string CollapseSpaces(std::string_view s);
// The same on `s` itself (no second string).
void CollapseSpacesInPlace(std::string* s);

}  // namespace streamlens::loaders
