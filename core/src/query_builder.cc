#include "pressroom/query_builder.h"

#include <optional>
#include <vector>

#include "pressroom/dates.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"
#include "pressroom/text.h"

namespace pressroom {

namespace {

// Dated documents whose date key (slot 0, YYYYMMDD with 00 for an unknown month or day) lies in
// [lo, hi]; an empty bound is open. The same answers as a value range on slot 0, which reads
// the value of every candidate document (at 1M records, every dated document for a date-only
// search): here the years wholly inside the range are the union of their "Y" terms, posting
// lists that intersect cheaply with the rest of the query, and only the years a bound cuts
// through test the value, on their own documents. Weightless, like the value range.
Xapian::Query date_query(const Xapian::Database& db, const std::string& lo, const std::string& hi) {
  Xapian::Query range =
      lo.empty()   ? Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, hi)
      : hi.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, lo)
                   : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, lo, hi);
  const std::string prefix(schema::kPrefixYear);
  std::vector<Xapian::Query> whole, cut;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string year = (*t).substr(prefix.size());
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)
      return range;  // not a year term of this schema: the value range is always right
    const std::string first = year + "0000", last = year + "1231";  // every key of the year
    if ((!hi.empty() && first > hi) || (!lo.empty() && last < lo)) continue;
    if ((lo.empty() || lo <= first) && (hi.empty() || last <= hi))
      whole.emplace_back(*t);
    else
      cut.emplace_back(*t);
  }
  std::vector<Xapian::Query> parts;
  if (!whole.empty()) parts.emplace_back(Xapian::Query::OP_OR, whole.begin(), whole.end());
  if (!cut.empty())
    parts.emplace_back(Xapian::Query::OP_FILTER,
                       Xapian::Query(Xapian::Query::OP_OR, cut.begin(), cut.end()), range);
  // No year in range: a term no document has (the bare prefix). Not MatchNothing, which the
  // query parser takes from a range processor as no restriction at all.
  if (parts.empty()) return Xapian::Query(prefix);
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), 0.0);
}

// date:START..END on the date slot. Xapian turns a range no processor accepts into a generic
// QueryParserError, so the precise reason is kept here and reported instead.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(const Xapian::Database& db)
      : Xapian::RangeProcessor(schema::kSlotDate, "date:"), db_(db) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo, hi;
    if (!begin.empty()) {
      auto b = date_bound(begin, false);
      if (!b) return reject("date range in the query: " + b.error().message);
      lo = b.value();
    }
    if (!end.empty()) {
      auto e = date_bound(end, true);
      if (!e) return reject("date range in the query: " + e.error().message);
      hi = e.value();
    }
    if (lo.empty() && hi.empty())
      return reject("date range in the query has neither start nor end");
    if (!lo.empty() && !hi.empty() && lo > hi)
      return reject("date range in the query: " + begin + " is after " + end);
    return date_query(db_, lo, hi);
  }

  std::optional<Error> error;

 private:
  const Xapian::Database& db_;
  Xapian::Query reject(std::string message) {
    if (!error) error = make_error(ErrorCode::kInvalidArgument, std::move(message), "q");
    return Xapian::Query(Xapian::Query::OP_INVALID);
  }
};

