// `streamlens deltas FILE|DIR...`: the delta logic offline. Reads feeds in any
// format the loaders take, applies every earnings report in feed order to one
// DeltaEngine (as a worker applies one partition), and writes the deltas as
// NDJSON on standard output; a summary and every rejected record go to
// standard error. With --prose (the default) news articles are linked
// against the catalog and the figures their sentences state are applied too,
// as the worker does. No Kafka: the source positions written are the report's
// index in the input ("earnings.v1", partition 0, offset N).
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

#include "services/cli/commands.h"
#include "services/common/config.h"
#include "services/common/json.h"
#include "services/ingest/loaders/feed.h"
#include "services/worker/deltas/delta_engine.h"
#include "services/worker/deltas/prose_figures.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/linker.h"

namespace streamlens::cli {
namespace {

struct DeltasSummary {
  size_t news = 0;
  size_t earnings = 0;
  size_t prose_reports = 0;
  size_t loader_rejections = 0;
  size_t engine_rejections = 0;
  size_t deltas = 0;
  size_t corrections = 0;
  std::map<std::string, size_t> by_source;  // REPORTED / HISTORY
  std::map<std::string, size_t> by_status;  // percent status
};

}  // namespace

int RunDeltas(const Args& args) {
  std::vector<Option> flags = {
      {"prose", "true", "also read figures stated in article sentences (links articles against the catalog)",
       OptionType::kBool},
      {"catalog-dir", "", "entity catalog folder for --prose (default <data-dir>/catalog)"},
      {"data-dir", "", "data folder with catalog/ (default STREAMLENS_DATA_DIR or the source tree)"},
      {"reports-out", "", "also write every earnings report applied (loaded or read from prose) as NDJSON to this file"},
      {"quiet", "false", "do not list rejected records on standard error (the summary still counts them)",
       OptionType::kBool},
      {"help", "false", "show this help", OptionType::kBool},
  };
  auto config = Config::Load(flags, args);
  if (!config.ok()) {
    std::cerr << "streamlens deltas: " << config.status().message() << "\n\n" << Config::Usage(flags);
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << "usage: streamlens deltas [options] FILE|DIR...\n\n"
              << "Computes metric deltas from earnings reports (and, with --prose, figures stated in news\n"
              << "articles) in feed order, without Kafka, and writes them as NDJSON (one MetricDelta per\n"
              << "line) on standard output.\n\n"
              << Config::Usage(flags);
    return 0;
  }
  if (config->positional().empty()) {
    std::cerr << "streamlens deltas: give at least one FILE or DIR\n\n" << Config::Usage(flags);
    return 2;
  }
  const bool quiet = config->GetBool("quiet");

  links::EntityCatalog catalog;
  std::unique_ptr<links::Linker> linker;
  if (config->GetBool("prose")) {
    std::string data_dir = config->Get("data-dir").empty() ? DefaultDataDir() : config->Get("data-dir");
    std::string catalog_dir = config->Get("catalog-dir").empty() ? data_dir + "/catalog" : config->Get("catalog-dir");
    if (auto s = catalog.LoadDirectory(catalog_dir); !s.ok()) {
      std::cerr << "streamlens deltas: catalog: " << s.message() << "\n";
      return 1;
    }
    auto created = links::Linker::Create(catalog);
    if (!created.ok()) {
      std::cerr << "streamlens deltas: linker: " << created.status().message() << "\n";
      return 1;
    }
    linker = std::move(*created);
  }

  std::ofstream reports_out;
  if (!config->Get("reports-out").empty()) {
    reports_out.open(config->Get("reports-out"));
    if (!reports_out) {
      std::cerr << "streamlens deltas: --reports-out: cannot write " << config->Get("reports-out") << "\n";
      return 1;
    }
  }

  deltas::DeltaEngine engine;
  DeltasSummary summary;
  int64_t offset = 0;
  auto apply = [&](const v1::EarningsEvent& report, const std::string& origin) {
    v1::Position position;
    position.set_topic("earnings.v1");
    position.set_partition(0);
    position.set_offset(offset++);
    if (reports_out.is_open()) reports_out << ToJsonLine(report) << "\n";
    auto out = engine.Apply(report, position);
    if (!out.ok()) {
      ++summary.engine_rejections;
      if (!quiet) std::cerr << origin << ": rejected (deltas): " << out.status().message() << "\n";
      return;
    }
    for (const auto& d : *out) {
      std::cout << ToJsonLine(d) << "\n";
      ++summary.deltas;
      if (d.correction()) ++summary.corrections;
      ++summary.by_source[v1::PriorSource_Name(d.prior_source())];
      ++summary.by_status[v1::PercentChangeStatus_Name(d.percent_status())];
    }
  };

  v1::EntityLink link;  // reused: Linker::Link overwrites it in place
  loaders::FeedCallbacks callbacks;
  callbacks.on_event = [&](const v1::PublishRequest& event, const std::string& origin) {
    if (event.has_earnings()) {
      ++summary.earnings;
      apply(event.earnings(), origin);
    } else if (event.has_news()) {
      ++summary.news;
      if (!linker) return;
      linker->Link(event.news(), &link);
      for (const auto& report : deltas::ExtractProseFigures(event.news(), link)) {
        ++summary.prose_reports;
        apply(report, origin + " (prose)");
      }
    }
  };
  callbacks.on_rejected = [&](const std::string& origin, const std::string& reason) {
    ++summary.loader_rejections;
    if (!quiet) std::cerr << origin << ": rejected (loader): " << reason << "\n";
  };

  auto started = std::chrono::steady_clock::now();
  auto status = loaders::ReadFeeds(config->positional(), callbacks);
  std::cout.flush();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!status.ok()) {
    std::cerr << "streamlens deltas: " << status.message() << "\n";
    return 1;
  }
  std::cerr << "deltas: " << summary.deltas << " (" << summary.corrections << " corrections";
  for (const auto& [source, n] : summary.by_source) std::cerr << ", " << n << " " << source;
  for (const auto& [st, n] : summary.by_status) std::cerr << ", " << n << " " << st;
  std::cerr << ")\n"
            << "read: " << summary.earnings << " earnings reports, " << summary.news << " articles ("
            << summary.prose_reports << " prose reports)\n"
            << "rejected: " << summary.loader_rejections << " by the loaders, " << summary.engine_rejections
            << " by the delta engine\n"
            << "history: " << engine.HistorySize() << " values; " << secs << " s\n";
  return 0;
}

}  // namespace streamlens::cli
