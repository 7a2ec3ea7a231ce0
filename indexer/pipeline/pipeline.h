// The types that travel through the import pipeline (ingest.cc -> workers -> writer.cc).
// Internal to the indexer library.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "formats/boilerplate.h"
#include "formats/formats.h"
#include "mapping/mapping.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

// What every item of one input file shares. Immutable once created; shared by the items.
struct FileContext {
  std::string name;      // diagnostics: the path as given
  std::string key;       // source file key: 16 hex of the absolute path ("" for standard input)
  std::string absolute;  // absolute path ("" for standard input)
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  const InputFormat* format = nullptr;
  std::shared_ptr<const PreparedMapping> mapping;
  const FormatOptions* format_options = nullptr;  // owned by the mapping
  std::string id_base;                            // default id for single-record documents
  nlohmann::ordered_json vars;  // {"path": {...captures}, "file": {"path", "name", "stem", "dir"}}
  std::optional<Error> path_error;  // the path does not match the mapping's path_pattern
  std::string fingerprint;          // of the mapping and parser version, for the file record
  std::shared_ptr<const Boilerplate> boilerplate;  // text: the folder's page chrome (or null)
};

// One unit of work for a worker: a raw item of a stream format, a whole document file, or the
// marker that a file has been read completely.
struct Pending {
  std::shared_ptr<const FileContext> file;
  RawItem item;          // stream formats
  std::string document;  // document formats: the file's bytes
  bool is_document = false;
  bool end_of_file = false;
};

// What a worker made of one raw item.
struct Outcome {
  std::shared_ptr<const FileContext> file;
  bool end_of_file = false;
  std::string location;
  std::vector<std::string> warnings;
  bool ok = false;
  // ok:
  std::string id;
  Xapian::Document doc;
  size_t issuers = 0;
  size_t topics = 0;
  // rejected:
  Error error;
  nlohmann::ordered_json raw;  // the raw record (object) or its text, for the rejects file
};

}  // namespace pressroom::indexer
