#include "services/common/ids.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace streamlens {
namespace {

TEST(StableIdTest, SameInputsSameIdAcrossCalls) {
  EXPECT_EQ(StableId("delta", {"reuters-5", "eps", "yoy"}), StableId("delta", {"reuters-5", "eps", "yoy"}));
  EXPECT_EQ(StableId("x", {"a"}).size(), 18u);
  EXPECT_EQ(StableId("x", {"a"}).substr(0, 2), "x-");
}

// Ids are stored and compared across processes and versions: the digits are
// the hash, 16 lower-case hex digits with leading zeros.
TEST(StableIdTest, DigitsAreTheHashInFixedWidthHex) {
  for (const char* part : {"a", "reuters-9", "", "link-catalog-7"}) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(StableHash({part, "v2"})));
    EXPECT_EQ(StableId("link", {part, "v2"}), std::string("link-") + hex) << part;
  }
}

TEST(StableIdTest, PartBoundariesMatter) {
  EXPECT_NE(StableId("d", {"ab", "c"}), StableId("d", {"a", "bc"}));
  EXPECT_NE(StableId("d", {"a"}), StableId("d", {"b"}));
}

TEST(StableIdTest, KnownFnvValue) {
  // FNV-1a 64 of "a" then the 0x1f separator, computed by hand:
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : std::string("a\x1f")) {
    h ^= c;
    h *= 1099511628211ull;
  }
  EXPECT_EQ(StableHash({"a"}), h);
}

}  // namespace
}  // namespace streamlens
