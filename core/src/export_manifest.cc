// The export manifest as JSON, and the helpers it is made with (timestamps, SHA-256).
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "pressroom/export.h"
#include "sha256.h"

namespace pressroom {

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex();
}

nlohmann::ordered_json to_json(const std::vector<ShardState>& shards) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& s : shards)
    out.push_back({{"uuid", s.uuid}, {"revision", s.revision}, {"documents", s.documents}});
  return out;
}

nlohmann::ordered_json to_json(const ExportManifest& m) {
  using json = nlohmann::ordered_json;
  json index = {{"uuid", m.uuid}, {"revision", m.revision}};
  if (!m.shards.empty()) index["shards"] = to_json(m.shards);
  json filters = {{"issuer", m.issuers},
                  {"topic", m.topics},
                  {"from", m.from.empty() ? json(nullptr) : json(m.from)},
                  {"to", m.to.empty() ? json(nullptr) : json(m.to)}};
  json out = {{"query", m.query},
              {"parsed_query", m.parsed_query},
              {"filters", std::move(filters)},
              {"sort", to_string(m.sort)},
              {"format", to_string(m.format)},
              {"fields", m.fields.empty() ? json(nullptr) : json(m.fields)},
              {"index", std::move(index)},
              {"count", m.count},
              {"ids_sha256", m.ids_sha256},
              {"ids_sha256_of", "the ids in export order, each followed by a line feed"},
              {"generated_at", m.generated_at},
              {"version", m.version}};
  if (!m.warning.empty()) out["warning"] = m.warning;
  return out;
}

}  // namespace pressroom
