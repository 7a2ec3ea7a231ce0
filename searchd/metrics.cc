#include "metrics.h"

#include <sstream>

namespace pressroom::searchd {

void Metrics::observe(std::string_view endpoint, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(endpoint), status}];
  Latency& l = latency_[std::string(endpoint)];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++l.le[i];
  ++l.count;
  l.sum += seconds;
}

std::string Metrics::render(const Gauges& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP pressroom_http_requests_total HTTP requests answered, by endpoint and status.\n"
         "# TYPE pressroom_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "pressroom_http_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  out << "# HELP pressroom_http_request_duration_seconds Time to answer a request, streaming "
         "included, by endpoint.\n"
         "# TYPE pressroom_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, l] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out << "pressroom_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\""
          << kBuckets[i] << "\"} " << l.le[i] << "\n";
    out << "pressroom_http_request_duration_seconds_bucket{endpoint=\"" << endpoint
        << "\",le=\"+Inf\"} " << l.count << "\n"
        << "pressroom_http_request_duration_seconds_sum{endpoint=\"" << endpoint << "\"} " << l.sum
        << "\n"
        << "pressroom_http_request_duration_seconds_count{endpoint=\"" << endpoint << "\"} "
        << l.count << "\n";
  }
  if (gauges.documents >= 0)
    out << "# HELP pressroom_documents Releases in the index.\n"
           "# TYPE pressroom_documents gauge\n"
           "pressroom_documents "
        << gauges.documents << "\n";
  if (gauges.revision >= 0)
    out << "# HELP pressroom_index_revision Revision of the index the daemon reads.\n"
           "# TYPE pressroom_index_revision gauge\n"
           "pressroom_index_revision "
        << gauges.revision << "\n";
  out << "# HELP pressroom_exports_in_progress Exports streaming now.\n"
         "# TYPE pressroom_exports_in_progress gauge\n"
         "pressroom_exports_in_progress "
      << gauges.exports_in_progress << "\n";
  return out.str();
}

}  // namespace pressroom::searchd
