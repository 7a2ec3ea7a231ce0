// Fuzzes HTTP parameter parsing and query building: the input is a query string as a client
// sends it; it is decoded as searchd's HTTP layer decodes it (httplib), parsed for every
// endpoint, and each accepted request is built into a Xapian::Query and run against a small
// in-memory index: a search page with facets and histogram, or an export drained to its end.
// Invariants: an error is invalid_argument with a message; an accepted request is within its
// limits; a search page holds at most per_page hits; an export streams exactly its manifest.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <httplib.h>
#include <xapian.h>

#include "pressroom/document_builder.h"
#include "pressroom/export.h"
#include "pressroom/params.h"
#include "pressroom/query_builder.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "search_json.h"

using namespace pressroom;

namespace {

Limits fuzz_limits() {
  Limits l;
  l.query_time_limit = 0;         // no timer threads; the fuzzer's -timeout catches hangs
  l.max_wildcard_expansion = 40;  // small enough for the index below to exceed it
  l.export_page_size = 7;         // several export pages even for a small index
  l.max_result_window = 1000;
  return l;
}

// A small glass database in a temporary folder, removed at exit. (Xapian's in-memory backend
// cannot report a revision, which every search answer carries.)
Xapian::Database make_index() {
  char tmpl[] = "/tmp/pressroom-fuzz-params-XXXXXX";
  if (!mkdtemp(tmpl)) std::abort();
  static std::string dir = tmpl;
  std::atexit([] { std::filesystem::remove_all(dir); });
  Xapian::WritableDatabase db(dir + "/db", Xapian::DB_CREATE);
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaDefaultLanguage), "en");
  const char* issuers[] = {"Tax Division", "Criminal Division", "Civil Rights Division",
                           "Café Ünïon"};
  const char* topics[] = {"Tax", "Fraud", "Civil Rights"};
  const char* words[] = {"fraud",      "tax",        "bribery",  "grand", "jury",
                         "indictment", "settlement", "harbour",  "alpha", "almanac",
                         "already",    "amended",    "announced"};
  DocumentBuilder builder;
  for (int i = 0; i < 60; ++i) {
    nlohmann::ordered_json j;
    j["id"] = "r-" + std::to_string(i);
    if (i % 7 != 0)
      j["date"] = std::to_string(2014 + i % 5) + "-0" + std::to_string(1 + i % 9) + "-1" +
                  std::to_string(i % 10);
    j["issuers"] = {issuers[i % 4]};
    if (i % 3 == 0) j["issuers"].push_back(issuers[(i + 1) % 4]);
    j["topics"] = {topics[i % 3]};
    std::string body;
    for (int w = 0; w < 30; ++w) body += std::string(words[(i * 7 + w * 3) % 13]) + " ";
    body += "a" + std::to_string(i) + " ab" + std::to_string(i * 3);
    j["title"] = "Release " + std::to_string(i) + " about " + words[i % 13];
    j["body"] = body;
    j["url"] = "https://example.org/pr/r-" + std::to_string(i);
    auto r = record_from_json(j);
    if (!r) std::abort();
    db.replace_document(DocumentBuilder::id_term(r->id), builder.build(r.value()));
  }
  db.set_metadata(std::string(schema::kMetaMaxIssuers), "2");
  db.set_metadata(std::string(schema::kMetaMaxTopics), "1");
  db.commit();
  db.close();
  return Xapian::Database(dir + "/db");
}

const Xapian::Database& index() {
  static const Xapian::Database db = make_index();
  return db;
}

void check_error(const Error& e) {
  if (e.code != pressroom::ErrorCode::kInvalidArgument || e.message.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  httplib::Params decoded;
  httplib::detail::parse_query_text(text, decoded);
  const QueryParams params(decoded.begin(), decoded.end());
  const Limits limits = fuzz_limits();
  const Xapian::Database& db = index();

  for (Endpoint e : {Endpoint::kSearch, Endpoint::kExport, Endpoint::kFeed}) {
    auto req = parse_params(params, e, limits);
    if (!req) {
      check_error(req.error());
      continue;
    }
    if (req->q.size() > limits.max_query_bytes || req->per_page < 1 ||
        req->per_page > limits.max_per_page || req->page < 1 ||
        static_cast<unsigned long long>(req->page) * req->per_page > limits.max_result_window ||
        req->facet_size > limits.max_facet_size ||
        (!req->from_key.empty() && !req->to_key.empty() && req->from_key > req->to_key))
      std::abort();
    auto built = build_query(req.value(), db, limits);
    if (!built) {
      check_error(built.error());
      continue;
    }
    (void)built->query.get_description();
    if (e == Endpoint::kExport) {
      auto ex = Export::prepare(db, req.value(), limits, "fuzz", std::chrono::system_clock::now());
      if (!ex) {
        check_error(ex.error());
        continue;
      }
      std::string out;
      while (!ex->done())
        if (!ex->next(out).ok()) std::abort();  // nobody writes to the index: no snapshot change
      if (ex->manifest().count > db.get_doccount() || ex->manifest().ids_sha256.size() != 64)
        std::abort();
    } else {
      auto r = search(db, req.value(), limits);
      if (!r) {
        check_error(r.error());
        continue;
      }
      if (r->hits.size() > req->per_page || r->total > db.get_doccount()) std::abort();
      // The answer is JSON that nlohmann reads back.
      if (nlohmann::ordered_json::parse(searchd::search_result_json(r.value()), nullptr, false)
              .is_discarded())
        std::abort();
    }
  }
  return 0;
}
