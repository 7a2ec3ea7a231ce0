// Integration tests: pressroom-index on pages, captures, Markdown and feeds; path metadata;
// incremental re-runs, --prune, exact duplicates; the DOJ archive from its raw HTML pages; the
// shapes of real archives of issue #16 (long ids, templates that fall back, links, YAML).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path fixtures() { return source_dir() / "tests" / "fixtures" / "ingest"; }

RunResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), index_bin());
  return run(args);
}

// Every record in a database by id.
std::map<std::string, json> records(const fs::path& db_path) {
  auto db = open_readonly({db_path.string()});
  REQUIRE(db.ok());
  std::map<std::string, json> out;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    json j = json::parse(pressroom::decode_record_data(db->get_document(*it).get_data()));
    out[j["id"].get<std::string>()] = j;
  }
  return out;
}

// The diagnostics with the fixture folder taken out of the paths.
std::string relative_diag(const std::string& err) {
  std::string out = err, prefix = fixtures().string() + "/";
  for (size_t pos; (pos = out.find(prefix)) != std::string::npos;) out.erase(pos, prefix.size());
  return out;
}

std::string congress_long_url() {
  std::ifstream f(fixtures() / "congress" / "releases.jsonl");
  std::string line;
  std::getline(f, line);
  return json::parse(line)["release"]["url"].get<std::string>();
}

void set_mtime_later(const fs::path& p) {
  fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("pages, captures, Markdown and feeds import without a mapping, every file accounted for",
          "[ingest][documents]") {
  TempDir dir;
  auto r = index_cmd({"add", "--db", (dir / "db").string(), (fixtures() / "html").string(),
                      (fixtures() / "text").string(), (fixtures() / "markdown").string(),
                      (fixtures() / "feeds").string()});
  std::string err = relative_diag(r.err);
  INFO(r.out << err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains(
                        "read 28 · added 19 · replaced 0 · unchanged 0 · rejected 9 · warnings 4"));
  CHECK_THAT(r.out, Catch::Contains("1 file(s) skipped"));  // custom-layout.toml
  // Rejections name the file (and line) and the reason.
  for (const char* line : {
           "html/binary.html: error: undecodable bytes: the file holds NUL bytes",
           "html/empty.html: error: empty file",
           "text/no-date.txt: error: no date found",
           "markdown/bad-toml.md: error: TOML front matter line 2:",
           "feeds/news.rss:22: error: field 'date': \"32 Foo 2021\" is not a valid date",
           "feeds/news.rss:28: error: field 'title': the record has neither a title nor a body",
           "feeds/empty.rss: error: the feed has no items",
           "feeds/not-a-feed.xml: error: not an RSS or Atom feed",
       })
    CHECK_THAT(err, Catch::Contains(line));
  // Warnings are told apart from rejections.
  for (const char* line : {
           "html/no-date.html: warning: no date found",
           "html/latin1.html: warning: no charset declared and not UTF-8",
           "markdown/heading-only.md: warning: no date found",
           "feeds/broken.rss:5: warning: line 12: not well-formed XML",
       })
    CHECK_THAT(err, Catch::Contains(line));

  auto recs = records(dir / "db");
  REQUIRE(recs.size() == 19);
  // Ids: the path below the walked folder for single-record files, guid/id/link for feed items.
  CHECK(recs.count("generic-og.html"));
  CHECK(recs.count("scoop-capture.txt"));
  CHECK(recs.count("yaml-front.md"));
  CHECK(recs.count("nhb-2021-041"));
  CHECK(recs.count("tag:stadtwerke.example.de,2020:presse-16"));
  const json& scoop = recs["scoop-capture.txt"];
  CHECK(scoop["date"] == "2021-06-07T16:25");
  CHECK(scoop["issuers"] == json::array({"Access Now"}));
  CHECK(recs["generic-og.html"]["date"] == "2021-06-07T16:25:00+12:00");
  CHECK(recs["jsonld.html"]["language"] == "fr");
  CHECK(recs["nhb-2021-041"]["date"] == "2021-06-07T16:25:00+12:00");
  CHECK_FALSE(recs["no-date.html"].contains("date"));
}

TEST_CASE("path patterns give captures and Markdown files their issuer, date and id",
          "[ingest][documents][paths]") {
  TempDir dir;
  auto caps = index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                         (fixtures() / "paths" / "captures.toml").string(),
                         (fixtures() / "paths" / "captures").string()});
  std::string err = relative_diag(caps.err);
  INFO(caps.out << err);
  CHECK(caps.exit_code == 1);
  CHECK_THAT(caps.out, Catch::Contains("read 4 · added 2 · replaced 0 · unchanged 0 · rejected 2"));
  CHECK_THAT(err,
             Catch::Contains("paths/captures/misc/notes.txt: error: the path does not match the "
                             "mapping's path_pattern \"{issuer}/{date:%d%b%Y}{*}.txt\""));
  CHECK_THAT(err,
             Catch::Contains("31Feb2018-typo.txt: error: the date \"31Feb2018\" in the path is "
                             "not a valid date"));
  auto recs = records(dir / "db");
  const json& a = recs.at("Access Now/07Jun2021-surveillance-bill.txt");
  CHECK(a["date"] == "2021-06-07");
  CHECK(a["issuers"] == json::array({"Access Now"}));
  CHECK(a["title"] == "Access Now warns on surveillance bill");
  CHECK(recs.at("Renters United/13Apr2018.txt")["date"] == "2018-04-13");

  auto md = index_cmd({"add", "--db", (dir / "md").string(), "--mapping",
                       (fixtures() / "paths" / "markdown.toml").string(),
                       (fixtures() / "paths" / "md").string()});
  INFO(md.out << md.err);
  REQUIRE(md.exit_code == 0);
  auto mrecs = records(dir / "md");
  REQUIRE(mrecs.size() == 2);
  const json& s = mrecs.at("scoop-20210607-surveillance-bill");
  CHECK(s["date"] == "2021-06-07");
  CHECK(s["source"] == "scoop");
  CHECK(s["title"] == "Digital rights group warns on new surveillance bill");
  CHECK(mrecs.at("scoop-20210612-harbour-ferry")["issuers"] ==
        json::array({"Wellington Harbour Trust"}));
}

