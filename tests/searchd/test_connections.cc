// Many connections at once (issue #17): slow and idle connections must never starve searches.
// 256 connections from one address (127.0.0.2) trickle their headers or sit idle while another
// client (127.0.0.1) searches: every search is answered quickly, the connections over the
// per-address cap are closed at once, the others by the head or keep-alive timeouts, and the
// server's thread count stays bounded.
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "connections.h"
#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// Threads of this process (the server runs in it).
int thread_count() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  return -1;
}

// The value of an unlabelled or labelled sample in a Prometheus text ("name{labels} value").
double metric(const std::string& text, const std::string& sample) {
  const auto at = text.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + sample.size() + 2));
}

}  // namespace

TEST_CASE("connections: 256 slow and idle connections from one address do not starve searches",
          "[connections][slow]") {
  TempDir dir;
  const fs::path db = dir / "db";
  index_records(db, sample_records());
  auto cfg = test_config(db);
  cfg.threads = 2;  // few workers: a design that lets connections hold them starves at once
  cfg.header_timeout = 3;
  cfg.read_timeout = 3;
  cfg.keep_alive_timeout = 3;
  cfg.max_connections_per_client = 32;
  const int threads_before = thread_count();
  TestServer s(cfg);

  // The same searches on a calm server first: the bound below allows for a loaded machine.
  static const char* kQueries[] = {"tax", "fraud", "court", "department", "justice"};
  auto search = [&](httplib::Client& client, size_t i) {
    return client.Get("/api/v1/search?q=" + std::string(kQueries[i % 5]) + "&facets=issuer");
  };
  std::vector<double> calm;
  {
    auto client = s.client();
    client.set_keep_alive(true);
    for (size_t i = 0; i < 50; ++i) {
      const auto t0 = Clock::now();
      auto res = search(client, i);
      REQUIRE(res);
      calm.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  }
  std::sort(calm.begin(), calm.end());
  const double calm_p99 = calm[calm.size() * 99 / 100];

  constexpr int kSlow = 256;
  struct Conn {
    std::unique_ptr<RawConnection> raw;
    int fd = -1;
    bool trickle = false;        // sends a header line every 500 ms; else says nothing
    Clock::time_point closed{};  // when the server closed it
  };
  std::vector<Conn> conns(kSlow);
  const auto start = Clock::now();
  for (int i = 0; i < kSlow; ++i) {
    conns[i].raw = std::make_unique<RawConnection>(s.port(), 0, "127.0.0.2");
    conns[i].fd = conns[i].raw->fd();
    conns[i].trickle = i % 2 == 0;
    if (conns[i].trickle) {
      const std::string line = "GET /api/v1/search?q=tax HTTP/1.1\r\n";
      (void)::send(conns[i].fd, line.data(), line.size(), MSG_NOSIGNAL);
    }
  }

  // The slow connections trickle (one line each every 500 ms) until the server has closed
  // every one of them, or 10 s have passed.
  std::atomic<bool> slow_done{false};
  std::atomic<int> max_threads{0};
  std::thread driver([&] {
    auto next_line = Clock::now();
    int open = kSlow;
    while (open > 0 && Clock::now() - start < 10s) {
      std::vector<pollfd> fds;
      std::vector<size_t> which;
      for (size_t i = 0; i < conns.size(); ++i)
        if (conns[i].closed == Clock::time_point{}) {
          fds.push_back({conns[i].fd, POLLIN, 0});
          which.push_back(i);
        }
      ::poll(fds.data(), fds.size(), 50);
      for (size_t k = 0; k < fds.size(); ++k) {
        if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[4096];
        const ssize_t n = ::recv(fds[k].fd, buf, sizeof buf, 0);
        if (n <= 0) {  // end of stream or reset: closed by the server (after a 408, if any)
          conns[which[k]].closed = Clock::now();
          --open;
        }
      }
      if (Clock::now() >= next_line) {
        next_line += 500ms;
        for (auto& c : conns)
          if (c.trickle && c.closed == Clock::time_point{})
            (void)::send(c.fd, "X-Slow: x\r\n", 11, MSG_NOSIGNAL);
      }
      max_threads = std::max(max_threads.load(), thread_count());
    }
    slow_done = true;
  });

  const double connect_s = std::chrono::duration<double>(Clock::now() - start).count();
  // Meanwhile a client from another address searches, one request after the other.
  std::vector<double> ms;
  int failed = 0;
  {
    auto client = s.client();
    client.set_keep_alive(true);
    for (size_t i = 0; !slow_done || ms.size() < 100; ++i) {
      if (Clock::now() - start > 20s) break;
      const auto t0 = Clock::now();
      auto res = search(client, i);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!res || res->status != 200) ++failed;
      std::this_thread::sleep_for(10ms);
    }
  }
  driver.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  REQUIRE(!ms.empty());
  std::sort(ms.begin(), ms.end());
  const double p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  int at_once = 0, by_timeout = 0, never = 0;
  for (const auto& c : conns) {
    if (c.closed == Clock::time_point{})
      ++never;
    else if (c.closed - start < 1s + std::chrono::duration<double>(connect_s))
      ++at_once;
    else
      ++by_timeout;
  }
  conns.clear();
  auto metrics = s.client().Get("/metrics");
  REQUIRE(metrics);
  const double refused =
      metric(metrics->body, "pressroom_connections_refused_total{reason=\"per_client\"}");
  std::printf(
      "\nconnections: 256 connected in %.2f s; %zu searches in %.1f s, p99 %.1f ms "
      "(calm server: %.1f ms), max %.1f ms; %d slow connections closed at once, %d by "
      "timeouts, %d never; threads %d before, %d at most\n",
      connect_s, ms.size(), elapsed, p99, calm_p99, ms.back(), at_once, by_timeout, never,
      threads_before, max_threads.load());

  CHECK(failed == 0);
  CHECK(ms.size() >= 100);
  // The criterion: p99 under 100 ms. A search takes ~1 ms here; on a machine so busy
  // that the calm server's own p99 is high, the bound grows with it. A design where the slow
  // connections hold the workers makes searches wait for the 3 s timeouts.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  const double bound = std::max(1000.0, 3 * calm_p99 + 100);
#else
  const double bound = std::max(100.0, 3 * calm_p99 + 50);
#endif
  INFO("calm p99 " << calm_p99 << " ms");
  CHECK(p99 < bound);
  CHECK(never == 0);             // every slow connection was closed by a cap or a timeout
  CHECK(at_once == kSlow - 32);  // all over the per-address cap, at once
  CHECK(by_timeout == 32);       // the admitted ones by the head or keep-alive timeout
  CHECK(refused == kSlow - 32);
  CHECK(metric(metrics->body, "pressroom_connections_open") <= 2);  // this client's only
  // One light thread per admitted connection, the server's accept thread, this test's driver,
  // and connection threads not yet reused (the search client reconnects every 5 requests; on a
  // loaded machine the next connection may come before the last thread is idle, and idle
  // threads linger 10 s): bounded by the cap, far from one thread per connection (256).
  CHECK(max_threads - threads_before <= 128);
}

