// pressroom-searchd: options, logging, then the server until SIGINT/SIGTERM.
#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "config.h"
#include "server.h"

int main(int argc, char** argv) {
  using namespace pressroom::searchd;
  auto outcome = load_config(std::vector<std::string>(argv, argv + argc), process_env);
  if (!outcome.config) {
    std::fputs(outcome.message.c_str(), outcome.exit_code == 0 ? stdout : stderr);
    return outcome.exit_code;
  }
  const Config& config = *outcome.config;
  auto logger = spdlog::stderr_color_mt("pressroom-searchd");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  try {
    Server server(config);
    auto port = server.bind();
    if (!port) {
      spdlog::error("{}", port.error().message);
      return 2;
    }
    std::printf("listening on %s\n", server.url().c_str());
    std::fflush(stdout);
    spdlog::info("listening on {} ({} worker threads, {} database(s), web UI {})", server.url(),
                 config.threads, config.dbs.size(), config.web.empty() ? "off" : config.web);
    return run_until_signal(server);
  } catch (const Xapian::Error& e) {
    spdlog::critical("{}", e.get_description());
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
  }
  return 2;
}
