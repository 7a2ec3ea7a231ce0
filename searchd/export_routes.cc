// Handlers of the endpoints that walk a whole result set or turn it into another format:
// /api/v1/export, /api/v1/export/manifest and /api/v1/feed.
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "atom.h"
#include "export_spool.h"
#include "json_reply.h"
#include "pressroom/export.h"
#include "pressroom/params.h"
#include "pressroom/searcher.h"
#include "query_params.h"
#include "request_context.h"
#include "routes.h"

namespace pressroom::searchd {

namespace {

constexpr int kFeedEntries = 50;

// An export ready to be sent: its manifest, and its body when it was spooled.
struct PreparedExport {
  ExportManifest manifest;
  std::optional<SpoolFile> body;
};

// Prepares an export on a fresh snapshot and, with `spool`, writes its whole body to a spool
// file. Nothing has been sent yet, so when the writer overwrites the snapshot meanwhile (Xapian's
// DatabaseModifiedError, or the encoding walk disagreeing with the counting walk), starting
// again on a newer snapshot is invisible to the client.
std::optional<PreparedExport> prepare_export(App& app, const SearchRequest& request,
                                             httplib::Response& res, bool spool) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto snapshot = app.dbs.snapshot();
    if (!snapshot) {
      send_error(res, snapshot.error());
      return std::nullopt;
    }
    bool changed = false;
    try {
      auto shards = shard_states(snapshot.value());
      auto ex =
          Export::prepare(std::move(snapshot->db), request, app.config.limits, PRESSROOM_VERSION,
                          std::chrono::system_clock::now(), std::move(shards));
      if (!ex) {
        send_error(res, ex.error());
        return std::nullopt;
      }
      PreparedExport p{ex->manifest(), std::nullopt};
      if (!spool) return p;
      auto file = SpoolFile::create(app.config.export_spool_dir);
      if (!file) {
        spdlog::error("rid={} {}", current_request().id, file.error().message);
        send_error(res, make_error(ErrorCode::kUnavailable,
                                   "the export cannot be prepared at the moment; try again later"));
        return std::nullopt;
      }
      std::string out;
      while (!ex->done() && !changed) {
        out.clear();
        changed = !ex->next(out).ok();  // the walks disagree: the index changed
        if (!changed && !file->append(out)) {
          spdlog::error("rid={} writing the export spool file in {} failed after {} bytes: {}",
                        current_request().id, SpoolFile::folder(app.config.export_spool_dir),
                        file->size(), std::strerror(errno));
          send_error(res, make_error(ErrorCode::kUnavailable,
                                     "the export does not fit on the server at the moment; try "
                                     "again later"));
          return std::nullopt;
        }
      }
      if (!changed) {
        p.body = std::move(file.value());
        return p;
      }
    } catch (const Xapian::DatabaseModifiedError&) {
      changed = true;
    }
    if (attempt == kAttempts) {
      send_error(res, make_error(ErrorCode::kUnavailable,
                                 "the index changed repeatedly during the export; try again"));
      return std::nullopt;
    }
  }
}

const char* content_type(ExportFormat f) {
  switch (f) {
    case ExportFormat::kJson:
      return "application/json; charset=utf-8";
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8; header=present";
    case ExportFormat::kNdjson:
      break;
  }
  return "application/x-ndjson; charset=utf-8";
}

struct ExportJob {
  std::optional<SpoolFile> body;     // none for HEAD
  std::shared_ptr<const void> slot;  // released when the response (and this job) is destroyed
  std::string request_id;
  uint64_t sent = 0;
  std::string buffer = std::string(size_t{64} * 1024, '\0');
};

// Sends the next piece of the spooled body. Returning false makes httplib close the connection
// short of its Content-Length or without the final empty chunk: clients see a truncated
// (failed) transfer, never a silently short one.
bool stream_step(ExportJob& job, httplib::DataSink& sink) {
  if (!job.body) {
    sink.done();
    return true;
  }
  const ssize_t n = job.body->read_at(job.sent, job.buffer.data(), job.buffer.size());
  if (n < 0 || (n == 0 && job.sent < job.body->size())) {
    spdlog::error("rid={} export aborted: reading its spool file failed after {} of {} bytes: {}",
                  job.request_id, job.sent, job.body->size(),
                  n < 0 ? std::strerror(errno) : "the file ended early");
    current_request().aborted = true;
    return false;
  }
  if (n == 0) {
    sink.done();
    return true;
  }
  job.sent += static_cast<uint64_t>(n);
  return sink.write(job.buffer.data(), static_cast<size_t>(n));
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
    return send_error(res, make_error(ErrorCode::kTooManyRequests,
                                      std::to_string(app.config.max_concurrent_exports) +
                                          " exports are running already; try again when one "
                                          "has finished"));
  }
  // HEAD gets the headers only: nothing to spool.
  auto ex = prepare_export(app, request.value(), res, req.method != "HEAD");
  if (!ex) return;
  const ExportManifest& m = ex->manifest;
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
  auto job = std::make_shared<ExportJob>();
  job->body = std::move(ex->body);
  job->slot = std::move(slot);
  job->request_id = current_request().id;
  // The spooled body has a known size: Content-Length lets clients show progress and tell a cut
  // transfer from a whole one. A Range request gets the whole body with 200 (allowed by RFC 9110):
  // a later request may read a newer revision, so resuming at an offset could tear the file.
  const uint64_t size = job->body ? job->body->size() : 0;
  if (job->body && size == 0) {
    res.set_content("", content_type(m.format));
  } else if (job->body && !req.has_header("Range")) {
    res.set_content_provider(
        static_cast<size_t>(size), content_type(m.format),
        [job](size_t, size_t, httplib::DataSink& sink) { return stream_step(*job, sink); });
  } else {
    res.set_chunked_content_provider(
        content_type(m.format),
        [job](size_t, httplib::DataSink& sink) { return stream_step(*job, sink); });
  }
}

void handle_export_manifest(App& app, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_params(query_params(req), Endpoint::kExport, app.config.limits);
  if (!request) return send_error(res, request.error());
  auto ex = prepare_export(app, request.value(), res, false);
  if (!ex) return;
  current_request().hits = ex->manifest.count;
  send_json(res, to_json(ex->manifest));
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
  auto result = with_database(
      app.dbs, [&](Xapian::Database& db) { return search(db, r, app.config.limits); });
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
