// SearchRequest -> Xapian::Query.
//
// The text `q` is read by Xapian::QueryParser: words, "phrases", AND/OR/NOT (also a leading NOT),
// brackets, NEAR/ADJ, +word/-word, trailing * (expanded against the database at match time, at
// most Limits::max_wildcard_expansion words, else Xapian::WildcardError from get_mset), field
// prefixes title: (S), issuer: (XA), topic: (XB), and date ranges date:2015..2016 / date:2015-06..
// / date:..2016-06-30 on schema::kSlotDate. The default operator between words is AND. Stemming
// (STEM_SOME) uses the language stored in the database metadata (schema::kMetaDefaultLanguage,
// "en" when absent).
//
// Text the strict parser rejects (a dangling AND, "OR OR", a range without a known prefix, ...)
// is read again leniently: the runs of letters and digits, without upper-case operator words, as
// plain words; `warning` then says how the query was read. A q that is one http(s) link also
// matches the release with that url (its schema::kPrefixUrl term). Filters (issuer, topic,
// from/to) are boolean: OR within issuers, OR within topics, AND across them, applied with
// OP_FILTER so they do not change the ranking. No text and no filters: Query::MatchAll.
//
// Errors (code "invalid_argument", field "q"): an invalid date inside a date: range, or a range
// whose start is after its end. BuiltQuery::fallback is the same text with the default
// operator OR (see search()). Thread-safety: a pure function of its arguments; the database is
// only read (metadata), and must belong to the calling thread.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "pressroom/document_builder.h"
#include "pressroom/result.h"
#include "pressroom/search_request.h"

namespace pressroom {

struct BuiltQuery {
  Xapian::Query query;    // the whole query: text filtered by the boolean filters
  bool has_text = false;  // words of q take part, so relevance ranking means something
  std::string warning;    // set when q was read leniently or had nothing to search for
  std::string stemmer;    // the Snowball stemmer q's words were stemmed with (for snippets)
  // The zero-hit fallback: q read with OR where the default operator (AND) joined its words,
  // filtered like `query`. Empty when q has no default AND to relax (one word, explicit
  // operators only, a phrase). search() runs it when `query` matches nothing.
  Xapian::Query fallback;
};

Result<BuiltQuery> build_query(const SearchRequest& req, const Xapian::Database& db,
                               const Limits& limits);

// The error for a query whose trailing * expands past limits.max_wildcard_expansion words
// (Xapian throws WildcardError when the match runs).
Error wildcard_expansion_error(const Limits& limits);

// The plain words a lenient reading keeps: runs of ASCII letters and digits and of non-ASCII
// bytes, joined by single spaces, without the operator words AND, OR, NOT, XOR, NEAR and ADJ.
std::string lenient_words(std::string_view q);

// filter_term() and url_term(), the terms filters look up, live in document_builder.h beside
// the code that writes them.

// The stemmer language of a database: its kMetaDefaultLanguage metadata, "en" when absent.
std::string index_language(const Xapian::Database& db);

}  // namespace pressroom
