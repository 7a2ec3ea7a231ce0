// HTML pages: text extraction, the generic extractor, XPath fields, broken and undecodable input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/formats.h"
#include "formats/html_dom.h"
#include "formats/html_generic.h"
#include "mapping/mapping.h"
#include "test_support.h"

using namespace pressroom::indexer;
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) {
  return pressroom::test::source_dir() / "tests" / "fixtures" / "ingest" / name;
}

std::vector<RawItem> parse_html_text(const std::string& bytes, const FormatOptions& opt = {},
                                     const std::string& name = "page.html") {
  std::vector<RawItem> items;
  DocumentInput in{bytes, name, name};
  parse_html(in, opt, [&](RawItem&& item) {
    items.push_back(std::move(item));
    return true;
  });
  return items;
}

std::string body_text_of(const std::string& html) {
  auto doc = parse_html_page(html);
  REQUIRE(doc.ok());
  auto body = xpath_strings(doc->doc.get(), "//body");
  REQUIRE(body.ok());
  return body->empty() ? std::string() : body->front();
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("HTML text keeps paragraph breaks and drops script and style", "[html]") {
  struct Case {
    const char* html;
    const char* text;
  };
  auto c = GENERATE(values<Case>({
      {"<p>One</p><p>Two</p>", "One\n\nTwo"},
      {"<div>  a \n  b  </div><div>c</div>", "a b\n\nc"},
      {"<p>line<br>next<br><br>para</p>", "line\nnext\n\npara"},
      {"<p>keep <b>inline</b> <a href=x>links</a> as text</p>", "keep inline links as text"},
      {"<p>x</p><script>var s = 1;</script><style>p{}</style><noscript>n</noscript><p>y</p>",
       "x\n\ny"},
      {"<ul><li>one</li><li>two</li></ul><p>after</p>", "one\ntwo\n\nafter"},
      {"<h2>Heading</h2>text after", "Heading\n\ntext after"},
      {"<pre>a  b\n  c</pre>", "a  b\n  c"},
      {"<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>", "A B\nC D"},
      {"<p>caf&eacute; &amp; bar&nbsp;stool</p>", "caf\xC3\xA9 & bar stool"},
      {"<p>unclosed <p>paragraphs <div>and divs", "unclosed\n\nparagraphs\n\nand divs"},
  }));
  INFO(c.html);
  CHECK(body_text_of(std::string("<html><body>") + c.html + "</body></html>") == c.text);
}

TEST_CASE("HTML generic extractor on the fixture pages", "[html]") {
  struct Case {
    const char* file;
    const char* title;
    const char* date;
    std::vector<std::string> issuers;
    std::vector<std::string> topics;
    const char* url;
    const char* language;
    std::vector<std::string> body_has;
    std::vector<std::string> body_lacks;
  };
  auto c = GENERATE(values<Case>({
      {"generic-og.html",
       "Harbour council backs new ferry route",
       "2021-06-07T16:25:00+12:00",
       {},
       {"Transport", "Harbour"},
       "https://harbour.example.org/news/ferry-route",
       "en",
       {"The harbour council voted on Monday", "coast road & give commuters",
        "submissions.\n\nChair Mere Tawhiri", "Timetables will be published in August."},
       {"Skip to main content", "About us", "Share on Facebook", "Council adopts harbour plan",
        "Dredging contract", "All rights reserved", "do not index", "document.write"}},
      {"jsonld.html",
       "Rapport annuel sur la qualit\xC3\xA9 de l'eau",
       "2019-03-14T09:30:00+01:00",
       {"Agence des Eaux du Nord"},
       {"eau", "environnement", "sant\xC3\xA9 publique"},
       "https://eaux-nord.example.fr/communiques/rapport-2018",
       "fr",
       {"98 % des pr\xC3\xA9l\xC3\xA8vements",
        "conformes aux normes de qualit\xC3\xA9.\n\nLes d\xC3\xA9passements"},
       {"Accueil", "mentions l\xC3\xA9gales"}},
      {"visible-date.html",
       "Union welcomes pay settlement",
       "7 June 2021",
       {},
       {},
       "",
       "",
       {"support staff.\n\n\"This settlement", "Members will vote"},
       {"Privacy", "Join", "Published:"}},
      {"broken.html",
       "Minister announces school building fund",
       "14 March 2019",
       {},
       {},
       "",
       "",
       {"Ninety schools will share", "close in May, with decisions expected by August.",
        "Schools in the fastest-growing suburbs"},
       {"Home", "unterminated"}},
      {"no-date.html",
       "About the Coastal Alliance",
       "",
       {},
       {},
       "",
       "",
       {"network of 30 community groups"},
       {}},
  }));
  INFO(c.file);
  auto items = parse_html_text(pressroom::test::read_file(fixture(std::string("html/") + c.file)));
  REQUIRE(items.size() == 1);
  REQUIRE_FALSE(items[0].error);
  const json& f = items[0].fields;
  CHECK(str(f, "id") == "page.html");
  CHECK(str(f, "title") == c.title);
  CHECK(str(f, "date") == c.date);
  CHECK(f.value("issuers", json::array()) == json(c.issuers));
  CHECK(f.value("topics", json::array()) == json(c.topics));
  CHECK(str(f, "url") == c.url);
  CHECK(str(f, "language") == c.language);
  const std::string body = str(f, "body");
  for (const auto& s : c.body_has) CHECK_THAT(body, Catch::Contains(s));
  for (const auto& s : c.body_lacks) CHECK_THAT(body, !Catch::Contains(s));
}

TEST_CASE("HTML meta tags are available to mappings", "[html]") {
  auto items = parse_html_text(pressroom::test::read_file(fixture("html/generic-og.html")));
  REQUIRE(items.size() == 1);
  const json& meta = items[0].context["meta"];
  CHECK(meta["description"] == "The council voted to fund a trial ferry route.");
  CHECK(meta["article:tag"] == json::array({"Transport", "Harbour"}));
}

TEST_CASE("HTML: undecodable, empty and Windows-1252 pages", "[html]") {
  auto binary = parse_html_text(pressroom::test::read_file(fixture("html/binary.html")));
  REQUIRE(binary.size() == 1);
  REQUIRE(binary[0].error);
  CHECK(binary[0].error->code == pressroom::ErrorCode::kUndecodable);
  CHECK_THAT(binary[0].error->message, Catch::Contains("NUL bytes"));

  auto empty = parse_html_text("");
  REQUIRE(empty.size() == 1);
  REQUIRE(empty[0].error);
  CHECK(empty[0].error->message == "empty file");
  auto blank = parse_html_text(" \n\t\n");
  REQUIRE(blank[0].error);
  CHECK_THAT(blank[0].error->message, Catch::Contains("only white space"));

  auto latin = parse_html_text(pressroom::test::read_file(fixture("html/latin1.html")));
  REQUIRE(latin.size() == 1);
  REQUIRE_FALSE(latin[0].error);
  CHECK(str(latin[0].fields, "title") == "Caf\xC3\xA9 owners oppose parking charges");
  CHECK_THAT(str(latin[0].fields, "body"), Catch::Contains("charges \xE2\x80\x93 announced"));
  REQUIRE(latin[0].warnings.size() == 1);
  CHECK_THAT(latin[0].warnings[0], Catch::Contains("Windows-1252"));
}

TEST_CASE("HTML mapping: XPath fields, several nodes, attributes, dropped nodes", "[html]") {
  auto m = Mapping::from_toml(R"(
format = "html"
[html]
drop = ["//div[@class='share']"]
[fields.id]
xpath = "//div[@class='release']/@data-number"
[fields.title]
xpath = "//h2[@class='headline']"
[fields.date]
xpath = "//span[@class='when']/@content"
[fields.issuers]
xpath = "//ul[@class='orgs']/li"
[fields.topics]
xpath = "//div[@class='tags']/a"
[fields.body]
xpath = "//div[@class='text']"
[fields.number]
xpath = "//div[@class='release']/@data-number"
[fields.paragraphs]
xpath = "//div[@class='text']/p"
[fields.nothing]
xpath = "//blink"
default = "none here"
)",
                              "m.toml");
  INFO((m.ok() ? "" : m.error().message));
  REQUIRE(m.ok());
  const FormatOptions& opt = m->format_options();
  CHECK(opt.xpaths.size() == 8);  // the data-number expression is evaluated once
  CHECK(opt.mapped_fields.count("body"));
  auto items = parse_html_text(pressroom::test::read_file(fixture("html/mapped.html")), opt);
  REQUIRE(items.size() == 1);
  REQUIRE_FALSE(items[0].error);
  auto prepared = m->prepare(".", std::nullopt);
  REQUIRE(prepared.ok());
  MappingContext ctx{&items[0].context, nullptr, true};
  auto out = prepared.value()->apply(items[0].fields, ctx);
  INFO((out.ok() ? out->dump() : out.error().message));
  REQUIRE(out.ok());
  CHECK(out->at("id") == "2020-014");
  CHECK(out->at("title") == "Joint statement on river flows");
  CHECK(out->at("date") == "2020-02-03");
  CHECK(out->at("issuers") == json::array({"River Trust", "Anglers Society", "River Trust"}));
  CHECK(out->at("topics") == json::array({"water", "rivers"}));
  CHECK(out->at("body") ==
        "Flows in the lower river fell below the minimum for 40 days last summer.\n\n"
        "The groups ask the regional council to review the consents.");
  CHECK(out->at("number") == "2020-014");
  CHECK(out->at("paragraphs").size() == 2);
  CHECK(out->at("nothing") == "none here");
  // The page's own canonical URL still comes from the generic extractor.
  CHECK(out->at("url") == "https://rivers.example.org/releases/2020-014");
}

TEST_CASE("HTML mapping errors name the key", "[html]") {
  struct Case {
    const char* toml;
    const char* message_part;
  };
  auto c = GENERATE(values<Case>({
      {"format = \"html\"\n[fields.title]\nxpath = \"//h1[\"",
       "fields.title.xpath: XPath \"//h1[\""},
      {"format = \"csv\"\n[fields]\nid = \"a\"\n[fields.title]\nxpath = \"//h1\"",
       "need format = \"html\""},
      {"format = \"html\"\n[html]\ndrop = [\"//div[\"]", "html.drop"},
      {"format = \"html\"\n[html]\nkeep = [\"//div\"]", "html.keep: unknown key"},
      {"format = \"csv\"\n[html]\ndrop = [\"//div\"]\n[fields]\nid = \"a\"",
       "html: needs format = \"html\""},
  }));
  INFO(c.toml);
  auto m = Mapping::from_toml(c.toml, "m.toml");
  REQUIRE_FALSE(m.ok());
  CHECK_THAT(m.error().message, Catch::Contains(c.message_part));
}
