// The query replica against the embedded Kafka and over a real gRPC channel:
// every QueryService call, Watch with resumption, read-your-writes (satisfied
// and DEADLINE_EXCEEDED), and health NOT_SERVING until the view caught up.
#include "tests/integration/dev_cluster_test.h"
#include <grpcpp/generic/generic_stub.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "services/common/dev_cluster.h"
#include "services/common/grpc_server.h"
#include "services/common/topics.h"
#include "services/query/query_node.h"
#include "streamlens/v1/query.grpc.pb.h"
#include "tests/unit/view/view_records.h"

namespace streamlens::query {
namespace {

using namespace std::chrono_literals;
using namespace view::testing;
using ::testing::HasSubstr;

// grpc.health.v1.Health/Check over a generic stub (no generated health stubs
// ship with grpc++): 1 SERVING, 2 NOT_SERVING, -1 on error.
int HealthStatus(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  grpc::CompletionQueue cq;
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1);
  auto call = stub.PrepareUnaryCall(&context, "/grpc.health.v1.Health/Check", request, &cq);
  call->StartCall();
  grpc::ByteBuffer response;
  grpc::Status status;
  call->Finish(&response, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  if (!cq.Next(&tag, &ok) || !ok || !status.ok()) return -1;
  std::vector<grpc::Slice> slices;
  (void)response.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  // HealthCheckResponse{status = 1}: field 1, varint.
  if (bytes.size() == 2 && bytes[0] == 0x08) return bytes[1];
  return bytes.empty() ? 0 : -1;
}

class QueryServiceTest : public DevClusterTest {
 protected:
  void TearDown() override {
    if (server_) server_->Shutdown();
    server_.reset();
    node_.reset();
  }


  // The derived records the workers would write for the Alibaba article and
  // two earnings reports.
  void ProduceAlibaba() {
    Produce(topics::kEntityLinks, "dc360-alibaba-tsai", AlibabaArticle());
    Produce(topics::kMetricDeltas, "company:baba",
            Delta("ali-net", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000));
    Produce(topics::kMetricDeltas, "company:baba",
            Delta("ali-intl", kAlibaba, v1::METRIC_KIND_REVENUE, 2024, 3, 4'020'000'000, 2'790'000'000, 1,
                  "international commerce"));
    Produce(topics::kMetricDeltas, "company:ch",
            Delta("ch-eps", kChampion, v1::METRIC_KIND_EPS, 1987, 1, 34, 119));
  }

  void StartNode(bool wait_ready = true) {
    QueryNode::Options options;
    options.kafka = settings_;
    options.catalog_dir = std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog";
    auto node = QueryNode::Start(options, metrics_);
    ASSERT_TRUE(node.ok()) << node.status();
    node_ = std::move(*node);
    auto server = GrpcServer::Start("127.0.0.1:0", {node_->service()}, /*serving=*/false);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
    stub_ = v1::QueryService::NewStub(channel_);
    if (wait_ready) {
      ASSERT_TRUE(node_->WaitReady(20s));
      server_->SetServing(true);
    }
  }

  std::unique_ptr<grpc::ClientContext> Context(std::chrono::milliseconds deadline = 5s) {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + deadline);
    return c;
  }

  v1::EntityView GetEntity(const std::string& id, grpc::Status* status = nullptr) {
    v1::GetEntityRequest r;
    r.set_entity_id(id);
    v1::EntityView view;
    auto s = stub_->GetEntity(Context().get(), r, &view);
    if (status) *status = s;
    return view;
  }

