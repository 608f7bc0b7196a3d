// The ingest service for real: the embedded Kafka dev cluster over TCP, the
// gRPC server on a free port, a client channel; every published event is read
// back from Kafka at the position the service answered with.
#include <grpcpp/grpcpp.h>
#include <map>
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
#include "services/ingest/validate.h"
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

// The real Reuters excerpt (23 events) as requests, each tagged "e<i>".
std::vector<v1::PublishRequest> ExcerptEvents() {
  std::vector<v1::PublishRequest> events;
  loaders::FeedCallbacks cb;
  cb.on_event = [&](const v1::PublishRequest& e, const std::string&) { events.push_back(e); };
  EXPECT_TRUE(
      loaders::ReadFeeds({std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/ingest/reuters-excerpt.sgm"}, cb).ok());
  for (size_t i = 0; i < events.size(); ++i) events[i].set_request_tag("e" + std::to_string(i));
  return events;
}

TEST_F(IngestServiceTest, BatchesAnswerEachEventAndMixWithSingleEventsOnOneStream) {
  std::vector<v1::PublishRequest> events = ExcerptEvents();
  ASSERT_EQ(events.size(), 23u);
  // Three bad events among the good ones: a missing value, a batch inside the
  // batch, no event at all.
  const size_t bad_value = 3, nested = 7, empty = 11;
  v1::PublishRequest bad = Earnings("company:baba", 1'510'000'000);
  *bad.mutable_earnings()->add_metrics() = UsdMetric(v1::METRIC_KIND_REVENUE, 4'020'000'000, 2'790'000'000);
  bad.mutable_earnings()->add_metrics()->set_kind(v1::METRIC_KIND_EPS);
  events.insert(events.begin() + bad_value, bad);
  v1::PublishRequest inner;
  *inner.mutable_batch()->add_events() = AlibabaNews();
  events.insert(events.begin() + nested, inner);
  events.insert(events.begin() + empty, v1::PublishRequest());
  v1::PublishRequest batch;
  batch.set_request_tag("the-batch");
  for (size_t i = 0; i < events.size(); ++i) {
    events[i].set_request_tag("e" + std::to_string(i));
    *batch.mutable_batch()->add_events() = events[i];
  }

  grpc::ClientContext context;
  Deadline(&context);
  auto stream = stub_->PublishStream(&context);
  // A single event before and after the batch, as clients that predate batches send them.
  ASSERT_TRUE(stream->Write(AlibabaNews()));
  ASSERT_TRUE(stream->Write(batch));
  ASSERT_TRUE(stream->Write(Earnings("company:cbco", 807'000)));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<v1::PublishResponse> responses;
  v1::PublishResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(responses.size(), 3u);

  for (size_t single : {0, 2}) {
    EXPECT_EQ(responses[single].sequence(), static_cast<int64_t>(single));
    EXPECT_FALSE(responses[single].has_error()) << responses[single].error().message();
    EXPECT_TRUE(responses[single].results().empty());
  }
  EXPECT_EQ(responses[0].request_tag(), "tag-1");
  EXPECT_EQ(ReadBack(responses[0].position()).key, responses[0].event_id());
  EXPECT_EQ(responses[2].position().topic(), "earnings.v1");
  EXPECT_EQ(ReadBack(responses[2].position()).key, "company:cbco");

  const v1::PublishResponse& answer = responses[1];
  EXPECT_EQ(answer.sequence(), 1);
  EXPECT_EQ(answer.request_tag(), "the-batch");
  EXPECT_FALSE(answer.has_error());
  EXPECT_FALSE(answer.has_position());
  ASSERT_EQ(answer.results_size(), static_cast<int>(events.size()));
  std::map<kafka::TopicPartition, std::pair<int64_t, int64_t>> ranges;  // offsets to read back
  for (int i = 0; i < answer.results_size(); ++i) {
    const v1::PublishResponse& r = answer.results(i);
    EXPECT_EQ(r.sequence(), i);
    EXPECT_EQ(r.request_tag(), "e" + std::to_string(i));
    if (i == static_cast<int>(bad_value)) {
      EXPECT_EQ(r.error().code(), grpc::StatusCode::INVALID_ARGUMENT);
      EXPECT_EQ(r.error().message(), "events[3].earnings.metrics[2].value: missing");
      EXPECT_FALSE(r.has_position());
    } else if (i == static_cast<int>(nested)) {
      EXPECT_EQ(r.error().message(), "events[7].batch: a batch cannot hold a batch");
    } else if (i == static_cast<int>(empty)) {
      EXPECT_EQ(r.error().message(), "events[11].event: one of news or earnings is required");
    } else {
      ASSERT_FALSE(r.has_error()) << i << ": " << r.error().message();
      EXPECT_EQ(r.position().topic(), events[i].has_news() ? "news.v1" : "earnings.v1");
      auto [it, inserted] = ranges.try_emplace({r.position().topic(), r.position().partition()},
                                               r.position().offset(), r.position().offset());
      it->second.first = std::min(it->second.first, r.position().offset());
      it->second.second = std::max(it->second.second, r.position().offset());
    }
  }

  // Every good event is in Kafka at the offset its result names.
  std::map<std::pair<kafka::TopicPartition, int64_t>, kafka::Record> stored;
  for (const auto& [partition, range] : ranges) {
    auto s = kafka::ReadRange(
        settings_, partition, range.first, range.second + 1,
        [&](const kafka::Record& r) { stored[{partition, r.offset}] = r; }, std::chrono::seconds(20));
    ASSERT_TRUE(s.ok()) << s;
  }
  int checked = 0;
  for (int i = 0; i < answer.results_size(); ++i) {
    const v1::PublishResponse& r = answer.results(i);
    if (r.has_error()) continue;
    auto it = stored.find({{r.position().topic(), r.position().partition()}, r.position().offset()});
    ASSERT_NE(it, stored.end()) << i << ": " << r.position().ShortDebugString();
    if (events[i].has_news()) {
      v1::NewsEvent news;
      ASSERT_TRUE(news.ParseFromString(it->second.value));
      EXPECT_EQ(news.id(), r.event_id());
      EXPECT_EQ(it->second.key, r.event_id());
      EXPECT_EQ(news.title(), events[i].news().title());
    } else {
      v1::EarningsEvent earnings;
      ASSERT_TRUE(earnings.ParseFromString(it->second.value));
      EXPECT_EQ(earnings.id(), r.event_id());
      earnings.clear_ingested_at();
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(earnings, events[i].earnings()))
          << i << ": " << earnings.ShortDebugString();
    }
    ++checked;
  }
  EXPECT_EQ(checked, 23);

  std::string scrape = metrics_.Scrape();
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_rejected_total{reason=\"earnings.metrics.value\",type=\"earnings\"} 1"));
  EXPECT_THAT(scrape, HasSubstr("streamlens_ingest_events_published_total{type=\"news\"} 13"));
}

TEST_F(IngestServiceTest, UnaryPublishTakesABatchAndOversizedBatchesAreRefusedWhole) {
  v1::PublishRequest batch;
  *batch.mutable_batch()->add_events() = Earnings("company:cbco", 1'200'000);
  v1::PublishRequest bad = Earnings("company:cbco", 1);
  bad.mutable_earnings()->mutable_entity()->set_id("CBCO");
  *batch.mutable_batch()->add_events() = bad;
  grpc::ClientContext context;
  Deadline(&context);
  v1::PublishResponse response;
  grpc::Status status = stub_->Publish(&context, batch, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(ReadBack(response.results(0).position()).key, "company:cbco");
  EXPECT_EQ(response.results(1).error().message(),
            "events[1].earnings.entity.id: \"CBCO\" is not of the form <type>:<slug> (e.g. company:baba)");

  v1::PublishRequest huge;
  for (int i = 0; i <= ingest::kMaxBatchEvents; ++i) huge.mutable_batch()->add_events();
  grpc::ClientContext unary_context;
  Deadline(&unary_context);
  status = stub_->Publish(&unary_context, huge, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "batch.events: 10001 events exceeds 10000");

  // On a stream, the refusal is that request's answer; the stream goes on.
  grpc::ClientContext stream_context;
  Deadline(&stream_context);
  auto stream = stub_->PublishStream(&stream_context);
  ASSERT_TRUE(stream->Write(huge));
  ASSERT_TRUE(stream->Write(AlibabaNews()));
  ASSERT_TRUE(stream->WritesDone());
  v1::PublishResponse refused, next;
  ASSERT_TRUE(stream->Read(&refused));
  ASSERT_TRUE(stream->Read(&next));
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(refused.error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error().message(), "batch.events: 10001 events exceeds 10000");
  EXPECT_TRUE(refused.results().empty());
  EXPECT_FALSE(next.has_error()) << next.error().message();
  EXPECT_EQ(next.sequence(), 1);
  EXPECT_THAT(metrics_.Scrape(),
              HasSubstr("streamlens_ingest_events_rejected_total{reason=\"batch.events\",type=\"batch\"} 2"));
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
