// Fuzzes the RSS/Atom parser (XML with recovery and no network or entity expansion, HTML
// descriptions): a bad item is one rejected record, never a crash.
#include "fuzz_document_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pressroom::indexer::FormatOptions options;
  return pressroom::fuzz::run_document_parser(pressroom::indexer::parse_feed, data, size,
                                              "fuzz.rss", options);
}
