// Resolving command-line inputs into the files to read, and reading them (plain, .gz or .zst).
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "formats.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

struct InputFile {
  std::filesystem::path path;  // empty for standard input
  std::string name;            // shown in diagnostics: the path as given, or "<stdin>"
  const InputFormat* format = nullptr;  // nullptr: sniff the content
  uint64_t size = 0;           // bytes on disk (0 for stdin)
};

struct ResolvedInputs {
  std::vector<InputFile> files;
  std::vector<std::string> skipped;  // files in walked folders with an unknown format
};

// Files are taken as named; folders are walked recursively in sorted order, skipping hidden
// entries and files whose format is unknown (listed in `skipped`). `forced` (may be null) is the
// format for every file. Errors: an input that does not exist.
Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const InputFormat* forced);

// Opens an input for reading, decompressing .gz and .zst transparently.
Result<std::unique_ptr<std::istream>> open_input(const InputFile& file);

}  // namespace pressroom::indexer