  MetricsRegistry metrics_;
  std::unique_ptr<QueryNode> node_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

TEST_F(QueryServiceTest, NotServingUntilTheViewHasCaughtUp) {
  ProduceAlibaba();
  // Every fetch fails until the errors are cleared: the replica knows where
  // the partitions end but cannot read up to there.
  std::vector<rd_kafka_resp_err_t> errors(100000, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  rd_kafka_mock_push_request_errors_array(cluster_->mock(), /*Fetch*/ 1, errors.size(), errors.data());
  StartNode(/*wait_ready=*/false);
  EXPECT_FALSE(node_->WaitReady(300ms));
  EXPECT_EQ(HealthStatus(channel_), 2) << "NOT_SERVING";
  grpc::Status s;
  GetEntity("company:baba", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("rebuilding"));

  rd_kafka_mock_clear_request_errors(cluster_->mock(), /*Fetch*/ 1);
  ASSERT_TRUE(node_->WaitReady(20s));
  server_->SetServing(node_->Ready());
  EXPECT_EQ(HealthStatus(channel_), 1) << "SERVING";
  EXPECT_EQ(GetEntity("company:baba").latest_deltas_size(), 2);
  EXPECT_THAT(node_->Summary(3), HasSubstr("Alibaba Group Holding [company:baba]"));
}

TEST_F(QueryServiceTest, EveryCallAnswersFromTheViewOverGrpc) {
  ProduceAlibaba();
  StartNode();
  ASSERT_EQ(HealthStatus(channel_), 1);

  // GetEntity: catalog profile, deltas, articles and links together.
  grpc::Status s;
  auto alibaba = GetEntity("company:baba", &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(alibaba.profile().name(), "Alibaba Group Holding");
  EXPECT_GT(alibaba.profile().codes_size(), 0) << "profile from data/catalog";
  EXPECT_EQ(alibaba.latest_deltas_size(), 2);
  EXPECT_EQ(alibaba.mentions().total(), 1);
  bool tsai = false;
  for (const auto& l : alibaba.links()) {
    if (l.entity().id() == "person:joe-tsai") {
      tsai = true;
      EXPECT_EQ(l.relation_types(0), v1::RELATION_TYPE_EXECUTIVE_OF);
      EXPECT_EQ(l.roles(0), "chair");
      // The direction arrives: Joe Tsai is executive of Alibaba, not the reverse.
      ASSERT_EQ(l.relations_size(), 1);
      EXPECT_EQ(l.relations(0).type(), v1::RELATION_TYPE_EXECUTIVE_OF);
      EXPECT_EQ(l.relations(0).direction(), v1::RELATION_DIRECTION_INCOMING);
      EXPECT_EQ(l.relations(0).role(), "chair");
      EXPECT_EQ(l.relations(0).article_id(), "dc360-alibaba-tsai");
    }
  }
  EXPECT_TRUE(tsai);
  // A catalog entity without records is still answered from the catalog.
  EXPECT_EQ(GetEntity("place:usa").profile().name(), "United States");

  GetEntity("company:does-not-exist", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("company:does-not-exist"));
  GetEntity("", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("entity_id"));

  // SearchEntities by ticker and by prefix.
  v1::SearchEntitiesRequest search;
  search.set_query("BABA");
  v1::SearchEntitiesResponse found;
  ASSERT_TRUE(stub_->SearchEntities(Context().get(), search, &found).ok());
  ASSERT_GT(found.entities_size(), 0);
  EXPECT_EQ(found.entities(0).id(), "company:baba");
  search.set_query("alibaba gr");
  ASSERT_TRUE(stub_->SearchEntities(Context().get(), search, &found).ok());
  EXPECT_EQ(found.entities(0).id(), "company:baba");

  // GetMetricHistory.
  v1::GetMetricHistoryRequest history;
  history.set_entity_id("company:baba");
  history.set_metric(v1::METRIC_KIND_NET_INCOME);
  v1::GetMetricHistoryResponse deltas;
  ASSERT_TRUE(stub_->GetMetricHistory(Context().get(), history, &deltas).ok());
  ASSERT_EQ(deltas.deltas_size(), 1);
  EXPECT_EQ(deltas.deltas(0).current().units(), 1'510'000'000);
  history.set_page_token("garbage");
  s = stub_->GetMetricHistory(Context().get(), history, &deltas);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));

  // GetLinks, depth 1 filtered by relation.
  v1::GetLinksRequest links;
  links.set_entity_id("company:baba");
  links.add_relation_types(v1::RELATION_TYPE_OWNS);
  v1::GetLinksResponse linked;
  ASSERT_TRUE(stub_->GetLinks(Context().get(), links, &linked).ok());
  ASSERT_EQ(linked.links_size(), 2);
  EXPECT_EQ(linked.links(0).entity().id(), "brand:taobao");
  ASSERT_EQ(linked.links(0).relations_size(), 1);
  EXPECT_EQ(linked.links(0).relations(0).direction(), v1::RELATION_DIRECTION_OUTGOING) << "Alibaba owns Taobao";
  // From Joe Tsai's side the same relation is outgoing.
  v1::GetLinksRequest tsai_links;
  tsai_links.set_entity_id("person:joe-tsai");
  ASSERT_TRUE(stub_->GetLinks(Context().get(), tsai_links, &linked).ok());
  bool to_alibaba = false;
  for (const auto& l : linked.links()) {
    if (l.entity().id() != "company:baba") continue;
    to_alibaba = true;
    ASSERT_EQ(l.relations_size(), 1);
    EXPECT_EQ(l.relations(0).direction(), v1::RELATION_DIRECTION_OUTGOING);
  }
  EXPECT_TRUE(to_alibaba);
  links.set_depth(5);
  EXPECT_EQ(stub_->GetLinks(Context().get(), links, &linked).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // TopMovers for revenue: Alibaba's international commerce, +44%.
  v1::TopMoversRequest movers;
  movers.set_metric(v1::METRIC_KIND_REVENUE);
  v1::TopMoversResponse top;
  ASSERT_TRUE(stub_->TopMovers(Context().get(), movers, &top).ok());
  ASSERT_EQ(top.deltas_size(), 1);
  EXPECT_EQ(top.deltas(0).segment(), "international commerce");
  EXPECT_EQ(top.deltas(0).percent_change().units(), 4408);

  // ListArticles.
  v1::ListArticlesRequest articles;
  articles.set_entity_id("person:joe-tsai");
  v1::ListArticlesResponse listed;
  ASSERT_TRUE(stub_->ListArticles(Context().get(), articles, &listed).ok());
  ASSERT_EQ(listed.articles_size(), 1);
  EXPECT_EQ(listed.articles(0).article_id(), "dc360-alibaba-tsai");
  EXPECT_TRUE(listed.articles(0).novel());

  // The probe counted the calls by method and code.
  std::string scrape = metrics_.Scrape();
  EXPECT_THAT(scrape, HasSubstr("streamlens_query_requests_total{code=\"NOT_FOUND\",method=\"GetEntity\"} 1"));
  EXPECT_THAT(scrape, HasSubstr("streamlens_query_view_articles"));
}

TEST_F(QueryServiceTest, WatchStreamsChangesAndResumesFromASequence) {
  ProduceAlibaba();
  StartNode();
  v1::WatchRequest request;
  request.add_entity_ids("company:baba");
  auto context = Context(20s);
  auto stream = stub_->Watch(context.get(), request);
  stream->WaitForInitialMetadata();  // the stream is established: changes from now on reach it

  Produce(topics::kMetricDeltas, "company:ch", Delta("ch-rev", kChampion, v1::METRIC_KIND_REVENUE, 1987, 1, 40, 35));
  Produce(topics::kMetricDeltas, "company:baba",
          Delta("ali-net-restated", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'520'000'000, 6'560'000'000, 2));
  v1::ViewChange change;
  ASSERT_TRUE(stream->Read(&change));
  EXPECT_EQ(change.kind(), v1::CHANGE_KIND_DELTA);
  EXPECT_EQ(change.delta().id(), "ali-net-restated") << "Champion's change is filtered out";
  EXPECT_TRUE(change.delta().correction());
  context->TryCancel();
  (void)stream->Finish();

  // Resume just before that change: it is delivered again.
  v1::WatchRequest resume;
  resume.set_after_sequence(change.sequence() - 1);
  resume.add_metrics(v1::METRIC_KIND_NET_INCOME);
  auto context2 = Context(20s);
  auto stream2 = stub_->Watch(context2.get(), resume);
  v1::ViewChange again;
  ASSERT_TRUE(stream2->Read(&again));
  EXPECT_EQ(again.sequence(), change.sequence());
  EXPECT_EQ(again.delta().id(), "ali-net-restated");
  context2->TryCancel();
  (void)stream2->Finish();

  v1::WatchRequest bad;
  bad.set_after_sequence(-1);
  auto context3 = Context();
  auto stream3 = stub_->Watch(context3.get(), bad);
  v1::ViewChange none;
  EXPECT_FALSE(stream3->Read(&none));
  auto s = stream3->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("after_sequence"));
}

// Clients that cancel a Watch at once must leave nothing behind: each call
// ends, the open-streams gauge returns to 0, and the replica keeps serving
// watches (a watcher registered after its call ended would be used after
// being freed).
TEST_F(QueryServiceTest, WatchesCancelledAtOnceAreForgotten) {
  ProduceAlibaba();
  StartNode();
  for (int i = 0; i < 100; ++i) {
    v1::WatchRequest request;
    auto context = Context(20s);
    auto stream = stub_->Watch(context.get(), request);
    context->TryCancel();
    (void)stream->Finish();
  }
  // A watch opened now still receives changes.
  v1::WatchRequest request;
  request.add_entity_ids("company:baba");
  auto context = Context(20s);
  auto stream = stub_->Watch(context.get(), request);
  stream->WaitForInitialMetadata();
  Produce(topics::kMetricDeltas, "company:baba",
          Delta("ali-net-later", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'530'000'000, 6'560'000'000, 3));
  v1::ViewChange change;
  ASSERT_TRUE(stream->Read(&change));
  EXPECT_EQ(change.delta().id(), "ali-net-later");
  context->TryCancel();
  (void)stream->Finish();

  auto open_watches = [this] {
    const std::string scrape = metrics_.Scrape();
    const std::string name = "\nstreamlens_query_watchers ";
    const size_t at = scrape.find(name);
    return at == std::string::npos ? -1.0 : std::stod(scrape.substr(at + name.size()));
  };
  // Checked last: a call cancelled at once may reach the server after the
  // client's Finish returned (its handler then starts and ends late), so the
  // gauge can read 0 before such a call and 1 during it; by now every one of
  // them has had its turn.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (open_watches() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);  // poll interval while waiting for the calls to end
  }
  EXPECT_EQ(open_watches(), 0) << metrics_.Scrape();
}

TEST_F(QueryServiceTest, ReadYourWritesWaitsForWorkerProgressOrSaysHowFarBehind) {
  StartNode();
  // An article lands on news.v1; the caller holds its position.
  v1::NewsEvent news;
  news.set_id("reuters-42");
  news.set_title("CHAMPION PRODUCTS <CH> APPROVES STOCK SPLIT");
  v1::Position written = Produce(topics::kNews, news.id(), news);

  // The call is made before the worker has processed it...
  v1::GetEntityRequest request;
  request.set_entity_id("company:ch");
  *request.mutable_consistency()->add_after() = written;
  auto answer = std::async(std::launch::async, [&] {
    v1::EntityView view;
    auto context = Context(10s);
    grpc::Status s = stub_->GetEntity(context.get(), request, &view);
    return std::make_pair(s, view);
  });
  // ...then the worker writes the derived link and its progress.
  auto link = Link("reuters-42", "1987-03-02T10:00:00Z", {Mention(kChampion, 0.9, 2)});
  v1::Position output = Produce(topics::kEntityLinks, "reuters-42", link);
  v1::Progress progress;
  progress.set_worker_id("worker-1");
  auto* source = progress.add_sources();
  source->set_topic(written.topic());
  source->set_partition(written.partition());
  source->set_next_offset(written.offset() + 1);
  auto* out = progress.add_outputs();
  out->set_topic(output.topic());
  out->set_partition(output.partition());
  out->set_next_offset(output.offset() + 1);
  Produce(topics::kProgress, "worker-1", progress);

  auto [status, view] = answer.get();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(view.mentions().total(), 1) << "the answer includes the write it waited for";
  EXPECT_EQ(view.recent_articles(0).article_id(), "reuters-42");
  // The answer says where the view stood: past the article's position.
  bool covered = false;
  for (const auto& p : view.view_positions()) {
    if (p.topic() == written.topic() && p.partition() == written.partition()) covered = p.offset() > written.offset();
  }
  EXPECT_TRUE(covered) << view.DebugString();

  // A later article no worker processes: the call fails in time, saying why.
  v1::Position unprocessed = Produce(topics::kNews, "reuters-43", news);
  request.mutable_consistency()->clear_after();
  *request.mutable_consistency()->add_after() = unprocessed;
  v1::EntityView ignored;
  auto started = std::chrono::steady_clock::now();
  auto s = stub_->GetEntity(Context(800ms).get(), request, &ignored);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_THAT(s.error_message(), HasSubstr("news.v1/" + std::to_string(unprocessed.partition())));
  EXPECT_THAT(s.error_message(), HasSubstr("behind"));

  // A position on a topic the view cannot know about is a bad request.
  request.mutable_consistency()->mutable_after(0)->set_topic("deadletter.v1");
  s = stub_->GetEntity(Context().get(), request, &ignored);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("consistency.after[0].topic"));
}

TEST_F(QueryServiceTest, CatalogUpdatesAtRunTimeAreReadableAtTheirPosition) {
  StartNode();
  v1::CatalogEntity ant;
  ant.set_id("company:ant-group");
  ant.set_type(v1::ENTITY_TYPE_COMPANY);
  ant.set_name("Ant Group");
  ant.add_aliases("Ant Financial");
  v1::Position at = Produce(topics::kCatalog, ant.id(), ant);
  v1::GetEntityRequest request;
  request.set_entity_id("company:ant-group");
  *request.mutable_consistency()->add_after() = at;
  v1::EntityView view;
  auto s = stub_->GetEntity(Context().get(), request, &view);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(view.profile().aliases(0), "Ant Financial");
}

}  // namespace
}  // namespace streamlens::query
