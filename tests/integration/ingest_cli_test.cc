// `streamlens ingest` end to end: real feeds (the Reuters excerpt, NDJSON with
// bad lines, the project's sample) published straight to the dev cluster and
// through a running ingest service; the records are counted back in Kafka.
#include "tests/integration/dev_cluster_test.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "services/cli/commands.h"
#include "services/common/dev_cluster.h"
#include "services/common/grpc_server.h"
#include "services/common/kafka.h"
#include "services/common/metrics.h"
#include "services/common/topics.h"
#include "services/ingest/ingest_service.h"

namespace streamlens {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures = std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/";

// Captures std::cout and std::cerr while alive.
class Capture {
 public:
  Capture() : out_(std::cout.rdbuf(stdout_.rdbuf())), err_(std::cerr.rdbuf(stderr_.rdbuf())) {}
  ~Capture() {
    std::cout.rdbuf(out_);
    std::cerr.rdbuf(err_);
  }
  std::string out() const { return stdout_.str(); }
  std::string err() const { return stderr_.str(); }

 private:
  std::ostringstream stdout_, stderr_;
  std::streambuf* out_;
  std::streambuf* err_;
};

class IngestCliTest : public DevClusterTest {
 protected:

  // Records on `topic`, all partitions.
  int64_t Count(std::string_view topic) {
    auto ends = producer_->LogEnds(topic, std::chrono::seconds(10));
    EXPECT_TRUE(ends.ok()) << ends.status();
    int64_t n = 0;
    for (const auto& [tp, end] : *ends) n += end;
    return n;
  }
};

TEST_F(IngestCliTest, PublishesFeedsStraightToKafkaAndAccountsForEveryRejection) {
  int rc = 0;
  std::string err;
  {
    Capture capture;
    rc = cli::RunIngest({"--brokers=" + cluster_->bootstrap(), "--progress=false", kFixtures + "reuters-excerpt.sgm",
                         kFixtures + "events.ndjson"});
    err = capture.err();
  }
  EXPECT_EQ(rc, 0) << err;
  // 12 Reuters articles and 1 valid NDJSON article; 11 + 1 earnings reports.
  EXPECT_EQ(Count(topics::kNews), 13);
  EXPECT_EQ(Count(topics::kEarnings), 12);
  EXPECT_THAT(err, HasSubstr("read 26 events (13 news, 13 earnings)"));
  EXPECT_THAT(err, HasSubstr("published 25 events"));
  // Every rejection is listed with its origin.
  EXPECT_THAT(err, HasSubstr("events.ndjson:3: invalid JSON event"));
  EXPECT_THAT(err, HasSubstr("events.ndjson:7: earnings.metrics[0].value: missing"));
  EXPECT_THAT(err, HasSubstr("reuters-excerpt.sgm NEWID=12: earnings: no figure lines found"));
}

TEST_F(IngestCliTest, PublishesThroughARunningIngestService) {
  MetricsRegistry metrics;
  ingest::IngestServiceImpl service(*producer_, metrics);
  auto server = GrpcServer::Start("127.0.0.1:0", {&service});
  ASSERT_TRUE(server.ok());
  int rc = 0;
  std::string err;
  {
    Capture capture;
    // One event per message, as for a service that predates batches.
    rc = cli::RunIngest({"--target=127.0.0.1:" + std::to_string((*server)->port()), "--batch=1", "--progress=false",
                         std::string(STREAMLENS_SOURCE_DIR) + "/data/sample"});
    err = capture.err();
  }
  (*server)->Shutdown();
  EXPECT_EQ(rc, 0) << err;
  EXPECT_THAT(err, HasSubstr("published 9 events"));
  EXPECT_EQ(Count(topics::kNews), 1);
  EXPECT_EQ(Count(topics::kEarnings), 8);
}

TEST_F(IngestCliTest, PublishesThroughTheServiceInBatchesAndReportsEachRejectionByOrigin) {
  MetricsRegistry metrics;
  ingest::IngestServiceImpl service(*producer_, metrics);
  auto server = GrpcServer::Start("127.0.0.1:0", {&service});
  ASSERT_TRUE(server.ok());
  int rc = 0;
  std::string err;
  {
    Capture capture;
    // Batches of 4: the invalid NDJSON event sits inside a batch of the stream.
    rc = cli::RunIngest({"--target=127.0.0.1:" + std::to_string((*server)->port()), "--batch=4", "--progress=false",
                         kFixtures + "reuters-excerpt.sgm", kFixtures + "events.ndjson"});
    err = capture.err();
  }
  (*server)->Shutdown();
  EXPECT_EQ(rc, 0) << err;
  EXPECT_EQ(Count(topics::kNews), 13);
  EXPECT_EQ(Count(topics::kEarnings), 12);
  EXPECT_THAT(err, HasSubstr("read 26 events (13 news, 13 earnings)"));
  EXPECT_THAT(err, HasSubstr("published 25 events"));
  // Refused by the service, reported with its line like the loader's own rejections.
  EXPECT_THAT(err, HasSubstr("events.ndjson:7: earnings.metrics[0].value: missing"));
  EXPECT_THAT(err, HasSubstr("events.ndjson:3: invalid JSON event"));
}

TEST_F(IngestCliTest, DryRunWritesNdjsonAndPublishesNothing) {
  int rc = 0;
  std::string out, err;
  {
    Capture capture;
    rc = cli::RunIngest({"--dry-run", kFixtures + "reuters-excerpt.sgm"});
    out = capture.out();
    err = capture.err();
  }
  EXPECT_EQ(rc, 0) << err;
  std::istringstream lines(out);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    v1::PublishRequest r;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &r).ok()) << line;
    ++n;
  }
  EXPECT_EQ(n, 23u);
  EXPECT_THAT(out, HasSubstr("\"id\":\"reuters-1\""));
  EXPECT_EQ(Count(topics::kNews), 0);
}

TEST_F(IngestCliTest, UsageErrors) {
  Capture capture;
  EXPECT_EQ(cli::RunIngest({kFixtures + "reuters-excerpt.sgm"}), 2);  // no --brokers
  EXPECT_EQ(cli::RunIngest({"--brokers=" + cluster_->bootstrap()}), 2);  // nothing to read
  EXPECT_EQ(cli::RunIngest({"--dry-run", "/nonexistent.sgm"}), 1);
  EXPECT_THAT(capture.err(), HasSubstr("/nonexistent.sgm: no such file or directory"));
}

}  // namespace
}  // namespace streamlens
