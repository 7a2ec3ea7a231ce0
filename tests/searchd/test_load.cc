// Load with concurrent writes: many clients search (with facets), fetch documents, export and
// ask for manifests while pressroom-index commits batches into the same database, and an admin
// reloads now and then. No request may fail, no export may be torn (each one's rows hash to its
// own manifest), the server stays up, and every batch is visible to the first request made after
// its commit. Prints the throughput held and the latency percentiles per kind of request.
//
// Environment: PRESSROOM_LOAD_SECONDS (default 12; 8 under ThreadSanitizer),
// PRESSROOM_LOAD_CLIENTS (default 12), PRESSROOM_INDEX_BIN (the writer).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "pressroom/export.h"
#include "searchd_test_util.h"
#include "test_support.h"

extern char** environ;

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

#if defined(__SANITIZE_THREAD__)
constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kThreadSanitizer = true;
#else
constexpr bool kThreadSanitizer = false;
#endif
#else
constexpr bool kThreadSanitizer = false;
#endif

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

const std::string kAdminToken = "load-test-admin-token-8c7b6a5d4e3f";

// A vocabulary big enough that one word matches a slice of the archive, not all of it.
std::string word(unsigned i) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to",
                                     "ve", "zu", "bo", "de", "fi", "gu", "ha", "jo"};
  return std::string(kSyllables[i % 16]) + kSyllables[(i / 16) % 16] + kSyllables[(i / 7 + 3) % 16];
}
constexpr unsigned kWords = 400;

const char* kIssuers[] = {"Tax Division",
                          "Criminal Division",
                          "Civil Rights Division",
                          "Antitrust Division",
                          "Port Authority",
                          "City Council",
                          "Ministry of Health",
                          "Water Board",
                          "USAO - Florida, Southern",
                          "Office of the Attorney General",
                          "Environment Agency",
                          "Court of Appeal"};
const char* kTopics[] = {"Tax",   "Fraud",     "Civil Rights", "Health",
                         "Water", "Transport", "Housing",      "Environment"};

Json release(const std::string& id, unsigned seed, const std::string& title_extra) {
  std::mt19937 rng(seed);
  std::string body;
  for (int w = 0; w < 60; ++w) body += word(rng() % kWords) + (w % 12 == 11 ? ".\n" : " ");
  std::string title = title_extra;
  for (int w = 0; w < 5; ++w) title += " " + word(rng() % kWords);
  Json issuers = Json::array({kIssuers[rng() % 12]});
  if (rng() % 4 == 0) issuers.push_back(kIssuers[rng() % 12]);
  char date[16];
  std::snprintf(date, sizeof date, "%04u-%02u-%02u", 2009 + static_cast<unsigned>(rng() % 10),
                1 + static_cast<unsigned>(rng() % 12), 1 + static_cast<unsigned>(rng() % 28));
  return Json{{"id", id},
              {"date", date},
              {"issuers", issuers},
              {"topics", Json::array({kTopics[rng() % 8]})},
              {"title", title},
              {"body", body},
              {"url", "https://example.org/" + id},
              {"source", "load"}};
}

std::string jsonl(const std::vector<Json>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + "\n";
  return out;
}

