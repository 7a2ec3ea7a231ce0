// pressroom-searchd settings: command line, environment, TOML config file, defaults.
//
// Every option is one row of a table (config.cc) that gives its name, value, default and help;
// `--help` prints them all. Precedence, highest first: the command line, the environment variable
// (PRESSROOM_ + the option name in upper case with '_' for '-'), the config file given by
// --config/PRESSROOM_CONFIG (key = option name with '_' for '-'), the default. Unknown keys in the
// config file are errors, like unknown options.
// Thread-safety: pure functions (the environment is read through the given callback).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pressroom/search_request.h"

namespace pressroom::searchd {

struct Config {
  std::vector<std::string> dbs;  // searched as one archive
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::string web;  // folder of static files; "" serves none
  unsigned threads = 8;
  std::string base_url;  // public address for feed links; "" derives it from the Host header
  std::string log_level = "info";
  unsigned max_concurrent_exports = 2;
  std::string export_spool_dir;  // where export bodies are spooled; "" : $TMPDIR, else /tmp
  double shutdown_timeout = 60;  // seconds a stop waits for requests in flight
  Limits limits;

  // Connections (see http_server.h).
  double header_timeout = 10;  // seconds a client has to send a whole request head
  double read_timeout = 10;    // seconds one read (head or body) may wait
  double write_timeout = 30;   // seconds one write may wait for a client that does not read
  unsigned max_header_bytes = 32 * 1024;  // request line and headers
  double keep_alive_timeout = 5;   // seconds an idle connection may wait for its next request
  unsigned max_connections = 512;  // open connections in all (see connections.h)
  unsigned max_connections_per_client = 32;  // per peer address (trusted proxies exempt); 0: none

  // Access (see auth.h, rate_limit.h).
  std::string token_file;                    // ROLE NAME TOKEN lines; "" none
  std::string env_tokens;                    // PRESSROOM_TOKENS, the same format (environment only)
  bool require_token = false;                // read endpoints need a read or admin token
  double rate_limit = 20;                    // requests per second per client; 0: no limit
  unsigned rate_burst = 60;                  // requests a client may make at once
  bool rate_limit_loopback = false;          // also limit clients on 127.0.0.0/8 and ::1
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For names the client
  std::vector<std::string> cors_origins;     // origins allowed cross-origin reads; "*" any
};

// What main() should do: run with `config`, or print `message` (help on stdout when exit_code is
// 0, an error on stderr otherwise) and exit with exit_code (0 help, 2 usage error).
struct ConfigOutcome {
  std::optional<Config> config;
  int exit_code = 0;
  std::string message;
};

using GetEnv = std::function<std::optional<std::string>(const std::string& name)>;

// args[0] is the program name.
ConfigOutcome load_config(const std::vector<std::string>& args, const GetEnv& getenv);

// The process environment, for load_config.
std::optional<std::string> process_env(const std::string& name);

}  // namespace pressroom::searchd
