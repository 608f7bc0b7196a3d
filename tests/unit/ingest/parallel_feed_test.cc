// Parsing files on worker threads changes nothing a user sees: the same
// events and rejections, with the same origins, in the same order, on the
// calling thread.
#include <thread>

#include <gtest/gtest.h>

#include "services/ingest/loaders/feed.h"

namespace streamlens::loaders {
namespace {

struct Seen {
  std::vector<std::string> items;  // "event <origin> <serialized>" or "rejected <origin>: <reason>"
  size_t last_progress = 0;
  bool other_thread = false;
};

Seen Read(int threads) {
  Seen seen;
  const auto caller = std::this_thread::get_id();
  FeedCallbacks cb;
  cb.parse_threads = threads;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string& origin) {
    seen.other_thread |= std::this_thread::get_id() != caller;
    seen.items.push_back("event " + origin + " " + e.SerializeAsString());
  };
  cb.on_rejected = [&](const std::string& origin, const std::string& reason) {
    seen.other_thread |= std::this_thread::get_id() != caller;
    seen.items.push_back("rejected " + origin + ": " + reason);
  };
  cb.on_progress = [&](size_t done, size_t total) {
    EXPECT_LE(done, total);
    seen.last_progress = done == total ? total : seen.last_progress;
  };
  // Five files of every format, broken ones included.
  EXPECT_TRUE(ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest"}, cb).ok());
  return seen;
}

TEST(ParallelFeedTest, WorkerThreadsGiveTheSameEventsInTheSameOrderOnTheCallingThread) {
  Seen one = Read(1);
  ASSERT_GT(one.items.size(), 30u);
  for (int threads : {2, 3, 8}) {
    Seen many = Read(threads);
    EXPECT_EQ(many.items, one.items) << threads << " threads";
    EXPECT_FALSE(many.other_thread);
    EXPECT_GT(many.last_progress, 0u);
  }
}

}  // namespace
}  // namespace streamlens::loaders
