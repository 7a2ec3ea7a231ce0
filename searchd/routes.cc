#include "routes.h"

#include <array>

#include <spdlog/spdlog.h>

#include "json_reply.h"
#include "pressroom/histogram_share.h"
#include "pressroom/params.h"
#include "pressroom/searcher.h"
#include "pressroom/similar.h"
#include "pressroom/suggest.h"
#include "query_params.h"
#include "request_context.h"
#include "search_json.h"

namespace pressroom::searchd {

namespace {

constexpr std::string_view kDocumentsPrefix = "/api/v1/documents/";
constexpr std::string_view kSimilarSuffix = "/similar";

constexpr auto kOpen = Access::kOpen;
constexpr auto kRead = Access::kRead;
constexpr auto kAdmin = Access::kAdmin;

constexpr std::array<Route, 10> kRoutes = {{
    {.path = "/api/v1/search", .name = "search", .access = kRead, .handler = handle_search},
    {.path = kDocumentsPrefix,
     .prefix = true,
     .suffix = kSimilarSuffix,
     .name = "similar",
     .access = kRead,
     .handler = handle_similar},
    {.path = kDocumentsPrefix,
     .prefix = true,
     .name = "document",
     .access = kRead,
     .handler = handle_document},
    {.path = "/api/v1/export", .name = "export", .access = kRead, .handler = handle_export},
    {.path = "/api/v1/export/manifest",
     .name = "export_manifest",
     .access = kRead,
     .handler = handle_export_manifest},
    {.path = "/api/v1/feed", .name = "feed", .access = kRead, .handler = handle_feed},
    {.path = "/api/v1/stats", .name = "stats", .access = kRead, .handler = handle_stats},
    {.path = "/api/v1/admin/reload",
     .name = "admin_reload",
     .post = true,
     .access = kAdmin,
     .handler = handle_admin_reload},
    {.path = "/healthz", .name = "healthz", .access = kOpen, .handler = handle_healthz},
    {.path = "/metrics", .name = "metrics", .access = kRead, .handler = handle_metrics},
}};

// {"uuid", "revision", "shards": [...]} of the index state a handle reads.
nlohmann::ordered_json index_json(const IndexHandle& index) {
  return {{"uuid", database_uuid(index.db)},
          {"revision", database_revision(index.db)},
          {"shards", to_json(shard_states(index))}};
}

}  // namespace

std::span<const Route> route_table() { return kRoutes; }

const Route* find_route(std::string_view path) {
  for (const auto& r : kRoutes)
    if (r.prefix ? path.substr(0, r.path.size()) == r.path &&
                       (r.suffix.empty() ||
                        (path.size() > r.path.size() + r.suffix.size() && path.ends_with(r.suffix)))
                 : path == r.path)
      return &r;
  return nullptr;
}

namespace {

// A search over every release (no words, no filters) takes its facets and histogram from the
// cache of the index revision, and only ranks the page.
Result<SearchResult> search_everything(App& app, const IndexHandle& index,
                                       const SearchRequest& request, const SearchOptions& options) {
  const Xapian::Database& db = index.db;
  const std::string state = state_key(index);
  std::string key =
      std::to_string(request.facet_size) + "|" + std::string(to_string(request.histogram));
  for (FacetField f : request.facets) key += "|" + std::string(to_string(f));
  if (auto cached = app.facets.get(state, key)) {
    SearchRequest page_only = request;
    page_only.facets.clear();
    page_only.histogram = HistogramInterval::kNone;
    auto r = search(db, page_only, app.config.limits, options);
    if (!r) return r;
    r->facets = std::move(cached->facets);
    r->histogram = std::move(cached->histogram);
    return r;
  }
  auto r = search(db, request, app.config.limits, options);
  if (r && r->facets_exact) app.facets.put(state, key, FacetCache::Entry{r->facets, r->histogram});
  return r;
}

// The extras of a search answer: each histogram bucket's share of its period's releases
// (histogram_normalize), and a better spelling when the query found few releases.
Result<void> add_research_extras(App& app, const IndexHandle& index, const SearchRequest& request,
                                 const SearchOptions& options, SearchResult& r) {
  if (request.histogram_normalize != HistogramNormalize::kNone && r.histogram) {
    const SearchRequest base = share_base_request(request, r.histogram->interval);
    // The denominators depend only on the filters they keep: computed once per index revision.
    const std::string state = state_key(index);
    std::string key =
        std::string(to_string(base.histogram)) + "|" + base.from_key + "|" + base.to_key;
    // Length-prefixed: an issuer name holding "|" cannot pass for two.
    for (const auto& i : base.issuers) key += "|" + std::to_string(i.size()) + ":" + i;
    std::optional<Histogram> releases;
    if (auto cached = app.shares.get(state, key)) {
      releases = std::move(cached->histogram);
    } else {
      auto counted = base.has_filters() ? search(index.db, base, app.config.limits, options)
                                        : search_everything(app, index, base, options);
      if (!counted) return counted.error();
      if (!counted->facets_exact)
        r.facets_exact = false;
      else
        app.shares.put(state, key, FacetCache::Entry{{}, counted->histogram});
      releases = std::move(counted->histogram);
    }
    r.histogram_releases = bucket_releases(*r.histogram, *releases);
    r.histogram_normalize = request.histogram_normalize;
  }
  if (auto s = suggest_spelling(index.db, request, app.config.limits, r.total)) {
    r.suggestion_q = std::move(s->q);
    r.suggestion_total = s->total;
  }
  return {};
}

}  // namespace

void handle_search(App& app, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_params(query_params(req), Endpoint::kSearch, app.config.limits);
  if (!request) return send_error(res, request.error());
  const bool everything =
      request->q.find_first_not_of(" \t") == std::string::npos && !request->has_filters();
  auto result = with_index(app.dbs, [&](IndexHandle& index) {
    SearchOptions options;
    options.facet_source = facet_source_for(index.shards);
    if (options.facet_source == FacetSource::kValueStreams) {
      options.columns = &app.facet_columns;
      options.state_key = state_key(index);
    }
    auto r = everything ? search_everything(app, index, request.value(), options)
                        : search(index.db, request.value(), app.config.limits, options);
    if (r)
      if (auto extras = add_research_extras(app, index, request.value(), options, r.value());
          !extras)
        return Result<SearchResult>(extras.error());
    return r;
  });
  if (!result) return send_error(res, result.error());
  current_request().hits = result->total;
  res.status = 200;
  res.set_content(search_result_json(result.value()), "application/json; charset=utf-8");
}

void handle_document(App& app, const httplib::Request& req, httplib::Response& res) {
  if (auto checked = reject_params(req); !checked) return send_error(res, checked.error());
  // httplib has already percent-decoded the path, so an id may hold any byte, '/' included.
  const std::string id = req.path.substr(kDocumentsPrefix.size());
  auto doc = with_database(app.dbs, [&](Xapian::Database& db) { return find_document(db, id); });
  if (!doc) return send_error(res, doc.error());
  current_request().hits = 1;
  res.status = 200;
  res.set_content(doc.value(), "application/json; charset=utf-8");
}

void handle_similar(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string path = req.path.substr(kDocumentsPrefix.size());
  const std::string id = path.substr(0, path.size() - kSimilarSuffix.size());
  auto request = parse_params(query_params(req), Endpoint::kSimilar, app.config.limits);
  if (!request) return send_error(res, request.error());
  auto result = with_database(app.dbs, [&](Xapian::Database& db) {
    return similar_documents(db, id, request.value(), app.config.limits);
  });
  // An id that itself ends in "/similar" is still a document (when it exists).
  if (!result && result.error().code == ErrorCode::kNotFound && req.params.empty()) {
    auto doc =
        with_database(app.dbs, [&](Xapian::Database& db) { return find_document(db, path); });
    if (doc) return handle_document(app, req, res);
  }
  if (!result) return send_error(res, result.error());
  current_request().hits = result->total;
  res.status = 200;
  res.set_content(search_result_json(result.value()), "application/json; charset=utf-8");
}

void handle_stats(App& app, const httplib::Request& req, httplib::Response& res) {
  if (auto checked = reject_params(req); !checked) return send_error(res, checked.error());
  nlohmann::ordered_json index;
  auto stats = with_index(app.dbs, [&](IndexHandle& h) -> Result<IndexStats> {
    IndexStats s = app.stats.get(h);
    index = index_json(h);
    return s;
  });
  if (!stats) return send_error(res, stats.error());
  const IndexStats& s = stats.value();
  auto bound = [](const std::string& v) {
    return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
  };
  send_json(res, {{"documents", s.documents},
                  {"date_range", {{"min", bound(s.date_min)}, {"max", bound(s.date_max)}}},
                  {"issuers", s.issuers.size()},
                  {"topics", s.topics.size()},
                  {"index", std::move(index)},
                  {"schema_version", s.schema_version}});
}

void handle_healthz(App& app, const httplib::Request&, httplib::Response& res) {
  auto info = with_index(app.dbs, [&](IndexHandle& h) -> Result<nlohmann::ordered_json> {
    return nlohmann::ordered_json{
        {"status", "ok"}, {"documents", h.db.get_doccount()}, {"index", index_json(h)}};
  });
  if (!info) return send_error(res, info.error());
  send_json(res, info.value());
}

void handle_metrics(App& app, const httplib::Request&, httplib::Response& res) {
  Metrics::Gauges g;
  g.exports_in_progress = app.exports.active();
  g.open_connections = app.open_connections ? app.open_connections() : 0;
  g.workers = app.workers.size();
  g.workers_busy = app.workers.busy();  // this request's own worker included
  g.waiting_for_worker = app.workers.waiting();
  auto db = with_database(app.dbs, [&](Xapian::Database& d) -> Result<bool> {
    g.documents = d.get_doccount();
    g.revision = static_cast<long long>(database_revision(d));
    return true;
  });
  (void)db;  // an unavailable index only leaves the gauges out
  res.status = 200;
  res.set_content(app.metrics.render(g), "text/plain; version=0.0.4; charset=utf-8");
}

void handle_admin_reload(App& app, const httplib::Request& req, httplib::Response& res) {
  if (auto checked = reject_params(req); !checked) return send_error(res, checked.error());
  // The new tokens replace the old ones only when they all parse: a typo does not lock anyone out.
  auto tokens = app.tokens.load(app.config.token_file, app.config.env_tokens);
  if (!tokens) {
    spdlog::error("rid={} reload: {}; the previous tokens stay in force", current_request().id,
                  tokens.error().message);
    return send_error(res, make_error(ErrorCode::kInternal,
                                      "the tokens could not be loaded (the server log says why); "
                                      "the previous tokens stay in force"));
  }
  app.dbs.invalidate();
  app.stats.clear();
  app.facets.clear();
  app.shares.clear();
  auto info = with_index(app.dbs, [&](IndexHandle& h) -> Result<nlohmann::ordered_json> {
    return nlohmann::ordered_json{{"status", "reloaded"},
                                  {"tokens", tokens.value()},
                                  {"documents", h.db.get_doccount()},
                                  {"index", index_json(h)}};
  });
  if (!info) return send_error(res, info.error());
  send_json(res, info.value());
}

}  // namespace pressroom::searchd
