// YAML front matter (formats/front_matter.h): any YAML, nested keys, errors with their line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "document_test_util.h"
#include "formats/front_matter.h"

using namespace pressroom::indexer;
using namespace pressroom::test;
using json = nlohmann::ordered_json;

TEST_CASE("front matter: any YAML, nested keys kept, bad YAML an error with its line",
          "[markdown]") {
  auto parsed = parse_yaml_front_matter(
      "title: \"Quoted: with colon\"\n"
      "plain: value # a comment\n"
      "single: 'it''s'\n"
      "flow: [a, \"b, c\", 'd']\n"
      "block:\n"
      "  - x\n"
      "  - \"y\"\n"
      "empty:\n"
      "yes: true\n"
      "quoted_bool: \"true\"\n"
      "nothing: ~\n"
      "number: 0042\n"
      "folded: >\n"
      "  one\n"
      "  two\n"
      "literal: |\n"
      "  line 1\n"
      "  line 2\n"
      "organization:\n"
      "  name: &org Acme Robotics Inc.\n"
      "  address: {city: Pittsburgh, zip: '15222'}\n"
      "publisher: *org\n"
      "tagged: !!str 12\n"
      "people: [{name: Jo}, {name: Al}]\n",
      2);
  INFO((parsed.ok() ? "" : parsed.error().message));
  REQUIRE(parsed.ok());
  const json& j = parsed.value();
  CHECK(j["title"] == "Quoted: with colon");
  CHECK(j["plain"] == "value");
  CHECK(j["single"] == "it's");
  CHECK(j["flow"] == json::array({"a", "b, c", "d"}));
  CHECK(j["block"] == json::array({"x", "y"}));
  CHECK(j["empty"].is_null());
  CHECK(j["yes"] == true);
  CHECK(j["quoted_bool"] == "true");
  CHECK(j["nothing"].is_null());
  CHECK(j["number"] == "0042");  // numbers stay text
  CHECK(j["folded"] == "one two\n");
  CHECK(j["literal"] == "line 1\nline 2\n");
  CHECK(j["organization"]["name"] == "Acme Robotics Inc.");
  CHECK(j["organization"]["address"]["city"] == "Pittsburgh");
  CHECK(j["publisher"] == "Acme Robotics Inc.");
  CHECK(j["tagged"] == "12");
  CHECK(j["people"][1]["name"] == "Al");

  struct Bad {
    std::string yaml;
    std::string message;
  };
  auto bad = GENERATE(values<Bad>({
      {"title: t\nauthor: {name: Jo\n", "YAML front matter line 4: end of map flow not found"},
      {"title: t\nsummary: a: b\n", "YAML front matter line 3: illegal map value"},
      {"- a\n- b\n",
       "YAML front matter line 2: expected keys and values (key: value), found a list"},
      {std::string(100, '[') + std::string(100, ']'), "YAML front matter: nested deeper than 64"},
      {"a: " + std::string(2000, '-') + " x\n", ""},  // a scalar of dashes is no nesting
      {std::string(5000, '-') + " x\n", "YAML front matter: nested deeper than 64"},
      // Aliases expanded into a million values ("billion laughs") stop at the bound.
      {"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, "
       "*c]\n"
       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, "
       "*e]\n",
       "YAML front matter: more than 100000 values"},
      {std::string((1 << 20) + 1, ' '), "YAML front matter: longer than 1048576 bytes"},
  }));
  auto r = parse_yaml_front_matter(bad.yaml, 2);
  INFO(bad.yaml.substr(0, 60) << " -> " << (r.ok() ? "ok" : r.error().message));
  if (bad.message.empty()) {
    CHECK(r.ok());
  } else {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == pressroom::ErrorCode::kInvalidFrontMatter);
    CHECK_THAT(r.error().message, Catch::StartsWith(bad.message));
  }

  auto none = split_front_matter("---\nnot closed\n\nbody");
  REQUIRE(none.ok());
  CHECK_FALSE(none->present);
  auto toml = split_front_matter("+++\ntitle = \"T\"\ndate = 2023-03-01\n+++\nbody");
  REQUIRE(toml.ok());
  CHECK(toml->values["title"] == "T");
  CHECK(toml->values["date"] == "2023-03-01");
  CHECK(toml->body_line == 5);
}
