// Text captures, Markdown (with front matter) and RSS/Atom feeds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/formats.h"
#include "formats/front_matter.h"
#include "formats/text_decode.h"
#include "mapping/mapping.h"
#include "test_support.h"

using namespace pressroom::indexer;
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) {
  return pressroom::test::source_dir() / "tests" / "fixtures" / "ingest" / name;
}

std::vector<RawItem> parse_doc(const char* format, const std::string& bytes,
                               const FormatOptions& opt = {}, const std::string& name = "doc") {
  const InputFormat* f = format_by_name(format);
  REQUIRE(f != nullptr);
  REQUIRE(f->is_document());
  std::vector<RawItem> items;
  DocumentInput in{bytes, name, name};
  f->parse_document(in, opt, [&](RawItem&& item) {
    items.push_back(std::move(item));
    return true;
  });
  return items;
}

std::vector<RawItem> parse_fixture(const char* format, const std::string& file,
                                   const FormatOptions& opt = {}) {
  return parse_doc(format, pressroom::test::read_file(fixture(file)), opt, file);
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("text captures: date, issuer, title and body among the page furniture", "[text]") {
  struct Case {
    const char* file;
    const char* date;
    std::vector<std::string> issuers;
    const char* title;
    const char* body;
  };
  auto c = GENERATE(values<Case>({
      {"text/scoop-capture.txt",
       "Monday, 7 June 2021, 4:25 pm",
       {"Access Now"},
       "Digital rights group warns on new surveillance bill",
       "The proposed Surveillance Powers Bill would let agencies collect location data without a "
       "warrant, digital rights group Access Now said today.\n\n\"This bill hands sweeping powers "
       "to agencies with no meaningful oversight,\" said policy counsel Sam Rivera.\n\nThe group "
       "has asked the select committee to hold public hearings before the second reading."},
      {"text/wrapped-capture.txt",
       "13 April 2018",
       {"Renters United"},
       "Tenants' union calls for rent freeze",
       "The Renters United union is calling on the government to freeze rents for twelve months "
       "while the housing shortage is addressed, after new figures showed median rents rose by "
       "nine percent in the past year.\n\nSpokesperson Kiri Walker said many tenants were now "
       "spending more than half of their income on rent, and that a freeze would give families "
       "breathing room while new homes were built.\n\nThe union will present a petition with "
       "14,000 signatures to Parliament next week."},
  }));
  INFO(c.file);
  auto items = parse_fixture("text", c.file);
  REQUIRE(items.size() == 1);
  REQUIRE_FALSE(items[0].error);
  const json& f = items[0].fields;
  CHECK(str(f, "id") == c.file);
  CHECK(str(f, "date") == c.date);
  CHECK(f.value("issuers", json::array()) == json(c.issuers));
  CHECK(str(f, "title") == c.title);
  CHECK(str(f, "body") == c.body);
  CHECK_FALSE(items[0].context.contains("undated_error"));
}

TEST_CASE("text captures: a short trailing list of headlines is dropped, a contact block kept",
          "[text]") {
  auto items = parse_doc("text",
                         "Water plan released\n"
                         "Tuesday, 8 June 2021, 9:00 am\n"
                         "Press Release: Water Action\n"
                         "The plan sets limits on takes from the river.\n"
                         "Contact:\n"
                         "Jo Smith\n"
                         "021 555 0100\n"
                         "Council votes on the new stadium plan\n"
                         "Police seek witnesses to the harbour crash\n"
                         "School holidays start with wet weather warning\n");
  REQUIRE(items.size() == 1);
  CHECK(str(items[0].fields, "body") ==
        "The plan sets limits on takes from the river.\n\nContact:\n\nJo Smith\n\n021 555 0100");
}

TEST_CASE("text captures: no date line, custom patterns, undecodable bytes", "[text]") {
  auto none = parse_fixture("text", "text/no-date.txt");
  REQUIRE(none.size() == 1);
  REQUIRE_FALSE(none[0].error);  // the date may still come from the path or the mapping
  CHECK_THAT(str(none[0].context, "undated_error"), Catch::StartsWith("no date found"));
  CHECK(str(none[0].fields, "title") == "Welcome to our website");

  auto m = Mapping::from_file(fixture("text/custom-layout.toml"));
  INFO((m.ok() ? "" : m.error().message));
  REQUIRE(m.ok());
  auto items = parse_fixture("text", "text/custom-layout.txt", m->format_options());
  REQUIRE(items.size() == 1);
  const json& f = items[0].fields;
  CHECK(str(f, "date") == "2020-02-03");
  CHECK(str(f, "title") == "Beach clean-up removes two tonnes of plastic");
  CHECK(f["issuers"] == json::array({"Green Coast Society; Surf Life Saving Club"}));
  CHECK(str(f, "body") ==
        "Volunteers removed two tonnes of plastic from the northern beaches on Saturday.\n\n"
        "The society thanks the 300 people who took part.");
  auto prepared = m->prepare(".", std::nullopt);
  REQUIRE(prepared.ok());
  auto out = prepared.value()->apply(f, MappingContext{&items[0].context, nullptr, true});
  REQUIRE(out.ok());
  CHECK(out->at("issuers") == json::array({"Green Coast Society", "Surf Life Saving Club"}));

  // Built-in patterns off: the usual Scoop layout is not recognised any more.
  auto scoop = parse_fixture("text", "text/scoop-capture.txt", m->format_options());
  CHECK(scoop[0].context.contains("undated_error"));

  // A line pattern that backtracks without end rejects the capture, naming the pattern, instead
  // of hanging the import.
  auto slow =
      Mapping::from_toml("format = \"text\"\n[text]\ndrop_line = \"^(a|aa)+$\"\n", "slow.toml");
  INFO((slow.ok() ? "" : slow.error().message));
  REQUIRE(slow.ok());
  auto hung =
      parse_doc("text", "Title\nPublished: 3 February 2020\n" + std::string(60, 'a') + "b\n",
                slow->format_options());
  REQUIRE(hung.size() == 1);
  REQUIRE(hung[0].error);
  CHECK_THAT(hung[0].error->message,
             Catch::StartsWith("text capture: pattern \"^(a|aa)+$\" gave up after"));
  auto bad = Mapping::from_toml("format = \"text\"\n[text]\ndate_line = \"(\"\n", "bad.toml");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message,
             Catch::Contains("text.date_line: invalid regular expression \"(\""));

  auto binary = parse_doc("text", std::string("abc\0def", 7));
  REQUIRE(binary[0].error);
  CHECK(binary[0].error->code == pressroom::ErrorCode::kUndecodable);
  auto empty = parse_doc("text", "\n\n  \n");
  REQUIRE(empty[0].error);
  CHECK_THAT(empty[0].error->message, Catch::StartsWith("empty file"));
}

