#include "services/query/view/read_positions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace streamlens::view {
namespace {

using ::testing::HasSubstr;

v1::Position Pos(const std::string& topic, int32_t partition, int64_t offset) {
  v1::Position p;
  p.set_topic(topic);
  p.set_partition(partition);
  p.set_offset(offset);
  return p;
}

v1::Progress WorkerProgress(int32_t news_partition, int64_t next, std::vector<std::pair<int32_t, int64_t>> link_outputs) {
  v1::Progress p;
  p.set_worker_id("worker-1");
  auto* s = p.add_sources();
  s->set_topic("news.v1");
  s->set_partition(news_partition);
  s->set_next_offset(next);
  for (auto [part, end] : link_outputs) {
    auto* o = p.add_outputs();
    o->set_topic("entity-links.v1");
    o->set_partition(part);
    o->set_next_offset(end);
  }
  return p;
}

TEST(ReadPositions, SourceOffsetIsCoveredOnlyOnceTheProgressOutputsAreApplied) {
  ReadPositions positions;
  std::string behind;
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 3, 9), &behind));
  EXPECT_THAT(behind, HasSubstr("news.v1/3@9"));

  positions.Progress(WorkerProgress(3, 10, {{5, 42}}));
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 3, 9), &behind));
  EXPECT_THAT(behind, HasSubstr("waiting for its outputs"));
  EXPECT_EQ(positions.pending(), 1u);

  positions.Applied("entity-links.v1", 5, 41);
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 3, 9), nullptr));
  positions.Applied("entity-links.v1", 5, 42);
  EXPECT_TRUE(positions.Covers(Pos("news.v1", 3, 9), nullptr));
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 3, 10), nullptr));
  EXPECT_EQ(positions.pending(), 0u);
}

TEST(ReadPositions, EventWithoutOutputsIsCoveredByProgressAlone) {
  ReadPositions positions;
  positions.Progress(WorkerProgress(0, 4, {}));
  EXPECT_TRUE(positions.Covers(Pos("news.v1", 0, 3), nullptr));
}

TEST(ReadPositions, SourceIsCoveredOnlyUpToTheFirstBatchWhoseOutputsAreMissing) {
  ReadPositions positions;
  positions.Progress(WorkerProgress(1, 10, {{0, 5}}));
  positions.Progress(WorkerProgress(1, 20, {{1, 7}}));
  positions.Applied("entity-links.v1", 1, 7);  // only the second batch's outputs so far
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 1, 5), nullptr));
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 1, 15), nullptr)) << "records below it are not all applied";
  // The earlier batch wrote elsewhere; once that is applied too, both are covered.
  positions.Applied("entity-links.v1", 0, 5);
  EXPECT_TRUE(positions.Covers(Pos("news.v1", 1, 19), nullptr));
}

TEST(ReadPositions, AppliedTopicsAreCoveredDirectly) {
  ReadPositions positions;
  positions.Applied("catalog.v1", 2, 8);
  EXPECT_TRUE(positions.Covers(Pos("catalog.v1", 2, 7), nullptr));
  std::string behind;
  EXPECT_FALSE(positions.Covers(Pos("catalog.v1", 2, 9), &behind));
  EXPECT_THAT(behind, HasSubstr("2 records behind"));
  EXPECT_TRUE(ReadPositions::KnownTopic("earnings.v1"));
  EXPECT_FALSE(ReadPositions::KnownTopic("deadletter.v1"));
}

}  // namespace
}  // namespace streamlens::view

namespace streamlens::view {
namespace {

TEST(ReadPositions, OutputsOnTopicsTheViewDoesNotApplyDoNotBlock) {
  ReadPositions positions;
  v1::Progress p;
  auto* s = p.add_sources();
  s->set_topic("news.v1");
  s->set_partition(0);
  s->set_next_offset(1);
  for (const char* topic : {"earnings.v1", "deadletter.v1", "entity-links.v1"}) {
    auto* o = p.add_outputs();
    o->set_topic(topic);
    o->set_partition(0);
    o->set_next_offset(1);
  }
  positions.Progress(p);
  EXPECT_FALSE(positions.Covers(Pos("news.v1", 0, 0), nullptr));
  positions.Applied("entity-links.v1", 0, 1);
  EXPECT_TRUE(positions.Covers(Pos("news.v1", 0, 0), nullptr));
}

}  // namespace
}  // namespace streamlens::view