TEST_CASE("re-runs skip unchanged files and read changed ones, --prune deletes what has gone",
          "[ingest][incremental]") {
  TempDir dir;
  std::string db = (dir / "db").string();
  fs::path in = dir / "in";
  write_file(in / "a.md", "---\ndate: 2021-01-01\n---\n# Alpha\n\nFirst text.\n");
  write_file(in / "b.md", "---\ndate: 2021-01-02\n---\n# Beta\n\nSecond text.\n");
  write_file(in / "sub" / "c.md", "---\ndate: 2021-01-03\n---\n# Gamma\n\nThird text.\n");
  write_file(in / "feed.rss",
             "<rss><channel><title>Org</title>"
             "<item><guid>f1</guid><title>One</title><pubDate>2021-02-01</pubDate></item>"
             "<item><guid>f2</guid><title>Two</title><pubDate>2021-02-02</pubDate></item>"
             "</channel></rss>");
  auto first = index_cmd({"add", "--db", db, in.string()});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out,
             Catch::Contains("read 5 · added 5 · replaced 0 · unchanged 0 · rejected 0"));
  auto rev = [&] { return open_readonly({db})->get_revision(); };
  auto rev1 = rev();

  auto again = index_cmd({"add", "--db", db, in.string()});
  CHECK_THAT(again.out,
             Catch::Contains("read 5 · added 0 · replaced 0 · unchanged 5 · rejected 0"));
  CHECK_THAT(again.out, Catch::Contains("4 file(s) unchanged since their last import"));
  CHECK(rev() == rev1);

  // --rescan reads every file again and still changes nothing.
  auto rescan = index_cmd({"add", "--db", db, "--rescan", in.string()});
  CHECK_THAT(rescan.out,
             Catch::Contains("read 5 · added 0 · replaced 0 · unchanged 5 · rejected 0"));
  CHECK_THAT(rescan.out, !Catch::Contains("file(s) unchanged"));
  CHECK(rev() == rev1);

  // A changed file is read again; a touched but identical one too (its records are unchanged).
  write_file(in / "b.md", "---\ndate: 2021-01-02\n---\n# Beta\n\nSecond text, corrected.\n");
  set_mtime_later(in / "b.md");
  set_mtime_later(in / "a.md");
  auto changed = index_cmd({"add", "--db", db, in.string()});
  CHECK_THAT(changed.out,
             Catch::Contains("read 5 · added 0 · replaced 1 · unchanged 4 · rejected 0"));
  CHECK_THAT(changed.out, Catch::Contains("2 file(s) unchanged"));

  // A gone file and an item gone from the feed: kept without --prune, deleted with it.
  fs::remove(in / "sub" / "c.md");
  write_file(in / "feed.rss",
             "<rss><channel><title>Org</title>"
             "<item><guid>f2</guid><title>Two</title><pubDate>2021-02-02</pubDate></item>"
             "</channel></rss>");
  set_mtime_later(in / "feed.rss");
  auto keep = index_cmd({"add", "--db", db, in.string()});
  CHECK_THAT(keep.out, Catch::Contains("read 3 · added 0 · replaced 0 · unchanged 3"));
  CHECK(records(dir / "db").size() == 5);
  // Pruning only looks below the inputs of the run.
  auto elsewhere = index_cmd({"add", "--db", db, "--prune", (in / "a.md").string()});
  CHECK_THAT(elsewhere.out, !Catch::Contains("pruned"));
  CHECK(records(dir / "db").size() == 5);
  auto prune = index_cmd({"add", "--db", db, "--prune", "--rescan", in.string()});
  INFO(prune.out << prune.err);
  CHECK_THAT(prune.out, Catch::Contains("2 record(s) pruned"));
  CHECK_THAT(prune.err, Catch::Contains("c.md: note: the file is gone; 1 record(s) pruned"));
  CHECK_THAT(prune.err,
             Catch::Contains("feed.rss: note: record \"f1\" is no longer in the file; pruned"));
  auto recs = records(dir / "db");
  CHECK(recs.size() == 3);
  CHECK_FALSE(recs.count("f1"));
  CHECK_FALSE(recs.count("sub/c.md"));
  CHECK(recs.count("a.md"));

  // A different mapping makes unchanged files count as changed.
  write_file(dir / "m.toml", "format = \"markdown\"\n[fields.source]\nvalue = \"notes\"\n");
  auto mapped = index_cmd({"add", "--db", db, "--mapping", (dir / "m.toml").string(), in.string()});
  INFO(mapped.out << mapped.err);
  CHECK_THAT(mapped.out, Catch::Contains("read 2 · added 0 · replaced 2"));
  CHECK(records(dir / "db").at("a.md")["source"] == "notes");
}

