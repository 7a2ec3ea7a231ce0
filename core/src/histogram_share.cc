#include "pressroom/histogram_share.h"

#include <unordered_map>

namespace pressroom {

SearchRequest share_base_request(const SearchRequest& req, HistogramInterval interval) {
  SearchRequest base;
  if (req.histogram_normalize == HistogramNormalize::kIssuer) base.issuers = req.issuers;
  base.from = req.from;
  base.to = req.to;
  base.from_key = req.from_key;
  base.to_key = req.to_key;
  base.per_page = 1;
  base.facets.clear();
  base.histogram = interval;
  return base;
}

std::vector<Xapian::doccount> bucket_releases(const Histogram& h, const Histogram& base) {
  std::unordered_map<std::string, Xapian::doccount> releases;
  releases.reserve(base.buckets.size());
  for (const auto& b : base.buckets) releases.emplace(b.value, b.count);
  std::vector<Xapian::doccount> out;
  out.reserve(h.buckets.size());
  for (const auto& b : h.buckets) {
    auto it = releases.find(b.value);
    out.push_back(it == releases.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace pressroom
