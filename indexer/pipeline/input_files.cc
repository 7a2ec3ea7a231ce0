#include "pipeline/input_files.h"

#include "pipeline/path_pattern.h"

#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

namespace pressroom::indexer {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) {
  auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

Result<std::string> read_zstd(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::string in((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::string out;
  ZSTD_DStream* ds = ZSTD_createDStream();
  ZSTD_initDStream(ds);
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  std::vector<char> buf(ZSTD_DStreamOutSize());
  size_t ret = 1;
  while (ib.pos < ib.size) {
    ZSTD_outBuffer ob{buf.data(), buf.size(), 0};
    ret = ZSTD_decompressStream(ds, &ob, &ib);
    if (ZSTD_isError(ret)) {
      ZSTD_freeDStream(ds);
      return make_error(ErrorCode::kIoError,
                        path.string() + ": not a valid zstd file (" + ZSTD_getErrorName(ret) + ")");
    }
    out.append(buf.data(), ob.pos);
  }
  ZSTD_freeDStream(ds);
  if (ret != 0) return make_error(ErrorCode::kIoError, path.string() + ": truncated zstd file");
  return out;
}

Result<std::string> read_gzip(const fs::path& path) {
  gzFile g = gzopen(path.c_str(), "rb");
  if (!g) return make_error(ErrorCode::kIoError, "cannot open " + path.string());
  std::string out;
  char buf[65536];
  int n;
  while ((n = gzread(g, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  int errnum = 0;
  const char* msg = gzerror(g, &errnum);
  std::string err = (n < 0 && msg) ? msg : "";
  gzclose(g);
  if (n < 0)
    return make_error(ErrorCode::kIoError, path.string() + ": not a valid gzip file (" + err + ")");
  return out;
}

}  // namespace

bool documentation_file_name(std::string_view name) {
  // The name itself, or the name and one extension: README, README.md, CHANGES.txt — not
  // changes-in-hhla-s-supervisory-board.md, a release.
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto dot = upper.find('.');
  const std::string stem = upper.substr(0, dot);
  if (dot != std::string::npos &&
      (dot + 1 == upper.size() || upper.find('.', dot + 1) != std::string::npos))
    return false;
  for (std::string_view doc : {"README", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "COPYING",
                               "CONTRIBUTING", "NOTICE", "AUTHORS"})
    if (stem == doc) return true;
  return false;
}

namespace {

int64_t mtime_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

std::string absolute_of(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal().generic_string();
}

bool any_glob(const std::vector<std::string>& globs, const std::string& rel) {
  for (const auto& g : globs)
    if (glob_match(g, rel)) return true;
  return false;
}

std::optional<std::pair<dev_t, ino_t>> folder_id(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(st.st_dev, st.st_ino);
}

// As in a shell, a hidden file is matched only by a glob that names the dot: one whose last
// component starts with '.' ('.md', '**/.*.md'); '*.md' leaves '.md' alone.
bool include_names_hidden(const std::vector<std::string>& globs, const std::string& rel) {
  for (const auto& g : globs) {
    const auto slash = g.rfind('/');
    const size_t last = slash == std::string::npos ? 0 : slash + 1;
    if (last < g.size() && g[last] == '.' && glob_match(g, rel)) return true;
  }
  return false;
}

}  // namespace

Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const InputFormat* forced) {
  WalkOptions w;
  w.forced = forced;
  return resolve_inputs(inputs, w);
}

namespace {

// The files of folder `p` (named `in` on the command line), sorted; what is left out on the way
// (hidden, excluded, broken links, folders reached twice) is counted in `out` and `counts`.
Result<std::vector<fs::path>> walk_folder(const fs::path& p, const std::string& in,
                                          const WalkOptions& options, ResolvedInputs& out,
                                          FolderCounts& counts) {
  std::error_code ec;
  std::vector<fs::path> found;
  // Links to folders are followed (an archive assembled from links to other folders); each
  // folder is entered once, by (device, inode), so a link cycle ends.
  std::set<std::pair<dev_t, ino_t>> entered;
  if (auto id = folder_id(p)) entered.insert(*id);
  for (auto it =
           fs::recursive_directory_iterator(p, fs::directory_options::follow_directory_symlink, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code status_ec;
    const bool dir = it->is_directory(status_ec);
    if (!dir && it->is_symlink(status_ec) && !fs::exists(it->status(status_ec))) {
      ++counts.seen;
      ++counts.broken_links;
      ++out.broken_links;
      out.skipped.emplace_back(it->path().string(), "a symbolic link to nothing");
      continue;
    }
    std::string rel = it->path().lexically_relative(p).generic_string();
    if (!dir && it->is_regular_file()) ++counts.seen;
    if (hidden(it->path()) && (dir || !include_names_hidden(options.include, rel))) {
      if (dir) {
        it.disable_recursion_pending();
        ++out.hidden_folders;
      } else if (it->is_regular_file()) {
        ++out.hidden_files;
        ++counts.hidden;
      }
      continue;
    }
    if (any_glob(options.exclude, rel)) {
      if (dir) {
        it.disable_recursion_pending();
      } else {
        ++out.excluded;
        ++counts.excluded;
      }
      continue;
    }
    if (dir) {
      auto id = folder_id(it->path());
      if (id && !entered.insert(*id).second) {
        it.disable_recursion_pending();
        ++out.folders_walked_already;
        out.skipped.emplace_back(it->path().string(),
                                 "a link to a folder already walked (" +
                                     fs::canonical(it->path(), status_ec).string() + ")");
      }
      continue;
    }
    if (it->is_regular_file()) found.push_back(it->path());
  }
  if (ec) return make_error(ErrorCode::kIoError, "cannot walk folder " + in + ": " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

// The walked files that are imported, each with its format; the others are counted as skipped.
void take_found_files(const std::vector<fs::path>& found, const fs::path& p,
                      const WalkOptions& options, ResolvedInputs& out, FolderCounts& counts) {
  const InputFormat* forced = options.forced;
  std::error_code ec;
  for (const auto& f : found) {
    std::string rel = f.lexically_relative(p).generic_string();
    const InputFormat* fmt = format_for_path(f);
    if (!options.include.empty()) {
      if (!any_glob(options.include, rel)) {
        ++out.excluded;
        ++counts.not_included;
        continue;
      }
      if (forced) fmt = forced;
    } else {
      if (forced && fmt != forced) fmt = nullptr;
      // Only at the top of the walked folder, where an archive keeps its own documentation.
      if (fmt && rel.find('/') == std::string::npos &&
          documentation_file_name(f.filename().string())) {
        ++counts.documentation;
        ++out.documentation;
        out.skipped.emplace_back(f.string(),
                                 "a documentation file (README, LICENSE, ...); "
                                 "name it or --include it to import it");
        continue;
      }
    }
    if (!fmt) {
      ++counts.unknown;
      ++out.unknown_format;
      out.skipped.emplace_back(f.string(), forced ? "not a " + std::string(forced->name) + " file"
                                                  : "not a known input format");
      continue;
    }
    out.files.push_back(
        InputFile{f, f.string(), rel, fmt, fs::file_size(f, ec), mtime_of(f), absolute_of(f)});
    ++counts.taken;
  }
}

}  // namespace

Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const WalkOptions& options) {
  ResolvedInputs out;
  const InputFormat* forced = options.forced;
  for (const auto& in : inputs) {
    if (in == "-") {
      out.files.push_back(InputFile{{}, "<stdin>", "", forced, 0, 0, ""});
      continue;
    }
    fs::path p(in);
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st))
      return make_error(ErrorCode::kNotFound, "input " + in + " does not exist");
    out.roots.push_back(absolute_of(p));
    if (fs::is_directory(st)) {
      FolderCounts counts;
      counts.name = in;
      auto found = walk_folder(p, in, options, out, counts);
      if (!found) return found.error();
      take_found_files(*found, p, options, out, counts);
      out.folders.push_back(std::move(counts));
    } else {
      const InputFormat* fmt = forced ? forced : format_for_path(p);
      out.files.push_back(InputFile{p, in, p.filename().string(), fmt, fs::file_size(p, ec),
                                    mtime_of(p), absolute_of(p)});
    }
  }
  return out;
}

std::string folder_warning(const FolderCounts& c, const WalkOptions& options) {
  if (c.seen == 0 || (c.taken > 0 && (c.seen < 10 || c.taken * 10 >= c.seen))) return "";
  auto globs = [](const std::vector<std::string>& g) {
    std::string out;
    for (const auto& x : g) out += (out.empty() ? "'" : ", '") + x + "'";
    return out;
  };
  std::string why;
  auto reason = [&](size_t n, const std::string& text) {
    if (n) why += (why.empty() ? ": " : ", ") + std::to_string(n) + " " + text;
  };
  reason(c.not_included, "did not match the include globs " + globs(options.include));
  reason(c.excluded, "matched the exclude globs " + globs(options.exclude));
  reason(c.unknown, options.forced ? "are not " + std::string(options.forced->name) + " files"
                                   : "are of no known input format");
  reason(c.documentation, "are documentation files (README, LICENSE, ...)");
  reason(c.hidden, "are hidden (their names start with '.')");
  reason(c.broken_links, "are symbolic links to nothing");
  return c.name + ": warning: " + std::to_string(c.seen) + " file(s) seen, " +
         std::to_string(c.taken) + " read" + why;
}

Result<std::unique_ptr<std::istream>> open_input(const InputFile& file) {
  if (file.path.empty()) {
    // Standard input is read whole so that the format can be sniffed.
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return std::unique_ptr<std::istream>(std::make_unique<std::istringstream>(std::move(all)));
  }
  std::string ext = file.path.extension().string();
  if (ext == ".zst" || ext == ".gz") {
    auto text = ext == ".zst" ? read_zstd(file.path) : read_gzip(file.path);
    if (!text) return text.error();
    return std::unique_ptr<std::istream>(
        std::make_unique<std::istringstream>(std::move(text.value())));
  }
  auto f = std::make_unique<std::ifstream>(file.path, std::ios::binary);
  if (!*f) return make_error(ErrorCode::kIoError, "cannot read " + file.name);
  return std::unique_ptr<std::istream>(std::move(f));
}

Result<std::string> read_input(const InputFile& file) {
  if (file.path.empty()) {
    return std::string((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
  }
  std::string ext = file.path.extension().string();
  if (ext == ".zst") return read_zstd(file.path);
  if (ext == ".gz") return read_gzip(file.path);
  std::ifstream f(file.path, std::ios::binary);
  if (!f) return make_error(ErrorCode::kIoError, "cannot read " + file.name);
  std::string out;
  out.resize(file.size);
  f.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<size_t>(f.gcount()));
  // The file may have grown since it was listed.
  char buf[65536];
  while (f.read(buf, sizeof buf) || f.gcount() > 0)
    out.append(buf, static_cast<size_t>(f.gcount()));
  return out;
}

}  // namespace pressroom::indexer
