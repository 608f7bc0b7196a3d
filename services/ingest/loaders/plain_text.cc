#include "services/ingest/loaders/plain_text.h"

namespace streamlens::loaders {

std::string CollapseSpaces(std::string_view s) {
  std::string out(s);
  CollapseSpacesInPlace(&out);
  return out;
}

void CollapseSpacesInPlace(std::string* s) {
  // Written over the string as it is read: the output is never ahead of the
  // input (a run of spaces becomes at most one).
  std::string& text = *s;
  size_t n = 0;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space && n > 0) text[n++] = ' ';
    space = false;
    text[n++] = c;
  }
  text.resize(n);
}

}  // namespace streamlens::loaders
