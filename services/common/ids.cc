#include "services/common/ids.h"

#include <cstdio>

namespace streamlens {

uint64_t StableHash(std::initializer_list<std::string_view> parts) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (auto part : parts) {
    for (char c : part) mix(static_cast<unsigned char>(c));
    mix(0x1f);
  }
  return h;
}

std::string StableId(std::string_view prefix, std::initializer_list<std::string_view> parts) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(StableHash(parts)));
  return std::string(prefix) + "-" + hex;
}

}  // namespace streamlens
