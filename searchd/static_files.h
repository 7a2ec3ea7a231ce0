// Static files of the web UI, served from one folder and nothing outside it.
//
// A request path is served when every segment is a plain name (no "..", no empty or hidden
// segment, no NUL or backslash) and the file it names, after resolving symbolic links, is a
// regular file inside the folder: a link that leads out of the folder is not followed. "/" and
// folders serve their index.html. Content types by extension (text ones with charset=utf-8).
// Files go out with kWebContentSecurityPolicy and X-Frame-Options: DENY (the server adds
// X-Content-Type-Options and Referrer-Policy to every response).
// Thread-safety: const after construction.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <httplib.h>

namespace pressroom::searchd {

// The policy web/ is written for (no inline script or style; data: images only): the browser
// tests (tests/web/lib/harness.mjs) put exactly this policy on every page, docs/ui.md explains it.
inline constexpr const char* kWebContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

class StaticFiles {
 public:
  // root must exist; it is canonicalised once.
  explicit StaticFiles(const std::filesystem::path& root);

  // The file a decoded request path names, or nullopt (answer 404).
  [[nodiscard]] std::optional<std::filesystem::path> resolve(const std::string& path) const;

  // Answers the request with the file, or returns false (nothing sent) when there is none.
  bool serve(const std::string& path, httplib::Response& res) const;

 private:
  std::filesystem::path root_;
};

std::string content_type_for(const std::filesystem::path& file);

}  // namespace pressroom::searchd