TEST_CASE("include and exclude globs choose the files of walked folders", "[ingest][paths]") {
  TempDir dir;
  fs::path in = dir / "in";
  write_file(in / "keep" / "one.md", "# One\n\nText one.\n");
  write_file(in / "keep" / "two.markdown", "# Two\n\nText two.\n");
  write_file(in / "drafts" / "three.md", "# Three\n\nText three.\n");
  write_file(in / "notes.capture",
             "Title line\nMonday, 7 June 2021, 4:25 pm\nBody of the capture.\n");
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--exclude", "drafts", "--exclude",
                      "*.markdown", in.string()});
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("read 1 · added 1"));
  CHECK_THAT(r.out, Catch::Contains("1 file(s) left out by include/exclude patterns"));
  CHECK_THAT(r.out, Catch::Contains("1 file(s) skipped"));  // notes.capture: unknown format
  write_file(dir / "text.toml", "format = \"text\"\ninclude = [\"*.capture\"]\n");
  auto t = index_cmd({"add", "--db", (dir / "db2").string(), "--mapping",
                      (dir / "text.toml").string(), in.string()});
  INFO(t.out << t.err);
  CHECK_THAT(t.out, Catch::Contains("read 1 · added 1"));
  CHECK(records(dir / "db2").at("notes.capture")["title"] == "Title line");
}

