// The encoders of an export's body: the header (json/csv) and one record per format.
#pragma once

#include <string>

#include "pressroom/export.h"

namespace pressroom {

// Appends the body's header for manifest.format to out: json opens {"manifest": ..., "records":
// [; csv writes the header row (manifest.fields, or kExportFields); ndjson has none.
void encode_export_header(const ExportManifest& manifest, std::string& out);

// Appends one record to out, from `data` (the stored record, canonical compact JSON) in
// manifest.format with manifest.fields: no separator or line end for json/ndjson; csv ends the
// row with CRLF.
void encode_export_record(const ExportManifest& manifest, const std::string& data,
                          std::string& out);

}  // namespace pressroom
