// The index schema: every term prefix, value slot, metadata key and encoding, defined once.
// docs/schema.md says the same in prose. A prefix or slot number written anywhere else is a bug.
#pragma once

#include <string_view>

#include <xapian.h>

namespace pressroom::schema {

// Bumped whenever a prefix, slot or encoding below changes meaning. Stored in the database
// metadata under kMetaSchemaVersion; readers and the writer refuse versions outside
// kOldestSchemaVersion..kSchemaVersion, and the writer stamps an older index it opens with
// kSchemaVersion (what it writes from then on is the new encoding).
//   1: document data is the record's compact JSON.
//   2: document data is that JSON as one zstd frame (documents written under 1 stay readable).
inline constexpr int kSchemaVersion = 2;
inline constexpr int kOldestSchemaVersion = 1;

// ---- Metadata keys (Xapian::Database::get_metadata) ----
inline constexpr std::string_view kMetaSchemaVersion = "pressroom.schema_version";  // decimal text
inline constexpr std::string_view kMetaDefaultLanguage = "pressroom.language";      // "en", ...
// Highest number of issuers (topics) any document has ever carried, decimal text. Readers create
// that many ValueCountMatchSpy objects (one per slot kSlotIssuerFirst + i) and sum them.
inline constexpr std::string_view kMetaMaxIssuers = "pressroom.max_issuers";
inline constexpr std::string_view kMetaMaxTopics = "pressroom.max_topics";
// One key per source file an import has read completely without rejections:
// kMetaFilePrefix + the file key (16 lower-case hex chars, see kPrefixSourceFile) -> compact JSON
// {"path": absolute path, "size": bytes, "mtime": ns since the epoch, "fingerprint": 16 hex of
// the mapping and parser version, "records": n}. Lets a re-run skip unchanged files.
inline constexpr std::string_view kMetaFilePrefix = "pressroom.file.";

// ---- Term prefixes ----
// Boolean terms hold lower-cased values; free-text terms come from Xapian::TermGenerator.
// boolean: "Q" + id, exact bytes, for ids of at most kMaxExactIdBytes bytes (every id written
// before longer ids were allowed). A longer id gets "Q" + its first kIdTermHeadBytes bytes + "#" +
// 64 lower-case hex chars of the SHA-256 of the whole id: always kHashedIdTermBytes (226) bytes,
// a length no exact id term has, so the two kinds never collide. Lookups build the same term
// (DocumentBuilder::id_term) and check the id in slot kSlotId.
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixTitle = "S";        // free text: title words
inline constexpr std::string_view kPrefixUrl = "U";          // boolean: "U" + url (≤ 240 bytes)
inline constexpr std::string_view kPrefixIssuer = "XI";      // boolean: "XI" + lower(issuer)
inline constexpr std::string_view kPrefixTopic = "XT";       // boolean: "XT" + lower(topic)
inline constexpr std::string_view kPrefixIssuerText = "XA";  // free text: issuer words
inline constexpr std::string_view kPrefixTopicText = "XB";   // free text: topic words
inline constexpr std::string_view kPrefixLanguage = "L";     // boolean: "L" + language code
inline constexpr std::string_view kPrefixSource = "XS";      // boolean: "XS" + lower(source)
inline constexpr std::string_view kPrefixYear = "Y";         // boolean: "Y" + YYYY
inline constexpr std::string_view kPrefixMonth = "M";        // boolean: "M" + YYYYMM
inline constexpr std::string_view kPrefixDay = "D";          // boolean: "D" + YYYYMMDD
inline constexpr std::string_view kPrefixBodyHash = "XH";    // boolean: "XH" + hex hash of body
// boolean: "XF" + the source file key: 16 lower-case hex chars of the FNV-1a 64 hash of the
// bytes of the file's absolute path. Finds the records a file produced (pruning, re-imports).
inline constexpr std::string_view kPrefixSourceFile = "XF";

// Boolean terms longer than this are truncated (Xapian's term limit is 245 bytes).
inline constexpr size_t kMaxTermBytes = 240;

// Ids: at most kMaxIdBytes bytes (longer ones reject the record: even percent-encoded byte by
// byte, such an id fits cpp-httplib's 8 KiB request line in /api/v1/documents/{id}); up to
// kMaxExactIdBytes their "Q" term is the id itself, beyond that the hashed form above.
inline constexpr size_t kMaxIdBytes = 2048;
inline constexpr size_t kMaxExactIdBytes = 200;
inline constexpr size_t kIdTermHeadBytes = 160;
inline constexpr size_t kHashedIdTermBytes = 1 + kIdTermHeadBytes + 1 + 64;
static_assert(kHashedIdTermBytes <= kMaxTermBytes && kHashedIdTermBytes > 1 + kMaxExactIdBytes);

// ---- Value slots ----
// slot 0: date sort key, 8 ASCII bytes "YYYYMMDD" (unknown month/day as "00"); empty if undated.
inline constexpr Xapian::valueno kSlotDate = 0;
// slot 1: year, 4 ASCII bytes "YYYY" (year facet and year histogram).
inline constexpr Xapian::valueno kSlotYear = 1;
// slot 2: month, 7 ASCII bytes "YYYY-MM" (month facet and histogram; empty if only a year).
inline constexpr Xapian::valueno kSlotMonth = 2;
// slot 3: day, 10 ASCII bytes "YYYY-MM-DD" (day histogram; empty if no day).
inline constexpr Xapian::valueno kSlotDay = 3;
// slot 4: body hash, 16 lower-case hex chars of the normalised body (duplicate detection).
inline constexpr Xapian::valueno kSlotBodyHash = 4;
// slot 5: source file key, the same 16 hex chars as the "XF" term; empty for standard input.
inline constexpr Xapian::valueno kSlotSourceFile = 5;
// slot 6: the record id, exact bytes (for ids of at most kMaxExactIdBytes, the "Q" term without
// its prefix; longer ids are only here and in the data, their term being hashed). Lets exports
// hash ids from a value stream instead of reading each document's termlist. Empty in documents
// written before the slot existed (schema version 1 unchanged, ids then at most 200 bytes):
// readers then take the id from the "Q" term.
inline constexpr Xapian::valueno kSlotId = 6;
// slots 100..199: the i-th issuer's display form (as in the record), one value per slot, so that
// summing ValueCountMatchSpy counts over slots 100..100+max_issuers-1 counts each issuer exactly
// once per document. Issuers are de-duplicated case-insensitively at normalisation.
inline constexpr Xapian::valueno kSlotIssuerFirst = 100;
inline constexpr Xapian::valueno kMaxIssuerSlots = 100;
// slots 200..299: the same for topics.
inline constexpr Xapian::valueno kSlotTopicFirst = 200;
inline constexpr Xapian::valueno kMaxTopicSlots = 100;

// Within-document frequency boost for title words (title words count this many times the body's).
inline constexpr Xapian::termcount kTitleWeight = 5;
// Gap in term positions between fields so phrases never span two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// ---- Document data ----
// The normalised record as compact JSON (see record.h: record_to_json), UTF-8, compressed as one
// zstd frame since schema 2 (stored_fields.h: encode_record_data / decode_record_data; schema 1's
// plain JSON stays readable).

}  // namespace pressroom::schema
