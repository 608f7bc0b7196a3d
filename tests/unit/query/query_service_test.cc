// QueryService over a real gRPC server on port 0, fed directly through
// ViewState (no Kafka): readiness, read-your-writes resumption, and Watch
// refusing to skip changes it no longer holds.
#include "services/query/query_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>

#include "services/common/grpc_server.h"
#include "tests/unit/view/view_records.h"

namespace streamlens::query {
namespace {

using namespace std::chrono_literals;
using namespace view::testing;
using ::testing::HasSubstr;

class QueryServiceUnitTest : public ::testing::Test {
 protected:
  QueryServiceUnitTest() : state_(LogOfFour()), probe_(metrics_), service_(state_, probe_, QueryService::Options{}) {}

  static view::ViewStore::Options LogOfFour() {
    view::ViewStore::Options o;
    o.change_log_capacity = 4;
    return o;
  }

  void SetUp() override {
    auto server = GrpcServer::Start("127.0.0.1:0", {&service_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::QueryService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { server_->Shutdown(); }

  std::unique_ptr<grpc::ClientContext> Context(std::chrono::milliseconds deadline = 5s) {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + deadline);
    return c;
  }

  MetricsRegistry metrics_;
  ViewState state_;
  QueryProbe probe_;
  QueryService service_;
  std::unique_ptr<GrpcServer> server_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

TEST_F(QueryServiceUnitTest, RebuildingReplicaAnswersUnavailable) {
  state_.view().ApplyCatalog(CatalogAlibaba());
  v1::GetEntityRequest r;
  r.set_entity_id("company:baba");
  v1::EntityView view;
  auto s = stub_->GetEntity(Context().get(), r, &view);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  state_.set_ready();
  EXPECT_TRUE(stub_->GetEntity(Context().get(), r, &view).ok());
}

TEST_F(QueryServiceUnitTest, ParkedReadIsAnsweredWhenTheViewAdvances) {
  state_.set_ready();
  v1::GetEntityRequest r;
  r.set_entity_id("company:baba");
  auto* at = r.mutable_consistency()->add_after();
  at->set_topic("catalog.v1");
  at->set_partition(2);
  at->set_offset(0);
  auto answer = std::async(std::launch::async, [&] {
    v1::EntityView view;
    auto s = stub_->GetEntity(Context().get(), r, &view);
    return std::make_pair(s, view);
  });
  EXPECT_EQ(answer.wait_for(200ms), std::future_status::timeout) << "must wait for catalog.v1/2@0";
  state_.view().ApplyCatalog(CatalogAlibaba());
  state_.Applied("catalog.v1", 2, 1);
  service_.OnViewAdvanced();
  auto [s, view] = answer.get();
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(view.profile().name(), "Alibaba Group Holding");
  ASSERT_EQ(view.view_positions_size(), 1);
  EXPECT_EQ(view.view_positions(0).topic(), "catalog.v1");
  EXPECT_EQ(view.view_positions(0).offset(), 1);
}

TEST_F(QueryServiceUnitTest, WatchFromChangesNoLongerKeptIsOutOfRange) {
  state_.set_ready();
  for (int i = 0; i < 10; ++i) {
    state_.view().ApplyDelta(Delta("d" + std::to_string(i), kChampion, v1::METRIC_KIND_EPS, 1980 + i, 1, 34, 119));
  }
  v1::WatchRequest r;
  r.set_after_sequence(2);  // the log of 4 holds 7..10
  auto context = Context();
  auto stream = stub_->Watch(context.get(), r);
  v1::ViewChange change;
  EXPECT_FALSE(stream->Read(&change));
  auto s = stream->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_THAT(s.error_message(), HasSubstr("no longer kept"));

  v1::WatchRequest ok;
  ok.set_after_sequence(6);
  auto context2 = Context();
  auto stream2 = stub_->Watch(context2.get(), ok);
  ASSERT_TRUE(stream2->Read(&change));
  EXPECT_EQ(change.sequence(), 7);
  context2->TryCancel();
  (void)stream2->Finish();
}

}  // namespace
}  // namespace streamlens::query
