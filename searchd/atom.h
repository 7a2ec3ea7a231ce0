// Atom 1.0 (RFC 4287) feed of search hits, written with libxml2's xmlTextWriter.
//
// Entries keep the order of the hits. Entry ids and "related" links are the document URLs of the
// API (base + /api/v1/documents/{id}); the "alternate" link is the release's own url when it has
// one. <updated> is the release date in RFC 3339 (missing time: midnight; missing offset: UTC;
// undated: the feed's generation time). Summaries are the hits' HTML snippets (type="html").
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "pressroom/searcher.h"

namespace pressroom::searchd {

struct FeedInfo {
  std::string title;
  std::string self_url;       // absolute URL of this feed (also its id)
  std::string alternate_url;  // the same search in the web UI
  std::string base_url;       // "http://host:port", for document links
  std::string generated_at;   // RFC 3339 UTC
};

std::string atom_feed(const FeedInfo& info, const std::vector<Hit>& hits);

// RFC 3339 form of a record date text ("2018-04-13" -> "2018-04-13T00:00:00Z"), "" when it is not
// a date.
std::string rfc3339(const std::string& record_date);

}  // namespace pressroom::searchd
