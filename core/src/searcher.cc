#include "pressroom/searcher.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"

namespace pressroom {

namespace {

// A snippet of snippet_bytes is cut from at most this many times as many bytes of the body.
constexpr size_t kSnippetWindowFactor = 4;

// The fields of a stored record a hit shows. Read with nlohmann's SAX interface: the record is
// scanned once and only these strings are kept, with no document tree built and copied from.
struct StoredFields {
  std::string id, title, date, url, body;
  std::vector<std::string> issuers, topics;
};

class StoredFieldsReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit StoredFieldsReader(StoredFields& out) : out_(out) {}
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& val) override {
    if (depth_ == 1 && target_)
      *target_ = std::move(val);
    else if (depth_ == 2 && list_)
      list_->push_back(std::move(val));
    target_ = nullptr;
    return true;
  }
  bool start_object(std::size_t) override { return enter(false); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(true); }
  bool end_array() override { return leave(); }
  bool key(string_t& k) override {
    if (depth_ != 1) return true;
    target_ = k == "id"      ? &out_.id
              : k == "title" ? &out_.title
              : k == "date"  ? &out_.date
              : k == "url"   ? &out_.url
              : k == "body"  ? &out_.body
                             : nullptr;
    pending_list_ = k == "issuers" ? &out_.issuers : k == "topics" ? &out_.topics : nullptr;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    out_ = StoredFields{};  // as before: a record that is not JSON shows no fields
    return false;
  }

 private:
  bool enter(bool array) {
    ++depth_;
    if (depth_ == 1 && array) return false;  // not an object: no fields, like a parse error
    if (depth_ == 2) list_ = array ? pending_list_ : nullptr;
    target_ = nullptr;
    return true;
  }
  bool leave() {
    if (depth_ == 2) {
      list_ = nullptr;
      pending_list_ = nullptr;
    }
    --depth_;
    target_ = nullptr;
    return true;
  }
  StoredFields& out_;
  int depth_ = 0;
  std::string* target_ = nullptr;                     // the string field of the key just read
  std::vector<std::string>* pending_list_ = nullptr;  // the list field of the key just read
  std::vector<std::string>* list_ = nullptr;          // inside that list
};

StoredFields read_stored_fields(const std::string& data) {
  StoredFields f;
  StoredFieldsReader reader(f);
  if (!nlohmann::json::sax_parse(data, &reader)) f = StoredFields{};
  return f;
}

// The finest date the document has, from the slots the builder fills per precision.
std::string display_date(const Xapian::Document& doc) {
  for (Xapian::valueno slot : {schema::kSlotDay, schema::kSlotMonth, schema::kSlotYear}) {
    std::string v = doc.get_value(slot);
    if (!v.empty()) return v;
  }
  return "";
}

