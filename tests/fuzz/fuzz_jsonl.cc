// Fuzzes the jsonl parser: every item is either parsed or carries an error with a location.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "formats/formats.h"

using namespace pressroom::indexer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  FormatOptions opt;
  parse_jsonl(in, "fuzz.jsonl", opt, [](RawItem&& item) {
    if (item.location.rfind("fuzz.jsonl", 0) != 0) std::abort();
    parse_item_json(item);
    if (!item.error && !item.fields.is_object()) std::abort();
    return true;
  });
  return 0;
}
