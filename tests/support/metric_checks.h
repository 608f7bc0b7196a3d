// Checks on the metrics a loader read, shared by the loader tests.
#pragma once

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "streamlens/v1/events.pb.h"

namespace streamlens::test_support {

// value == units / 10^scale, in the given unit and currency.
inline void ExpectAmount(const v1::Amount& a, int64_t units, int scale, v1::Unit unit, const std::string& currency) {
  EXPECT_EQ(a.units(), units) << a.ShortDebugString();
  EXPECT_EQ(a.scale(), scale) << a.ShortDebugString();
  EXPECT_EQ(a.unit(), unit);
  EXPECT_EQ(a.currency(), currency);
}

// The first metric of `kind` in `e`; a test failure (and an empty metric)
// when there is none.
inline const v1::Metric* Find(const v1::EarningsEvent& e, v1::MetricKind kind) {
  for (const auto& m : e.metrics()) {
    if (m.kind() == kind) return &m;
  }
  ADD_FAILURE() << "no " << v1::MetricKind_Name(kind) << " in " << e.ShortDebugString();
  static const v1::Metric none;
  return &none;
}

}  // namespace streamlens::test_support
