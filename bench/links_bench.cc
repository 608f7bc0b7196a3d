// Entity-link throughput over the Reuters-21578 text, side by side with the
// natural limit: Hyperscan's bare scan of the same text with the same
// compiled catalog (a callback that only counts). Figures and how to read
// them: docs/performance.md, "## Entity links".
//
//   build/bench/links_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Reads ../shared/data/reuters21578 (or STREAMLENS_REUTERS_DIR); skips when absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "services/ingest/loaders/feed.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"
#include "services/worker/links/name_matcher.h"

namespace streamlens::links {
namespace {

struct Corpus {
  EntityCatalog catalog;
  std::unique_ptr<Linker> linker;
  std::vector<v1::NewsEvent> articles;
  int64_t bytes = 0;
  std::string error;
};

Corpus& TheCorpus() {
  static Corpus* corpus = [] {
    auto* c = new Corpus();
    const char* env = std::getenv("STREAMLENS_REUTERS_DIR");
    const std::string dir = env != nullptr ? env : std::string(STREAMLENS_SOURCE_DIR) + "/../shared/data/reuters21578";
    if (!std::filesystem::is_directory(dir)) {
      c->error = "no Reuters data at " + dir;
      return c;
    }
    if (auto s = c->catalog.LoadDirectory(std::string(STREAMLENS_SOURCE_DIR) + "/data/catalog"); !s.ok()) {
      c->error = std::string(s.message());
      return c;
    }
    c->linker = std::move(*Linker::Create(c->catalog));
    loaders::FeedCallbacks callbacks;
    callbacks.on_event = [c](const v1::PublishRequest& r, const std::string&) {
      if (!r.has_news()) return;
      c->bytes += static_cast<int64_t>(r.news().title().size() + r.news().dateline().size() + r.news().body().size());
      c->articles.push_back(r.news());
    };
    callbacks.on_rejected = [](const std::string&, const std::string&) {};
    if (auto s = loaders::ReadFeeds({dir}, callbacks); !s.ok()) c->error = std::string(s.message());
    return c;
  }();
  return *corpus;
}

// Hyperscan alone: every field of every article through the same database.
void BM_HyperscanBareScan(benchmark::State& state) {
  Corpus& c = TheCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  const NameMatcher& matcher = c.linker->matcher();
  size_t matches = 0;
  for (auto _ : state) {
    for (const auto& a : c.articles) {
      matches += matcher.CountRawMatches(a.title());
      matches += matcher.CountRawMatches(a.dateline());
      matches += matcher.CountRawMatches(a.body());
    }
  }
  benchmark::DoNotOptimize(matches);
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(c.articles.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["raw_matches/article"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations() * c.articles.size());
}
BENCHMARK(BM_HyperscanBareScan)->Unit(benchmark::kMillisecond);

// The whole linker: scan, boundaries and case, overlaps, resolution,
// datelines, ticker marks, salience, relations, the EntityLink record.
void BM_LinkerLink(benchmark::State& state) {
  Corpus& c = TheCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  size_t mentions = 0;
  v1::EntityLink link;  // reused, as the worker does
  for (auto _ : state) {
    for (const auto& a : c.articles) {
      c.linker->Link(a, &link);
      mentions += static_cast<size_t>(link.mentions_size());
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(c.articles.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["entities/article"] =
      static_cast<double>(mentions) / static_cast<double>(state.iterations() * c.articles.size());
}
BENCHMARK(BM_LinkerLink)->Unit(benchmark::kMillisecond);

// What a catalog update costs a worker: recompiling every name (Linker::Refresh
// after a change does exactly this).
void BM_LinkerBuild(benchmark::State& state) {
  Corpus& c = TheCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  for (auto _ : state) {
    auto linker = Linker::Create(c.catalog);
    benchmark::DoNotOptimize(linker);
  }
  state.counters["entities"] = static_cast<double>(c.catalog.size());
  state.counters["patterns"] = static_cast<double>(c.linker->pattern_count());
  state.counters["database_KiB"] = static_cast<double>(c.linker->matcher().database_bytes()) / 1024.0;
}
BENCHMARK(BM_LinkerBuild)->Unit(benchmark::kMillisecond);

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Both passes in one iteration, alternating, timed on this thread's CPU
// clock: the ratio is then immune to the load of other processes drifting
// between two separately timed benchmarks. `linker_vs_bare` is linker
// throughput / bare-scan throughput (goal >= 0.5).
void BM_LinkerVsBareScan(benchmark::State& state) {
  Corpus& c = TheCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  const NameMatcher& matcher = c.linker->matcher();
  double bare = 0, linking = 0;
  size_t sink = 0;
  v1::EntityLink link;  // reused, as the worker does
  for (auto _ : state) {
    double t0 = ThreadCpuSeconds();
    for (const auto& a : c.articles) {
      sink += matcher.CountRawMatches(a.title()) + matcher.CountRawMatches(a.dateline()) + matcher.CountRawMatches(a.body());
    }
    double t1 = ThreadCpuSeconds();
    for (const auto& a : c.articles) {
      c.linker->Link(a, &link);
      sink += static_cast<size_t>(link.mentions_size());
    }
    double t2 = ThreadCpuSeconds();
    bare += t1 - t0;
    linking += t2 - t1;
  }
  benchmark::DoNotOptimize(sink);
  const double mb = static_cast<double>(c.bytes) * static_cast<double>(state.iterations()) / 1e6;
  state.counters["bare_MB/s"] = mb / bare;
  state.counters["linker_MB/s"] = mb / linking;
  state.counters["linker_vs_bare"] = bare / linking;
}
BENCHMARK(BM_LinkerVsBareScan)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace streamlens::links

BENCHMARK_MAIN();
