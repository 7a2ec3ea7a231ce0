#include "searchd_test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include "query_params.h"

namespace pressroom::test {

searchd::Config test_config(const std::filesystem::path& db, const std::filesystem::path& web) {
  searchd::Config c;
  c.dbs = {db.string()};
  c.host = "127.0.0.1";
  c.port = 0;
  c.web = web.string();
  c.threads = 4;
  return c;
}

TestServer::TestServer(searchd::Config config) {
  spdlog::set_level(spdlog::level::warn);  // keep the access log out of test output
  server_ = std::make_unique<searchd::Server>(std::move(config));
  auto port = server_->bind();
  INFO((port.ok() ? std::string() : port.error().message));
  REQUIRE(port.ok());
  port_ = port.value();
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  if (stopper_.joinable()) stopper_.join();
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

void TestServer::stop_async() {
  stopper_ = std::thread([this] { server_->stop(); });
}

httplib::Client TestServer::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(60);
  return c;
}

httplib::Result TestServer::get(const std::string& target) const {
  auto c = client();
  auto res = c.Get(target);
  INFO("GET " << target);
  REQUIRE(res);
  return res;
}

Json json_of(const httplib::Result& res) {
  auto j = Json::parse(res->body, nullptr, false);
  INFO(res->body.substr(0, 500));
  REQUIRE(!j.is_discarded());
  return j;
}

std::string enc(const std::string& s) { return searchd::url_encode(s); }

RawConnection::RawConnection(int port, int receive_buffer, const char* source_ip) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd_ >= 0);
  if (source_ip) {
    sockaddr_in src{};
    src.sin_family = AF_INET;
    REQUIRE(::inet_pton(AF_INET, source_ip, &src.sin_addr) == 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src) == 0);
  }
  if (receive_buffer > 0)  // before connect, so the advertised window is small too
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string RawConnection::receive(std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

bool RawConnection::closed_by_server(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
  }
}

std::string raw_exchange(int port, const std::string& request) {
  RawConnection c(port);
  c.send(request);
  return c.receive();
}

int raw_status(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

std::string raw_body(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : response.substr(end + 4);
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

}  // namespace pressroom::test
