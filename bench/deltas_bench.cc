// Delta engine and prose figure throughput on one core.
//
//   build/bench/deltas_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Inputs: the Reuters earn reports of ../shared/data/reuters21578 as the feed
// loader reads them (falls back to tests/fixtures/deltas/reuters-earn-excerpt.sgm
// when ../shared is absent), and the Alibaba article fixture. Parsing is done
// once, outside the timed loop: the figures are for the engine alone.
#include <benchmark/benchmark.h>

#include <malloc.h>
#if STREAMLENS_MALLOC_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/ingest/loaders/feed.h"
#include "services/worker/deltas/delta_engine.h"
#include "services/worker/deltas/prose_figures.h"

namespace streamlens::deltas {
namespace {

const std::vector<v1::EarningsEvent>& ReutersReports() {
  static const std::vector<v1::EarningsEvent> reports = [] {
    std::vector<v1::EarningsEvent> out;
    std::string shared = std::string(STREAMLENS_SOURCE_DIR) + "/../shared/data/reuters21578";
    std::string path = std::filesystem::exists(shared)
                           ? shared
                           : std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/deltas/reuters-earn-excerpt.sgm";
    loaders::FeedCallbacks callbacks;
    callbacks.on_event = [&](const v1::PublishRequest& e, const std::string&) {
      if (e.has_earnings()) out.push_back(e.earnings());
    };
    callbacks.on_rejected = [](const std::string&, const std::string&) {};
    (void)loaders::ReadFeeds({path}, callbacks);
    return out;
  }();
  return reports;
}

v1::Position At(int64_t offset) {
  v1::Position p;
  p.set_topic("earnings.v1");
  p.set_offset(offset);
  return p;
}

// Every Reuters report once, into a fresh engine: mostly REPORTED deltas.
void BM_ApplyReutersReports(benchmark::State& state) {
  const auto& reports = ReutersReports();
  size_t deltas = 0;
  for (auto _ : state) {
    DeltaEngine engine;
    for (size_t i = 0; i < reports.size(); ++i) {
      auto out = engine.Apply(reports[i], At(static_cast<int64_t>(i)));
      if (out.ok()) deltas += out->size();
    }
    benchmark::DoNotOptimize(deltas);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * reports.size()));
  state.counters["reports"] = static_cast<double>(reports.size());
  state.counters["deltas_per_report"] =
      static_cast<double>(deltas) / static_cast<double>(state.iterations() * reports.size());
}
BENCHMARK(BM_ApplyReutersReports)->Unit(benchmark::kMillisecond);

// The natural floor next to it: decoding the same reports from their Kafka
// payloads (binary protobuf), which a worker does for every record anyway.
void BM_DecodeReutersReports(benchmark::State& state) {
  std::vector<std::string> payloads;
  for (const auto& r : ReutersReports()) payloads.push_back(r.SerializeAsString());
  for (auto _ : state) {
    for (const auto& p : payloads) {
      v1::EarningsEvent r;
      benchmark::DoNotOptimize(r.ParseFromString(p));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payloads.size()));
}
BENCHMARK(BM_DecodeReutersReports)->Unit(benchmark::kMillisecond);

// The same reports as three consecutive fiscal years per company, without the
// stated priors: every report after the first year compares with history
// (YEAR_OVER_YEAR, and QUARTER_OVER_QUARTER where quarters line up).
// Bytes the program's allocator has handed out and not taken back: jemalloc's
// statistics (the default), else glibc's. With -DSTREAMLENS_ALLOCATOR=mimalloc
// or tcmalloc, glibc's count sees none of their heap and the figure reads 0.
size_t HeapInUse() {
#if STREAMLENS_MALLOC_JEMALLOC
  uint64_t epoch = 1;  // jemalloc's statistics are refreshed by advancing the epoch
  size_t size = sizeof(epoch);
  mallctl("epoch", &epoch, &size, &epoch, size);
  size_t allocated = 0;
  size = sizeof(allocated);
  mallctl("stats.allocated", &allocated, &size, nullptr, 0);
  return allocated;
#else
  return mallinfo2().uordblks;
#endif
}

void BM_ApplyWithHistory(benchmark::State& state) {
  std::vector<v1::EarningsEvent> stream;
  for (int year = 1985; year <= 1987; ++year) {
    for (const auto& r : ReutersReports()) {
      v1::EarningsEvent copy = r;
      copy.set_id(r.id() + "-" + std::to_string(year));
      copy.mutable_period()->set_fiscal_year(year);
      copy.mutable_period()->clear_end_date();
      if (copy.period().kind() == v1::PERIOD_KIND_UNSPECIFIED) copy.mutable_period()->set_kind(v1::PERIOD_KIND_YEAR);
      for (auto& m : *copy.mutable_metrics()) {
        m.clear_prior_value();
        m.clear_reported_change();
        m.mutable_value()->set_units(m.value().units() + (year - 1985) * 1000);
      }
      stream.push_back(std::move(copy));
    }
  }
  size_t deltas = 0;
  size_t history = 0;
  double heap_per_value = 0;
  for (auto _ : state) {
    const size_t heap_before = HeapInUse();
    DeltaEngine engine;
    for (size_t i = 0; i < stream.size(); ++i) {
      auto out = engine.Apply(stream[i], At(static_cast<int64_t>(i)));
      if (out.ok()) deltas += out->size();
    }
    history = engine.HistorySize();
    // Heap the engine holds once the outputs are gone: its history.
    heap_per_value = static_cast<double>(HeapInUse() - heap_before) / static_cast<double>(history);
    benchmark::DoNotOptimize(deltas);
  }
  state.counters["heap_bytes_per_value"] = heap_per_value;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * stream.size()));
  state.counters["reports"] = static_cast<double>(stream.size());
  state.counters["history_values"] = static_cast<double>(history);
  state.counters["deltas_per_report"] =
      static_cast<double>(deltas) / static_cast<double>(state.iterations() * stream.size());
}
BENCHMARK(BM_ApplyWithHistory)->Unit(benchmark::kMillisecond);

// Figures from the Alibaba article's sentences.
void BM_ProseFiguresAlibaba(benchmark::State& state) {
  std::ifstream in(std::string(STREAMLENS_SOURCE_DIR) + "/tests/fixtures/deltas/alibaba-tsai-interview.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  v1::NewsEvent article;
  article.set_id("alibaba-tsai-interview");
  article.set_body(ss.str());
  v1::EntityLink link;
  auto* m = link.add_mentions();
  m->mutable_entity()->set_id("company:baba");
  m->mutable_entity()->set_type(v1::ENTITY_TYPE_COMPANY);
  m->mutable_entity()->set_name("Alibaba Group Holding");
  m->set_salience(0.9);
  size_t figures = 0;
  for (auto _ : state) {
    auto reports = ExtractProseFigures(article, link);
    figures += reports.empty() ? 0 : static_cast<size_t>(reports[0].metrics_size());
    benchmark::DoNotOptimize(reports);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * article.body().size()));
  state.counters["figures"] = static_cast<double>(figures) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ProseFiguresAlibaba)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace streamlens::deltas

BENCHMARK_MAIN();
