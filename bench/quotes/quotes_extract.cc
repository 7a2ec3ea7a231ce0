// Runs the quotation extractor over release bodies for bench/quotes/score.py: reads JSON lines
// {"id": …, "body": …} on stdin, writes {"id": …, "quotes": [{text, begin, end, name, role,
// organisation, attribution}]} per line on stdout, and the extraction time on stderr.
#include <chrono>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "pressroom/quotes.h"

namespace {

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

int main() {
  std::string line;
  std::chrono::nanoseconds spent{0};
  std::size_t bytes = 0;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    auto in = nlohmann::json::parse(line);
    auto body = in.at("body").get<std::string>();
    auto t0 = std::chrono::steady_clock::now();
    auto quotes = pressroom::quotes::extract_quotes(body);
    spent += std::chrono::steady_clock::now() - t0;
    bytes += body.size();
    nlohmann::json out{{"id", in.at("id")}, {"quotes", nlohmann::json::array()}};
    for (const auto& q : quotes) {
      out["quotes"].push_back({{"text", q.text},
                               {"begin", q.begin},
                               {"end", q.end},
                               {"name", opt(q.speaker.name)},
                               {"role", opt(q.speaker.role)},
                               {"organisation", opt(q.speaker.organisation)},
                               {"attribution", q.attribution}});
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  auto ms = std::chrono::duration<double, std::milli>(spent).count();
  std::cerr << "extracted " << bytes << " bytes in " << ms << " ms\n";
  return 0;
}
