#include <catch2/catch.hpp>

#include "pressroom/record.h"

using pressroom::record_from_json;
using pressroom::record_to_json;
using json = nlohmann::ordered_json;

TEST_CASE("record_from_json normalises a full record", "[record]") {
  json j = json::parse(R"({
    "id": " acme-1 ", "date": "April 13, 2018", "issuers": ["  Org A ", "", "org a", "Org B"],
    "topics": "water", "title": "  Title\n here ", "body": "Para one.\n\n\n\nPara two.  ",
    "url": "https://x.example/1", "language": "FR", "source": "test",
    "contact": {"email": "press@x.example"}, "release_number": 42})");
  auto r = record_from_json(j);
  REQUIRE(r.ok());
  CHECK(r->id == "acme-1");
  REQUIRE(r->date.has_value());
  CHECK(r->date->to_iso() == "2018-04-13");
  CHECK(r->issuers == std::vector<std::string>{"Org A", "Org B"});
  CHECK(r->topics == std::vector<std::string>{"water"});
  CHECK(r->title == "Title here");
  CHECK(r->body == "Para one.\n\nPara two.");
  CHECK(r->language == "fr");
  CHECK(r->extra["contact"]["email"] == "press@x.example");
  CHECK(r->extra["release_number"] == 42);

  json out = record_to_json(r.value());
  CHECK(
      out.dump() ==
      R"({"id":"acme-1","date":"2018-04-13","issuers":["Org A","Org B"],"topics":["water"],)"
      R"("title":"Title here","body":"Para one.\n\nPara two.","url":"https://x.example/1",)"
      R"("language":"fr","source":"test","contact":{"email":"press@x.example"},"release_number":42})");
}

TEST_CASE("record_from_json keeps date precision and offsets", "[record]") {
  auto r =
      record_from_json(json::parse(R"({"id":"x","title":"t","date":"2018-04-13T00:00:00-04:00"})"));
  REQUIRE(r.ok());
  CHECK(record_to_json(r.value())["date"] == "2018-04-13T00:00:00-04:00");
  auto y = record_from_json(json::parse(R"({"id":"x","title":"t","date":2018})"));
  REQUIRE(y.ok());
  CHECK(record_to_json(y.value())["date"] == "2018");
  auto none = record_from_json(json::parse(R"({"id":"x","title":"t"})"));
  REQUIRE(none.ok());
  CHECK_FALSE(record_to_json(none.value()).contains("date"));
  CHECK(none->language == "en");
}

TEST_CASE("record_from_json rejects with the field and a reason", "[record]") {
  struct Case {
    const char* json_text;
    const char* field;
    const char* message_part;
  };
  auto c = GENERATE(values<Case>({
      {R"({"title":"t"})", "id", "missing id"},
      {R"({"id":"  ","title":"t"})", "id", "missing id"},
      {R"({"id":"x"})", "title", "neither a title nor a body"},
      {R"({"id":"x","title":"  ","body":"\n"})", "title", "neither a title nor a body"},
      {R"({"id":"x","title":"t","date":"31/02/2020"})", "date",
       "\"31/02/2020\" is not a valid date"},
      {R"({"id":"x","title":"t","date":"2019-13-01"})", "date", "not a valid date"},
      {R"({"id":"x","title":"t","date":{"y":1}})", "date", "expected a string"},
      {R"({"id":"x","title":"t","issuers":7})", "issuers", "expected a string or a list"},
      {R"({"id":"x","title":"t","topics":["a",3]})", "topics", "found number"},
      {R"({"id":"x","title":["t"]})", "title", "expected a string, got array"},
      {R"({"id":{"a":1},"title":"t"})", "id", "expected a string"},
  }));
  INFO(c.json_text);
  auto r = record_from_json(json::parse(c.json_text));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == c.field);
  CHECK_THAT(r.error().message, Catch::Contains(c.message_part));
  CHECK_THAT(r.error().message, Catch::StartsWith(std::string("field '") + c.field + "'"));
}

TEST_CASE("record_from_json rejects non-objects and over-long ids", "[record]") {
  CHECK_FALSE(record_from_json(json::parse("[1,2]")).ok());
  CHECK_FALSE(record_from_json(json::parse(R"("text")")).ok());
  json j = {{"id", std::string(2049, 'a')}, {"title", "t"}};
  auto r = record_from_json(j);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "id");
  CHECK(r.error().message == "field 'id': id is 2049 bytes long; at most 2048 are allowed");
  for (size_t n : {200, 201, 502, 2048}) {
    j["id"] = std::string(n, 'a');
    auto ok = record_from_json(j);
    REQUIRE(ok.ok());
    CHECK(ok->id == j["id"]);  // kept whole, however long
  }
  CHECK(record_from_json(json::parse(R"({"id": 12345, "body": "b"})"))->id == "12345");
}
