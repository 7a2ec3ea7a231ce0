// Counts relative to output: each histogram bucket's matches as a share of all the releases of
// the bucket's period (histogram_normalize=archive), or of all the releases of the period from
// the request's issuer(s) (histogram_normalize=issuer; the archive when no issuer is filtered).
//
// The denominator of a bucket counts the releases that pass the request's date bounds (from/to,
// so a bucket the bounds cut is compared with the releases of its part of the period) and, for
// "issuer", its issuer filter; never its words or topics. It is computed by a second search,
// share_base_request(), whose histogram add_histogram_shares() then divides by. Pure functions.
#pragma once

#include <vector>

#include "pressroom/facets.h"
#include "pressroom/search_request.h"

namespace pressroom {

// The request whose histogram holds the denominators of `req`'s buckets: no words, no topics,
// the issuers only for kIssuer, the same date bounds, the resolved `interval` (never kAuto),
// no facets, one hit. Precondition: req.histogram_normalize != kNone.
SearchRequest share_base_request(const SearchRequest& req, HistogramInterval interval);

// The denominator of each of `h`'s buckets (same order), from the base request's histogram.
// A key missing from `base` has 0 releases.
std::vector<Xapian::doccount> bucket_releases(const Histogram& h, const Histogram& base);

}  // namespace pressroom
