#include "services/ingest/loaders/plain_text.h"

namespace streamlens::loaders {

std::string CollapseSpaces(std::string_view s) {
  // Written in place into a buffer of the input's size (never longer), not a
  // push_back per character.
  std::string out(s.size(), '\0');
  size_t n = 0;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && n > 0) out[n++] = ' ';
    space = false;
    out[n++] = c;
  }
  out.resize(n);
  return out;
}

}  // namespace streamlens::loaders
