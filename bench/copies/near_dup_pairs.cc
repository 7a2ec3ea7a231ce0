// Reads pairs of bodies, one JSON object {"a": "...", "b": "..."} per line on stdin, and prints
// per pair: resemblance, containment, name novelty, number swaps, number changes and the verdict
// of the documented rule. With --cost it reads file paths instead, one per line, and prints how
// long their signatures took (files, bytes, seconds, MB/s).
// (1 same statement, 0 different), tab-separated. bench/copies/score.py drives it.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/near_dup.h"

namespace {

int cost() {
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  std::string path;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += bodies.back().size();
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t hashes = 0;
  for (const auto& b : bodies) hashes += pressroom::near_dup::signature(b).shingles.hashes.size();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu\t%zu\t%.3f\t%.1f\t%zu\n", bodies.size(), bytes, s,
              static_cast<double>(bytes) / 1e6 / s, hashes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  namespace nd = pressroom::near_dup;
  if (argc > 1 && std::strcmp(argv[1], "--cost") == 0) return cost();
  std::string line;
  int status = 0;
  while (std::getline(std::cin, line)) {
    try {
      const auto j = nlohmann::json::parse(line);
      const auto s = nd::compare(nd::signature(j.at("a").get<std::string>()),
                                 nd::signature(j.at("b").get<std::string>()));
      std::printf("%.4f\t%.4f\t%.4f\t%.2f\t%.2f\t%d\n", s.resemblance, s.containment,
                  s.name_novelty, s.number_swaps, s.number_changes, nd::same_statement(s) ? 1 : 0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "near_dup_pairs: %s\n", e.what());
      std::printf("error\n");
      status = 1;
    }
  }
  return status;
}