constexpr unsigned kStrictFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  terms.reserve(values.size());
  for (const auto& v : values) terms.emplace_back(filter_term(prefix, v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<Xapian::Query> filter_query(const SearchRequest& req, const Xapian::Database& db) {
  std::vector<Xapian::Query> parts;
  if (!req.issuers.empty()) parts.push_back(any_of(schema::kPrefixIssuer, req.issuers));
  if (!req.topics.empty()) parts.push_back(any_of(schema::kPrefixTopic, req.topics));
  if (!req.from_key.empty() || !req.to_key.empty())
    parts.push_back(date_query(db, req.from_key, req.to_key));
  if (parts.empty()) return std::nullopt;
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

bool looks_like_url(std::string_view q) {
  return (q.rfind("http://", 0) == 0 || q.rfind("https://", 0) == 0) &&
         q.find_first_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Error wildcard_expansion_error(const Limits& limits) {
  return make_error(ErrorCode::kInvalidArgument,
                    "a word ending in * matches more than " +
                        std::to_string(limits.max_wildcard_expansion) +
                        " different words; give more letters before the *",
                    "q");
}

std::string lenient_words(std::string_view q) {
  static constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::string out;
  size_t i = 0;
  while (i < q.size()) {
    auto word_byte = [&](size_t k) {
      auto c = static_cast<unsigned char>(q[k]);
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             c >= 0x80;
    };
    if (!word_byte(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < q.size() && word_byte(j)) ++j;
    std::string_view word = q.substr(i, j - i);
    bool is_operator = false;
    for (auto op : kOperators) is_operator = is_operator || word == op;
    if (!is_operator) {
      if (!out.empty()) out += ' ';
      out.append(word);
    }
    i = j;
  }
  return out;
}

std::string index_language(const Xapian::Database& db) {
  std::string lang = db.get_metadata(std::string(schema::kMetaDefaultLanguage));
  return lang.empty() ? "en" : lang;
}

Result<BuiltQuery> build_query(const SearchRequest& req, const Xapian::Database& db,
                               const Limits& limits) {
  BuiltQuery out;
  out.stemmer = stemmer_name_for(index_language(db));
  Xapian::Query text, any;  // any: the fallback's text
  if (!text::trim_blanks(req.q).empty()) {
    DateRangeProcessor dates(db);  // outlives the parser, which holds it without owning it
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(out.stemmer));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("title", std::string(schema::kPrefixTitle));
    qp.add_prefix("issuer", std::string(schema::kPrefixIssuerText));
    qp.add_prefix("topic", std::string(schema::kPrefixTopicText));
    qp.set_max_expansion(limits.max_wildcard_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                         Xapian::QueryParser::FLAG_WILDCARD);
    qp.add_rangeprocessor(&dates);
    std::string source = req.q;
    unsigned flags = kStrictFlags;
    try {
      text = qp.parse_query(source, flags);
    } catch (const Xapian::QueryParserError&) {
      if (dates.error) return *dates.error;
      source = lenient_words(req.q);
      flags = 0;
      try {
        text = qp.parse_query(source, flags);
      } catch (const Xapian::QueryParserError&) {
        return make_error(ErrorCode::kInvalidArgument,
                          "the query could not be read, even as plain words", "q");
      }
      out.warning = source.empty() ? "Query has no words to search for; it was ignored"
                                   : "Query was read leniently as plain words: " + source;
    }
    if (text.empty() && out.warning.empty())
      out.warning = "Query has no words to search for; it was ignored";
    // The same text with OR where the default AND joined words: what a search that matches
    // nothing falls back to. The text parsed once already, so it parses again.
    qp.set_default_op(Xapian::Query::OP_OR);
    try {
      any = qp.parse_query(source, flags);
    } catch (const Xapian::QueryParserError&) {
      any = Xapian::Query();  // no fallback rather than an error for what parsed with AND
    }
    if (any.get_description() == text.get_description()) any = Xapian::Query();
    // A pasted link finds the release published at that address, besides the link's words.
    if (looks_like_url(text::trim_blanks(req.q))) {
      const Xapian::Query url(url_term(text::trim_blanks(req.q)));
      text = Xapian::Query(Xapian::Query::OP_OR, url, text);
      if (!any.empty()) any = Xapian::Query(Xapian::Query::OP_OR, url, any);
    }
  }
  out.has_text = !text.empty();
  auto filter = filter_query(req, db);
  if (!any.empty())
    out.fallback = filter ? Xapian::Query(Xapian::Query::OP_FILTER, any, *filter) : any;
  if (out.has_text && filter)
    out.query = Xapian::Query(Xapian::Query::OP_FILTER, text, *filter);
  else if (out.has_text)
    out.query = text;
  else if (filter)
    out.query = *filter;
  else
    out.query = Xapian::Query::MatchAll;
  return out;
}

}  // namespace pressroom
