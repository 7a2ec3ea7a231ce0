// pressroom-index: parses the command line and runs a subcommand (commands.cc).
#include <csignal>

#include <atomic>
#include <iostream>

#include "commands.h"

namespace {
// The only global: a signal handler can reach nothing else. SIGINT/SIGTERM ask the import to
// stop reading, commit what is done and print its summary.
std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }
}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    return pressroom::indexer::run_cli(argc, argv, g_stop);
  } catch (const std::exception& e) {
    std::cerr << "pressroom-index: fatal: " << e.what() << "\n";
  }
  return 2;
}
