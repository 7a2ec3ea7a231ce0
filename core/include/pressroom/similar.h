// "More like this": the releases most like one release, ranked as a search is.
//
// similar_documents() takes the release as Xapian's relevance set (RSet) and asks for its expand
// set (ESet): the kSimilarTerms words that best tell it apart, chosen by Xapian's expansion
// weight (its TradWeight over the relevance set). Boilerplate is excluded: prefixed terms
// (filters, ids, titles' "S" copies), words starting with a digit, words shorter than 3 bytes,
// and words in more than a tenth of the archive's releases (at least kBoilerplateFloor), such as
// "department", "justice", "attorney", which every DOJ release repeats. The query is those words
// OR-ed (BM25 as in search), without the release itself, filtered like a search by the
// request's issuers, topics and from/to (its q, sort and facets are not used). Hits have
// search()'s shape: snippets mark the chosen words.
//
// Errors (values): not_found (field "id") when no release has the id. Exceptions: as search().
// Thread-safety: the database must belong to the calling thread.
#pragma once

#include <string_view>

#include <xapian.h>

#include "pressroom/result.h"
#include "pressroom/search_request.h"
#include "pressroom/searcher.h"

namespace pressroom {

inline constexpr Xapian::termcount kSimilarTerms = 40;
inline constexpr Xapian::doccount kBoilerplateFloor = 10;

Result<SearchResult> similar_documents(const Xapian::Database& db, std::string_view id,
                                       const SearchRequest& req, const Limits& limits);

}  // namespace pressroom
