// Fuzzes path patterns and include/exclude globs: the first line of the input is a pattern, the
// rest a relative path. A pattern compiles or gives an error; a compiled one matches or not
// (a match with an impossible date is an error value); globs never fail.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pipeline/path_pattern.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const size_t nl = text.find('\n');
  const std::string pattern = text.substr(0, nl);
  const std::string path = nl == std::string::npos ? "" : text.substr(nl + 1);
  auto p = pressroom::indexer::PathPattern::compile(pattern);
  if (p) {
    auto m = p->match(path);
    if (m && *m && !(*m)->is_object()) std::abort();
    if (m && !*m && m->error().message.empty()) std::abort();
  } else if (p.error().message.empty()) {
    std::abort();
  }
  (void)pressroom::indexer::glob_match(pattern, path);
  return 0;
}
