#include "search_json.h"

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pressroom/json_writer.h"

namespace pressroom::searchd {

namespace {

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

}  // namespace

namespace {

void write_hits(JsonWriter& w, const std::vector<Hit>& hits) {
  w.begin_array();
  for (const auto& h : hits) {
    w.begin_object();
    w.key("id").value(h.id);
    w.key("title").value(h.title);
    w.key("date");
    if (h.date.empty())
      w.null();
    else
      w.value(h.date);
    w.key("issuers").strings(h.issuers);
    w.key("topics").strings(h.topics);
    w.key("url").value(h.url);
    w.key("score").value(round3(h.score));
    w.key("rank").value(std::uint64_t{h.rank});
    w.key("snippet").value(h.snippet);
    w.end_object();
  }
  w.end_array();
}

// Facet values and histogram buckets: [{"<name>": value, "count": n}, …].
void write_counted(JsonWriter& w, const std::vector<FacetValue>& list, std::string_view name) {
  w.begin_array();
  for (const auto& v : list) {
    w.begin_object();
    w.key(name).value(v.value);
    w.key("count").value(std::uint64_t{v.count});
    w.end_object();
  }
  w.end_array();
}

// Buckets with their period's releases and the share that matched (exact: both counts are).
void write_shares(JsonWriter& w, const std::vector<FacetValue>& list,
                  const std::vector<Xapian::doccount>& releases) {
  w.begin_array();
  for (size_t i = 0; i < list.size(); ++i) {
    const Xapian::doccount n = i < releases.size() ? releases[i] : 0;
    w.begin_object();
    w.key("key").value(list[i].value);
    w.key("count").value(std::uint64_t{list[i].count});
    w.key("releases").value(std::uint64_t{n});
    w.key("share").value(n > 0 ? static_cast<double>(list[i].count) / n : 0.0);
    w.end_object();
  }
  w.end_array();
}

void write_facets_and_histogram(JsonWriter& w, const SearchResult& r) {
  w.key("facets").begin_object();
  for (const auto& [field, values] : r.facets) {
    w.key(to_string(field));
    write_counted(w, values, "value");
  }
  w.end_object();
  w.key("facets_exact").value(r.facets_exact);
  if (!r.histogram) return;
  w.key("histogram").begin_object();
  w.key("interval").value(to_string(r.histogram->interval));
  if (r.histogram_normalize == HistogramNormalize::kNone) {
    w.key("buckets");
    write_counted(w, r.histogram->buckets, "key");
  } else {
    w.key("normalize").value(to_string(r.histogram_normalize));
    w.key("buckets");
    write_shares(w, r.histogram->buckets, r.histogram_releases);
  }
  w.end_object();
}

}  // namespace

std::string search_result_json(const SearchResult& r) {
  JsonWriter w;
  w.begin_object();
  w.key("total").value(std::uint64_t{r.total});
  w.key("total_exact").value(r.total_exact);
  if (!r.total_exact) {
    w.key("total_bounds").begin_object();
    w.key("lower").value(std::uint64_t{r.total_lower});
    w.key("upper").value(std::uint64_t{r.total_upper});
    w.end_object();
  }
  w.key("page").value(r.page);
  w.key("per_page").value(r.per_page);
  w.key("hits");
  write_hits(w, r.hits);
  write_facets_and_histogram(w, r);
  w.key("query").begin_object();
  w.key("q").value(r.q);
  w.key("parsed").value(r.parsed);
  w.end_object();
  if (!r.warning.empty()) w.key("warning").value(r.warning);
  if (r.suggestion_q) {
    w.key("suggestion").begin_object();
    w.key("q").value(*r.suggestion_q);
    w.key("total").value(std::uint64_t{r.suggestion_total});
    w.end_object();
  }
  w.key("took_ms").value(round3(r.took_ms));
  w.key("index").begin_object();
  w.key("uuid").value(r.uuid);
  w.key("revision").value(std::uint64_t{r.revision});
  w.end_object();
  w.end_object();
  return w.take();
}

}  // namespace pressroom::searchd
