#include "export_encoders.h"

#include <string_view>

#include <nlohmann/json.hpp>

#include "pressroom/search_request.h"

namespace pressroom {

namespace {

std::string cell_text(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!out.empty()) out += "; ";
      out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
  }
  return v.dump();
}

// csv_field(v) appended to out, in spans between quotes rather than byte by byte (bodies are
// kilobytes long).
void append_csv_field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (size_t start = 0;;) {
    const size_t quote = v.find('"', start);
    if (quote == std::string_view::npos) {
      out += v.substr(start);
      break;
    }
    out += v.substr(start, quote + 1 - start);
    out += '"';
    start = quote + 1;
  }
  out += '"';
}

}  // namespace

std::string csv_field(std::string_view v) {
  std::string out;
  append_csv_field(out, v);
  return out;
}

void encode_export_header(const ExportManifest& manifest, std::string& out) {
  if (manifest.format == ExportFormat::kJson) {
    out += "{\"manifest\":";
    out += to_json(manifest).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += ",\"records\":[";
  } else if (manifest.format == ExportFormat::kCsv) {
    bool first = true;
    auto add = [&](std::string_view name) {
      out += first ? "" : ",";
      out += name;
      first = false;
    };
    if (manifest.fields.empty())
      for (auto f : kExportFields) add(f);
    else
      for (const auto& f : manifest.fields) add(f);
    out += "\r\n";
  }
}

void encode_export_record(const ExportManifest& manifest, const std::string& data,
                          std::string& out) {
  const auto& fields = manifest.fields;
  if (manifest.format != ExportFormat::kCsv && fields.empty()) {
    out += data;  // the stored record is already canonical compact JSON
    return;
  }
  auto j = nlohmann::ordered_json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::ordered_json::object();
  if (manifest.format == ExportFormat::kCsv) {
    bool first = true;
    auto add = [&](std::string_view name) {
      if (!first) out += ',';
      first = false;
      auto it = j.find(name);
      if (it == j.end()) return;
      if (it->is_string())
        append_csv_field(out, it->get_ref<const std::string&>());
      else
        append_csv_field(out, cell_text(*it));
    };
    if (fields.empty())
      for (auto f : kExportFields) add(f);
    else
      for (const auto& f : fields) add(f);
    out += "\r\n";
    return;
  }
  nlohmann::ordered_json picked = nlohmann::ordered_json::object();
  for (const auto& f : fields) {
    auto it = j.find(f);
    if (it != j.end()) picked[f] = *it;
  }
  out += picked.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pressroom
