// Several --db searched as one: every answer that names the index state names each shard's uuid
// and revision, so exports over shards stay citable, and caches follow a commit to any shard.
#include <xapian.h>
#include <catch2/catch.hpp>

#include "db_pool.h"
#include "pressroom/export.h"
#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;

namespace {

struct Shards {
  TempDir dir;
  fs::path a = dir / "a.db", b = dir / "b.db";
  Shards() {
    index_records(a, sample_records());
    index_records(b, {Json{{"id", "b-1"},
                           {"title", "Shard B release"},
                           {"body", "Harbour works."},
                           {"issuers", {"Port Authority"}},
                           {"date", "2019-02-03"}}});
    index_records(b, {Json{{"id", "b-2"},
                           {"title", "Another B release"},
                           {"body", "Harbour fees."},
                           {"issuers", {"Port Authority"}},
                           {"date", "2019-02-04"}}});
  }
  searchd::Config config() const {
    auto c = test_config(a);
    c.dbs = {a.string(), b.string()};
    return c;
  }
  static Json expected(const fs::path& db) {
    Xapian::Database d(db.string());
    return Json{
        {"uuid", d.get_uuid()}, {"revision", d.get_revision()}, {"documents", d.get_doccount()}};
  }
};

}  // namespace

TEST_CASE_METHOD(Shards, "shards: stats, healthz and manifests name every shard", "[shards]") {
  TestServer s(config());
  const Json shards = Json::array({expected(a), expected(b)});
  const std::string rev_b = std::to_string(shards[1]["revision"].get<int>());
  // Xapian joins the uuids of combined databases with ':'.
  const std::string uuid =
      shards[0]["uuid"].get<std::string>() + ":" + shards[1]["uuid"].get<std::string>();

  auto stats = json_of(s.get("/api/v1/stats"));
  CHECK(stats["documents"] == sample_records().size() + 2);
  CHECK(stats["index"]["uuid"] == uuid);
  CHECK(stats["index"]["revision"] == 0);  // Xapian has no revision for several databases
  CHECK(stats["index"]["shards"] == shards);
  CHECK(json_of(s.get("/healthz"))["index"]["shards"] == shards);

  auto manifest = json_of(s.get("/api/v1/export/manifest?q=harbour"));
  CHECK(manifest["count"] == 2);
  CHECK(manifest["index"]["uuid"] == uuid);
  CHECK(manifest["index"]["shards"] == shards);
  auto nd = s.get("/api/v1/export?q=harbour");
  REQUIRE(nd->status == 200);
  CHECK(nd->get_header_value("X-Pressroom-Index-Shards") ==
        shards[0]["uuid"].get<std::string>() + "@" +
            std::to_string(shards[0]["revision"].get<int>()) + ", " +
            shards[1]["uuid"].get<std::string>() + "@" + rev_b);
  auto js = json_of(s.get("/api/v1/export?q=harbour&format=json"));
  CHECK(js["manifest"]["index"]["shards"] == shards);
  // The same state gives the same manifest (but for its time): citable.
  auto again = json_of(s.get("/api/v1/export/manifest?q=harbour"));
  again["generated_at"] = manifest["generated_at"];
  CHECK(again == manifest);

  // One database: the list has its one shard, with the database's own revision.
  TestServer one(test_config(a));
  auto m1 = json_of(one.get("/api/v1/export/manifest"));
  CHECK(m1["index"]["revision"] == expected(a)["revision"]);
  CHECK(m1["index"]["shards"] == Json::array({expected(a)}));
}

TEST_CASE_METHOD(Shards, "shards: a commit to one shard shows at once, caches included",
                 "[shards][live][concurrency]") {
  TestServer s(config());
  const std::string front = "/api/v1/search?facets=issuer&facet_size=1000&histogram=year";
  auto port_authority = [&](const Json& j) {
    for (const auto& f : j["facets"]["issuer"])
      if (f["value"] == "Port Authority") return f["count"].get<int>();
    return 0;
  };
  auto before = json_of(s.get(front));
  CHECK(port_authority(before) == 2);
  CHECK(port_authority(json_of(s.get(front))) == 2);  // from the cache
  auto stats_before = json_of(s.get("/api/v1/stats"));
  auto manifest_before = json_of(s.get("/api/v1/export/manifest?issuer=" + enc("Port Authority")));

  index_records(b, {Json{{"id", "b-3"},
                         {"title", "Third B release"},
                         {"body", "Harbour dredging."},
                         {"issuers", {"Port Authority"}},
                         {"date", "2020-05-06"}}});
  auto after = json_of(s.get(front));
  CHECK(after["total"] == before["total"].get<int>() + 1);
  CHECK(port_authority(after) == 3);
  auto stats = json_of(s.get("/api/v1/stats"));
  CHECK(stats["documents"] == stats_before["documents"].get<int>() + 1);
  CHECK(stats["index"]["shards"][0] == stats_before["index"]["shards"][0]);
  const Json b_now = expected(b);
  CHECK(b_now["revision"].get<int>() ==
        stats_before["index"]["shards"][1]["revision"].get<int>() + 1);
  CHECK(stats["index"]["shards"][1] == b_now);
  CHECK(stats["index"]["shards"][1]["documents"] == 3);
  auto manifest = json_of(s.get("/api/v1/export/manifest?issuer=" + enc("Port Authority")));
  CHECK(manifest["count"] == 3);
  CHECK(manifest["ids_sha256"] != manifest_before["ids_sha256"]);
  CHECK(manifest["index"]["shards"][1] == b_now);
}

TEST_CASE("shards: a backend without revisions reports revision 0", "[shards]") {
  // Found by fuzz_params (its first index was in-memory): Xapian's in-memory and remote backends
  // throw UnimplementedError for get_revision(); describing the shards must not.
  searchd::IndexHandle h;
  Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
  mem.add_document(Xapian::Document());
  h.db.add_database(mem);
  h.shards.push_back(mem);
  auto states = searchd::shard_states(h);
  REQUIRE(states.size() == 1);
  CHECK(states[0].revision == 0);
  CHECK(states[0].documents == 1);
  CHECK(searchd::state_key(h) == mem.get_uuid() + "@0");
}

TEST_CASE("shards: exports over a backend without revisions", "[shards][export]") {
  // Xapian's remote backend (xapian-tcpsrv) and its in-memory one throw UnimplementedError for
  // get_revision(): the manifest reports revision 0 and the export is the same as the local one.
  TempDir dir;
  index_records(dir / "db", sample_records());
  Xapian::Database local((dir / "db").string());
  Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (auto it = local.postlist_begin(""); it != local.postlist_end(""); ++it)
    mem.replace_document(*it, local.get_document(*it));
  mem.commit();
  SearchRequest req;
  req.q = "statement OR case";
  const auto now = std::chrono::system_clock::now();
  auto body_of = [&](const Xapian::Database& db, ExportManifest* m) {
    auto ex = Export::prepare(db, req, Limits{}, "t", now);
    REQUIRE(ex.ok());
    *m = ex->manifest();
    std::string out;
    while (!ex->done()) REQUIRE(ex->next(out).ok());
    return out;
  };
  ExportManifest from_local, from_mem;
  const std::string expected = body_of(local, &from_local);
  const std::string got = body_of(mem, &from_mem);
  CHECK(from_mem.revision == 0);
  CHECK(from_mem.count == from_local.count);
  CHECK(from_local.count > 5);
  CHECK(from_mem.ids_sha256 == from_local.ids_sha256);
  CHECK(got == expected);
}
