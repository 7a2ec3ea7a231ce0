#include "pressroom/searcher.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

#include "hits.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"
#include "pressroom/snippet.h"
#include "pressroom/stored_fields.h"
#include "proximity.h"

namespace pressroom {

namespace {

// One match of `query` (built's query or its fallback) counting facets into `facets`: `count`
// results from `first`, the whole match set visited so totals and facets are exact.
Result<Xapian::MSet> run_match(const Xapian::Database& db, const Xapian::Query& query,
                               const BuiltQuery& built, const SearchRequest& req,
                               const Limits& limits, const SearchOptions& options,
                               FacetCounter& facets, Xapian::doccount first,
                               Xapian::doccount count) {
  Xapian::Enquire enq(db);
  BuiltQuery b;
  b.query = query;
  b.has_text = built.has_text;
  configure_enquire(enq, b, req.sort);
  if (limits.query_time_limit > 0) enq.set_time_limit(limits.query_time_limit);
  facets.attach(enq);
  const bool any_facets = !req.facets.empty() || req.histogram != HistogramInterval::kNone;
  if (any_facets && options.columns && options.facet_source == FacetSource::kValueStreams &&
      db.size() == 1 && !options.state_key.empty())
    facets.use_columns(options.columns->get(db, options.state_key));
  try {
    return enq.get_mset(first, count, db.get_doccount());
  } catch (const Xapian::WildcardError&) {
    return wildcard_expansion_error(limits);
  }
}

}  // namespace

SortOrder effective_sort(SortOrder asked, bool has_text) {
  return asked == SortOrder::kRelevance && !has_text ? SortOrder::kNewest : asked;
}

void configure_enquire(Xapian::Enquire& enq, const BuiltQuery& built, SortOrder sort) {
  enq.set_query(built.query);
  enq.set_docid_order(Xapian::Enquire::ASCENDING);
  switch (effective_sort(sort, built.has_text)) {
    case SortOrder::kNewest:
      enq.set_sort_by_value_then_relevance(schema::kSlotDate, true);
      break;
    case SortOrder::kOldest:
      enq.set_sort_by_value_then_relevance(schema::kSlotDate, false);
      break;
    case SortOrder::kRelevance:
      enq.set_sort_by_relevance();
      break;
  }
}

Result<SearchResult> search(const Xapian::Database& db, const SearchRequest& req,
                            const Limits& limits, const SearchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto built = build_query(req, db, limits);
  if (!built) return built.error();

  SearchResult r;
  r.q = req.q;
  r.parsed = built->query.get_description();
  r.warning = built->warning;
  r.page = req.page;
  r.per_page = req.per_page;
  r.uuid = database_uuid(db);
  r.revision = database_revision(db);

  auto facets = std::make_unique<FacetCounter>(db, req.facets, req.histogram, options.facet_source);
  // A relevance page within the top kProximityDepth is cut from those, re-ranked by proximity.
  const Xapian::doccount first = (req.page - 1) * req.per_page;
  std::optional<ProximityRanker> ranker;
  if (effective_sort(req.sort, built->has_text) == SortOrder::kRelevance &&
      first + req.per_page <= kProximityDepth) {
    ranker.emplace(db, built->query, built->stemmer);
    if (!ranker->active()) ranker.reset();  // one word: nothing to re-rank, no deeper match
  }
  const bool proximity = ranker.has_value();
  const Xapian::doccount from = proximity ? 0 : first;
  const Xapian::doccount count = proximity ? kProximityDepth : req.per_page;
  auto mset = run_match(db, built->query, *built, req, limits, options, *facets, from, count);
  if (!mset) return mset.error();
  // Zero-hit fallback: no release has every word, so the words joined by OR, ranked (BM25
  // favours releases holding more of them), rather than an empty page. Facets start afresh.
  if (mset->get_matches_upper_bound() == 0 && !built->fallback.empty()) {
    facets = std::make_unique<FacetCounter>(db, req.facets, req.histogram, options.facet_source);
    mset = run_match(db, built->fallback, *built, req, limits, options, *facets, from, count);
    if (!mset) return mset.error();
    if (mset->get_matches_upper_bound() > 0) {
      built->query = built->fallback;
      r.parsed = built->query.get_description();
      r.warning = r.warning.empty() ? std::string(kFallbackWarning)
                                    : r.warning + "; " + std::string(kFallbackWarning);
    }
  }

  r.total_lower = mset->get_matches_lower_bound();
  r.total_upper = mset->get_matches_upper_bound();
  r.total = mset->get_matches_estimated();
  r.total_exact = r.total_lower == r.total_upper;
  auto seen = facets->documents_seen();
  r.facets_exact = r.total_exact && (!seen || *seen == r.total);

  std::vector<RankedDoc> ranked;
  for (auto it = mset->begin(); it != mset->end(); ++it) ranked.push_back({*it, it.get_weight()});
  double max_weight = mset->get_max_attained();
  if (proximity) {
    ranker->rerank(ranked);
    if (!ranked.empty()) max_weight = ranked.front().weight;
    ranked.erase(ranked.begin(), ranked.begin() + std::min<size_t>(first, ranked.size()));
    if (ranked.size() > req.per_page) ranked.resize(req.per_page);
  }

  // Snippets from the query's body words (core/src/snippet.cc): one pass over each hit's body.
  SnippetMaker snippets(snippet_terms(built->query), built->stemmer);
  std::string record_text;
  for (size_t i = 0; i < ranked.size(); ++i) {
    // Relative to the best match of the whole result (not Xapian's percentage, which also
    // counts how many of the query's terms a release matched, filters' terms included).
    const double score = built->has_text && max_weight > 0 ? ranked[i].weight / max_weight : 0.0;
    r.hits.push_back(detail::make_hit(db.get_document(ranked[i].did), score,
                                      first + static_cast<Xapian::doccount>(i) + 1, built->has_text,
                                      snippets, limits, record_text));
  }

  for (FacetField f : req.facets) r.facets.emplace_back(f, facets->facet(f, req.facet_size));
  if (req.histogram != HistogramInterval::kNone) r.histogram = facets->histogram();

  r.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::optional<Xapian::docid> find_docid(const Xapian::Database& db, std::string_view id) {
  if (id.empty() || id.size() > schema::kMaxIdBytes) return std::nullopt;
  const std::string term = DocumentBuilder::id_term(id);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    // A long id's term is a hash: the id itself is checked (a document without slot 6 was
    // written before long ids existed, and its term is the exact id).
    const std::string stored = db.get_document(*it).get_value(schema::kSlotId);
    if (stored.empty() || stored == id) return *it;
  }
  return std::nullopt;
}

Result<std::string> find_document(const Xapian::Database& db, std::string_view id) {
  auto not_found = [&] {
    constexpr size_t kShown = 100;
    std::string shown(id.substr(0, kShown));
    if (id.size() > kShown) shown += "…";
    return make_error(ErrorCode::kNotFound, "no release has the id \"" + shown + "\"", "id");
  };
  if (auto did = find_docid(db, id)) return decode_record_data(db.get_document(*did).get_data());
  return not_found();
}

}  // namespace pressroom
