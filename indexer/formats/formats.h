// Input formats: the parsers that turn bytes into raw items, and the registry that chooses one by
// name or file extension. A new format is one parser function plus one line in input_formats()
// (formats.cc).
//
// Two kinds of parser:
//  - stream formats (jsonl, json, csv, tsv) read a stream record by record on the reading thread;
//  - document formats (html, text, markdown, rss/atom) get a whole file's bytes and run on a worker
//    thread; a file gives one record (a page, a capture, a Markdown file) or several (feed items).
//
// A raw item is one candidate record before mapping: a JSON object (for JSON inputs, either
// already parsed into `fields` or as `json_text` still to parse, so that parsing can happen on a
// worker thread), or a CSV row as an object of column name -> string. Document formats put their
// best guesses for the canonical fields (id, date, title, body, url, issuers, topics, language)
// in `fields` and everything else a mapping may want in `context` ("meta": <meta> tags, front
// matter, feed elements; "select": the results of the mapping's XPath fields).
// A parse failure that concerns one record is an item with `error` set; the parser goes on with
// the next record. Parsers are pure: bytes in, items out, no other I/O. Thread-safety:
// independent calls are safe.
#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mapping/user_regex.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

struct RawItem {
  std::string location;               // "path:line" (or "path" when no line applies)
  std::string json_text;              // JSON text still to parse (JSONL lines, array elements)
  nlohmann::ordered_json fields;      // parsed object (CSV rows); null while json_text is pending
  std::optional<Error> error;         // the record could not be parsed
  std::vector<std::string> warnings;  // e.g. invalid UTF-8 repaired
  nlohmann::ordered_json context;     // object with further named values, or null
};

// Receives items in input order. Return false to stop parsing (e.g. on SIGINT).
using ItemSink = std::function<bool(RawItem&&)>;

// Line patterns for text captures of web pages (format "text"); see parse_text.cc and
// docs/ingest.md. Regular expressions (user_regex.h) matched against each trimmed line.
struct TextCaptureOptions {
  std::vector<Regex> date_lines;    // capture group 1 (else the whole line) is the date
  std::vector<Regex> issuer_lines;  // capture group 1 is the issuer
  std::vector<Regex> title_lines;   // capture group 1 (else the whole line) is the title
  std::vector<Regex> body_end;      // the first matching line after the date ends the body
  std::vector<Regex> drop_lines;    // lines left out of the body
  bool builtin = true;              // use the built-in patterns as well as these
  enum class Unwrap { kAuto, kAlways, kNever };
  Unwrap unwrap = Unwrap::kAuto;  // join hard-wrapped lines into paragraphs
  // Page chrome learned per folder (boilerplate.h): `boilerplate = false` turns it off;
  // `boilerplate_threshold`: the share of a folder's files a chrome line recurs in (0, 1].
  // --no-boilerplate and --boilerplate-threshold override both.
  bool boilerplate = true;
  std::optional<double> boilerplate_threshold;
};

struct FormatOptions {
  char delimiter = 0;  // CSV/TSV cell separator; 0 = the format's default
  // html: XPath expressions of the mapping's `xpath` fields; item.context["select"][i] holds the
  // strings expression i selected.
  std::vector<std::string> xpaths;
  // html: XPath expressions of nodes removed before anything is extracted.
  std::vector<std::string> drop_xpaths;
  // Document formats: canonical fields the mapping sets itself, which the parser need not guess.
  std::set<std::string> mapped_fields;
  // text: line patterns (null: the built-in defaults only).
  std::shared_ptr<const TextCaptureOptions> text;
};

using ParseFn = void (*)(std::istream& in, const std::string& source_name,
                         const FormatOptions& options, const ItemSink& sink);

class Boilerplate;  // boilerplate.h

// One whole file for a document format.
struct DocumentInput {
  std::string_view bytes;  // decompressed content
  std::string name;        // shown in diagnostics (the path as given)
  std::string id_base;     // id for records without one of their own: the path relative to the
                           // walked folder (the file name for a file named on the command line)
  // text: the page chrome of the file's folder, left out of its head and tail (boilerplate.h);
  // null: none (not even the built-in lines).
  const Boilerplate* boilerplate = nullptr;
};
using DocumentParseFn = void (*)(const DocumentInput& in, const FormatOptions& options,
                                 const ItemSink& sink);

struct InputFormat {
  std::string_view name;                     // "jsonl", "json", "csv", "tsv", "html", ...
  std::vector<std::string_view> extensions;  // with dot, lower case: ".jsonl", ".ndjson"
  ParseFn parse = nullptr;                   // stream formats
  DocumentParseFn parse_document = nullptr;  // document formats (whole files)
  [[nodiscard]] bool is_document() const { return parse_document != nullptr; }
};

// All known formats, in the order used for extension matching.
const std::vector<InputFormat>& input_formats();
const InputFormat* format_by_name(std::string_view name);
// The format for a file by its extension (after removing .gz/.zst), or nullptr. A name that is only
// an extension (".md", ".txt.gz") has that extension's format.
const InputFormat* format_for_path(const std::filesystem::path& path);
// Sniffs the first bytes of a stream: '[' -> json, '{' -> jsonl, '<' -> rss (for <?xml, <rss,
// <feed, <rdf:RDF) or html, "---"/"+++" front matter or a '#' heading -> markdown, otherwise csv.
const InputFormat* sniff_format(std::string_view head);
// The format names, comma-separated, for messages ("jsonl, json, csv, ...").
std::string format_names();

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

// The document parsers (html: parse_html.cc, text: parse_text.cc, markdown: parse_markdown.cc,
// rss and atom: parse_feed.cc).
void parse_html(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink);
// The opening of the text document formats (text captures, Markdown): sets `item`'s location and
// decoding warnings and returns the UTF-8 text; when the bytes cannot be decoded, `item` carries
// the error, goes to `sink`, and the result is nullopt (the caller is done with the file).
std::optional<std::string> decode_or_reject(const DocumentInput& in, RawItem& item,
                                            const ItemSink& sink);

// Appends `value`, trimmed, to the JSON array `list` unless it is empty or already there (the
// issuers and topics a document parser collects from several places of a page or feed item).
void add_unique(nlohmann::ordered_json& list, const std::string& value);

void parse_text(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink);
void parse_markdown(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink);
void parse_feed(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink);

// Reads a whole CSV/TSV file into rows (header names -> cells) for joins and tests.
// Errors are collected in `errors` as items; returns the good rows.
std::vector<nlohmann::ordered_json> read_csv_rows(std::istream& in, const std::string& source_name,
                                                  char delimiter, std::vector<RawItem>* errors);

}  // namespace pressroom::indexer
