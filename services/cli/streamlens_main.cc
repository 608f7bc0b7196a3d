// The streamlens command: every service and tool behind one binary.
#include "services/cli/commands.h"

int main(int argc, char** argv) { return streamlens::cli::Main(argc, argv); }
