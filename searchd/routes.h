// The route table of pressroom-searchd: one line per endpoint, one handler per endpoint.
//
// A route answers GET (and HEAD), or POST for maintenance endpoints; another method on a known
// path is 405. Each route says who may call it: anyone, readers (anyone unless --require-token;
// then a read or admin token) or admins (always an admin token). A path no route matches is
// served from the web folder when it is not under /api/, else 404. Handlers send their own
// errors in the one error shape; an exception escaping a handler becomes a 500 "internal" error
// with the request id (details in the log only).
#pragma once

#include <span>
#include <string_view>

#include <httplib.h>

#include "app.h"

namespace pressroom::searchd {

using Handler = void (*)(App&, const httplib::Request&, httplib::Response&);

enum class Access { kOpen, kRead, kAdmin };

struct Route {
  std::string_view path;  // exact path, or prefix when `prefix`
  bool prefix = false;
  std::string_view suffix =
      {};                 // with `prefix`: the path must also end with this (after more bytes)
  std::string_view name;  // metrics label and log name
  bool post = false;      // POST instead of GET/HEAD
  Access access = Access::kRead;
  Handler handler = nullptr;
};

std::span<const Route> route_table();

// The route for a path, or nullptr.
const Route* find_route(std::string_view path);

void handle_search(App& app, const httplib::Request& req, httplib::Response& res);
void handle_similar(App& app, const httplib::Request& req, httplib::Response& res);
void handle_document(App& app, const httplib::Request& req, httplib::Response& res);
void handle_export(App& app, const httplib::Request& req, httplib::Response& res);
void handle_export_manifest(App& app, const httplib::Request& req, httplib::Response& res);
void handle_feed(App& app, const httplib::Request& req, httplib::Response& res);
void handle_stats(App& app, const httplib::Request& req, httplib::Response& res);
void handle_healthz(App& app, const httplib::Request& req, httplib::Response& res);
void handle_metrics(App& app, const httplib::Request& req, httplib::Response& res);
void handle_admin_reload(App& app, const httplib::Request& req, httplib::Response& res);

}  // namespace pressroom::searchd
