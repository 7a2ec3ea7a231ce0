// Fuzzes the Markdown parser (YAML-subset and TOML front matter, headings, links).
#include "fuzz_document_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pressroom::indexer::FormatOptions options;
  return pressroom::fuzz::run_document_parser(pressroom::indexer::parse_markdown, data, size,
                                              "fuzz.md", options);
}