TEST_CASE("connections: the per-address cap spares trusted proxies, and --max-connections holds",
          "[connections]") {
  TempDir dir;
  const fs::path db = dir / "db";
  index_records(db, sample_records());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";
  // Opens n connections from 127.0.0.1, then sends a request on each: how many are answered.
  auto answered = [&](const TestServer& s, int n) {
    std::vector<std::unique_ptr<RawConnection>> conns;
    for (int i = 0; i < n; ++i) conns.push_back(std::make_unique<RawConnection>(s.port()));
    std::this_thread::sleep_for(100ms);  // the server has admitted or closed each by now
    int ok = 0;
    for (auto& c : conns) {
      if (!c->send(request)) continue;
      std::string got;
      char buf[4096];
      pollfd p{c->fd(), POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) continue;
      const ssize_t r = ::recv(c->fd(), buf, sizeof buf, 0);
      if (r > 0 && raw_status(std::string(buf, static_cast<size_t>(r))) == 200) ++ok;
    }
    return ok;
  };
  auto refused = [](const TestServer& s, const std::string& reason) {
    // The connections just closed may still count for a moment: retry a refused request.
    auto m = s.client().Get("/metrics");
    for (int i = 0; i < 40 && !m; ++i) {
      std::this_thread::sleep_for(50ms);
      m = s.client().Get("/metrics");
    }
    REQUIRE(m);
    return metric(m->body, "pressroom_connections_refused_total{reason=\"" + reason + "\"}");
  };

  auto cfg = test_config(db);
  cfg.max_connections_per_client = 3;
  {
    TestServer s(cfg);
    CHECK(answered(s, 6) == 3);
    CHECK(refused(s, "per_client") >= 3);  // (+ a /metrics request while the 3 were closing)
  }
  cfg.trusted_proxies = {"127.0.0.1"};  // a proxy carries many clients: not capped per address
  {
    TestServer s(cfg);
    CHECK(answered(s, 6) == 6);
    CHECK(refused(s, "per_client") == 0);
  }
  cfg.max_connections = 4;  // in all
  {
    TestServer s(cfg);
    CHECK(answered(s, 6) == 4);
    CHECK(refused(s, "max_connections") >= 2);
  }
}

TEST_CASE("connections: requests in progress are capped per forwarded client, slots come back",
          "[connections]") {
  searchd::ClientSlots slots;
  auto a1 = slots.try_acquire("203.0.113.7", 2);
  auto a2 = slots.try_acquire("203.0.113.7", 2);
  REQUIRE(a1);
  REQUIRE(a2);
  CHECK(slots.held("203.0.113.7") == 2);
  CHECK_FALSE(slots.try_acquire("203.0.113.7", 2));  // over the cap: refused, not queued
  auto b = slots.try_acquire("198.51.100.1", 2);     // another client is not affected
  CHECK(b);
  a1.reset();  // an answer finished: its slot is free again
  CHECK(slots.held("203.0.113.7") == 1);
  auto a3 = slots.try_acquire("203.0.113.7", 2);
  CHECK(a3);
  a2.reset();
  a3.reset();
  b.reset();
  CHECK(slots.held("203.0.113.7") == 0);
  CHECK(slots.held("198.51.100.1") == 0);
}
