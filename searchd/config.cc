#include "config.h"

#include <cstdlib>
#include <sstream>

#include <toml++/toml.h>
#include <CLI/CLI.hpp>

namespace pressroom::searchd {

namespace {

using Values = std::vector<std::string>;
// Applies the option's values to the config; returns an error message (without the option name).
using Setter = std::optional<std::string> (*)(Config&, const Values&);

struct OptionDef {
  const char* name;   // "max-per-page": --max-per-page, PRESSROOM_MAX_PER_PAGE, max_per_page
  const char* value;  // value placeholder in --help; nullptr: a flag (true/false in env and file)
  bool repeatable;
  std::string (*default_text)(const Config&);
  const char* help;
  Setter set;
};

std::optional<std::string> to_unsigned(const std::string& v, unsigned long long lo,
                                       unsigned long long hi, unsigned long long* out) {
  std::string msg = "expected a whole number from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + ", got \"" + v + "\"";
  if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
    return msg;
  *out = std::stoull(v);
  if (*out < lo || *out > hi) return msg;
  return std::nullopt;
}

// A setter for an unsigned member of Config::limits or Config, with bounds.
#define PRESSROOM_COUNT_SETTER(EXPR, LO, HI)                            \
  [](Config& c, const Values& v) -> std::optional<std::string> {        \
    unsigned long long n = 0;                                           \
    if (auto err = to_unsigned(v.back(), LO, HI, &n)) return err;       \
    c.EXPR = static_cast<std::remove_reference_t<decltype(c.EXPR)>>(n); \
    return std::nullopt;                                                \
  }

// Seconds from lo to hi (fractions allowed).
std::optional<std::string> to_seconds(const std::string& v, double lo, double hi, double* out) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(d >= lo) || d > hi) {
    std::ostringstream msg;
    msg << "expected seconds from " << lo << " to " << hi << ", got \"" << v << "\"";
    return msg.str();
  }
  *out = d;
  return std::nullopt;
}

#define PRESSROOM_SECONDS_SETTER(EXPR, LO, HI)                   \
  [](Config& c, const Values& v) -> std::optional<std::string> { \
    return to_seconds(v.back(), LO, HI, &c.EXPR);                \
  }

std::optional<std::string> to_bool(const std::string& v, bool* out) {
  static const char* kTrue[] = {"true", "1", "yes", "on"};
  static const char* kFalse[] = {"false", "0", "no", "off"};
  for (const char* t : kTrue)
    if (v == t) return *out = true, std::nullopt;
  for (const char* f : kFalse)
    if (v == f) return *out = false, std::nullopt;
  return "expected true or false, got \"" + v + "\"";
}

#define PRESSROOM_FLAG_SETTER(EXPR)                              \
  [](Config& c, const Values& v) -> std::optional<std::string> { \
    return to_bool(v.back(), &c.EXPR);                           \
  }

std::string shown_seconds(double d) {
  std::ostringstream s;
  s << d;
  return s.str();
}

std::optional<std::string> set_listen(Config& c, const Values& v) {
  const std::string& s = v.back();
  auto colon = s.rfind(':');
  std::string msg =
      "expected HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080, port 0 for any), got \"" + s + "\"";
  if (colon == std::string::npos || colon == 0) return msg;
  std::string host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned long long port = 0;
  if (to_unsigned(s.substr(colon + 1), 0, 65535, &port) || host.empty()) return msg;
  c.host = host;
  c.port = static_cast<int>(port);
  return std::nullopt;
}

