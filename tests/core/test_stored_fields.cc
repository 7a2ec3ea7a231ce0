#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "pressroom/stored_fields.h"

using namespace pressroom;

TEST_CASE("stored fields: the fast reader keeps the top-level fields a hit shows", "[stored]") {
  const std::string data =
      R"({"id":"n1","extra":{"title":"not this","issuers":["no"]},"issuers":["A",{"x":"no"},)"
      R"(["no"],7,"B"],"title":"Kept \"q\" \u00e9\ud83d\ude00\n","topics":"not a list","url":5,)"
      R"("date":"2020-01-02","body":"b\\ody","issuers":["C"]})";
  StoredFields f = read_stored_fields(data);
  CHECK(f.id == "n1");
  CHECK(f.title == "Kept \"q\" \xc3\xa9\xf0\x9f\x98\x80\n");
  CHECK(f.issuers == std::vector<std::string>{"A", "B", "C"});
  CHECK(f.topics.empty());
  CHECK(f.url.empty());
  CHECK(f.date == "2020-01-02");
  CHECK(f.body == "b\\ody");
  CHECK(f == read_stored_fields_reference(data));
}

TEST_CASE("stored fields: the fast reader agrees with nlohmann on odd and broken data",
          "[stored]") {
  const std::vector<std::string> cases = {
      "",
      "not json",
      "[\"an array\"]",
      "{}",
      " { } ",
      "{\"id\":\"x\"} trailing",
      "{\"id\":\"x\",}",
      "{\"id\":01}",
      "{\"id\":\"x\",\"n\":-0.5e+3}",
      "{\"id\":\"x\",\"n\":1.}",
      "{\"id\":\"\xff\"}",
      "{\"id\":\"a\\ud800\"}",
      "{\"id\":\"a\\udc00b\"}",
      "{\"id\":\"tab\there\"}",
      "{\"id\":\"x\",\"n\":tru}",
      "{\"id\":\"x\",\"n\":[1,[2,{\"a\":[]}]]}",
      "{\"title\":5,\"title\":\"later\"}",
      "{\"title\":\"first\",\"title\":null}",
      "\xef\xbb\xbf{\"id\":\"bom\"}",
      "{\"id\":\"\\u0041\\/\"}",
      "{\"id\":\"x\" \"y\"}",
      "{\"id\":\"x\",\"n\":1e999}",
      "{\"id\":\"x\",\"n\":-}",
      "{\"\\u0069d\":\"escaped key\"}",
      std::string(300, '[') + std::string(300, ']'),
      "{\"a\":" + std::string(300, '[') + std::string(300, ']') + ",\"id\":\"deep\"}",
  };
  for (const auto& c : cases) {
    INFO(c);
    CHECK(read_stored_fields(c) == read_stored_fields_reference(c));
  }
}

TEST_CASE("stored fields: the fast reader agrees with nlohmann on mutated records", "[stored]") {
  nlohmann::ordered_json j = {{"id", "doj-1"},
                              {"title", "Man \"sentenced\" for fraud"},
                              {"date", "2016-03-04"},
                              {"issuers", {"FBI", "Tax Division"}},
                              {"topics", {"Tax"}},
                              {"url", "https://example.org/a?b=1&c=é"},
                              {"body", "Line one.\nLine\ttwo — “quoted” \\ done."}};
  const std::string base = j.dump();
  CHECK(read_stored_fields(base).issuers.size() == 2);
  std::mt19937 rng(7);
  const std::string alphabet = "{}[]\",:\\/ -0123456789.eEtrufalsn\xc3\xa9u";
  for (int n = 0; n < 20000; ++n) {
    std::string m = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % (m.size() + 1);
      switch (rng() % 3) {
        case 0:
          m.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        case 1:
          if (at < m.size()) m.erase(at, 1);
          break;
        default:
          if (at < m.size()) m[at] = alphabet[rng() % alphabet.size()];
      }
    }
    INFO(m);
    REQUIRE(read_stored_fields(m) == read_stored_fields_reference(m));
  }
}
