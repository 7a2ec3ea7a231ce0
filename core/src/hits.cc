#include "hits.h"

#include "pressroom/document_builder.h"
#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"

namespace pressroom::detail {

// The finest date the document has, from the slots the builder fills per precision.
std::string display_date(const Xapian::Document& doc) {
  for (Xapian::valueno slot : {schema::kSlotDay, schema::kSlotMonth, schema::kSlotYear}) {
    std::string v = doc.get_value(slot);
    if (!v.empty()) return v;
  }
  return "";
}

Hit make_hit(const Xapian::Document& doc, double score, Xapian::doccount rank, bool has_text,
             SnippetMaker& snippets, const Limits& limits, std::string& record_text) {
  decode_record_data(doc.get_data(), record_text);
  StoredFields j = read_stored_fields(record_text);
  Hit h;
  h.id = std::move(j.id);
  h.title = std::move(j.title);
  h.date = display_date(doc);
  h.record_date = std::move(j.date);
  h.issuers = std::move(j.issuers);
  h.topics = std::move(j.topics);
  h.url = std::move(j.url);
  h.score = score;
  h.rank = rank;
  // Without query words there is no passage to choose: the start of the body.
  h.snippet = has_text ? snippets.make(j.body, limits.snippet_bytes)
                       : leading_snippet(j.body, limits.snippet_bytes);
  return h;
}

}  // namespace pressroom::detail
