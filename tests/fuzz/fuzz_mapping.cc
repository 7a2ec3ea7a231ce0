// Fuzzes mapping files (TOML) and, when one loads, applies it to a fixed raw record.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "mapping/mapping.h"

using namespace pressroom::indexer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto m = Mapping::from_toml(text, "fuzz.toml");
  if (!m) return 0;
  auto raw = nlohmann::ordered_json::parse(
      R"({"id": "7", "title": "T", "orgs": "A; B; None", "n": {"x": [1, "two"]}, "d": "2019-03-14"})");
  (void)render_template(text, raw);
  // Joins and file reads need real files; only mappings without them are applied.
  auto p = m->prepare("/nonexistent-fuzz-dir", std::nullopt);
  if (p) (void)p.value()->apply(raw);
  return 0;
}
