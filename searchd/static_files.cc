#include "static_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pressroom/text.h"

namespace fs = std::filesystem;

namespace pressroom::searchd {

namespace {

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) : root_(fs::canonical(root)) {}

std::optional<fs::path> StaticFiles::resolve(const std::string& path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return std::nullopt;
  fs::path rel;
  size_t i = 1;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(i, slash - i);
    if (seg.empty()) {
      if (slash != path.size()) return std::nullopt;  // "//" inside the path
    } else {
      if (seg.front() == '.') return std::nullopt;  // "..", "." and hidden files
      rel /= seg;
    }
    i = slash + 1;
  }
  std::error_code ec;
  fs::path file = fs::canonical(root_ / rel, ec);
  if (ec || !inside(root_, file)) return std::nullopt;
  if (fs::is_directory(file, ec)) {
    file = fs::canonical(file / "index.html", ec);
    if (ec || !inside(root_, file)) return std::nullopt;
  }
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

bool StaticFiles::serve(const std::string& path, httplib::Response& res) const {
  auto file = resolve(path);
  if (!file) return false;
  std::ifstream in(*file, std::ios::binary);
  if (!in) return false;
  std::ostringstream body;
  body << in.rdbuf();
  res.status = 200;
  res.headers.erase("Content-Security-Policy");  // the API's policy, set for every response
  res.set_header("Content-Security-Policy", kWebContentSecurityPolicy);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(body.str(), content_type_for(*file));
  return true;
}

std::string content_type_for(const fs::path& file) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"},
  };
  const std::string ext = text::lower_ascii(file.extension().string());
  for (const auto& [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

}  // namespace pressroom::searchd
