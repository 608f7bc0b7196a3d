#include "services/common/ids.h"

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
  // Built in one allocation, without printf: ids are made for every record.
  static constexpr char kHex[] = "0123456789abcdef";
  const uint64_t h = StableHash(parts);
  std::string id;
  id.reserve(prefix.size() + 17);
  id.append(prefix);
  id.push_back('-');
  for (int shift = 60; shift >= 0; shift -= 4) id.push_back(kHex[(h >> shift) & 0xf]);
  return id;
}

}  // namespace streamlens
