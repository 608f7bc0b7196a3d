// Client-side batching for PublishStream: a batch closes at its event count or
// its byte budget, whichever comes first, and keeps the events in order.
#include "services/ingest/batch_builder.h"

#include <gtest/gtest.h>

#include "services/ingest/loaders/ndjson.h"
#include "services/ingest/validate.h"

namespace streamlens::ingest {
namespace {

v1::PublishRequest News(const std::string& title, size_t body_bytes = 10) {
  v1::PublishRequest r;
  r.mutable_news()->set_title(title);
  r.mutable_news()->set_body(std::string(body_bytes, 'x'));
  r.set_request_tag(title);
  return r;
}

TEST(BatchBuilderTest, ClosesAtTheEventCountKeepingOrderAndTags) {
  BatchBuilder builder(3, 1 << 20);
  EXPECT_TRUE(builder.empty());
  EXPECT_FALSE(builder.Add(News("a")));
  EXPECT_FALSE(builder.Add(News("b")));
  EXPECT_TRUE(builder.Add(News("c")));
  v1::PublishRequest batch = builder.Take();
  EXPECT_TRUE(builder.empty());
  ASSERT_TRUE(batch.has_batch());
  ASSERT_EQ(batch.batch().events_size(), 3);
  EXPECT_EQ(batch.batch().events(0).news().title(), "a");
  EXPECT_EQ(batch.batch().events(2).request_tag(), "c");
  // The next batch starts empty.
  EXPECT_FALSE(builder.Add(News("d")));
  EXPECT_EQ(builder.Take().batch().events_size(), 1);
}

TEST(BatchBuilderTest, ClosesAtTheByteBudgetSoARequestStaysUnderTheMessageLimit) {
  BatchBuilder builder(1000, 10'000);
  int added = 0;
  while (!builder.Add(News("n" + std::to_string(added), 3'000))) ++added;
  ++added;
  EXPECT_EQ(added, 4);  // 3 events are under 10,000 bytes, the 4th crosses it
  v1::PublishRequest batch = builder.Take();
  EXPECT_EQ(batch.batch().events_size(), 4);
  EXPECT_LT(batch.ByteSizeLong(), 10'000u + 3'100u);
  // An event larger than the budget goes alone.
  EXPECT_TRUE(builder.Add(News("big", 20'000)));
  EXPECT_EQ(builder.Take().batch().events_size(), 1);
}

TEST(BatchTest, ABatchIsNotAnEventAndHasALimit) {
  google::protobuf::Timestamp now;
  v1::PublishRequest nested;
  nested.mutable_batch()->add_events()->mutable_news()->set_title("t");
  auto prepared = PrepareEvent(nested, now);
  EXPECT_EQ(prepared.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(prepared.status().message(), "batch: a batch cannot hold a batch");
  EXPECT_EQ(RejectionReason(prepared.status()), "batch");

  v1::PublishBatch batch;
  for (int i = 0; i < kMaxBatchEvents; ++i) batch.add_events();
  EXPECT_TRUE(CheckBatch(batch).ok());
  batch.add_events();
  EXPECT_EQ(CheckBatch(batch).message(), "batch.events: 10001 events exceeds 10000");
}

TEST(BatchTest, AFeedLineIsOneEventNotABatch) {
  auto line = loaders::ParseNdjsonLine(R"({"batch": {"events": [{"news": {"title": "t"}}]}})");
  EXPECT_EQ(line.status().message(), "batch: a feed holds one event per line, not batches");
}

}  // namespace
}  // namespace streamlens::ingest