// pressroom-index, without Catch (it runs on the writer thread): the exit code.
int run_indexer(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv = args;
  argv.insert(argv.begin(), index_bin());
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> cargs;
  for (auto& a : argv) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cargs[0], &fa, nullptr, cargs.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

enum Kind { kSearch, kDocument, kManifest, kExport, kReload, kKinds };
const char* kKindNames[] = {"search", "document", "manifest", "export", "reload"};

struct Stats {
  std::mutex mu;
  std::vector<double> ms[kKinds];
  std::vector<std::string> failures;
  long exported_rows = 0;
  void add(Kind k, double v) {
    std::lock_guard lock(mu);
    ms[k].push_back(v);
  }
  void fail(std::string what) {
    std::lock_guard lock(mu);
    if (failures.size() < 20) failures.push_back(std::move(what));
  }
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i =
      std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

// The ids of an export body, in order, by format.
std::vector<std::string> export_ids(const std::string& format, const std::string& body, bool* ok) {
  std::vector<std::string> ids;
  *ok = true;
  if (format == "ndjson") {
    size_t start = 0;
    while (start < body.size()) {
      const size_t nl = body.find('\n', start);
      auto j = Json::parse(body.substr(start, nl - start), nullptr, false);
      if (j.is_discarded() || !j.contains("id")) return *ok = false, ids;
      ids.push_back(j["id"].get<std::string>());
      start = nl == std::string::npos ? body.size() : nl + 1;
    }
  } else if (format == "json") {
    auto j = Json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.contains("records")) return *ok = false, ids;
    for (const auto& r : j["records"]) ids.push_back(r["id"].get<std::string>());
  } else {  // csv with id first; ids here never need quoting
    size_t start = body.find("\r\n");
    if (start == std::string::npos) return *ok = false, ids;
    start += 2;
    while (start < body.size()) {
      const size_t comma = body.find(',', start);
      ids.push_back(body.substr(start, comma - start));
      // A row ends at the first CRLF outside quotes; titles have no quotes or line breaks here.
      const size_t end = body.find("\r\n", start);
      if (end == std::string::npos) return *ok = false, ids;
      start = end + 2;
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("load: many clients while pressroom-index commits batches", "[load][concurrency]") {
  const int seconds = env_int("PRESSROOM_LOAD_SECONDS", kThreadSanitizer ? 8 : 12);
  const int clients = env_int("PRESSROOM_LOAD_CLIENTS", 12);
  // A commit every ~0.4 s plus its own time: far more often than a real import (one commit per
  // --batch-size records, 10,000 by default). Exports are spooled before they are sent, and
  // prepared again on a newer revision when the writer overwrites theirs meanwhile, so none may
  // fail however fast the writer commits.
  const auto min_pause = kThreadSanitizer ? 800ms : 400ms;
  std::atomic<long> longest_export_ms{0};
  constexpr int kBase = 4000, kBatchNew = 150, kBatchChanged = 50;
  INFO("pressroom-index: " << index_bin());
  REQUIRE(fs::exists(index_bin()));

  TempDir dir;
  const fs::path db = dir / "db";
  std::vector<Json> base;
  for (int i = 0; i < kBase; ++i)
    base.push_back(release("base-" + std::to_string(i), i, "Release"));
  write_file(dir / "base.jsonl", jsonl(base));
  REQUIRE(run_indexer({"add", "--db", db.string(), "--quiet", (dir / "base.jsonl").string()},
                      dir / "index.log") == 0);

  auto cfg = test_config(db);
  cfg.threads = 8;
  cfg.max_concurrent_exports = static_cast<unsigned>(clients);  // the limit is tested elsewhere
  cfg.env_tokens = "admin load " + kAdminToken;
  TestServer s(cfg);

  Stats stats;
  std::atomic<bool> stop{false};
  std::atomic<int> batches{0};
  std::atomic<long> commit_ms{0};
  const auto start = Clock::now();

  std::thread writer([&] {
    for (int k = 0; !stop; ++k) {
      // New releases that all carry one word no other release has, and changed ones.
      const std::string token = "batchword" + word(static_cast<unsigned>(k)) + std::to_string(k);
      std::vector<Json> batch;
      for (int i = 0; i < kBatchNew; ++i)
        batch.push_back(release("new-" + std::to_string(k) + "-" + std::to_string(i),
                                100000 + k * 1000 + i, token));
      for (int i = 0; i < kBatchChanged; ++i) {
        const int b = (k * kBatchChanged + i) % kBase;
        batch.push_back(release("base-" + std::to_string(b), b, "Revised " + std::to_string(k)));
      }
      const fs::path file = dir / ("batch-" + std::to_string(k) + ".jsonl");
      write_file(file, jsonl(batch));
      const auto t0 = Clock::now();
      const int rc = run_indexer({"add", "--db", db.string(), "--batch-size", "1000", "--threads",
                                  "1", "--quiet", file.string()},
                                 dir / "index.log");
      commit_ms += std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
      if (rc != 0) {
        stats.fail("pressroom-index exited with " + std::to_string(rc) + " on batch " +
                   std::to_string(k));
        return;
      }
      // The first request after the commit sees the batch.
      httplib::Client c("127.0.0.1", s.port());
      auto found = c.Get("/api/v1/search?facets=none&q=" + token);
      if (!found || found->status != 200 ||
          Json::parse(found->body, nullptr, false).value("total", -1) != kBatchNew)
        stats.fail("batch " + std::to_string(k) +
                   " was not found by the first search after its commit");
      auto doc =
          c.Get("/api/v1/documents/new-" + std::to_string(k) + "-" + std::to_string(kBatchNew - 1));
      if (!doc || doc->status != 200)
        stats.fail("a release of batch " + std::to_string(k) + " was not served after its commit");
      batches = k + 1;
      for (auto until = Clock::now() + min_pause; !stop && Clock::now() < until;)
        std::this_thread::sleep_for(20ms);
    }
  });

  std::thread admin([&] {
    httplib::Client c("127.0.0.1", s.port());
    const httplib::Headers auth{{"Authorization", "Bearer " + kAdminToken}};
    while (!stop) {
      std::this_thread::sleep_for(1500ms);
      const auto t0 = Clock::now();
      auto r = c.Post("/api/v1/admin/reload", auth, "", "text/plain");
      if (!r || r->status != 200) stats.fail("admin reload failed");
      stats.add(kReload, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  });

  std::vector<std::thread> readers;
  for (int t = 0; t < clients; ++t)
    readers.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t) * 7919u + 1);
      httplib::Client c("127.0.0.1", s.port());
      c.set_read_timeout(60);
      c.set_keep_alive(true);
      while (!stop) {
        const unsigned dice = rng() % 100;
        const Kind kind = dice < 60   ? kSearch
                          : dice < 85 ? kDocument
                          : dice < 92 ? kManifest
                                      : kExport;
        const std::string w = word(rng() % kWords);
        std::string target;
        const auto t0 = Clock::now();
        if (kind == kSearch) {
          target = "/api/v1/search?q=" + w + (rng() % 3 == 0 ? "+OR+" + word(rng() % kWords) : "") +
                   "&facets=issuer,topic,year&histogram=auto";
          if (rng() % 4 == 0) target += "&issuer=" + enc(kIssuers[rng() % 12]);
          if (rng() % 5 == 0) target += "&sort=newest&page=2";
          auto r = c.Get(target);
          auto j = r ? Json::parse(r->body, nullptr, false) : Json();
          if (!r || r->status != 200 || j.is_discarded() || !j.contains("facets") ||
              j["total"].get<long>() < static_cast<long>(j["hits"].size()))
            stats.fail("search " + target + ": " + (r ? std::to_string(r->status) : "no answer"));
        } else if (kind == kDocument) {
          const int done = batches;
          const std::string id =
              done > 0 && rng() % 3 == 0
                  ? "new-" + std::to_string(rng() % done) + "-" + std::to_string(rng() % kBatchNew)
                  : "base-" + std::to_string(rng() % kBase);
          target = "/api/v1/documents/" + id;
          auto r = c.Get(target);
          if (!r || r->status != 200 || Json::parse(r->body, nullptr, false).value("id", "") != id)
            stats.fail("document " + id + ": " + (r ? std::to_string(r->status) : "no answer"));
        } else if (kind == kManifest) {
          target = "/api/v1/export/manifest?q=" + w;
          auto r = c.Get(target);
          if (!r || r->status != 200 ||
              !Json::parse(r->body, nullptr, false).contains("ids_sha256"))
            stats.fail("manifest " + target + ": " + (r ? std::to_string(r->status) : "no answer"));
        } else {
          static const char* kFormats[] = {"ndjson", "csv", "json"};
          const std::string format = kFormats[rng() % 3];
          const bool everything = rng() % 8 == 0;
          target = "/api/v1/export?format=" + format + (everything ? "" : "&q=" + w) +
                   (format == "csv" ? "&fields=id,date,title" : "");
          std::string body;
          const auto export_start = Clock::now();
          auto r = c.Get(target, [&](const char* data, size_t n) {
            body.append(data, n);
            return true;
          });
          const long took =
              std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - export_start)
                  .count();
          for (long seen = longest_export_ms.load();
               took > seen && !longest_export_ms.compare_exchange_weak(seen, took);) {
          }
          bool parsed = false;
          const auto ids = r && r->status == 200 ? export_ids(format, body, &parsed)
                                                 : std::vector<std::string>();
          std::string joined;
          for (const auto& id : ids) joined += id + "\n";
          if (!r || r->status != 200 || !parsed)
            stats.fail("export " + target + ": " +
                       (r ? std::to_string(r->status) : "failed transfer"));
          else if (std::to_string(ids.size()) != r->get_header_value("X-Pressroom-Count") ||
                   sha256_hex(joined) != r->get_header_value("X-Pressroom-Ids-Sha256"))
            stats.fail("torn export " + target + ": " + std::to_string(ids.size()) +
                       " rows, manifest says " + r->get_header_value("X-Pressroom-Count"));
          else {
            std::lock_guard lock(stats.mu);
            stats.exported_rows += static_cast<long>(ids.size());
          }
        }
        stats.add(kind, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });

  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& r : readers) r.join();
  admin.join();
  writer.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  size_t total = 0;
  for (const auto& v : stats.ms) total += v.size();
  std::printf(
      "\nload: %d clients for %.1f s against %d releases (+%d new, %d changed per commit); "
      "%d commits, one every %.1f s (pressroom-index %.0f ms each), %ld rows exported "
      "(longest export %ld ms)\n",
      clients, elapsed, kBase, kBatchNew, kBatchChanged, batches.load(),
      batches ? elapsed / batches : 0.0, batches ? static_cast<double>(commit_ms) / batches : 0.0,
      stats.exported_rows, longest_export_ms.load());
  std::printf("%-9s %8s %8s %9s %9s %9s %9s\n", "request", "count", "per s", "p50 ms", "p95 ms",
              "p99 ms", "max ms");
  for (int k = 0; k < kKinds; ++k) {
    const auto& v = stats.ms[k];
    std::printf("%-9s %8zu %8.1f %9.1f %9.1f %9.1f %9.1f\n", kKindNames[k], v.size(),
                static_cast<double>(v.size()) / elapsed, percentile(v, 50), percentile(v, 95),
                percentile(v, 99), percentile(v, 100));
  }
  std::printf("%-9s %8zu %8.1f\n", "all", total, static_cast<double>(total) / elapsed);
  std::fflush(stdout);

  for (const auto& f : stats.failures) FAIL_CHECK(f);
  CHECK(stats.failures.empty());
  CHECK(batches >= 2);
  for (int k = 0; k < kKinds; ++k) {
    INFO(kKindNames[k]);
    CHECK(!stats.ms[k].empty());
  }
  // Still up, and holding every release: the base ones and every batch's new ones.
  auto health = s.get("/healthz");
  CHECK(health->status == 200);
  CHECK(json_of(s.get("/api/v1/stats"))["documents"] == kBase + kBatchNew * batches);
}
