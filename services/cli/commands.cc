#include "services/cli/commands.h"

#include <iostream>
#include <map>

namespace streamlens::cli {
namespace {

struct Command {
  int (*run)(const Args&);
  const char* summary;
};

const std::map<std::string, Command>& Commands() {
  static const std::map<std::string, Command> commands = {
      {"up", {RunUp, "run the whole pipeline in one process on the embedded Kafka (or --brokers)"}},
      {"dev-kafka", {RunDevKafka, "run the embedded Kafka dev cluster and print its bootstrap address"}},
      {"serve", {RunServe, "run one service: serve ingest|worker|query"}},
      {"ingest", {RunIngest, "load feeds (Reuters SGML, NDJSON, text) and publish them, or --dry-run"}},
      {"links", {RunLinks, "link entities in articles offline, write NDJSON"}},
      {"deltas", {RunDeltas, "compute metric deltas from feeds offline, write NDJSON"}},
      {"query", {RunQuery, "ask a query service: query entity ID | search TEXT | movers METRIC ..."}},
  };
  return commands;
}

void PrintUsage() {
  std::cerr << "usage: streamlens COMMAND [options]\n\ncommands:\n";
  for (const auto& [name, c] : Commands()) std::cerr << "  " << name << std::string(12 - name.size(), ' ') << c.summary << "\n";
  std::cerr << "\n`streamlens COMMAND --help` lists a command's options.\n";
}

}  // namespace

int Main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    PrintUsage();
    return argc < 2 ? 2 : 0;
  }
  auto it = Commands().find(argv[1]);
  if (it == Commands().end()) {
    std::cerr << "streamlens: unknown command \"" << argv[1] << "\"\n\n";
    PrintUsage();
    return 2;
  }
  return it->second.run(Args(argv + 2, argv + argc));
}

}  // namespace streamlens::cli
