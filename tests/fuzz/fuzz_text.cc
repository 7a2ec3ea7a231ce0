// Fuzzes the parser of text captures of web pages (date, issuer and title lines, footers,
// hard-wrapped paragraphs, BOMs, UTF-16, Windows-1252).
#include "fuzz_document_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pressroom::indexer::FormatOptions options;
  return pressroom::fuzz::run_document_parser(pressroom::indexer::parse_text, data, size,
                                              "fuzz.txt", options);
}