// A stemmer that remembers its answers: the snippet generator stems every word of every hit's
// body, and a page of releases repeats the same few thousand words. One per request (not
// thread-safe, grows with the distinct words of one page).
class MemoStem : public Xapian::StemImplementation {
 public:
  explicit MemoStem(const std::string& language) : stem_(language) {}
  std::string operator()(const std::string& word) override {
    auto it = memo_.find(word);
    if (it == memo_.end()) it = memo_.emplace(word, stem_(word)).first;
    return it->second;
  }
  std::string get_description() const override { return "memo:" + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
  std::unordered_map<std::string, std::string> memo_;
};

// A word of the body a query can match, for finding where a snippet should come from: an
// unprefixed term (exact word) or a stem ("Z" + stem). Other prefixes are fields other than the
// body, or boolean filters.
struct Needle {
  std::string text;
  bool stemmed = false;
};

std::vector<Needle> body_needles(const Xapian::Query& query) {
  std::vector<Needle> out;
  // Xapian marks the words of a phrase only where the phrase matches, which a scan for single
  // words does not find: no window (the whole body) for phrases and NEAR.
  const std::string description = query.get_description();
  if (description.find(" PHRASE ") != std::string::npos ||
      description.find(" NEAR ") != std::string::npos)
    return out;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    const bool stemmed = !term.empty() && term[0] == 'Z';
    const size_t start = stemmed ? 1 : 0;
    if (term.size() <= start || (term[start] >= 'A' && term[start] <= 'Z')) continue;
    out.push_back(Needle{term.substr(start), stemmed});
  }
  return out;
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// Offset of the first word of the body that a needle matches (the word itself, or its stem for
// a stem; ASCII case folded), npos if none. Only words that begin with a needle are stemmed.
size_t first_match(const std::string& body, const std::vector<Needle>& needles,
                   const Xapian::Stem& stem) {
  std::string word;
  for (size_t i = 0; i < body.size();) {
    if (!is_word_byte(body[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < body.size() && is_word_byte(body[end])) ++end;
    word.assign(body, i, end - i);
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& n : needles) {
      if (word.compare(0, n.text.size(), n.text) != 0 && !(n.stemmed && word[0] == n.text[0]))
        continue;
      if (n.stemmed ? stem(word) == n.text : word == n.text) return i;
    }
    i = end;
  }
  return std::string::npos;
}

// The part of a long body the snippet is cut from: `window` bytes starting a little before the
// first word a query term matches, or the whole body when none does. Xapian's snippet generator
// tokenises and stems all the text it is given, so cutting it from a bounded window bounds the
// cost of a page whatever the length of the bodies. Both ends fall on a space, so no word (or
// UTF-8 sequence) is cut.
std::pair<size_t, size_t> snippet_window(const std::string& body,
                                         const std::vector<Needle>& needles,
                                         const Xapian::Stem& stem, size_t window) {
  if (body.size() <= window || needles.empty()) return {0, body.size()};
  const size_t first = first_match(body, needles, stem);
  // No word found (the tokeniser of this scan is simpler than Xapian's): Xapian looks at the
  // whole body, as it did before there were windows.
  if (first == std::string::npos) return {0, body.size()};
  size_t begin = first < window / 4 ? 0 : first - window / 4;
  if (begin + window > body.size()) begin = body.size() - window;
  if (begin > 0) {
    size_t space = body.find(' ', begin);
    begin = space == std::string::npos || space >= first ? first : space + 1;
  }
  size_t end = std::min(body.size(), begin + window);
  if (end < body.size()) {
    size_t space = body.rfind(' ', end);
    end = space == std::string::npos || space <= first ? body.size() : space;
  }
  return {begin, end};
}

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

// The start of a body as an HTML snippet: cut at a space (never inside a UTF-8 sequence) within
// `bytes`, escaped, "…" when cut.
std::string leading_snippet(const std::string& body, size_t bytes) {
  size_t end = body.size();
  if (end > bytes) {
    end = body.rfind(' ', bytes);
    if (end == std::string::npos || end == 0) {
      end = bytes;
      while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
    }
  }
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    switch (body[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += body[i];
    }
  }
  if (end < body.size()) out += "…";
  return out;
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

  Xapian::Enquire enq(db);
  configure_enquire(enq, *built, req.sort);
  if (limits.query_time_limit > 0) enq.set_time_limit(limits.query_time_limit);
  FacetCounter facets(db, req.facets, req.histogram, options.facet_source);
  facets.attach(enq);
  const bool any_facets = !req.facets.empty() || req.histogram != HistogramInterval::kNone;
  if (any_facets && options.columns && options.facet_source == FacetSource::kValueStreams &&
      db.size() == 1 && !options.state_key.empty())
    facets.use_columns(options.columns->get(db, options.state_key));

  const Xapian::doccount first = (req.page - 1) * req.per_page;
  Xapian::MSet mset;
  try {
    mset = enq.get_mset(first, req.per_page, db.get_doccount());
  } catch (const Xapian::WildcardError&) {
    return wildcard_expansion_error(limits);
  }

  r.total_lower = mset.get_matches_lower_bound();
  r.total_upper = mset.get_matches_upper_bound();
  r.total = mset.get_matches_estimated();
  r.total_exact = r.total_lower == r.total_upper;
  auto seen = facets.documents_seen();
  r.facets_exact = r.total_exact && (!seen || *seen == r.total);

  const Xapian::Stem stem(new MemoStem(stemmer_name_for(index_language(db))));
  // Not SNIPPET_EXHAUSTIVE: stopping at a good-enough passage halves the cost of a page. Not
  // SNIPPET_BACKGROUND_MODEL: it looks up the term frequency of every word of every body
  // (thousands of B-tree lookups per page, a third of a search's CPU); without it the passage
  // is still chosen around the query words and they are still marked.
  const unsigned snippet_flags = 0;
  const std::vector<Needle> needles = body_needles(built->query);
  const size_t window = limits.snippet_bytes * kSnippetWindowFactor;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    StoredFields j = read_stored_fields(doc.get_data());
    Hit h;
    h.id = std::move(j.id);
    h.title = std::move(j.title);
    h.date = display_date(doc);
    h.record_date = std::move(j.date);
    h.issuers = std::move(j.issuers);
    h.topics = std::move(j.topics);
    h.url = std::move(j.url);
    h.score = built->has_text ? it.get_percent() / 100.0 : 0.0;
    h.rank = it.get_rank() + 1;
    // Without query words Xapian would pick an arbitrary passage: show the start instead.
    const std::string& body = j.body;
    if (built->has_text) {
      auto [begin, end] = snippet_window(body, needles, stem, window);
      h.snippet = mset.snippet(body.substr(begin, end - begin), limits.snippet_bytes, stem,
                               snippet_flags, "<mark>", "</mark>", "…");
      // Xapian marks what it left out of the text it was given; the window left out more.
      if (begin > 0 && h.snippet.rfind("…", 0) != 0) h.snippet.insert(0, "…");
      if (end < body.size() && !h.snippet.ends_with("…")) h.snippet += "…";
    } else {
      h.snippet = leading_snippet(body, limits.snippet_bytes);
    }
    r.hits.push_back(std::move(h));
  }

  for (FacetField f : req.facets) r.facets.emplace_back(f, facets.facet(f, req.facet_size));
  if (req.histogram != HistogramInterval::kNone) r.histogram = facets.histogram();

  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  return r;
}

nlohmann::ordered_json to_json(const SearchResult& r) {
  using json = nlohmann::ordered_json;
  json out = json::object();
  out["total"] = r.total;
  out["total_exact"] = r.total_exact;
  if (!r.total_exact) out["total_bounds"] = {{"lower", r.total_lower}, {"upper", r.total_upper}};
  out["page"] = r.page;
  out["per_page"] = r.per_page;
  json hits = json::array();
  for (const auto& h : r.hits) {
    json jh = json::object();
    jh["id"] = h.id;
    jh["title"] = h.title;
    jh["date"] = h.date.empty() ? json(nullptr) : json(h.date);
    jh["issuers"] = h.issuers;
    jh["topics"] = h.topics;
    jh["url"] = h.url;
    jh["score"] = round3(h.score);
    jh["rank"] = h.rank;
    jh["snippet"] = h.snippet;
    hits.push_back(std::move(jh));
  }
  out["hits"] = std::move(hits);
  json facets = json::object();
  for (const auto& [field, values] : r.facets) {
    json list = json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[std::string(to_string(field))] = std::move(list);
  }
  out["facets"] = std::move(facets);
  out["facets_exact"] = r.facets_exact;
  if (r.histogram) {
    json buckets = json::array();
    for (const auto& b : r.histogram->buckets) buckets.push_back({{"key", b.value}, {"count", b.count}});
    out["histogram"] = {{"interval", to_string(r.histogram->interval)}, {"buckets", std::move(buckets)}};
  }
  out["query"] = {{"q", r.q}, {"parsed", r.parsed}};
  if (!r.warning.empty()) out["warning"] = r.warning;
  out["took_ms"] = round3(r.took_ms);
  out["index"] = {{"uuid", r.uuid}, {"revision", r.revision}};
  return out;
}

Result<std::string> find_document(const Xapian::Database& db, std::string_view id) {
  auto not_found = [&] {
    constexpr size_t kShown = 100;
    std::string shown(id.substr(0, kShown));
    if (id.size() > kShown) shown += "…";
    return make_error("not_found", "no release has the id \"" + shown + "\"", "id");
  };
  // An id too long for an untruncated id term cannot be a stored id (ids are at most 200 bytes).
  if (id.empty() || schema::kPrefixId.size() + id.size() > schema::kMaxTermBytes) return not_found();
  const std::string term = DocumentBuilder::id_term(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return not_found();
  return db.get_document(*it).get_data();
}

}  // namespace pressroom
