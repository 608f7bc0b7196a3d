// The thin end-to-end slice in one process: events published over gRPC go
// through Kafka (the embedded dev cluster over TCP), a worker in a consumer
// group, and back out of the query service over gRPC.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include "services/cli/pipeline.h"
#include "streamlens/v1/ingest.grpc.pb.h"
#include "streamlens/v1/query.grpc.pb.h"
#include "tests/support/amounts.h"

namespace streamlens {
namespace {

using google::protobuf::util::TimeUtil;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cli::PipelineOptions options;
    options.roles = {cli::Role::kIngest, cli::Role::kWorker, cli::Role::kQuery};
    options.ingest_address = "127.0.0.1:0";
    options.query_address = "127.0.0.1:0";
    options.metrics_address = "127.0.0.1:0";
    options.catalog_dir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";
    auto pipeline = cli::Pipeline::Start(options);
    ASSERT_TRUE(pipeline.ok()) << pipeline.status();
    pipeline_ = std::move(*pipeline);
    ingest_ = v1::IngestService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(pipeline_->ingest_port()), grpc::InsecureChannelCredentials()));
    query_ = v1::QueryService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(pipeline_->query_port()), grpc::InsecureChannelCredentials()));
  }

  v1::Position Publish(const v1::PublishRequest& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::PublishResponse response;
    auto status = ingest_->Publish(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.position();
  }

  std::unique_ptr<cli::Pipeline> pipeline_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

using streamlens::test_support::Usd;

TEST_F(PipelineTest, PublishedEventsBecomeDeltasAndLinksInTheView) {
  v1::PublishRequest news;
  auto* article = news.mutable_news();
  article->set_id("it-alibaba-1");
  article->set_source("test");
  *article->mutable_published_at() = TimeUtil::GetCurrentTime();
  article->set_title("Alibaba chair Joe Tsai talks about China");
  article->set_body("Alibaba Group reported results. Chair Joe Tsai said China remains its largest market.");
  v1::Position news_position = Publish(news);
  EXPECT_EQ(news_position.topic(), "news.v1");

  v1::PublishRequest earnings;
  auto* report = earnings.mutable_earnings();
  report->set_id("it-baba-q3");
  report->mutable_entity()->set_id("company:baba");
  report->mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
  report->mutable_entity()->set_name("Alibaba Group Holding");
  report->mutable_period()->set_kind(v1::PERIOD_KIND_QUARTER);
  report->mutable_period()->set_fiscal_year(2024);
  report->mutable_period()->set_fiscal_quarter(3);
  *report->mutable_reported_at() = TimeUtil::GetCurrentTime();
  auto* metric = report->add_metrics();
  metric->set_kind(v1::METRIC_KIND_NET_INCOME);
  metric->set_label("net income");
  *metric->mutable_value() = Usd(1'510'000'000);
  *metric->mutable_prior_value() = Usd(6'570'000'000);
  metric->set_basis(v1::COMPARISON_BASIS_YEAR_OVER_YEAR);
  v1::Position earnings_position = Publish(earnings);
  EXPECT_EQ(earnings_position.topic(), "earnings.v1");

  // Read your writes: the view answers once it has processed both events.
  v1::GetEntityRequest request;
  request.set_entity_id("company:baba");
  *request.mutable_consistency()->add_after() = news_position;
  *request.mutable_consistency()->add_after() = earnings_position;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::EntityView view;
  auto status = query_->GetEntity(&context, request, &view);
  ASSERT_TRUE(status.ok()) << status.error_message();

  ASSERT_GE(view.latest_deltas_size(), 1);
  const auto* delta = &view.latest_deltas(0);
  for (const auto& d : view.latest_deltas()) {
    if (d.metric() == v1::METRIC_KIND_NET_INCOME) delta = &d;
  }
  EXPECT_EQ(delta->metric(), v1::METRIC_KIND_NET_INCOME);
  int64_t pow10 = 1;
  for (int i = 0; i < delta->absolute_change().scale(); ++i) pow10 *= 10;
  EXPECT_EQ(delta->absolute_change().units(), -5'060'000'000 * pow10);  // 1.51 bn vs 6.57 bn
  EXPECT_EQ(delta->source_event_id(), "it-baba-q3");

  EXPECT_GE(view.mentions().total(), 1);
  bool linked_to_tsai = false, linked_to_china = false;
  for (const auto& l : view.links()) {
    linked_to_tsai |= l.entity().id() == "person:joe-tsai";
    linked_to_china |= l.entity().id() == "place:china";
  }
  EXPECT_TRUE(linked_to_tsai);
  EXPECT_TRUE(linked_to_china);
}

TEST_F(PipelineTest, InvalidEventIsRejectedNamingTheField) {
  v1::PublishRequest earnings;
  earnings.mutable_earnings()->mutable_entity()->set_id("company:baba");
  earnings.mutable_earnings()->add_metrics()->set_kind(v1::METRIC_KIND_REVENUE);  // no value
  grpc::ClientContext context;
  v1::PublishResponse response;
  auto status = ingest_->Publish(&context, earnings, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("earnings.metrics[0].value"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace streamlens
