#include <catch2/catch.hpp>

#include "mapping/mapping.h"
#include "test_support.h"

using namespace pressroom::indexer;
using json = nlohmann::ordered_json;

namespace {

Mapping load(const std::string& toml) {
  auto m = Mapping::from_toml(toml, "m.toml");
  INFO((m.ok() ? "" : m.error().message));
  REQUIRE(m.ok());
  return std::move(m.value());
}

}  // namespace

TEST_CASE("lookup_path follows keys, dotted paths and indexes", "[mapping]") {
  json j = json::parse(R"({"a.b": 1, "member": {"name": "Jo", "orgs": ["x", "y"]}})");
  CHECK(*lookup_path(j, "a.b") == 1);
  CHECK(*lookup_path(j, "member.name") == "Jo");
  CHECK(*lookup_path(j, "member.orgs.1") == "y");
  CHECK(lookup_path(j, "member.orgs.5") == nullptr);
  // Indexes beyond any integer (fuzz_mapping: stoul threw out_of_range), and leading zeros.
  CHECK(lookup_path(j, "member.orgs.00000000888888888888888888880000000000") == nullptr);
  CHECK(lookup_path(j, "member.orgs.99999999999999999999") == nullptr);
  CHECK(*lookup_path(j, "member.orgs.0001") == "y");
  CHECK(*lookup_path(j, "member.orgs.000") == lookup_path(j, "member.orgs.0")->get<std::string>());
  CHECK(lookup_path(j, "nope") == nullptr);
}

TEST_CASE("lookup_path selects array elements by a key's text", "[mapping]") {
  json j = json::parse(R"({"links": [
      {"text": "Northwind Logistics", "url": "https://northwind.example/"},
      {"text": "Original/Source Press Release", "url": "https://www.prnewswire.com/x.html"},
      {"text": "source", "url": "https://exact.example/"}],
    "odd[key=v]": 1})");
  CHECK(*lookup_path(j, "links[text~=Source].url") == "https://www.prnewswire.com/x.html");
  CHECK(*lookup_path(j, "links[text~= press release ].url") == "https://www.prnewswire.com/x.html");
  CHECK(*lookup_path(j, "links[text=SOURCE].url") == "https://exact.example/");
  CHECK(*lookup_path(j, "links[url~=northwind.example].text") == "Northwind Logistics");
  CHECK(lookup_path(j, "links[text~=Missing].url") == nullptr);
  CHECK(lookup_path(j, "links[text].url") == nullptr);
  CHECK(lookup_path(j, "links[nokey~=x]") == nullptr);
  CHECK(*lookup_path(j, "odd[key=v]") == 1);  // a key spelled like a selector wins
  CHECK(*lookup_path(j, "links.1.text") == "Original/Source Press Release");
  CHECK(render_template("{links[text~=Source].url}", j).value() ==
        "https://www.prnewswire.com/x.html");
}

TEST_CASE("render_template fills names, widths and offsets", "[mapping]") {
  json j = json::parse(R"({"n": "42", "m": 7, "s": " x "})");
  CHECK(render_template("r_{n:05}.txt", j).value() == "r_00042.txt");
  CHECK(render_template("{m:+1}", j).value() == "8");
  CHECK(render_template("{n:-1:04}", j).value() == "0041");
  CHECK(render_template("{{lit}}{s}", j).value() == "{lit}x");
  CHECK_FALSE(render_template("{missing}", j).ok());
  CHECK_FALSE(render_template("{n:xx}", j).ok());
  CHECK_FALSE(render_template("{s:+1}", j).ok());
  CHECK_FALSE(render_template("{open", j).ok());
  CHECK(render_template("{n:064}", j).value().size() == 64);
  auto huge = render_template("{n:718099605}", j);  // once a 700 MB string (fuzz_mapping)
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().message.find("width 718099605 is over the limit of 64") != std::string::npos);
}

