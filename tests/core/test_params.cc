// The parameter table: HTTP query parameters -> SearchRequest or a precise error, without HTTP.
#include <catch2/catch.hpp>

#include "pressroom/params.h"

using namespace pressroom;

namespace {

Result<SearchRequest> parse(QueryParams p, Endpoint e = Endpoint::kSearch, Limits l = {}) {
  return parse_params(p, e, l);
}

// The error of a parse that must fail.
Error error_of(QueryParams p, Endpoint e = Endpoint::kSearch, Limits l = {}) {
  auto r = parse(std::move(p), e, l);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == pressroom::ErrorCode::kInvalidArgument);
  return r.error();
}

}  // namespace

TEST_CASE("params: defaults when nothing is given", "[params]") {
  auto r = parse({});
  REQUIRE(r.ok());
  CHECK(r->q.empty());
  CHECK(r->sort == SortOrder::kRelevance);
  CHECK(r->page == 1);
  CHECK(r->per_page == 20);
  CHECK(r->facets ==
        std::vector<FacetField>{FacetField::kIssuer, FacetField::kTopic, FacetField::kYear});
  CHECK(r->facet_size == 10);
  CHECK(r->histogram == HistogramInterval::kNone);
  CHECK(r->format == ExportFormat::kNdjson);
  CHECK(r->fields.empty());
  CHECK_FALSE(r->has_filters());
}

TEST_CASE("params: every search parameter is read", "[params]") {
  auto r = parse({{"q", "tax fraud"},
                  {"issuer", "Tax Division"},
                  {"issuer", "Criminal Division"},
                  {"topic", "Tax"},
                  {"from", "2015"},
                  {"to", "2016-06"},
                  {"sort", "newest"},
                  {"page", "3"},
                  {"per_page", "100"},
                  {"facets", "month, issuer"},
                  {"facet_size", "1000"},
                  {"histogram", "auto"}});
  REQUIRE(r.ok());
  CHECK(r->q == "tax fraud");
  CHECK(r->issuers == std::vector<std::string>{"Tax Division", "Criminal Division"});
  CHECK(r->topics == std::vector<std::string>{"Tax"});
  CHECK(r->from == "2015");
  CHECK(r->from_key == "20150000");
  CHECK(r->to_key == "20160699");
  CHECK(r->sort == SortOrder::kNewest);
  CHECK(r->page == 3);
  CHECK(r->per_page == 100);
  CHECK(r->facets == std::vector<FacetField>{FacetField::kMonth, FacetField::kIssuer});
  CHECK(r->facet_size == 1000);
  CHECK(r->histogram == HistogramInterval::kAuto);
  CHECK(r->has_filters());
}

TEST_CASE("params: export parameters", "[params]") {
  auto r =
      parse({{"format", "csv"}, {"fields", "id,title"}, {"fields", "date,id"}}, Endpoint::kExport);
  REQUIRE(r.ok());
  CHECK(r->format == ExportFormat::kCsv);
  CHECK(r->fields == std::vector<std::string>{"id", "title", "date"});
  auto e = error_of({{"fields", "id,titel"}}, Endpoint::kExport);
  CHECK(e.field == "fields");
  CHECK_THAT(e.message, Catch::Contains("\"titel\""));
  CHECK(error_of({{"format", "xml"}}, Endpoint::kExport).field == "format");
}

TEST_CASE("params: unknown parameters are errors, with a suggestion for typos", "[params]") {
  auto e = error_of({{"q", "x"}, {"pgae", "2"}});
  CHECK(e.field == "pgae");
  CHECK_THAT(e.message,
             Catch::Contains("unknown parameter") && Catch::Contains("did you mean 'page'?"));
  e = error_of({{"issuers", "Tax Division"}});
  CHECK_THAT(e.message, Catch::Contains("did you mean 'issuer'?"));
  e = error_of({{"zzzzzz", "1"}});
  CHECK_THAT(e.message, !Catch::Contains("did you mean"));
  // A parameter of another endpoint is named as such.
  e = error_of({{"format", "csv"}}, Endpoint::kSearch);
  CHECK(e.field == "format");
  CHECK_THAT(e.message, Catch::Contains("does not apply to search"));
  e = error_of({{"sort", "newest"}}, Endpoint::kFeed);
  CHECK(e.field == "sort");
  e = error_of({{"page", "2"}}, Endpoint::kExport);
  CHECK(e.field == "page");
}

