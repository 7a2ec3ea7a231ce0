// Building a search hit from a matching document: shared by search() (searcher.cc) and more
// like this (similar.cc), so both answer in the same shape. Private to core.
#pragma once

#include <string>

#include <xapian.h>

#include "pressroom/searcher.h"
#include "pressroom/snippet.h"

namespace pressroom::detail {

// The finest date the document has, from the slots the builder fills per precision.
std::string display_date(const Xapian::Document& doc);

// The hit of one matching document. `record_text` is scratch space reused between hits.
// Without query words (`has_text` false) the snippet is the start of the body.
Hit make_hit(const Xapian::Document& doc, double score, Xapian::doccount rank, bool has_text,
             SnippetMaker& snippets, const Limits& limits, std::string& record_text);

}  // namespace pressroom::detail
