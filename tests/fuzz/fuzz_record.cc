// Fuzzes record validation and document building from arbitrary JSON: a valid record must build
// a document whose data is the record's canonical JSON.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "pressroom/document_builder.h"
#include "pressroom/record.h"
#include "pressroom/stored_fields.h"
#include "pressroom/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text =
      pressroom::text::repair_utf8(std::string(reinterpret_cast<const char*>(data), size));
  auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  auto r = pressroom::record_from_json(j);
  if (!r) {
    if (r.error().message.empty()) std::abort();
    return 0;
  }
  if (r->id.empty() || (r->title.empty() && r->body.empty())) std::abort();
  pressroom::DocumentBuilder b;
  Xapian::Document doc = b.build(r.value());
  auto back = nlohmann::ordered_json::parse(pressroom::decode_record_data(doc.get_data()));
  auto again = pressroom::record_from_json(back);
  if (!again || again->id != r->id) std::abort();
  return 0;
}
