// Fuzzes the HTML page parser (libxml2 with recovery, encoding detection, the generic extractor
// and a mapping's XPath and drop expressions): any bytes give records or per-record errors.
#include "fuzz_document_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pressroom::indexer::FormatOptions generic;
  static const pressroom::indexer::FormatOptions mapped = [] {
    pressroom::indexer::FormatOptions o;
    o.xpaths = {"//h1", "//meta[@name='date']/@content", "//div[@class='issuer']//text()",
                "count(//p)"};
    o.drop_xpaths = {"//nav", "//*[@class='share']"};
    o.mapped_fields = {"title"};
    return o;
  }();
  pressroom::fuzz::run_document_parser(pressroom::indexer::parse_html, data, size, "fuzz.html",
                                       size % 2 ? mapped : generic);
  return 0;
}