TEST_CASE("compressed pages and captures are read as they are, named without .gz/.zst",
          "[ingest][documents]") {
  TempDir dir;
  fs::path in = dir / "in";
  write_file(in / "Access Now" / "07Jun2021.txt",
             "Statement on the bill\nThe bill goes too far.\n");
  write_file(in / "page.html",
             "<html><head><title>Zipped page</title></head><body><article><p>Text of the zipped "
             "page, long enough to be a paragraph.</p><p>Published 3 May "
             "2021</p></article></body></html>");
  REQUIRE(run({"/bin/gzip", (in / "Access Now" / "07Jun2021.txt").string()}).exit_code == 0);
  REQUIRE(run({"/usr/bin/zstd", "-q", "--rm", (in / "page.html").string()}).exit_code == 0);
  REQUIRE(fs::exists(in / "page.html.zst"));
  write_file(dir / "m.toml", "format = \"text\"\npath_pattern = \"{issuer}/{date:%d%b%Y}.txt\"\n");
  auto caps = index_cmd(
      {"add", "--db", (dir / "db").string(), "--mapping", (dir / "m.toml").string(), in.string()});
  INFO(caps.out << caps.err);
  CHECK_THAT(caps.out, Catch::Contains("read 1 · added 1"));
  auto pages =
      index_cmd({"add", "--db", (dir / "db").string(), "--exclude", "Access Now", in.string()});
  INFO(pages.out << pages.err);
  CHECK_THAT(pages.out,
             Catch::Contains("read 1 · added 1 · replaced 0 · unchanged 0 · rejected 0"));
  auto recs = records(dir / "db");
  CHECK(recs.at("Access Now/07Jun2021.txt")["issuers"] == json::array({"Access Now"}));
  CHECK(recs.at("Access Now/07Jun2021.txt")["date"] == "2021-06-07");
  CHECK(recs.at("page.html")["title"] == "Zipped page");
  CHECK(recs.at("page.html")["date"] == "2021-05-03");
}

