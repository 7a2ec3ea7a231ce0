// Record -> Xapian::Document, following schema.h.
//
// A DocumentBuilder owns a TermGenerator and per-language stemmers; it is NOT thread-safe:
// give each thread its own. Building touches no database, so documents can be built on worker
// threads and handed to the single writer.
#pragma once

#include <map>
#include <string>

#include <xapian.h>

#include "pressroom/record.h"

namespace pressroom {

class DocumentBuilder {
 public:
  DocumentBuilder();

  // Builds the document: terms (id, title with prefix and boost, body with positions, issuers and
  // topics as boolean and free-text terms, date terms, language, source, url, body hash), values
  // (id, date slots, one slot per issuer/topic) and data (record_to_json, compact, as one zstd
  // frame: encode_record_data in stored_fields.h).
  // Stemming uses the record's language when Snowball knows it, English otherwise.
  Xapian::Document build(const Record& r);

  // The unique-id term for an id: "Q" + id for ids of at most schema::kMaxExactIdBytes, else
  // "Q" + the first schema::kIdTermHeadBytes bytes + "#" + SHA-256 hex of the id (schema.h).
  static std::string id_term(std::string_view id);

 private:
  const Xapian::Stem& stemmer_for(const std::string& language);

  Xapian::TermGenerator tg_;
  std::map<std::string, Xapian::Stem> stemmers_;
};

// The boolean term of an issuer, topic or source value: prefix + fold_case(trimmed value),
// truncated to schema::kMaxTermBytes. Filters look values up with the same function.
std::string filter_term(std::string_view prefix, std::string_view value);

// The URL term of a release: prefix + URL; a URL too long for one term keeps its first bytes
// plus '#' and a hash of the whole URL, so long URLs that share a beginning stay distinct.
std::string url_term(std::string_view url);

// Snowball stemmer name for an ISO 639-1 code ("en" -> "english"), "english" when unknown.
std::string stemmer_name_for(std::string_view language);

// 16 hex chars of a 64-bit FNV-1a hash of the body with white space folded and case folded:
// equal for bodies that differ only in spacing or case.
std::string body_hash(std::string_view body);

}  // namespace pressroom
