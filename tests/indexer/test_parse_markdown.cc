// Markdown releases (formats/parse_markdown.cc): front matter, the first heading as title, links.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "document_test_util.h"

using namespace pressroom::indexer;
using namespace pressroom::test;
using json = nlohmann::ordered_json;

TEST_CASE("Markdown: front matter, the first heading as title, links kept as text", "[markdown]") {
  struct Case {
    const char* file;
    const char* title;
    const char* date;
    std::vector<std::string> issuers;
    std::vector<std::string> topics;
    const char* url;
    std::vector<std::string> body_has;
    std::vector<std::string> body_lacks;
    size_t warnings;
  };
  auto c = GENERATE(values<Case>({
      {"markdown/yaml-front.md",
       "Rates rise: what it means for you",
       "2022-07-01",
       {"Ratepayers' Association"},
       {"rates", "local government, finance", "council", "budget"},
       "https://ratepayers.example.org/news/rates-rise",
       {"a 7.5 % rates rise on Thursday. Read the full budget or the chart of rates summary at "
        "https://ratepayers.example.org/chart.",
        "What changes\n\n- Water charges move to meters\n- The uniform charge drops by $50\n1. "
        "First instalment due in August",
        "\"This is the biggest rise in a decade,\" said chair Pat O'Neill.",
        "rate = value * 0.0042",
        "See our earlier statement for background, snake_case_names stay."},
       {"](", "**", "[earlier]", "council.example.org", "chart.png", "```"},
       0},  // its flow mapping (contact: {name: Jo}) reads since yaml-cpp
      {"markdown/toml-front.md",
       "Library hours extended",
       "2023-03-01T09:00:00+13:00",
       {"City Libraries", "Friends of the Library"},
       {"libraries"},
       "",
       {"The central library will open until 9 pm on weekdays from April."},
       {"+++"},
       0},
      {"markdown/heading-only.md",
       "Youth council calls for later bus services",
       "",
       {},
       {},
       "",
       {"citing a survey of 1,200 students.\n\nStatement issued 5 May 2022."},
       {"=====", "youth.example.org"},
       0},
  }));
  INFO(c.file);
  auto items = parse_fixture("markdown", c.file);
  REQUIRE(items.size() == 1);
  REQUIRE_FALSE(items[0].error);
  const json& f = items[0].fields;
  CHECK(str(f, "title") == c.title);
  CHECK(str(f, "date") == c.date);
  CHECK(f.value("issuers", json::array()) == json(c.issuers));
  CHECK(f.value("topics", json::array()) == json(c.topics));
  CHECK(str(f, "url") == c.url);
  const std::string body = str(f, "body");
  CHECK_FALSE(body.rfind(c.title, 0) == 0);  // the title heading is not repeated in the body
  for (const auto& s : c.body_has) CHECK_THAT(body, Catch::Contains(s));
  for (const auto& s : c.body_lacks) CHECK_THAT(body, !Catch::Contains(s));
  CHECK(items[0].warnings.size() == c.warnings);
}

TEST_CASE("Markdown: front matter keys reach mappings, bad TOML rejects the file", "[markdown]") {
  auto items = parse_fixture("markdown", "markdown/yaml-front.md");
  REQUIRE(items.size() == 1);
  CHECK(items[0].context["meta"]["draft"] == false);
  CHECK(items[0].context["meta"]["summary"] ==
        "The council's rates rise explained in plain words.\n");
  CHECK(items[0].context["meta"]["contact"]["name"] == "Jo");
  auto bad = parse_fixture("markdown", "markdown/bad-toml.md");
  REQUIRE(bad.size() == 1);
  REQUIRE(bad[0].error);
  CHECK_THAT(bad[0].error->message, Catch::StartsWith("TOML front matter line 2:"));
}

TEST_CASE("Markdown: the links of the text reach mappings as links[]", "[markdown]") {
  auto items = parse_doc("markdown",
                         "---\ntitle: T\n---\n"
                         "See [the *full* budget](https://council.example/budget \"Budget\") and\n"
                         "![a chart](chart.png) at <https://ratepayers.example/chart>.\n"
                         "A [reference link][ref] and [Ref][].\n\n"
                         "```\n[in code](https://code.example/)\n```\n\n"
                         "[Original/Source Press Release](<https://wire.example/a (1).html>)\n\n"
                         "[ref]: https://ref.example/ \"Title\"\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].context["links"] ==
        json::parse(R"([{"text": "the full budget", "url": "https://council.example/budget"},
          {"text": "https://ratepayers.example/chart", "url": "https://ratepayers.example/chart"},
          {"text": "reference link", "url": "https://ref.example/"},
          {"text": "Ref", "url": "https://ref.example/"},
          {"text": "Original/Source Press Release", "url": "https://wire.example/a (1).html"}])"));
  CHECK_THAT(items[0].fields["body"].get<std::string>(), !Catch::Contains("https://ref.example"));
}

TEST_CASE("Markdown: blocks, lists, tables, HTML and entities as md4c parses them", "[markdown]") {
  auto items = parse_doc("markdown",
                         "---\ntitle: T\n---\n"
                         "Intro &amp; &#233;tat &copy; <span>inline</span> text\n"
                         "over two lines.  \nAfter a hard break.\n\n"
                         "1) first\n2) second\n   - nested\n\n"
                         "| Col A | Col B |\n|-------|-------|\n| a1    | b1    |\n\n"
                         "<div class=\"x\">\nBlock <b>html</b> text\n</div>\n\n"
                         "<!-- a comment\nover lines -->\n\n"
                         "> quoted *line*\n\n"
                         "    indented code\n    more\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields["body"] ==
        "Intro & \xC3\xA9tat &copy; inline text over two lines.\nAfter a hard break.\n\n"
        "1) first\n2) second\n- nested\n\n"
        "Col A | Col B\na1 | b1\n\n"
        "Block html text\n\n"
        "quoted line\n\n"
        "indented code\nmore");
  CHECK(items[0].context["links"] == json::array());
}
