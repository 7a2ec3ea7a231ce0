// Input formats: the parsers that turn a byte stream into raw items, and the registry that
// chooses one by name or file extension. A new format is one parser function plus one line in
// input_formats() (formats.cc).
//
// A raw item is one candidate record before mapping: a JSON object (for JSON inputs, either
// already parsed into `fields` or as `json_text` still to parse, so that parsing can happen on a
// worker thread), or a CSV row as an object of column name -> string. A parse failure that
// concerns one record is an item with `error` set; the parser goes on with the next record.
// Parsers are pure: stream in, items out, no other I/O. Thread-safety: independent calls are safe.
#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/result.h"

namespace pressroom::indexer {

struct RawItem {
  std::string location;              // "path:line" (or "path" when no line applies)
  std::string json_text;             // JSON text still to parse (JSONL lines, array elements)
  nlohmann::ordered_json fields;     // parsed object (CSV rows); null while json_text is pending
  std::optional<Error> error;        // the record could not be parsed
  std::vector<std::string> warnings; // e.g. invalid UTF-8 repaired
};

// Receives items in input order. Return false to stop parsing (e.g. on SIGINT).
using ItemSink = std::function<bool(RawItem&&)>;

struct FormatOptions {
  char delimiter = 0;  // CSV/TSV cell separator; 0 = the format's default
};

using ParseFn = void (*)(std::istream& in, const std::string& source_name,
                         const FormatOptions& options, const ItemSink& sink);

struct InputFormat {
  std::string_view name;                     // "jsonl", "json", "csv", "tsv"
  std::vector<std::string_view> extensions;  // with dot, lower case: ".jsonl", ".ndjson"
  ParseFn parse;
};

// All known formats, in the order used for extension matching.
const std::vector<InputFormat>& input_formats();
const InputFormat* format_by_name(std::string_view name);
// The format for a file by its extension (after removing .gz/.zst), or nullptr.
const InputFormat* format_for_path(const std::filesystem::path& path);
// Sniffs the first non-blank byte of a stream: '[' -> json, '{' -> jsonl, otherwise csv.
const InputFormat* sniff_format(std::string_view head);

// Parses one JSON item's text into `item.fields`, setting `item.error` on failure
// (message like "malformed JSON: syntax error ... at column 12"). Used by the workers.
void parse_item_json(RawItem& item);

// The parsers (also reachable through the registry).
void parse_jsonl(std::istream& in, const std::string& source_name, const FormatOptions& options,
                 const ItemSink& sink);
void parse_json(std::istream& in, const std::string& source_name, const FormatOptions& options,
                const ItemSink& sink);
void parse_csv(std::istream& in, const std::string& source_name, const FormatOptions& options,
               const ItemSink& sink);

// Reads a whole CSV/TSV file into rows (header names -> cells) for joins and tests.
// Errors are collected in `errors` as items; returns the good rows.
std::vector<nlohmann::ordered_json> read_csv_rows(std::istream& in, const std::string& source_name,
                                                  char delimiter, std::vector<RawItem>* errors);

}  // namespace pressroom::indexer