TEST_CASE("exact duplicates are indexed and point at the copy indexed first",
          "[ingest][duplicates]") {
  TempDir dir;
  std::string db = (dir / "db").string();
  write_file(
      dir / "a.jsonl",
      "{\"id\":\"orig\",\"title\":\"Statement\",\"body\":\"We stand with the workers.\"}\n"
      "{\"id\":\"copy1\",\"title\":\"Joint statement\",\"body\":\"We  stand with THE workers. \"}\n"
      "{\"id\":\"other\",\"title\":\"Other\",\"body\":\"Something else.\"}\n"
      "{\"id\":\"copy2\",\"title\":\"Re-issued\",\"body\":\"we stand with the "
      "workers.\",\"duplicate_of\":\"bogus\"}\n");
  auto r = index_cmd({"add", "--db", db, (dir / "a.jsonl").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2 record(s) repeat the body of an earlier release exactly"));
  auto recs = records(dir / "db");
  REQUIRE(recs.size() == 4);
  CHECK_FALSE(recs["orig"].contains("duplicate_of"));
  CHECK(recs["copy1"]["duplicate_of"] == "orig");
  CHECK(recs["copy2"]["duplicate_of"] == "orig");
  CHECK_FALSE(recs["other"].contains("duplicate_of"));

  auto again = index_cmd({"add", "--db", db, "--rescan", (dir / "a.jsonl").string()});
  CHECK_THAT(again.out, Catch::Contains("added 0 · replaced 0 · unchanged 4"));

  // When the original goes, the next copy becomes the original.
  auto del = index_cmd({"delete", "--db", db, "orig"});
  REQUIRE(del.exit_code == 0);
  recs = records(dir / "db");
  CHECK_FALSE(recs["copy1"].contains("duplicate_of"));
  CHECK(recs["copy2"]["duplicate_of"] == "copy1");

  // When the original's text changes, it leaves the group.
  write_file(dir / "b.jsonl",
             "{\"id\":\"copy1\",\"title\":\"Joint statement\",\"body\":\"A new text.\"}\n");
  auto changed = index_cmd({"add", "--db", db, (dir / "b.jsonl").string()});
  REQUIRE(changed.exit_code == 0);
  recs = records(dir / "db");
  CHECK_FALSE(recs["copy2"].contains("duplicate_of"));
  CHECK_FALSE(recs["copy1"].contains("duplicate_of"));

  // The same id twice in one run: its first text's copies lose it as their original.
  write_file(dir / "c.jsonl",
             "{\"id\":\"x1\",\"title\":\"X\",\"body\":\"Same words here.\"}\n"
             "{\"id\":\"x2\",\"title\":\"Y\",\"body\":\"Same words here.\"}\n"
             "{\"id\":\"x1\",\"title\":\"X\",\"body\":\"Other words now.\"}\n");
  auto twice = index_cmd({"add", "--db", db, (dir / "c.jsonl").string()});
  REQUIRE(twice.exit_code == 0);
  recs = records(dir / "db");
  CHECK_FALSE(recs["x1"].contains("duplicate_of"));
  CHECK_FALSE(recs["x2"].contains("duplicate_of"));
}

TEST_CASE("the DOJ archive imports from its raw HTML pages alone through the shipped mapping",
          "[ingest][doj]") {
  auto doj = doj_dir_or_skip();
  if (!doj) return;
  TempDir dir;
  REQUIRE(unpack_tar_zst(*doj / "pressReleases_html.tar.zst", dir / "html"));
  REQUIRE(unpack_tar_zst(*doj / "pressReleases_txt.tar.zst", dir / "txt"));
  const std::string mapping = (source_dir() / "corpus" / "mappings" / "doj-html.toml").string();
  auto r = index_cmd(
      {"add", "--db", (dir / "db").string(), "--mapping", mapping, (dir / "html").string()});
  INFO(r.out << r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(
                        "read 12694 · added 12694 · replaced 0 · unchanged 0 · rejected 0 · "));
  CHECK_THAT(r.out, !Catch::Contains("warnings"));

  auto db = open_readonly({(dir / "db").string()});
  REQUIRE(db.ok());
  auto stats = compute_stats(db.value());
  CHECK(stats.documents == 12694);
  CHECK(stats.issuers.size() == 148);
  CHECK(stats.topics.size() == 42);
  CHECK(stats.date_min == "2009-01-05");
  CHECK(stats.date_max == "2018-04-13");
  std::map<std::string, Xapian::doccount> issuers(stats.issuers.begin(), stats.issuers.end());
  CHECK(issuers["Criminal Division"] == 3462);
  CHECK(issuers["Civil Rights Division"] == 2344);
  CHECK(issuers["Tax Division"] == 2055);
  std::map<std::string, Xapian::doccount> topics(stats.topics.begin(), stats.topics.end());
  CHECK(topics["Tax"] == 802);
  CHECK(topics["Civil Rights"] == 425);
  CHECK(topics["Consumer Protection"] == 382);
  CHECK(topics["Health Care Fraud"] == 309);
  CHECK(topics["Antitrust"] == 298);
  const std::map<std::string, Xapian::doccount> per_year = {
      {"2009", 1144}, {"2010", 1202}, {"2011", 1479}, {"2012", 1340}, {"2013", 1256},
      {"2014", 1374}, {"2015", 1631}, {"2016", 1495}, {"2017", 1339}, {"2018", 434}};
  for (const auto& [year, n] : per_year) {
    INFO(year);
    CHECK(db->get_termfreq(std::string(schema::kPrefixYear) + year) == n);
  }

  // Independently: the releases whose text capture holds nothing but "None" runs.
  std::set<std::string> placeholder_ids;
  for (const auto& e : fs::directory_iterator(dir / "txt" / "pressReleases_txt")) {
    std::string text = read_file(e.path());
    size_t pos;
    while ((pos = text.find("None")) != std::string::npos) text.erase(pos, 4);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
      placeholder_ids.insert("doj-" + e.path().stem().string().substr(8));  // release_NNNNN
  }
  CHECK(placeholder_ids.size() > 600);

  const std::vector<std::string> furniture = {"Skip to main content",
                                              "Stay Connected with Justice",
                                              "Justice News",
                                              "Press Release Number:",
                                              "Component(s):",
                                              "Topic(s):",
                                              "Locate a Prison, Inmate, or Sex Offender",
                                              "Privacy Policy",
                                              "Budget & Performance"};
  size_t multi_issuer = 0, no_issuer = 0, untrimmed = 0, with_furniture = 0, placeholder_bodies = 0;
  size_t no_number = 0, bad_url = 0, duplicates = 0;
  std::map<std::string, json> by_id;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    json j = json::parse(pressroom::decode_record_data(db->get_document(*it).get_data()));
    const std::string id = j["id"];
    const std::string body = j["body"];
    const std::string title = j["title"];
    if (j["issuers"].size() > 1) ++multi_issuer;
    if (j["issuers"].empty()) ++no_issuer;
    if (title.empty() || title.front() == ' ' || title.back() == ' ') ++untrimmed;
    for (const auto& f : furniture)
      if (body.find(f) != std::string::npos) ++with_furniture;
    if (placeholder_ids.count(id) && !body.empty()) ++placeholder_bodies;
    if (!j.contains("pr_number")) ++no_number;
    if (j.value("url", "").rfind("https://www.justice.gov/", 0) != 0) ++bad_url;
    if (j.contains("duplicate_of")) ++duplicates;
    CHECK(j["source"] == "doj-opa");
    if (id.compare(4, 3, "000") == 0) by_id[id] = j;
  }
  CHECK(multi_issuer == 3140);
  CHECK(no_issuer == 18);
  CHECK(untrimmed == 0);
  CHECK(with_furniture == 0);
  CHECK(placeholder_bodies == placeholder_ids.size());  // their bodies come from the HTML
  CHECK(no_number == 265);
  CHECK(bad_url == 0);
  CHECK(duplicates > 0);
  // Same ids as the CSV mapping (doj-{id:05}): release_00000.html is doj-00000, PR 18-484.
  CHECK(by_id.at("doj-00000")["pr_number"] == "18-484");
  CHECK(by_id.at("doj-00000")["title"] ==
        "South Florida Certified Public Accountant Indicted for Tax Fraud");
  CHECK(by_id.at("doj-00000")["date"] == "2018-04-13T00:00:00-04:00");
  CHECK(by_id.at("doj-00000")["issuers"] ==
        json::array({"Tax Division", "USAO - Florida, Southern"}));

  // A second run over the unchanged folder reads nothing again.
  auto again = index_cmd(
      {"add", "--db", (dir / "db").string(), "--mapping", mapping, (dir / "html").string()});
  CHECK_THAT(again.out,
             Catch::Contains("read 12694 · added 0 · replaced 0 · unchanged 12694 · rejected 0"));
  CHECK_THAT(again.out, Catch::Contains("12694 file(s) unchanged"));

  // Without a mapping the generic extractor finds the same titles and dates, and a body made of
  // the release's own paragraphs (it may leave out link-only lines such as "Download Original").
  auto generic = index_cmd({"add", "--db", (dir / "generic").string(), "--include",
                            "release_000*.html", (dir / "html").string()});
  INFO(generic.out << generic.err.substr(0, 2000));
  REQUIRE(generic.exit_code == 0);
  CHECK_THAT(generic.out, Catch::Contains("read 100 · added 100"));
  size_t same_body = 0;
  for (const auto& [gid, g] : records(dir / "generic")) {
    std::string n = gid.substr(gid.find('_') + 1, 5);
    const json& m = by_id.at("doj-" + n);
    INFO(gid);
    CHECK(g["title"] == m["title"]);
    CHECK(g["date"] == m["date"]);
    CHECK(g["url"] == m["url"]);
    const std::string gb = g["body"], mb = m["body"];
    CHECK(!gb.empty());
    if (gb == mb) ++same_body;
    for (size_t start = 0; start < gb.size();) {
      size_t end = gb.find("\n\n", start);
      std::string para =
          gb.substr(start, end == std::string::npos ? std::string::npos : end - start);
      CHECK_THAT(mb, Catch::Contains(para));
      if (end == std::string::npos) break;
      start = end + 2;
    }
  }
  CHECK(same_body >= 85);
}

// ---- Issue #16: small fixtures in the shapes of real archives (nested JSON lines of Congress
// releases, Markdown wires in one folder per wire and day).

TEST_CASE("ids longer than a Xapian term are kept whole: import, lookup, re-import, delete",
          "[ingest][ids]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string long_id = congress_long_url();
  REQUIRE(long_id.size() == 300);
  for (const char* writers : {"2", "1"}) {  // a bulk import, then the single writer over it
    auto r = index_cmd({"add", "--db", db, "--writers", writers, "--rescan", "--mapping",
                        (fixtures() / "congress" / "congress.toml").string(),
                        (fixtures() / "congress" / "releases.jsonl").string()});
    INFO(r.out << r.err);
    CHECK_THAT(r.err, !Catch::Contains("field 'id'"));
    auto recs = records(db);
    REQUIRE(recs.count(long_id));
    CHECK(recs[long_id]["url"] == long_id);
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());
    auto doc = find_document(rdb.value(), long_id);
    REQUIRE(doc.ok());
    CHECK(json::parse(doc.value())["id"] == long_id);
    CHECK_FALSE(find_document(rdb.value(), long_id.substr(0, 299)).ok());
    CHECK(rdb->get_termfreq(DocumentBuilder::id_term(long_id)) == 1);
    if (std::string(writers) == "1") CHECK_THAT(r.out, Catch::Contains("unchanged 3"));
  }
  // A Markdown release whose default id (the path below the walked folder) is 241 bytes long.
  auto md = index_cmd({"add", "--db", db, (fixtures() / "wires").string()});
  INFO(md.out << md.err);
  CHECK_THAT(md.err, !Catch::Contains("field 'id'"));
  const std::string md_id =
      "prnewswire/2024-03-05/acme-robotics-announces-record-fourth-quarter-results-and-expands-"
      "its-warehouse-automation-partnership-with-northwind-logistics-across-seventeen-"
      "distribution-centres-in-north-america-and-europe-through-2026-full-text.md";
  CHECK(records(db).count(md_id));

  auto del = index_cmd({"delete", "--db", db, long_id, md_id});
  INFO(del.out << del.err);
  CHECK(del.exit_code == 0);
  CHECK_THAT(del.out, Catch::Contains("deleted 2 · not found 0"));
  CHECK_FALSE(records(db).count(long_id));

  json too_long = {{"id", std::string(2049, 'x')}, {"title", "t"}};
  const fs::path jsonl = dir / "long.jsonl";
  std::ofstream(jsonl) << too_long.dump() << "\n";
  auto r = index_cmd({"add", "--db", db, jsonl.string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err,
             Catch::Contains("error: field 'id': id is 2049 bytes long; at most 2048 are allowed"));
}

TEST_CASE("Congress JSON lines with \"member\": null import: defaults, optional joins, from_all",
          "[ingest][mapping]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  auto r = index_cmd({"add", "--db", db, "--mapping",
                      (fixtures() / "congress" / "congress.toml").string(),
                      (fixtures() / "congress" / "releases.jsonl").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("read 3 · added 3 · replaced 0 · unchanged 0 · rejected 0"));
  auto recs = records(db);
  const json& with_member = recs.at(congress_long_url());
  CHECK(with_member["issuers"] == json::array({"Jane Roe"}));
  CHECK(with_member["topics"] == json::array({"D", "House"}));
  CHECK(with_member["state"] == "OR");
  CHECK(with_member["byline"] == "Chair Welcomes Appropriations Deal by Jane Roe");
  // party and chamber both "D": one topic.
  CHECK(recs.at("https://roe.house.gov/media/press-releases/short-1")["topics"] ==
        json::array({"D"}));
  const json& no_member = recs.at("https://www.congress.gov/committee-releases/joint-statement-2");
  CHECK(no_member["issuers"] == json::array({"United States Congress"}));
  CHECK(no_member["topics"] == json::array());
  CHECK_FALSE(no_member.contains("state"));
  CHECK(no_member["byline"] == "Joint Committee Statement by");
}