TEST_CASE("params: a non-repeatable parameter given twice is an error", "[params]") {
  auto e = error_of({{"sort", "newest"}, {"sort", "oldest"}});
  CHECK(e.field == "sort");
  CHECK_THAT(e.message, Catch::Contains("more than once"));
  CHECK(error_of({{"q", "a"}, {"q", "b"}}).field == "q");
  CHECK(parse({{"topic", "a"}, {"topic", "b"}}).ok());
}

TEST_CASE("params: empty values mean not given", "[params]") {
  auto r = parse({{"q", ""}, {"from", ""}, {"to", ""}, {"page", ""}, {"sort", ""}, {"issuer", ""}});
  REQUIRE(r.ok());
  CHECK(r->from_key.empty());
  CHECK(r->page == 1);
  CHECK(r->issuers.empty());
}

TEST_CASE("params: numbers and their bounds", "[params]") {
  struct Case {
    const char* name;
    const char* value;
  };
  for (Case c : {Case{"per_page", "0"}, Case{"per_page", "101"}, Case{"per_page", "20abc"},
                 Case{"per_page", "-1"}, Case{"per_page", "1e3"}, Case{"page", "0"},
                 Case{"page", "99999999999999999999"}, Case{"facet_size", "1001"},
                 Case{"facet_size", " 5"}}) {
    INFO(c.name << "=" << c.value);
    auto e = error_of({{c.name, c.value}});
    CHECK(e.field == c.name);
    CHECK_THAT(e.message, Catch::Contains("whole number from"));
  }
  auto e = error_of({{"per_page", "500"}});
  CHECK(e.message == "per_page must be a whole number from 1 to 100, got \"500\"");
  // The bounds come from the limits.
  Limits l;
  l.max_per_page = 500;
  CHECK(parse({{"per_page", "500"}}, Endpoint::kSearch, l).ok());
}

TEST_CASE("params: pages may not reach past the result window", "[params]") {
  CHECK(parse({{"page", "5000"}, {"per_page", "20"}}).ok());  // result 100000: the last allowed
  auto e = error_of({{"page", "5001"}, {"per_page", "20"}});
  CHECK(e.field == "page");
  CHECK_THAT(e.message, Catch::Contains("/api/v1/export"));
}

TEST_CASE("params: dates", "[params]") {
  auto e = error_of({{"from", "2015-13"}});
  CHECK(e.field == "from");
  CHECK_THAT(e.message, Catch::StartsWith("from: ") && Catch::Contains("2015-13"));
  CHECK(error_of({{"to", "yesterday"}}).field == "to");
  CHECK(error_of({{"to", "2015-02-30"}}).field == "to");
  e = error_of({{"from", "2016"}, {"to", "2015"}});
  CHECK(e.field == "from");
  CHECK(e.message == "from (2016) is after to (2015)");
  // The same period as both bounds is fine.
  auto r = parse({{"from", "2015-06"}, {"to", "2015-06"}});
  REQUIRE(r.ok());
  CHECK(r->from_key == "20150600");
  CHECK(r->to_key == "20150699");
}

TEST_CASE("params: enumerations", "[params]") {
  auto e = error_of({{"sort", "date"}});
  CHECK(e.field == "sort");
  CHECK(e.message == "sort must be one of relevance, newest, oldest, got \"date\"");
  CHECK(error_of({{"histogram", "week"}}).field == "histogram");
  e = error_of({{"facets", "issuer,colour"}});
  CHECK(e.field == "facets");
  CHECK_THAT(e.message, Catch::Contains("\"colour\""));
  auto r = parse({{"facets", "none"}});
  REQUIRE(r.ok());
  CHECK(r->facets.empty());
}

