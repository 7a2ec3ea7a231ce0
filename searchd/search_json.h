// The API's JSON text for a search result: core returns SearchResult values, searchd encodes them.
// Thread-safety: a pure function.
#pragma once

#include <string>

#include "pressroom/searcher.h"

namespace pressroom::searchd {

// The API's JSON text for a search result (docs/api.md).
std::string search_result_json(const SearchResult& r);

}  // namespace pressroom::searchd
