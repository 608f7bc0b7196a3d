// Deterministic ids: the same inputs give the same id in every process and
// every run, so a re-processed event yields records the view already has.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace streamlens {

// 64-bit FNV-1a over `parts`, each followed by a 0x1f separator.
uint64_t StableHash(std::initializer_list<std::string_view> parts);

// "<prefix>-<16 hex digits of StableHash(parts)>".
std::string StableId(std::string_view prefix, std::initializer_list<std::string_view> parts);

}  // namespace streamlens
