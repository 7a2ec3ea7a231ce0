// pressroom-index: parses the command line and runs a subcommand (commands.cc).
#include <csignal>

#include <atomic>
#include <iostream>

#include <xapian.h>

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
  } catch (const Xapian::Error& e) {
    // Not a std::exception: without this, an error Xapian raises outside the import's own
    // handlers would end the program through std::terminate.
    std::cerr << "pressroom-index: error: " << e.get_type() << ": " << e.get_msg() << "\n";
  }
  return 2;
}
