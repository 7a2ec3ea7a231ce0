// Shared by the document-format fuzz targets (html, text, markdown, feed): runs one parser over
// the input as a whole file and checks what every item must satisfy. Header-only: each target
// is one executable.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/formats.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"

namespace pressroom::fuzz {

// Every item is located in the file and either an error with a message or an object of fields;
// fields that validate as a record build a document whose data is that record.
inline int run_document_parser(indexer::DocumentParseFn parse, const uint8_t* data, size_t size,
                               const std::string& name, const indexer::FormatOptions& options,
                               const indexer::Boilerplate* boilerplate = nullptr) {
  indexer::DocumentInput in;
  in.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  in.name = name;
  in.id_base = name;
  in.boilerplate = boilerplate;
  parse(in, options, [&](indexer::RawItem&& item) {
    if (item.location.rfind(name, 0) != 0) std::abort();
    if (item.error) {
      if (item.error->message.empty()) std::abort();
      return true;
    }
    if (!item.fields.is_object()) std::abort();
    auto r = record_from_json(item.fields);
    if (r) {
      DocumentBuilder builder;
      auto doc = builder.build(r.value());
      if (doc.get_data().empty()) std::abort();
    } else if (r.error().message.empty()) {
      std::abort();
    }
    return true;
  });
  return 0;
}

}  // namespace pressroom::fuzz
