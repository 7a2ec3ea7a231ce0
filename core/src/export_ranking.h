// The order of an export: every match of a query, ranked once as Enquire would rank them.
#pragma once

#include <xapian.h>

#include "mapped_buffer.h"
#include "pressroom/query_builder.h"
#include "pressroom/search_request.h"

namespace pressroom {

// The docids of every match of `built`, in the order configure_enquire() gives them: relevance
// is weight descending, newest / oldest are date key descending / ascending then weight
// descending, and ties go to the lower docid.
//
// Enquire::get_mset(offset, page) would rank page by page: each call runs the whole match again
// and keeps offset + page entries (≈ 100 bytes each) in its heap. Here one run of the matcher
// with a match spy records (weight, docid, date key) for every match — 16 bytes each — and one
// sort orders them; the docids are kept (4 bytes each). Several shards, or a remote database
// (which cannot run a local spy), are ranked page by page with Enquire as before.
// Throws Xapian::WildcardError, Xapian::DatabaseModifiedError, Xapian::Error.
DocidList rank_matches(const Xapian::Database& db, const BuiltQuery& built, SortOrder asked,
                       Xapian::doccount page);

}  // namespace pressroom