TEST_CASE("mapping: from, split, constants, null values, hashes", "[mapping]") {
  Mapping m = load(R"(
null_values = ["None", "N/A"]
[fields.id]
hash = ["url", "headline"]
[fields.title]
from = "headline"
[fields.issuers]
from = "orgs"
split = ";"
[fields.topics]
from = "meta.tags"
[fields.source]
value = "wire"
[fields.body]
from = "text"
strip_suffix = "None"
[fields.desk]
from = "desk"
default = "general"
)");
  auto p = m.prepare(".", std::nullopt);
  REQUIRE(p.ok());
  json raw = json::parse(R"({"url": "u1", "headline": " Hi ", "orgs": "A; B;; None; ",
                             "meta": {"tags": ["t1", "N/A", " t2 "]}, "text": "Body.None",
                             "unmapped": 1})");
  auto out = p.value()->apply(raw);
  REQUIRE(out.ok());
  CHECK(out->at("title") == "Hi");
  CHECK(out->at("issuers") == json::array({"A", "B"}));
  CHECK(out->at("topics") == json::array({"t1", "t2"}));
  CHECK(out->at("source") == "wire");
  CHECK(out->at("body") == "Body.");
  CHECK(out->at("desk") == "general");
  CHECK(out->at("id").get<std::string>().size() == 16);
  CHECK_FALSE(out->contains("unmapped"));
  // same inputs, same id; different inputs, different id
  auto again = p.value()->apply(raw);
  CHECK(again->at("id") == out->at("id"));
  raw["url"] = "u2";
  CHECK(p.value()->apply(raw)->at("id") != out->at("id"));
}

TEST_CASE("replace rewrites: PCRE2 patterns, ECMAScript replacements, bounded work", "[mapping]") {
  auto rw = [](const std::string& pat, const std::string& rep) {
    auto r = RegexRewrite::compile(pat, rep);
    INFO((r.ok() ? "" : r.error().message));
    REQUIRE(r.ok());
    return std::move(r).value();
  };
  // The shipped DOJ mapping's pattern: groups, a lookahead, every match replaced.
  CHECK(rw(R"((^|[.!?:;"\])])\s*(?:None\s*)+(?=[A-Z"(\[]|$))", "$1\n\n")
            .apply("One. None None Two None")
            .value() == "One.\n\nTwo None");
  CHECK(rw("a(b)", "[$&|$1|$$]").apply("xabyab").value() == "x[ab|b|$]y[ab|b|$]");
  CHECK(rw("x$", "!").apply("x\nx").value() == "x\n!");  // $ is the end of the value only
  CHECK(rw("é", "e").apply(std::string(3000, 'a') + "é").value() == std::string(3000, 'a') + "e");
  // Output longer than the first buffer guess.
  CHECK(rw("a", "aaaaaaaa").apply(std::string(1000, 'a')).value() == std::string(8000, 'a'));

  auto bad = RegexRewrite::compile("(unclosed", "x");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("invalid regular expression \"(unclosed\"") != std::string::npos);
  auto tick = RegexRewrite::compile("a", "$`");
  REQUIRE_FALSE(tick.ok());
  CHECK(tick.error().message.find("$` is not supported") != std::string::npos);
  auto group = RegexRewrite::compile("a", "$7");
  REQUIRE_FALSE(group.ok());
  CHECK(group.error().code == pressroom::ErrorCode::kInvalidMapping);

  // Catastrophic backtracking (found by fuzz_mapping: it hung std::regex) is an error for the
  // value, named, within the match limit.
  auto slow = rw("(a|aa)+$", "x").apply(std::string(64, 'a') + "b");
  REQUIRE_FALSE(slow.ok());
  CHECK(slow.error().code == pressroom::ErrorCode::kInvalidRecord);
  CHECK(slow.error().message.find("gave up after 20000000 steps") != std::string::npos);

  // Through a mapping: the record is rejected with the field named, the next one still maps.
  Mapping m = load(R"(
[fields.id]
from = "id"
[fields.title]
from = "title"
replace = [["(a|aa)+$", "x"], ["^T", "t"]]
)");
  auto p = m.prepare(".", std::nullopt);
  REQUIRE(p.ok());
  auto rejected = p.value()->apply(json{{"id", "1"}, {"title", std::string(64, 'a') + "b"}});
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().message.find("field 'title': pattern \"(a|aa)+$\" gave up") !=
        std::string::npos);
  auto fine = p.value()->apply(json{{"id", "2"}, {"title", "Title"}});
  REQUIRE(fine.ok());
  CHECK(fine->at("title") == "title");
  auto unclosed =
      Mapping::from_toml("[fields.title]\nfrom = \"t\"\nreplace = [[\"(\", \"\"]]\n", "m.toml");
  REQUIRE_FALSE(unclosed.ok());
  CHECK(unclosed.error().message.find("replace") != std::string::npos);
}

