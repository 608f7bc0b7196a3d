// The streamlens command line: one function per subcommand, each in its own
// cmd_<name>.cc file. Each takes the arguments after the subcommand name and
// returns the process exit code (0 ok, 1 failure, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace streamlens::cli {

using Args = std::vector<std::string>;

int Main(int argc, char** argv);

int RunUp(const Args& args);        // cmd_up.cc: whole pipeline in one process
int RunDevKafka(const Args& args);  // cmd_dev_kafka.cc: the embedded Kafka alone
int RunServe(const Args& args);     // cmd_serve.cc: one service (ingest|worker|query)
int RunIngest(const Args& args);    // cmd_ingest.cc: load files and publish (or --dry-run)
int RunLinks(const Args& args);     // cmd_links.cc: offline linker, NDJSON out
int RunDeltas(const Args& args);    // cmd_deltas.cc: offline delta logic, NDJSON out
int RunQuery(const Args& args);     // cmd_query.cc: ask a query service

}  // namespace streamlens::cli