TEST_CASE("Markdown wires: any YAML front matter, nested keys reach mappings, bad YAML rejects",
          "[ingest][markdown]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  auto r = index_cmd({"add", "--db", db, "--mapping", (fixtures() / "wires.toml").string(),
                      (fixtures() / "wires").string()});
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("read 1 · added 1 · replaced 0 · unchanged 0 · rejected 0"));
  CHECK_THAT(r.err, !Catch::Contains("front matter"));
  // The mapping's second rewrite never matched: said once, at the end, naming file and field.
  CHECK_THAT(r.err, Catch::Contains("wires.toml: warning: fields.body: replace pattern "
                                    "\"NEVER-MATCHES-\\d+\" never matched (1 value(s))"));
  CHECK_THAT(r.err, !Catch::Contains("Original/Source"));  // the first one did match
  auto recs = records(db);
  REQUIRE(recs.size() == 1);
  const json& rec = recs.begin()->second;
  CHECK(rec["title"] == "Acme Robotics Announces Record Fourth-Quarter Results");
  CHECK(rec["issuers"] == json::array({"Acme Robotics Inc."}));  // organization: name: (nested)
  CHECK(rec["city"] == "Pittsburgh");                            // three levels down
  CHECK(rec["author"] == "Dana Smith");                          // author: {name: …} (flow)
  CHECK(rec["topics"] == json::array({"earnings", "robotics"}));
  // The source link, picked by its text: [Original/Source Press Release](https://…)
  CHECK(rec["url"] ==
        "https://www.prnewswire.com/news-releases/"
        "acme-robotics-announces-record-fourth-quarter-results-302080000.html");
  CHECK_THAT(rec["body"].get<std::string>(), Catch::EndsWith("with Northwind Logistics."));

  auto bad = index_cmd({"add", "--db", db, (fixtures() / "badyaml").string()});
  INFO(bad.out << bad.err);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("bad-yaml.md: error: YAML front matter line 4: end of map "
                                      "flow not found"));
}