TEST_CASE("replace patterns that never matched are reported", "[mapping]") {
  Mapping m = load(R"(
[fields.id]
from = "id"
[fields.body]
from = "body"
replace = [["None$", ""], ["typo\\d", ""]]
[fields.title]
from = "title"
replace = [["x", "y"]]
)");
  CHECK(m.unmatched_rewrites().empty());  // nothing tried yet
  auto p = m.prepare(".", std::nullopt);
  REQUIRE(p.ok());
  for (const char* raw : {R"({"id": "1", "body": "text None"})", R"({"id": "2", "body": "b"})"})
    REQUIRE(p.value()->apply(json::parse(raw)).ok());
  // The title was never given a value: not reported (the pattern was never tried).
  CHECK(m.unmatched_rewrites() ==
        std::vector<std::string>{
            "fields.body: replace pattern \"typo\\d\" never matched (2 value(s))"});
}

TEST_CASE("mapping: required fields and keep_unmapped", "[mapping]") {
  Mapping m = load(R"(
keep_unmapped = true
[fields]
id = "key"
[fields.title]
from = "t"
required = true
)");
  auto p = m.prepare(".", std::nullopt).value();
  auto ok = p->apply(json::parse(R"({"key": "k", "t": "T", "extra": [1]})"));
  REQUIRE(ok.ok());
  CHECK(ok->at("id") == "k");
  CHECK(ok->at("extra") == json::array({1}));
  CHECK_FALSE(ok->contains("key"));
  auto bad = p->apply(json::parse(R"({"key": "k", "t": "  "})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "title");
}

TEST_CASE("mapping: joins and file bodies", "[mapping]") {
  pressroom::test::TempDir dir;
  pressroom::test::write_file(dir / "meta.csv", "num,title\n1,First\n2,Second\n");
  pressroom::test::write_file(dir / "texts/r_0000.txt", "Body zero\n");
  Mapping m = load(R"(
[fields.id]
template = "r-{id}"
[fields.title]
from = "title"
[fields.body]
file = "texts/r_{id:04}.txt"
[[join]]
file = "meta.csv"
key = "num"
on = "{id:+1}"
)");
  auto p = m.prepare(dir.path(), std::nullopt);
  REQUIRE(p.ok());
  auto out = p.value()->apply(json::parse(R"({"id": "0"})"));
  REQUIRE(out.ok());
  CHECK(out->at("id") == "r-0");
  CHECK(out->at("title") == "First");
  CHECK(out->at("body") == "Body zero");
  auto no_file = p.value()->apply(json::parse(R"({"id": "1"})"));
  REQUIRE_FALSE(no_file.ok());
  CHECK(no_file.error().field == "body");
  CHECK_THAT(no_file.error().message, Catch::Contains("r_0001.txt not found"));
  auto no_row = p.value()->apply(json::parse(R"({"id": "5"})"));
  REQUIRE_FALSE(no_row.ok());
  CHECK_THAT(no_row.error().message, Catch::Contains("no row in meta.csv with num = \"6\""));
}

TEST_CASE("templates fall back: {name?}, default, optional joins, from_all gathers paths",
          "[mapping]") {
  // Shapes of the Congress archive: nested JSON lines, a few with "member": null.
  json j = json::parse(R"({"member": null, "n": "7"})");
  CHECK(render_template("{member.name?}", j).value().empty());
  CHECK(render_template("[{member.name?}]-{n?:03}", j).value() == "[]-007");
  auto missing = render_template("{member.name}", j);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "template needs 'member.name', which is missing");

  pressroom::test::TempDir dir;
  pressroom::test::write_file(dir / "members.csv", "bioguide_id,state\nR000001,OR\n");
  const std::string congress = R"(
[[join]]
file = "members.csv"
key = "bioguide_id"
on = "{member.bioguide_id}"
required = false
[fields.id]
from = "url"
[fields.issuers]
template = "{member.name}"
default = "United States Congress"
[fields.byline]
template = "by {member.name?}"
)";
  Mapping m = load(congress + R"(
[fields.topics]
from_all = ["member.party", "member.chamber", "tags", "nowhere"]
[fields.title]
template = "{member.name} speaks"
[fields.state]
from = "state"
)");
  auto p = m.prepare(dir.path(), std::nullopt);
  REQUIRE(p.ok());
  auto full = p.value()->apply(json::parse(R"({"url": "u1", "tags": ["House", "Budget", "D"],
      "member": {"name": "Jane Roe", "party": "D", "chamber": "House", "bioguide_id": "R000001"}})"));
  REQUIRE(full.ok());
  CHECK(full->at("issuers") == "Jane Roe");
  CHECK(full->at("topics") == json::array({"D", "House", "Budget"}));  // order kept, no repeats
  CHECK(full->at("byline") == "by Jane Roe");
  CHECK(full->at("title") == "Jane Roe speaks");
  CHECK(full->at("state") == "OR");  // from the joined row
  auto null_member = p.value()->apply(json::parse(R"({"url": "u2", "member": null})"));
  // title has no default: still a clear rejection naming the field.
  REQUIRE_FALSE(null_member.ok());
  CHECK(null_member.error().message ==
        "field 'title': template needs 'member.name', which is missing");
  auto m2 = load(congress + "[fields.topics]\nfrom_all = [\"member.party\", \"member.chamber\"]\n");
  auto p2 = m2.prepare(dir.path(), std::nullopt);
  REQUIRE(p2.ok());
  auto out = p2.value()->apply(json::parse(R"({"url": "u2", "member": null})"));
  INFO((out.ok() ? "" : out.error().message));
  REQUIRE(out.ok());
  CHECK(out->at("issuers") == "United States Congress");  // a list once validated
  CHECK_FALSE(out->contains("topics"));
  CHECK(out->at("byline") == "by");
  // A required join still rejects when its key cannot be made.
  auto m3 = load(
      "[fields.id]\nfrom = \"url\"\n[[join]]\nfile = \"members.csv\"\nkey = "
      "\"bioguide_id\"\non = \"{member.bioguide_id}\"\n");
  auto p3 = m3.prepare(dir.path(), std::nullopt);
  REQUIRE(p3.ok());
  auto rejected = p3.value()->apply(json::parse(R"({"url": "u2", "member": null})"));
  REQUIRE_FALSE(rejected.ok());
  CHECK_THAT(rejected.error().message, Catch::Contains("join on members.csv: template needs"));
}

