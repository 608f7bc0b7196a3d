// `streamlens serve ingest|worker|query`: one service per process, as it
// runs in Kubernetes (one Deployment per role, all from the same image).
#include <iostream>

#include "services/cli/commands.h"
#include "services/cli/pipeline.h"
#include "services/common/log.h"

namespace streamlens::cli {

int RunServe(const Args& args) {
  auto flags = PipelineFlags();
  flags[0].help = "Kafka bootstrap servers (required)";
  auto config = Config::Load(flags, args);
  auto usage = [&] {
    return "usage: streamlens serve ingest|worker|query [options]\n\n" + Config::Usage(flags);
  };
  if (!config.ok()) {
    std::cerr << "streamlens serve: " << config.status().message() << "\n\n" << usage();
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << usage();
    return 0;
  }
  if (config->positional().size() != 1) {
    std::cerr << "streamlens serve: name one role: ingest, worker or query\n\n" << usage();
    return 2;
  }
  const std::string& role = config->positional()[0];
  PipelineOptions options = PipelineOptionsFrom(*config);
  if (role == "ingest") {
    options.roles = {Role::kIngest};
  } else if (role == "worker") {
    options.roles = {Role::kWorker};
  } else if (role == "query") {
    options.roles = {Role::kQuery};
  } else {
    std::cerr << "streamlens serve: unknown role \"" << role << "\"\n\n" << usage();
    return 2;
  }
  if (options.brokers.empty()) {
    std::cerr << "streamlens serve: --brokers (or STREAMLENS_BROKERS) is required\n";
    return 2;
  }
  BlockStopSignals();
  auto pipeline = Pipeline::Start(options);
  if (!pipeline.ok()) {
    std::cerr << "streamlens serve " << role << ": " << pipeline.status().message() << "\n";
    return 1;
  }
  auto& p = **pipeline;
  // One line a script can parse for the bound ports (port 0 picks free ones).
  std::cout << "serving " << role << " ingest_port=" << p.ingest_port() << " query_port=" << p.query_port()
            << " metrics_port=" << p.metrics_port() << std::endl;
  int sig = WaitForStopSignal();
  SL_LOG(Info, "serve") << "signal " << sig << ", stopping " << role;
  return 0;
}

}  // namespace streamlens::cli