const std::vector<OptionDef>& option_table() {
  static const std::vector<OptionDef> kTable = {
      {"db", "DIR", true, [](const Config&) { return std::string(); },
       "Pressroom index to search (repeat for several; they are searched as one archive). "
       "Environment: several paths separated by ':'",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         for (const auto& p : v)
           if (p.empty()) return std::string("empty database path");
         c.dbs = v;
         return std::nullopt;
       }},
      {"listen", "HOST:PORT", false, [](const Config&) { return std::string("127.0.0.1:8080"); },
       "address to listen on; port 0 picks a free port (the line 'listening on http://...' tells "
       "which)",
       set_listen},
      {"web", "DIR", false, [](const Config&) { return std::string(); },
       "folder of the web UI served at / (nothing outside it is served); empty: no static files",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         c.web = v.back();
         return std::nullopt;
       }},
      {"threads", "N", false, [](const Config& d) { return std::to_string(d.threads); },
       "search workers: requests computing an answer at once, each worker with its own database "
       "handle (connections, idle or sending, do not hold one)",
       PRESSROOM_COUNT_SETTER(threads, 1, 256)},
      {"base-url", "URL", false, [](const Config&) { return std::string(); },
       "public address of this server for absolute links in feeds (e.g. "
       "https://press.example.org); "
       "empty: taken from the request's Host header",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         std::string u = v.back();
         if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
           return "expected an http:// or https:// URL, got \"" + u + "\"";
         while (!u.empty() && u.back() == '/') u.pop_back();
         c.base_url = u;
         return std::nullopt;
       }},
      {"log-level", "LEVEL", false, [](const Config& d) { return d.log_level; },
       "trace, debug, info, warn, error or off (info logs one line per request)",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
         for (const char* l : kLevels)
           if (v.back() == l) {
             c.log_level = l;
             return std::nullopt;
           }
         return "expected trace, debug, info, warn, error or off, got \"" + v.back() + "\"";
       }},
      {"max-query-bytes", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_query_bytes); },
       "longest accepted q, in bytes", PRESSROOM_COUNT_SETTER(limits.max_query_bytes, 1, 1000000)},
      {"max-per-page", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_per_page); },
       "largest per_page of a search", PRESSROOM_COUNT_SETTER(limits.max_per_page, 1, 10000)},
      {"max-facet-size", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_facet_size); },
       "largest facet_size of a search", PRESSROOM_COUNT_SETTER(limits.max_facet_size, 1, 1000000)},
      {"max-result-window", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_result_window); },
       "deepest search result a page may reach (page * per_page); exports have no limit",
       PRESSROOM_COUNT_SETTER(limits.max_result_window, 1, 100000000)},
      {"max-wildcard-expansion", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_wildcard_expansion); },
       "most words one trailing * may expand to; more is an invalid_argument error",
       PRESSROOM_COUNT_SETTER(limits.max_wildcard_expansion, 1, 10000000)},
      {"query-time-limit", "SECONDS", false,
       [](const Config& d) {
         std::ostringstream s;
         s << d.limits.query_time_limit;
         return s.str();
       },
       "time after which a search stops counting (hits stay right; total and facets become "
       "estimates, flagged as such); 0: no limit",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         char* end = nullptr;
         double d = std::strtod(v.back().c_str(), &end);
         if (v.back().empty() || *end != '\0' || !(d >= 0) || d > 3600)
           return "expected seconds from 0 to 3600, got \"" + v.back() + "\"";
         c.limits.query_time_limit = d;
         return std::nullopt;
       }},
      {"max-concurrent-exports", "N", false,
       [](const Config& d) { return std::to_string(d.max_concurrent_exports); },
       "exports streaming at once; more get too_many_requests (429)",
       PRESSROOM_COUNT_SETTER(max_concurrent_exports, 1, 1000)},
      {"shutdown-timeout", "SECONDS", false,
       [](const Config& d) {
         std::ostringstream s;
         s << d.shutdown_timeout;
         return s.str();
       },
       "on SIGINT/SIGTERM, how long to let requests in flight (exports included) finish while new "
       "ones get 503; then the remaining ones are cut off",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         char* end = nullptr;
         double d = std::strtod(v.back().c_str(), &end);
         if (v.back().empty() || *end != '\0' || !(d >= 0) || d > 86400)
           return "expected seconds from 0 to 86400, got \"" + v.back() + "\"";
         c.shutdown_timeout = d;
         return std::nullopt;
       }},
      {"export-spool-dir", "DIR", false, [](const Config&) { return std::string(); },
       "folder for the temporary files exports are written to before they are sent (room for "
       "--max-concurrent-exports of your largest exports); empty: $TMPDIR, else /tmp",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         c.export_spool_dir = v.back();
         return std::nullopt;
       }},
      {"export-page-size", "N", false,
       [](const Config& d) { return std::to_string(d.limits.export_page_size); },
       "matches an export reads per step (memory per export is about this many records)",
       PRESSROOM_COUNT_SETTER(limits.export_page_size, 1, 100000)},
      {"max-query-terms", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_query_terms); },
       "most words (operators aside) one q may hold",
       PRESSROOM_COUNT_SETTER(limits.max_query_terms, 1, 100000)},
      {"max-query-depth", "N", false,
       [](const Config& d) { return std::to_string(d.limits.max_query_depth); },
       "deepest nesting of brackets in q", PRESSROOM_COUNT_SETTER(limits.max_query_depth, 1, 1000)},
      {"header-timeout", "SECONDS", false,
       [](const Config& d) { return shown_seconds(d.header_timeout); },
       "time a client has to send a whole request line and headers; slower ones get 408",
       PRESSROOM_SECONDS_SETTER(header_timeout, 0.1, 3600)},
      {"read-timeout", "SECONDS", false,
       [](const Config& d) { return shown_seconds(d.read_timeout); },
       "longest wait for the next bytes of a request",
       PRESSROOM_SECONDS_SETTER(read_timeout, 0.1, 3600)},
      {"write-timeout", "SECONDS", false,
       [](const Config& d) { return shown_seconds(d.write_timeout); },
       "longest wait for a client to take more of a response (then the connection is closed)",
       PRESSROOM_SECONDS_SETTER(write_timeout, 0.1, 3600)},
      {"max-header-bytes", "N", false,
       [](const Config& d) { return std::to_string(d.max_header_bytes); },
       "largest request line plus headers; larger requests get 414 or 431",
       PRESSROOM_COUNT_SETTER(max_header_bytes, 1024, 1048576)},
      {"keep-alive-timeout", "SECONDS", false,
       [](const Config& d) { return shown_seconds(d.keep_alive_timeout); },
       "how long an idle connection may wait for its next request before it is closed (idle "
       "connections hold no search worker, but count against the connection caps)",
       PRESSROOM_SECONDS_SETTER(keep_alive_timeout, 0.1, 3600)},
      {"max-connections", "N", false,
       [](const Config& d) { return std::to_string(d.max_connections); },
       "open connections in all (each has a light thread of its own); more are closed at once",
       PRESSROOM_COUNT_SETTER(max_connections, 1, 100000)},
      {"max-connections-per-client", "N", false,
       [](const Config& d) { return std::to_string(d.max_connections_per_client); },
       "open connections from one address, loopback included (a --trusted-proxy is exempt; its "
       "clients are capped per X-Forwarded-For address at request level); more are closed at "
       "once; 0: no cap",
       PRESSROOM_COUNT_SETTER(max_connections_per_client, 0, 100000)},
      {"token-file", "FILE", false, [](const Config&) { return std::string(); },
       "bearer tokens, one 'ROLE NAME TOKEN' line each (role read or admin); also from the "
       "environment variable PRESSROOM_TOKENS; re-read by POST /api/v1/admin/reload",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         c.token_file = v.back();
         return std::nullopt;
       }},
      {"require-token", nullptr, false, [](const Config&) { return std::string("false"); },
       "searching and reading need a read or admin token (Authorization: Bearer TOKEN); "
       "/healthz and the web UI's files stay open",
       PRESSROOM_FLAG_SETTER(require_token)},
      {"rate-limit", "PER_SECOND", false,
       [](const Config& d) { return shown_seconds(d.rate_limit); },
       "requests per second each client may make on average (token bucket); 0: no limit",
       PRESSROOM_SECONDS_SETTER(rate_limit, 0, 1000000)},
      {"rate-burst", "N", false, [](const Config& d) { return std::to_string(d.rate_burst); },
       "requests a client may make at once before --rate-limit applies",
       PRESSROOM_COUNT_SETTER(rate_burst, 1, 1000000)},
      {"rate-limit-loopback", nullptr, false, [](const Config&) { return std::string("false"); },
       "also limit clients on 127.0.0.0/8 and ::1 (exempt by default)",
       PRESSROOM_FLAG_SETTER(rate_limit_loopback)},
      {"trusted-proxy", "ADDR", true, [](const Config&) { return std::string(); },
       "address of a reverse proxy whose X-Forwarded-For header names the client (repeatable)",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         c.trusted_proxies = v;
         return std::nullopt;
       }},
      {"cors-origin", "ORIGIN", true, [](const Config&) { return std::string(); },
       "origin allowed to read the API from a browser, e.g. https://newsroom.example.org, or * "
       "for any (repeatable; none by default)",
       [](Config& c, const Values& v) -> std::optional<std::string> {
         for (const auto& o : v)
           if (o != "*" && o.rfind("http://", 0) != 0 && o.rfind("https://", 0) != 0)
             return "expected * or an origin such as https://example.org, got \"" + o + "\"";
         c.cors_origins = v;
         for (auto& o : c.cors_origins)
           while (o.size() > 1 && o.back() == '/') o.pop_back();
         return std::nullopt;
       }},
  };
  return kTable;
}