TEST_CASE("mapping files are validated with precise errors", "[mapping]") {
  struct Case {
    const char* toml;
    const char* message_part;
  };
  auto c = GENERATE(values<Case>({
      {"format = \"xml\"\n[fields]\nid = \"a\"", "unknown format \"xml\""},
      {"[fields.title]\nfrom = \"t\"", "fields.id: missing"},
      {"[fields.id]\nfrom = \"a\"\nvalue = \"b\"", "exactly one of"},
      {"[fields.id]\nfrm = \"a\"", "unknown key 'frm'"},
      {"colour = 1\n[fields]\nid = \"a\"", "colour: unknown key"},
      {"[fields.id\nfrom = 1", "m.toml:1: "},
      {"[fields]\nid = \"a\"\n[[join]]\nfile = \"x.csv\"", "needs file, key and on"},
  }));
  INFO(c.toml);
  auto m = Mapping::from_toml(c.toml, "m.toml");
  REQUIRE_FALSE(m.ok());
  CHECK_THAT(m.error().message, Catch::Contains(c.message_part));
}

TEST_CASE("identity mapping splits issuers and topics given as one string", "[mapping]") {
  Mapping m = Mapping::identity();
  auto p = m.prepare(".", std::nullopt).value();
  auto out = p->apply(json::parse(R"({"id": "a", "issuers": "A; B", "topics": ["x"]})"));
  REQUIRE(out.ok());
  CHECK(out->at("issuers") == json::array({"A", "B"}));
  CHECK(out->at("topics") == json::array({"x"}));
}
