// Resolving command-line inputs into the files to read, and reading them (plain, .gz or .zst).
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/formats.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

struct InputFile {
  std::filesystem::path path;  // empty for standard input
  std::string name;            // shown in diagnostics: the path as given, or "<stdin>"
  std::string relative;        // '/'-separated path below the walked folder; the file name for a
                               // file named on the command line; "" for standard input
  const InputFormat* format = nullptr;  // nullptr: sniff the content
  uint64_t size = 0;                    // bytes on disk (0 for stdin)
  int64_t mtime_ns = 0;                 // modification time, ns since the epoch (0 for stdin)
  std::string absolute;                 // absolute, lexically normal path ("" for stdin)
};

struct WalkOptions {
  const InputFormat* forced = nullptr;  // the format of every file (mapping or --format)
  std::vector<std::string> include;     // globs (path_pattern.h: glob_match); empty = all
  std::vector<std::string> exclude;     // globs for files and folders
};

// What the walk of one folder named on the command line found, by what became of each file.
struct FolderCounts {
  std::string name;         // the folder as given
  size_t seen = 0;          // files found (not entering excluded folders)
  size_t taken = 0;         // files to read
  size_t not_included = 0;  // no include glob matched
  size_t excluded = 0;      // an exclude glob matched
  size_t unknown = 0;       // not a known format (or not the forced one)
  size_t documentation = 0;
  size_t hidden = 0;        // hidden files skipped (not counting those in hidden folders)
  size_t broken_links = 0;  // symbolic links to nothing
};

struct ResolvedInputs {
  std::vector<InputFile> files;
  // Files in walked folders that are not read, with the reason: "unknown format", "a
  // documentation file (README, LICENSE, ...)". Files left out by include/exclude globs are
  // only counted.
  std::vector<std::pair<std::string, std::string>> skipped;
  size_t excluded = 0;
  size_t unknown_format = 0;          // of `skipped`: not of a known format (or not the forced one)
  size_t documentation = 0;           // of `skipped`: documentation files
  size_t hidden_files = 0;            // hidden files skipped (names starting with '.')
  size_t hidden_folders = 0;          // hidden folders not entered (.git)
  size_t broken_links = 0;            // of `skipped`: symbolic links to nothing
  size_t folders_walked_already = 0;  // of `skipped`: links to a folder already entered
  std::vector<std::string> roots;     // absolute inputs (folders and files), for --prune
  std::vector<FolderCounts> folders;  // one per folder input, in input order
};

// True for the names of documentation files, case-insensitively, alone or with one extension:
// README, LICENSE, LICENCE, CHANGELOG, CHANGES, COPYING, CONTRIBUTING, NOTICE, AUTHORS (README.md,
// CHANGES.txt, LICENSE); false for changes-in-the-board.md or README.old.txt.
bool documentation_file_name(std::string_view name);

// A warning for a folder input of which (almost) nothing is read: none of its files, or fewer
// than one in ten of at least 10, e.g. `corp: warning: 2400 file(s) seen, 1 read: 2399 did not
// match the include globs '*/*.md'`. "" when the folder is read as expected (or holds no file).
std::string folder_warning(const FolderCounts& folder, const WalkOptions& options);

// Files are taken as named (globs do not apply to them); folders are walked recursively in sorted
// order, following symbolic links to folders but entering each folder (device, inode) once per
// input, skipping links to nothing, hidden folders, hidden files (unless an include glob naming the
// dot matches them: '.md', '**/.*.md'), folders and files that an exclude glob matches, files no
// include glob matches (when there are include globs), files whose format is unknown (or not the
// forced one, unless an include glob chose them), and — without include globs — documentation
// files (documentation_file_name) at the top of the walked folder. Errors: an input that does
// not exist, a folder that cannot be walked.
Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const WalkOptions& options);
// The older signature: no globs.
Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const InputFormat* forced);

// Opens an input for reading, decompressing .gz and .zst transparently.
Result<std::unique_ptr<std::istream>> open_input(const InputFile& file);

// Reads a whole input (decompressed). Errors: unreadable file, corrupt compressed data.
Result<std::string> read_input(const InputFile& file);

}  // namespace pressroom::indexer
