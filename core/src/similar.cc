#include "pressroom/similar.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include "hits.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "pressroom/snippet.h"
#include "pressroom/stored_fields.h"

namespace pressroom {

namespace {

// Accepts the plain words of a release that are not boilerplate (see similar.h).
class ContentWords : public Xapian::ExpandDecider {
 public:
  explicit ContentWords(const Xapian::Database& db)
      : db_(db), max_releases_(std::max(db.get_doccount() / 10, kBoilerplateFloor)) {}

  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    const auto c = static_cast<unsigned char>(term[0]);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
    return db_.get_termfreq(term) <= max_releases_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::doccount max_releases_;
};

void add_hits(const Xapian::MSet& mset, SnippetMaker& snippets, const Limits& limits,
              SearchResult& r) {
  std::string record_text;
  const double max_weight = mset.get_max_attained();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const double score = max_weight > 0 ? it.get_weight() / max_weight : 0.0;
    Hit h = detail::make_hit(it.get_document(), score, it.get_rank() + 1, true, snippets, limits,
                             record_text);
    r.hits.push_back(std::move(h));
  }
}

}  // namespace

Result<SearchResult> similar_documents(const Xapian::Database& db, std::string_view id,
                                       const SearchRequest& req, const Limits& limits) {
  const auto start = std::chrono::steady_clock::now();
  auto docid = find_docid(db, id);
  if (!docid) {
    constexpr size_t kShown = 100;
    std::string shown(id.substr(0, kShown));
    if (id.size() > kShown) shown += "…";
    return make_error(ErrorCode::kNotFound, "no release has the id \"" + shown + "\"", "id");
  }
  // The filters alone (no words): MatchAll when there are none.
  SearchRequest filters = req;
  filters.q.clear();
  auto built = build_query(filters, db, limits);
  if (!built) return built.error();

  Xapian::Enquire enq(db);
  Xapian::RSet rset;
  rset.add_document(*docid);
  const ContentWords decider(db);
  const Xapian::ESet eset = enq.get_eset(kSimilarTerms, rset, &decider);
  std::vector<Xapian::Query> words;
  for (auto t = eset.begin(); t != eset.end(); ++t) words.emplace_back(*t);

  SearchResult r;
  r.page = req.page;
  r.per_page = req.per_page;
  r.uuid = database_uuid(db);
  r.revision = database_revision(db);
  if (!words.empty()) {
    Xapian::Query like(Xapian::Query::OP_OR, words.begin(), words.end());
    like =
        Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(DocumentBuilder::id_term(id)));
    if (req.has_filters()) like = Xapian::Query(Xapian::Query::OP_FILTER, like, built->query);
    r.parsed = like.get_description();
    enq.set_query(like);
    enq.set_docid_order(Xapian::Enquire::ASCENDING);
    enq.set_sort_by_relevance();
    if (limits.query_time_limit > 0) enq.set_time_limit(limits.query_time_limit);
    const Xapian::MSet mset =
        enq.get_mset((req.page - 1) * req.per_page, req.per_page, db.get_doccount());
    r.total_lower = mset.get_matches_lower_bound();
    r.total_upper = mset.get_matches_upper_bound();
    r.total = mset.get_matches_estimated();
    r.total_exact = r.total_lower == r.total_upper;
    SnippetMaker snippets(snippet_terms(like), built->stemmer);
    add_hits(mset, snippets, limits, r);
  }
  r.facets_exact = r.total_exact;
  r.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace pressroom
