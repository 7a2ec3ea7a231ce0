// Handlers of the endpoints that walk a whole result set or turn it into another format:
// /api/v1/export, /api/v1/export/manifest and /api/v1/feed.
#include <spdlog/spdlog.h>

#include <chrono>

#include "atom.h"
#include "http_util.h"
#include "pressroom/export.h"
#include "pressroom/params.h"
#include "pressroom/searcher.h"
#include "routes.h"

namespace pressroom::searchd {

namespace {

constexpr int kFeedEntries = 50;

// Prepares an export on a fresh snapshot. The counting walk sends nothing, so when the writer
// overwrites the snapshot under it, starting again on a newer snapshot is invisible to the client.
std::optional<Export> prepare_export(App& app, const SearchRequest& request,
                                     httplib::Response& res) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    auto snapshot = app.dbs.snapshot();
    if (!snapshot) {
      send_error(res, snapshot.error());
      return std::nullopt;
    }
    try {
      auto shards = shard_states(snapshot.value());
      auto ex = Export::prepare(std::move(snapshot->db), request, app.config.limits,
                                PRESSROOM_VERSION, std::chrono::system_clock::now(),
                                std::move(shards));
      if (!ex) {
        send_error(res, ex.error());
        return std::nullopt;
      }
      return std::move(ex.value());
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) {
        send_error(res, make_error("unavailable",
                                   "the index changed repeatedly during the export; try again"));
        return std::nullopt;
      }
    }
  }
}

const char* content_type(ExportFormat f) {
  switch (f) {
    case ExportFormat::kJson: return "application/json; charset=utf-8";
    case ExportFormat::kCsv: return "text/csv; charset=utf-8; header=present";
    case ExportFormat::kNdjson: break;
  }
  return "application/x-ndjson; charset=utf-8";
}

struct ExportJob {
  Export ex;
  std::shared_ptr<const void> slot;  // released when the response (and this job) is destroyed
  std::string request_id;
};

// One step of a streamed export. Returning false makes httplib close the connection without the
// final empty chunk: clients see a truncated (failed) transfer, never a silently short one.
bool stream_step(ExportJob& job, httplib::DataSink& sink) {
  try {
    std::string out;
    if (auto err = job.ex.next(out)) {
      spdlog::error("rid={} export aborted: {}", job.request_id, err->message);
      current_request().aborted = true;
      return false;
    }
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (job.ex.done()) sink.done();
    return true;
  } catch (const Xapian::DatabaseModifiedError&) {
    spdlog::warn("rid={} export aborted: the index was updated twice while streaming; the "
                 "client must export again",
                 job.request_id);
  } catch (const Xapian::Error& e) {
    spdlog::error("rid={} export aborted: {}", job.request_id, e.get_description());
  } catch (const std::exception& e) {
    spdlog::error("rid={} export aborted: {}", job.request_id, e.what());
  }
  current_request().aborted = true;
  return false;
}

std::string feed_title(const SearchRequest& r) {
  std::string t = "Pressroom: " + (r.q.empty() ? std::string("all releases") : r.q);
  for (const auto& i : r.issuers) t += " · issuer " + i;
  for (const auto& i : r.topics) t += " · topic " + i;
  if (!r.from.empty()) t += " · from " + r.from;
  if (!r.to.empty()) t += " · to " + r.to;
  return t;
}

}  // namespace

void handle_export(App& app, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_params(query_params(req), Endpoint::kExport, app.config.limits);
  if (!request) return send_error(res, request.error());
  auto slot = app.exports.try_acquire();
  if (!slot) {
    res.set_header("Retry-After", "2");
    return send_error(res, make_error("too_many_requests",
                                      std::to_string(app.config.max_concurrent_exports) +
                                          " exports are running already; try again when one "
                                          "has finished"));
  }
  auto ex = prepare_export(app, request.value(), res);
  if (!ex) return;
  const ExportManifest& m = ex->manifest();
  current_request().hits = m.count;
  const std::string ext = std::string(to_string(m.format));
  res.status = 200;
  res.set_header("X-Pressroom-Count", std::to_string(m.count));
  res.set_header("X-Pressroom-Ids-Sha256", m.ids_sha256);
  res.set_header("X-Pressroom-Index-Uuid", m.uuid);
  res.set_header("X-Pressroom-Index-Revision", std::to_string(m.revision));
  std::string shards;
  for (const auto& sh : m.shards)
    shards += (shards.empty() ? "" : ", ") + sh.uuid + "@" + std::to_string(sh.revision);
  res.set_header("X-Pressroom-Index-Shards", shards);
  res.set_header("X-Pressroom-Generated-At", m.generated_at);
  const std::string query = query_string(req);
  res.set_header("X-Pressroom-Manifest-Url",
                 "/api/v1/export/manifest" + (query.empty() ? "" : "?" + query));
  res.set_header("Content-Disposition", "attachment; filename=\"pressroom-" +
                                            m.ids_sha256.substr(0, 12) + "." + ext + "\"");
  auto job = std::make_shared<ExportJob>(
      ExportJob{std::move(*ex), std::move(slot), current_request().id});
  res.set_chunked_content_provider(content_type(m.format),
                                   [job](size_t, httplib::DataSink& sink) {
                                     return stream_step(*job, sink);
                                   });
}

void handle_export_manifest(App& app, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_params(query_params(req), Endpoint::kExport, app.config.limits);
  if (!request) return send_error(res, request.error());
  auto ex = prepare_export(app, request.value(), res);
  if (!ex) return;
  current_request().hits = ex->manifest().count;
  send_json(res, to_json(ex->manifest()));
}

void handle_feed(App& app, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_params(query_params(req), Endpoint::kFeed, app.config.limits);
  if (!request) return send_error(res, request.error());
  SearchRequest& r = request.value();
  r.sort = SortOrder::kNewest;
  r.page = 1;
  r.per_page = kFeedEntries;
  r.facets.clear();
  r.histogram = HistogramInterval::kNone;
  auto result = with_database(app.dbs, [&](Xapian::Database& db) {
    return search(db, r, app.config.limits);
  });
  if (!result) return send_error(res, result.error());
  current_request().hits = static_cast<long long>(result->hits.size());
  const std::string base = public_base(req, app.config.base_url, app.local_url);
  const std::string query = query_string(req);
  FeedInfo info;
  info.title = feed_title(r);
  info.self_url = base + req.path + (query.empty() ? "" : "?" + query);
  info.alternate_url = base + "/" + (query.empty() ? "" : "?" + query);
  info.base_url = base;
  info.generated_at = utc_timestamp(std::chrono::system_clock::now());
  res.status = 200;
  res.set_content(atom_feed(info, result->hits), "application/atom+xml; charset=utf-8");
}

}  // namespace pressroom::searchd
