// `streamlens dev-kafka`: the embedded Kafka dev cluster as its own process,
// for multi-process runs and tests. Prints its bootstrap address on the first
// line of standard output, then serves until Ctrl-C.
#include <iostream>

#include "services/cli/commands.h"
#include "services/cli/pipeline.h"
#include "services/common/dev_cluster.h"

namespace streamlens::cli {

int RunDevKafka(const Args& args) {
  std::vector<Option> flags = {
      {"broker-count", "1", "number of mock brokers", OptionType::kInt},
      {"help", "false", "show this help", OptionType::kBool},
  };
  auto config = Config::Load(flags, args);
  if (!config.ok()) {
    std::cerr << "streamlens dev-kafka: " << config.status().message() << "\n\n" << Config::Usage(flags);
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << "usage: streamlens dev-kafka [options]\n\n" << Config::Usage(flags);
    return 0;
  }
  BlockStopSignals();
  auto cluster = DevCluster::Start(static_cast<int>(config->GetInt("broker-count")));
  if (!cluster.ok()) {
    std::cerr << "streamlens dev-kafka: " << cluster.status().message() << "\n";
    return 1;
  }
  std::cout << (*cluster)->bootstrap() << std::endl;
  WaitForStopSignal();
  return 0;
}

}  // namespace streamlens::cli
