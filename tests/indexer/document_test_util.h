// Helpers for the tests of the document formats (text captures, Markdown, feeds): parse bytes or
// a fixture of tests/fixtures/ingest with a registered format, read a string field.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/formats.h"
#include "test_support.h"

namespace pressroom::test {

// The path of a fixture under tests/fixtures/ingest.
inline std::filesystem::path ingest_fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "ingest" / name;
}

// Every item a document format (by name) makes of `bytes` (REQUIREs the format to exist and to be
// a document format).
inline std::vector<indexer::RawItem> parse_doc(const char* format, const std::string& bytes,
                                               const indexer::FormatOptions& opt = {},
                                               const std::string& name = "doc") {
  const indexer::InputFormat* f = indexer::format_by_name(format);
  REQUIRE(f != nullptr);
  REQUIRE(f->is_document());
  std::vector<indexer::RawItem> items;
  indexer::DocumentInput in{bytes, name, name};
  f->parse_document(in, opt, [&](indexer::RawItem&& item) {
    items.push_back(std::move(item));
    return true;
  });
  return items;
}

// parse_doc of a fixture file (`file` relative to tests/fixtures/ingest, also its name).
inline std::vector<indexer::RawItem> parse_fixture(const char* format, const std::string& file,
                                                   const indexer::FormatOptions& opt = {}) {
  return parse_doc(format, read_file(ingest_fixture(file)), opt, file);
}

// A string member of j, or "" when it is absent or not a string.
inline std::string str(const nlohmann::ordered_json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace pressroom::test
