#include "metrics.h"

#include <sstream>

namespace pressroom::searchd {

void Metrics::observe(std::string_view endpoint, int status, double seconds) {
  MutexLock lock(mu_);
  ++requests_[{std::string(endpoint), status}];
  Latency& l = latency_[std::string(endpoint)];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++l.le[i];
  ++l.count;
  l.sum += seconds;
}

void Metrics::refuse(std::string_view reason) {
  MutexLock lock(mu_);
  auto it = refused_.find(reason);
  if (it == refused_.end()) it = refused_.emplace(std::string(reason), 0).first;
  ++it->second;
}

std::string Metrics::render(const Gauges& gauges) const {
  std::ostringstream out;
  MutexLock lock(mu_);
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
  out << "# HELP pressroom_connections_open Client connections open now (idle ones included).\n"
         "# TYPE pressroom_connections_open gauge\n"
         "pressroom_connections_open "
      << gauges.open_connections << "\n";
  out << "# HELP pressroom_connections_refused_total Connections closed unanswered by a cap "
         "(behind a trusted proxy: requests refused per forwarded client), by reason.\n"
         "# TYPE pressroom_connections_refused_total counter\n";
  for (const char* reason : {"max_connections", "per_client", "per_forwarded_client"}) {
    const auto it = refused_.find(std::string_view(reason));
    out << "pressroom_connections_refused_total{reason=\"" << reason << "\"} "
        << (it == refused_.end() ? 0 : it->second) << "\n";
  }
  out << "# HELP pressroom_workers Search workers (--threads).\n"
         "# TYPE pressroom_workers gauge\n"
         "pressroom_workers "
      << gauges.workers << "\n"
      << "# HELP pressroom_workers_busy Search workers computing an answer now.\n"
         "# TYPE pressroom_workers_busy gauge\n"
         "pressroom_workers_busy "
      << gauges.workers_busy << "\n"
      << "# HELP pressroom_requests_waiting_for_worker Complete requests waiting for a free search "
         "worker now.\n"
         "# TYPE pressroom_requests_waiting_for_worker gauge\n"
         "pressroom_requests_waiting_for_worker "
      << gauges.waiting_for_worker << "\n";
  return out.str();
}

}  // namespace pressroom::searchd
