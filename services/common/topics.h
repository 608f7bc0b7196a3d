// Topic names and their dev-cluster layout: the one place that names them.
//
// Keys: news by article id, earnings/catalog/deltas by entity id, links by
// article id, progress by worker id. Partition counts apply to the embedded
// dev cluster only; on real Kafka the operator creates topics (see
// docs/operations.md), and services read the partition count from metadata.
#pragma once

#include <array>
#include <string_view>

namespace streamlens::topics {

inline constexpr std::string_view kNews = "news.v1";
inline constexpr std::string_view kEarnings = "earnings.v1";
inline constexpr std::string_view kCatalog = "catalog.v1";
inline constexpr std::string_view kMetricDeltas = "metric-deltas.v1";
inline constexpr std::string_view kEntityLinks = "entity-links.v1";
inline constexpr std::string_view kProgress = "progress.v1";
inline constexpr std::string_view kDeadLetter = "deadletter.v1";

struct TopicSpec {
  std::string_view name;
  int partitions;
};

// The dev cluster keeps at most 5 MiB per partition (librdkafka's mock drops
// the oldest beyond that), so text-heavy topics get enough partitions to hold
// the whole Reuters set (~17 MB of text, ~40 MB as events and links).
inline constexpr std::array<TopicSpec, 7> kAll = {{
    {kNews, 16},
    {kEarnings, 8},
    {kCatalog, 4},
    {kMetricDeltas, 8},
    {kEntityLinks, 16},
    {kProgress, 1},
    {kDeadLetter, 2},
}};

}  // namespace streamlens::topics