TEST_CASE("text decoding: BOMs, UTF-16, Windows-1252, repaired UTF-8", "[text]") {
  struct Case {
    std::string bytes;
    std::string text;
    const char* warning;  // "" = none
  };
  auto c = GENERATE(values<Case>({
      {"plain\r\nlines\r", "plain\nlines\n", ""},
      {"\xEF\xBB\xBF"
       "bom",
       "bom", ""},
      {std::string("\xFF\xFE"
                   "h\0i\0",
                   6),
       "hi", ""},
      {std::string("\xFE\xFF\0h\0i\xD8\x3D\xDE\x00", 10), "hi\xF0\x9F\x98\x80", ""},
      {"caf\xE9 \x93quoted\x94", "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "Windows-1252"},
      {"caf\xC3\xA9 and a bad \xFF byte", "caf\xC3\xA9 and a bad \xEF\xBF\xBD byte", "U+FFFD"},
  }));
  auto d = decode_text(c.bytes);
  REQUIRE(d.ok());
  CHECK(d->text == c.text);
  if (*c.warning) {
    REQUIRE(d->warnings.size() == 1);
    CHECK_THAT(d->warnings[0], Catch::Contains(c.warning));
  } else {
    CHECK(d->warnings.empty());
  }
}

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

TEST_CASE("feeds: one record per RSS item, a bad item does not lose the feed", "[feeds]") {
  auto items = parse_fixture("rss", "feeds/news.rss");
  REQUIRE(items.size() == 5);
  const json& first = items[0].fields;
  CHECK(items[0].location == "feeds/news.rss:10");
  CHECK(str(first, "id") == "nhb-2021-041");
  CHECK(str(first, "date") == "Mon, 07 Jun 2021 16:25:00 +1200");
  CHECK(str(first, "title") == "New clinic opens in Riverside");
  CHECK(str(first, "url") == "https://health-north.example.org/media/riverside-clinic");
  CHECK(first["issuers"] == json::array({"Northern Health Board", "Riverside Community Trust"}));
  CHECK(first["topics"] == json::array({"Health", "Riverside"}));
  CHECK(str(first, "body") ==
        "The Riverside clinic opens on Monday with four GPs.\n\nBookings open today.");
  CHECK(str(first, "language") == "en");
  CHECK(items[0].context["meta"]["feed"]["title"] ==
        "Northern Health Board \xE2\x80\x93 Media releases");
  CHECK(items[0].context["meta"]["guid"] == "nhb-2021-041");
  // The bad date is only found when the record is validated: one rejected record.
  CHECK(str(items[1].fields, "date") == "32 Foo 2021");
  CHECK(str(items[1].fields, "id") == "https://health-north.example.org/media/flu");
  CHECK(items[1].fields["issuers"] ==
        json::array({"Northern Health Board \xE2\x80\x93 Media releases"}));
  CHECK(str(items[2].fields, "id") == "nhb-empty");
  CHECK_FALSE(items[2].fields.contains("title"));
  CHECK(items[3].fields["issuers"] == json::array({"Media Team"}));
  CHECK(str(items[3].fields, "title") == "Hospital car park & shuttle changes");
  CHECK(str(items[3].fields, "body") ==
        "The car park closes for repairs.\n\nA shuttle runs every 15 minutes.");
  for (const auto& item : items) CHECK_FALSE(item.error);
}

TEST_CASE("feeds: Atom entries, malformed XML, empty feeds and other XML", "[feeds]") {
  auto atom = parse_fixture("atom", "feeds/releases.atom");
  REQUIRE(atom.size() == 2);
  const json& e = atom[0].fields;
  CHECK(str(e, "id") == "tag:stadtwerke.example.de,2020:presse-17");
  CHECK(str(e, "title") == "Neue Buslinie 42 ab Dezember");
  CHECK(str(e, "date") == "2020-11-30T10:00:00+01:00");
  CHECK(str(e, "url") == "https://stadtwerke.example.de/presse/buslinie-42");
  CHECK(e["issuers"] == json::array({"Stadtwerke Beispielstadt", "Verkehrsverbund Nord"}));
  CHECK(e["topics"] == json::array({"Verkehr"}));
  CHECK(str(e, "body") ==
        "Ab dem 13. Dezember f\xC3\xA4hrt die Linie 42 alle zehn Minuten.\n\nDie Haltestelle Markt "
        "wird verlegt.");
  CHECK(str(e, "language") == "de");
  CHECK(str(atom[1].fields, "date") == "2020-11-20T09:00:00+01:00");
  CHECK(str(atom[1].fields, "url") == "https://stadtwerke.example.de/presse/wasserpreise");
  CHECK(str(atom[1].fields, "body") == "Die Wasserpreise bleiben 2021 unverändert.");
  // The same parser reads both kinds.
  CHECK(parse_fixture("rss", "feeds/releases.atom").size() == 2);

  auto broken = parse_fixture("rss", "feeds/broken.rss");
  REQUIRE(broken.size() >= 2);
  CHECK(str(broken[0].fields, "title") == "Seawall consent appealed");
  REQUIRE(broken[0].warnings.size() == 1);
  CHECK_THAT(broken[0].warnings[0], Catch::StartsWith("line 12: not well-formed XML"));
  CHECK_THAT(str(broken[1].fields, "title"), Catch::StartsWith("Sponsors: AT"));

  auto empty = parse_fixture("rss", "feeds/empty.rss");
  REQUIRE(empty.size() == 1);
  REQUIRE(empty[0].error);
  CHECK(empty[0].error->message == "the feed has no items");
  auto other = parse_fixture("rss", "feeds/not-a-feed.xml");
  REQUIRE(other[0].error);
  CHECK(other[0].error->message == "not an RSS or Atom feed: the root element is <urlset>");
  auto junk = parse_doc("rss", "this is not xml at all");
  REQUIRE(junk[0].error);
}
