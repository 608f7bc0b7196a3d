// The ingest service for real: the embedded Kafka dev cluster over TCP, the
// gRPC server on a free port, a client channel; every published event is read
// back from Kafka at the position the service answered with.
#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <google/protobuf/util/message_differencer.h>

#include "services/common/dev_cluster.h"
#include "services/common/grpc_server.h"
#include "services/common/kafka.h"
#include "services/common/metrics.h"
#include "services/common/topics.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/loaders/feed.h"
#include "streamlens/v1/ingest.grpc.pb.h"
#include "tests/support/amounts.h"

namespace streamlens {
namespace {

using ::testing::HasSubstr;

class IngestServiceTest : public ::testing::Test {
 protected:
  // One dev cluster and producer for the suite (starting and stopping them
  // is most of the cost); a fresh service, registry and server per test.
  static void SetUpTestSuite() {
    auto cluster = DevCluster::Start(1);
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = cluster->release();
    settings_.brokers = cluster_->bootstrap();
    auto producer = kafka::Producer::Create(settings_);
    ASSERT_TRUE(producer.ok()) << producer.status();
    producer_ = producer->release();
  }
  static void TearDownTestSuite() {
    delete producer_;
    producer_ = nullptr;
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(producer_, nullptr);
    service_ = std::make_unique<ingest::IngestServiceImpl>(*producer_, metrics_);
    auto server = GrpcServer::Start("127.0.0.1:0", {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  static void Deadline(grpc::ClientContext* context) {
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  }

  // The record at `position`, read straight from Kafka.
  kafka::Record ReadBack(const v1::Position& position) {
    kafka::Record found;
    bool seen = false;
    auto status = kafka::ReadRange(
        settings_, {position.topic(), position.partition()}, position.offset(), position.offset() + 1,
        [&](const kafka::Record& r) {
          found = r;
          seen = true;
        },
        std::chrono::seconds(20));
    EXPECT_TRUE(status.ok()) << status;
    EXPECT_TRUE(seen) << position.ShortDebugString();
    return found;
  }

  static inline DevCluster* cluster_ = nullptr;
  static inline kafka::Settings settings_;
  static inline kafka::Producer* producer_ = nullptr;
  MetricsRegistry metrics_;
  std::unique_ptr<ingest::IngestServiceImpl> service_;
  std::unique_ptr<GrpcServer> server_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

v1::PublishRequest AlibabaNews() {
  v1::PublishRequest r;
  auto* n = r.mutable_news();
  n->set_title("Alibaba's Joe Tsai: the U.S. leads China in AI");
  n->set_body(
      "The U.S. has a slight lead over China in the race to develop universal business and personal "
      "applications for artificial intelligence (AI), says Alibaba Group chairman Joe Tsai.");
  n->set_source("digitalcommerce360");
  r.set_request_tag("tag-1");
  return r;
}

using streamlens::test_support::UsdMetric;

v1::PublishRequest Earnings(const std::string& entity, int64_t net) {
  v1::PublishRequest r;
  auto* e = r.mutable_earnings();
  e->mutable_entity()->set_id(entity);
  e->mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
  e->mutable_period()->set_kind(v1::PERIOD_KIND_YEAR);
  e->mutable_period()->set_fiscal_year(1986);
  e->set_source_article_id("reuters-" + std::to_string(net));
  *e->add_metrics() = UsdMetric(v1::METRIC_KIND_NET_INCOME, net, 2'858'000);
  return r;
}

TEST_F(IngestServiceTest, PublishedNewsLandsWhereTheAnswerSays) {
  v1::PublishRequest request = AlibabaNews();
  grpc::ClientContext context;
  Deadline(&context);
  v1::PublishResponse response;
  grpc::Status status = stub_->Publish(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(response.event_id(), testing::StartsWith("news-"));
  EXPECT_EQ(response.request_tag(), "tag-1");
  EXPECT_EQ(response.position().topic(), "news.v1");

  kafka::Record record = ReadBack(response.position());
  EXPECT_EQ(record.key, response.event_id());  // news.v1 is keyed by article id
  v1::NewsEvent stored;
  ASSERT_TRUE(stored.ParseFromString(record.value));
  EXPECT_EQ(stored.id(), response.event_id());
  EXPECT_EQ(stored.title(), request.news().title());
  EXPECT_EQ(stored.body(), request.news().body());
  EXPECT_GT(stored.ingested_at().seconds(), 1'700'000'000);

  // The same article sent again keeps its id.
  grpc::ClientContext again_context;
  Deadline(&again_context);
  v1::PublishResponse again;
  ASSERT_TRUE(stub_->Publish(&again_context, request, &again).ok());
  EXPECT_EQ(again.event_id(), response.event_id());
  EXPECT_EQ(again.position().partition(), response.position().partition());
  EXPECT_EQ(again.position().offset(), response.position().offset() + 1);
}

TEST_F(IngestServiceTest, EarningsAreKeyedByEntity) {
  v1::PublishResponse first, second;
  for (auto [net, out] : {std::pair{807'000, &first}, std::pair{1'200'000, &second}}) {
    grpc::ClientContext context;
    Deadline(&context);
    ASSERT_TRUE(stub_->Publish(&context, Earnings("company:cbco", net), out).ok());
  }
  EXPECT_EQ(first.position().topic(), "earnings.v1");
  // Every report of one entity on one partition, in order.
  EXPECT_EQ(first.position().partition(), second.position().partition());
  EXPECT_LT(first.position().offset(), second.position().offset());
  kafka::Record record = ReadBack(second.position());
  EXPECT_EQ(record.key, "company:cbco");
  v1::EarningsEvent stored;
  ASSERT_TRUE(stored.ParseFromString(record.value));
  EXPECT_EQ(stored.id(), second.event_id());
  EXPECT_EQ(stored.metrics(0).value().units(), 1'200'000);
  EXPECT_EQ(stored.source(), "api");
}

TEST_F(IngestServiceTest, InvalidEventIsRefusedNamingTheField) {
  v1::PublishRequest request = Earnings("company:baba", 1'510'000'000);
  *request.mutable_earnings()->add_metrics() = UsdMetric(v1::METRIC_KIND_REVENUE, 4'020'000'000, 2'790'000'000);
  request.mutable_earnings()->add_metrics()->set_kind(v1::METRIC_KIND_EPS);
  grpc::ClientContext context;
  Deadline(&context);
  v1::PublishResponse response;
  grpc::Status status = stub_->Publish(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "earnings.metrics[2].value: missing");

  grpc::ClientContext news_context;
  Deadline(&news_context);
  v1::PublishRequest empty_news;
  empty_news.mutable_news()->set_source("api");
  status = stub_->Publish(&news_context, empty_news, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "news.title: required unless body is set");

  std::string scrape = metrics_.Scrape();
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_rejected_total{reason=\"earnings.metrics.value\",type=\"earnings\"} 1"));
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_rejected_total{reason=\"news.title\",type=\"news\"} 1"));
}

TEST_F(IngestServiceTest, StreamAnswersEveryRequestInOrderAndSurvivesBadEvents) {
  // The real Reuters excerpt (23 events) with two broken events in between.
  std::vector<v1::PublishRequest> requests;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) { requests.push_back(e); };
  ASSERT_TRUE(
      loaders::ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/reuters-excerpt.sgm"}, cb).ok());
  ASSERT_EQ(requests.size(), 23u);
  v1::PublishRequest no_event;
  requests.insert(requests.begin() + 5, no_event);
  v1::PublishRequest bad = Earnings("company:baba", 1);
  bad.mutable_earnings()->mutable_metrics(0)->clear_value();
  requests.insert(requests.begin() + 17, bad);
  for (size_t i = 0; i < requests.size(); ++i) requests[i].set_request_tag("r" + std::to_string(i));

  grpc::ClientContext context;
  Deadline(&context);
  auto stream = stub_->PublishStream(&context);
  // Write everything before reading anything: the service must pipeline.
  for (const auto& r : requests) ASSERT_TRUE(stream->Write(r));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<v1::PublishResponse> responses;
  v1::PublishResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  ASSERT_EQ(responses.size(), requests.size());
  for (size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].sequence(), static_cast<int64_t>(i));
    EXPECT_EQ(responses[i].request_tag(), "r" + std::to_string(i));
    if (i == 5) {
      EXPECT_EQ(responses[i].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
      EXPECT_EQ(responses[i].error().message(), "event: one of news or earnings is required");
    } else if (i == 17) {
      EXPECT_EQ(responses[i].error().message(), "earnings.metrics[0].value: missing");
    } else {
      EXPECT_FALSE(responses[i].has_error()) << i << ": " << responses[i].error().message();
      EXPECT_EQ(responses[i].position().topic(), requests[i].has_news() ? "news.v1" : "earnings.v1");
    }
  }
  // Read back the first news and the last earnings event and compare.
  kafka::Record news = ReadBack(responses[0].position());
  v1::NewsEvent stored_news;
  ASSERT_TRUE(stored_news.ParseFromString(news.value));
  EXPECT_EQ(stored_news.id(), "reuters-1");
  EXPECT_EQ(stored_news.title(), "BAHIA COCOA REVIEW");
  size_t last = responses.size() - 1;
  ASSERT_TRUE(requests[last].has_earnings());
  kafka::Record earnings = ReadBack(responses[last].position());
  v1::EarningsEvent stored;
  ASSERT_TRUE(stored.ParseFromString(earnings.value));
  stored.clear_ingested_at();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(stored, requests[last].earnings()))
      << stored.ShortDebugString() << "\nvs\n" << requests[last].earnings().ShortDebugString();
  EXPECT_EQ(earnings.key, "company:ciri");

  std::string scrape = metrics_.Scrape();
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_published_total{type=\"news\"} 12"));
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_published_total{type=\"earnings\"} 11"));
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_publish_latency_seconds_count{type=\"news\"} 12"));
}

TEST_F(IngestServiceTest, UpsertEntityPublishesOnTheCatalogTopic) {
  v1::UpsertEntityRequest request;
  auto* e = request.mutable_entity();
  e->set_id("brand:taobao");
  e->set_type(v1::ENTITY_TYPE_BRAND);
  e->set_name("Taobao");
  e->set_parent_id("company:baba");
  grpc::ClientContext context;
  Deadline(&context);
  v1::UpsertEntityResponse response;
  grpc::Status status = stub_->UpsertEntity(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.position().topic(), "catalog.v1");
  kafka::Record record = ReadBack(response.position());
  EXPECT_EQ(record.key, "brand:taobao");
  v1::CatalogEntity stored;
  ASSERT_TRUE(stored.ParseFromString(record.value));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(stored, request.entity()));

  request.mutable_entity()->clear_name();
  grpc::ClientContext bad_context;
  Deadline(&bad_context);
  status = stub_->UpsertEntity(&bad_context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "entity.name: required");
}

}  // namespace
}  // namespace streamlens