TEST_CASE("params: the query length is bounded", "[params]") {
  Limits l;
  l.max_query_bytes = 10;
  CHECK(parse({{"q", std::string(10, 'a')}}, Endpoint::kSearch, l).ok());
  auto e = error_of({{"q", std::string(11, 'a')}}, Endpoint::kSearch, l);
  CHECK(e.field == "q");
  CHECK(e.message == "the query is 11 bytes long; at most 10 bytes are accepted");
}

TEST_CASE("params: the table lists each endpoint's parameters", "[params]") {
  auto names = [](Endpoint e) {
    std::vector<std::string> out;
    for (const auto& p : endpoint_params(e, Limits{})) out.push_back(p.name);
    return out;
  };
  CHECK(names(Endpoint::kSearch) ==
        std::vector<std::string>{"q", "issuer", "topic", "from", "to", "sort", "page", "per_page",
                                 "facets", "facet_size", "histogram", "histogram_normalize"});
  CHECK(names(Endpoint::kExport) ==
        std::vector<std::string>{"q", "issuer", "topic", "from", "to", "sort", "format", "fields"});
  CHECK(names(Endpoint::kFeed) == std::vector<std::string>{"q", "issuer", "topic", "from", "to"});
  CHECK(names(Endpoint::kSimilar) == std::vector<std::string>{"issuer", "from", "to", "per_page"});
  for (const auto& p : endpoint_params(Endpoint::kSearch, Limits{}))
    if (p.name == "per_page") CHECK(p.bounds == "1..100");
}

TEST_CASE("params: values must be UTF-8 without NUL bytes", "[params]") {
  auto e = error_of({{"q", "caf\xC3"}});
  CHECK(e.field == "q");
  CHECK(e.message ==
        "q is not valid UTF-8 text (byte 0xC3 at byte 4); send UTF-8, percent-encoded");
  e = error_of({{"issuer", std::string("Tax\0Division", 12)}});
  CHECK(e.field == "issuer");
  CHECK(e.message == "issuer contains a NUL byte (at byte 4); remove it");
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\xF8\x88\x80\x80\x80", "\x80", "ok\xFF"}) {
    INFO(bad);
    CHECK(error_of({{"topic", bad}}).field == "topic");
  }
  for (const std::string good :
       {"caf\xC3\xA9", "\xE6\x96\xB0", "\xF0\x9F\x93\xB0", "\xF4\x8F\xBF\xBF", "tab\there"}) {
    INFO(good);
    CHECK(parse({{"q", good}}).ok());
  }
}

TEST_CASE("params: the words and the bracket depth of q are bounded", "[params]") {
  Limits l;
  l.max_query_terms = 3;
  l.max_query_depth = 2;
  CHECK(parse({{"q", "a OR b AND NOT c"}}, Endpoint::kSearch, l).ok());  // operators are not words
  auto e = error_of({{"q", "a b c d"}}, Endpoint::kSearch, l);
  CHECK(e.field == "q");
  CHECK(e.message == "the query has 4 words; at most 3 are accepted");
  CHECK(parse({{"q", "((a OR b) c)"}}, Endpoint::kSearch, l).ok());
  e = error_of({{"q", "(((a)))"}}, Endpoint::kSearch, l);
  CHECK(e.message == "the query nests brackets 3 deep; at most 2 levels are accepted");
  CHECK(error_of({{"q", "((("}}, Endpoint::kSearch, l).field == "q");  // unbalanced
  CHECK(parse({{"q", "\"(((a)))\""}}, Endpoint::kSearch, l).ok());     // inside a phrase
  CHECK(error_of({{"q", "x"}, {"q", "y"}}).message == "parameter 'q' is given more than once");
}
