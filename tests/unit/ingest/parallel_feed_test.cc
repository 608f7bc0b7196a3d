// Parsing files on worker threads changes nothing a user sees: the same
// events and rejections, with the same origins, in the same order, on the
// calling thread.
#include <any>
#include <atomic>
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

// With `prepare`, each event's work runs on the thread that parsed it (a
// worker when parse_threads > 1) and its result reaches `on_prepared` on the
// calling thread: the same events, rejections and order as on_event.
struct Prepared {
  std::string serialized;
  std::thread::id parsed_on;
};

Seen ReadPrepared(int threads, std::atomic<int>* prepared_off_caller) {
  Seen seen;
  const auto caller = std::this_thread::get_id();
  FeedCallbacks cb;
  cb.parse_threads = threads;
  cb.prepare = [caller, prepared_off_caller](v1::PublishRequest&& e, const std::string&) -> std::any {
    v1::PublishRequest owned = std::move(e);  // the callee owns the event
    if (std::this_thread::get_id() != caller) ++*prepared_off_caller;
    return Prepared{owned.SerializeAsString(), std::this_thread::get_id()};
  };
  cb.on_prepared = [&](std::any& p, const std::string& origin) {
    seen.other_thread |= std::this_thread::get_id() != caller;
    seen.items.push_back("event " + origin + " " + std::any_cast<Prepared&>(p).serialized);
  };
  cb.on_event = [&](const v1::PublishRequest&, const std::string& origin) {
    seen.items.push_back("on_event must not run with prepare: " + origin);
  };
  cb.on_rejected = [&](const std::string& origin, const std::string& reason) {
    seen.other_thread |= std::this_thread::get_id() != caller;
    seen.items.push_back("rejected " + origin + ": " + reason);
  };
  EXPECT_TRUE(ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest"}, cb).ok());
  return seen;
}

TEST(ParallelFeedTest, PrepareRunsOnTheParsingThreadAndKeepsEventsAndOrder) {
  Seen plain = Read(1);
  std::atomic<int> off_caller = 0;
  Seen one = ReadPrepared(1, &off_caller);
  EXPECT_EQ(one.items, plain.items);
  EXPECT_EQ(off_caller, 0) << "one thread: everything on the calling thread";
  EXPECT_FALSE(one.other_thread);
  for (int threads : {2, 3}) {
    off_caller = 0;
    Seen many = ReadPrepared(threads, &off_caller);
    EXPECT_EQ(many.items, plain.items) << threads << " threads";
    EXPECT_GT(off_caller, 0) << threads << " threads: events prepared on the workers";
    EXPECT_FALSE(many.other_thread);
  }
}

}  // namespace
}  // namespace streamlens::loaders