#undef PRESSROOM_COUNT_SETTER
#undef PRESSROOM_SECONDS_SETTER
#undef PRESSROOM_FLAG_SETTER

std::string env_name(std::string_view name) {
  std::string e = "PRESSROOM_";
  for (char c : name)
    e += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return e;
}

std::string key_name(std::string_view name) {
  std::string k(name);
  for (char& c : k)
    if (c == '-') c = '_';
  return k;
}

Values split(const std::string& s, char sep) {
  Values out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep))
    if (!cur.empty()) out.push_back(cur);
  return out;
}

// A TOML value as option text; nullopt for tables and other shapes no option takes.
std::optional<Values> toml_values(const toml::node& node) {
  auto scalar = [](const toml::node& n) -> std::optional<std::string> {
    if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
    if (n.is_integer()) return std::to_string(*n.value<int64_t>());
    if (n.is_boolean()) return std::string(*n.value<bool>() ? "true" : "false");
    if (n.is_floating_point()) {
      std::ostringstream o;
      o << *n.value<double>();
      return o.str();
    }
    return std::nullopt;
  };
  if (const auto* arr = node.as_array()) {
    Values out;
    for (const auto& item : *arr) {
      auto v = scalar(item);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
    return out;
  }
  auto v = scalar(node);
  if (!v) return std::nullopt;
  return Values{*v};
}

ConfigOutcome usage_error(const std::string& msg) {
  return ConfigOutcome{std::nullopt, 2,
                       "pressroom-searchd: " + msg + "\nRun with --help for the options.\n"};
}

using BoundOptions = std::vector<std::pair<const OptionDef*, CLI::Option*>>;

// One command-line option per row of the option table (values are read back from the options).
BoundOptions add_table_options(CLI::App& app, Values& unused, const Config& defaults) {
  BoundOptions opts;
  for (const auto& def : option_table()) {
    std::string help = std::string(def.help) + " [env " + env_name(def.name) + "]";
    CLI::Option* o = nullptr;
    if (!def.value) {
      // (add_flag(name, help) would bind the flag's value to `help`, a local: description apart)
      o = app.add_flag(std::string("--") + def.name);
      o->description(help);
    } else {
      o = app.add_option(std::string("--") + def.name, unused, help);
      o->type_name(def.value)->default_str(def.default_text(defaults))->expected(1);
      if (def.repeatable)
        o->take_all();
      else
        o->take_last();
    }
    opts.emplace_back(&def, o);
  }
  return opts;
}

// The TOML file of --config, every key checked against the option table; the error otherwise.
std::optional<std::string> read_config_file(const std::string& path, toml::table& file) {
  try {
    file = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << path << ":" << e.source().begin.line << ": " << e.description();
    return "cannot read the config file " + where.str();
  }
  for (const auto& [key, node] : file) {
    bool known = false;
    for (const auto& def : option_table()) known = known || key.str() == key_name(def.name);
    if (!known) return path + ": unknown key '" + std::string(key.str()) + "'";
  }
  return std::nullopt;
}

// Each option from the first source that sets it: command line, environment, config file.
std::optional<std::string> apply_sources(const BoundOptions& opts, const GetEnv& getenv,
                                         const toml::table& file, const std::string& config_file,
                                         Config& c) {
  for (const auto& [def, o] : opts) {
    Values values;
    std::string source;
    if (o->count() > 0) {
      values = def->value ? o->results() : Values{"true"};
      source = std::string("--") + def->name;
    } else if (auto env = getenv(env_name(def->name)); env && !env->empty()) {
      values = def->repeatable ? split(*env, ':') : Values{*env};
      source = env_name(def->name);
    } else if (const toml::node* node = file.get(key_name(def->name))) {
      auto v = toml_values(*node);
      if (!v || v->empty() || (!def->repeatable && v->size() != 1))
        return config_file + ": key '" + key_name(def->name) + "' has the wrong type";
      values = *v;
      source = config_file + ": " + key_name(def->name);
    }
    if (values.empty()) continue;
    if (auto err = def->set(c, values)) return source + ": " + *err;
  }
  return std::nullopt;
}

// Rules between options.
std::optional<std::string> check_config(const Config& c) {
  if (c.max_connections_per_client > c.max_connections)
    return "--max-connections-per-client (" + std::to_string(c.max_connections_per_client) +
           ") cannot be larger than --max-connections (" + std::to_string(c.max_connections) + ")";
  if (c.dbs.empty())
    return "no database given: use --db DIR (or PRESSROOM_DB, or db in the config file)";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> process_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

ConfigOutcome load_config(const std::vector<std::string>& args, const GetEnv& getenv) {
  const Config defaults;
  CLI::App app{"pressroom-searchd " PRESSROOM_VERSION
               ": the Pressroom search daemon (read-only HTTP JSON API and web UI)",
               "pressroom-searchd"};
  app.footer(
      "Every option can also be set by the environment variable PRESSROOM_<OPTION> (upper case, "
      "'_' for '-') or by the key <option> ('_' for '-') in the TOML file of --config; the command "
      "line wins over the environment, which wins over the file. Bearer tokens are also read from "
      "PRESSROOM_TOKENS (never from the command line).\n"
      "Example: pressroom-searchd --db data/corpus.db --listen 127.0.0.1:8080 --web web/");
  Values unused;
  const BoundOptions opts = add_table_options(app, unused, defaults);
  std::string config_file;
  CLI::Option* config_opt = app.add_option(
      "--config", config_file, "TOML file with the same settings [env PRESSROOM_CONFIG]");
  config_opt->type_name("FILE");
  bool version = false;
  app.add_flag("--version", version, "print the version and exit");

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    int code = app.exit(e, out, err);
    if (code == 0) return ConfigOutcome{std::nullopt, 0, out.str()};
    return usage_error(e.what());
  }
  if (version) return ConfigOutcome{std::nullopt, 0, "pressroom-searchd " PRESSROOM_VERSION "\n"};

  if (config_opt->count() == 0) {
    if (auto env = getenv("PRESSROOM_CONFIG"); env && !env->empty()) config_file = *env;
  }
  toml::table file;
  if (!config_file.empty()) {
    if (auto err = read_config_file(config_file, file)) return usage_error(*err);
  }
  Config c;
  if (auto err = apply_sources(opts, getenv, file, config_file, c)) return usage_error(*err);
  if (auto err = check_config(c)) return usage_error(*err);
  if (auto env = getenv("PRESSROOM_TOKENS")) c.env_tokens = *env;
  return ConfigOutcome{std::move(c), 0, ""};
}

}  // namespace pressroom::searchd
