#include "input_files.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
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
      return make_error("io_error", path.string() + ": not a valid zstd file (" +
                                        ZSTD_getErrorName(ret) + ")");
    }
    out.append(buf.data(), ob.pos);
  }
  ZSTD_freeDStream(ds);
  if (ret != 0) return make_error("io_error", path.string() + ": truncated zstd file");
  return out;
}

Result<std::string> read_gzip(const fs::path& path) {
  gzFile g = gzopen(path.c_str(), "rb");
  if (!g) return make_error("io_error", "cannot open " + path.string());
  std::string out;
  char buf[65536];
  int n;
  while ((n = gzread(g, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  int errnum = 0;
  const char* msg = gzerror(g, &errnum);
  std::string err = (n < 0 && msg) ? msg : "";
  gzclose(g);
  if (n < 0) return make_error("io_error", path.string() + ": not a valid gzip file (" + err + ")");
  return out;
}

}  // namespace

Result<ResolvedInputs> resolve_inputs(const std::vector<std::string>& inputs,
                                      const InputFormat* forced) {
  ResolvedInputs out;
  for (const auto& in : inputs) {
    if (in == "-") {
      out.files.push_back(InputFile{{}, "<stdin>", forced, 0});
      continue;
    }
    fs::path p(in);
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return make_error("not_found", "input " + in + " does not exist");
    if (fs::is_directory(st)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (hidden(it->path())) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path());
      }
      if (ec) return make_error("io_error", "cannot walk folder " + in + ": " + ec.message());
      std::sort(found.begin(), found.end());
      for (const auto& f : found) {
        const InputFormat* fmt = format_for_path(f);
        if (forced && fmt != forced) fmt = nullptr;
        if (!fmt) {
          out.skipped.push_back(f.string());
          continue;
        }
        out.files.push_back(InputFile{f, f.string(), fmt, fs::file_size(f, ec)});
      }
    } else {
      const InputFormat* fmt = forced ? forced : format_for_path(p);
      out.files.push_back(InputFile{p, in, fmt, fs::file_size(p, ec)});
    }
  }
  return out;
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
    return std::unique_ptr<std::istream>(std::make_unique<std::istringstream>(std::move(text.value())));
  }
  auto f = std::make_unique<std::ifstream>(file.path, std::ios::binary);
  if (!*f) return make_error("io_error", "cannot read " + file.name);
  return std::unique_ptr<std::istream>(std::move(f));
}

}  // namespace pressroom::indexer
