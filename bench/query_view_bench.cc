// In-process cost of the view's answers (no gRPC): GetEntity and TopMovers on
// a view holding the project catalog, the Alibaba article and a few thousand
// synthetic Reuters-shaped deltas and articles. Shows how much of a call's
// time is the view itself; docs/performance.md (## Query) has the figures.
#include <benchmark/benchmark.h>

#include "services/query/view/view_store.h"
#include "services/worker/links/catalog.h"
#include "tests/unit/view/view_records.h"

namespace {

using namespace streamlens;
using namespace streamlens::view::testing;

view::ViewStore& View() {
  static view::ViewStore* store = [] {
    auto* v = new view::ViewStore();
    links::EntityCatalog catalog;
    if (catalog.LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog").ok()) {
      for (const auto* e : catalog.All()) v->ApplyCatalog(*e);
    }
    v->ApplyLink(AlibabaArticle());
    v->ApplyDelta(Delta("ali-net", kAlibaba, v1::METRIC_KIND_NET_INCOME, 2024, 3, 1'510'000'000, 6'560'000'000));
    v->ApplyDelta(Delta("ali-intl", kAlibaba, v1::METRIC_KIND_REVENUE, 2024, 3, 4'020'000'000, 2'790'000'000, 1,
                        "international commerce"));
    // 3,000 companies with a revenue delta each and an article with the USA.
    for (int i = 0; i < 3000; ++i) {
      auto ref = Ref("company:c" + std::to_string(i), v1::ENTITY_TYPE_COMPANY, "Company " + std::to_string(i));
      v->ApplyDelta(Delta("d" + std::to_string(i), ref, v1::METRIC_KIND_REVENUE, 1987, 1, 1000 + i * 7, 1000));
      v->ApplyLink(Link("reuters-" + std::to_string(i), "1987-03-0" + std::to_string(1 + i % 9) + "T10:00:00Z",
                        {Mention(ref, 0.9, 2), Mention(kUsa, 0.3, 1)}));
    }
    return v;
  }();
  return *store;
}

void BM_GetEntityAlibaba(benchmark::State& state) {
  auto& v = View();
  v1::GetEntityRequest r;
  r.set_entity_id("company:baba");
  for (auto _ : state) {
    auto e = v.GetEntity(r);
    benchmark::DoNotOptimize(e->SerializeAsString());
  }
}
BENCHMARK(BM_GetEntityAlibaba);

void BM_GetEntityHub(benchmark::State& state) {  // place:usa: 3,000 articles and neighbours
  auto& v = View();
  v1::GetEntityRequest r;
  r.set_entity_id("place:usa");
  for (auto _ : state) {
    auto e = v.GetEntity(r);
    benchmark::DoNotOptimize(e->SerializeAsString());
  }
}
BENCHMARK(BM_GetEntityHub);

void BM_TopMoversRevenue(benchmark::State& state) {
  auto& v = View();
  v1::TopMoversRequest r;
  r.set_metric(v1::METRIC_KIND_REVENUE);
  for (auto _ : state) {
    auto m = v.TopMovers(r);
    benchmark::DoNotOptimize(m->SerializeAsString());
  }
}
BENCHMARK(BM_TopMoversRevenue);

}  // namespace

BENCHMARK_MAIN();
