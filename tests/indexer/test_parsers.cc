#include <sstream>

#include <catch2/catch.hpp>

#include "formats/formats.h"

using namespace pressroom::indexer;

namespace {

std::vector<RawItem> parse_with(const char* format, const std::string& text,
                                const std::string& name = "in") {
  std::istringstream in(text);
  std::vector<RawItem> items;
  const InputFormat* f = format_by_name(format);
  REQUIRE(f != nullptr);
  FormatOptions opt;
  if (std::string(format) == "tsv") opt.delimiter = '\t';
  f->parse(in, name, opt, [&](RawItem&& item) {
    parse_item_json(item);
    items.push_back(std::move(item));
    return true;
  });
  return items;
}

}  // namespace

TEST_CASE("JSONL: one item per non-blank line, with line numbers", "[parsers]") {
  auto items = parse_with("jsonl",
                          "\xEF\xBB\xBF{\"id\":\"a\"}\n"
                          "\n"
                          "{\"id\":\"b\",}\n"  // trailing comma
                          "[1,2]\r\n"          // not an object
                          "{\"id\":\"c\",\"title\":\"caf\xFF\"}\n"
                          "   \n"
                          "{\"id\":\"d\"",  // truncated, no newline at the end
                          "f.jsonl");
  REQUIRE(items.size() == 5);
  CHECK(items[0].location == "f.jsonl:1");
  CHECK_FALSE(items[0].error);
  CHECK(items[0].fields["id"] == "a");
  CHECK(items[1].location == "f.jsonl:3");
  REQUIRE(items[1].error);
  CHECK_THAT(items[1].error->message, Catch::StartsWith("malformed JSON"));
  CHECK(items[2].location == "f.jsonl:4");
  REQUIRE(items[2].error);
  CHECK_THAT(items[2].error->message, Catch::Contains("expected a JSON object, got array"));
  CHECK(items[3].location == "f.jsonl:5");
  CHECK_FALSE(items[3].error);
  CHECK(items[3].fields["title"] == "caf\xEF\xBF\xBD");
  CHECK(items[3].warnings.size() == 1);
  CHECK(items[4].location == "f.jsonl:7");
  CHECK(items[4].error);
}

TEST_CASE("JSON: arrays are split per element, and a bad element is one bad item", "[parsers]") {
  auto items = parse_with("json",
                          "[\n"
                          "  {\"id\": \"a\", \"t\": \"[not] {a} \\\"bracket\\\"\"},\n"
                          "  {\"id\": \"b\", \"n\": [1, {\"x\": 2}]},\n"
                          "  {\"id\": \"c\" \"oops\": 1},\n"
                          "  \"just a string\",\n"
                          "  {\"id\": \"e\"}\n"
                          "]\n",
                          "f.json");
  REQUIRE(items.size() == 5);
  CHECK(items[0].location == "f.json:2");
  CHECK(items[0].fields["t"] == "[not] {a} \"bracket\"");
  CHECK(items[1].location == "f.json:3");
  CHECK(items[1].fields["n"][1]["x"] == 2);
  CHECK(items[2].location == "f.json:4");
  CHECK(items[2].error);
  CHECK(items[3].error);
  CHECK_THAT(items[3].error->message, Catch::Contains("got string"));
  CHECK(items[4].location == "f.json:6");
  CHECK_FALSE(items[4].error);
}

TEST_CASE("JSON: a single object and a broken array", "[parsers]") {
  auto one = parse_with("json", "{\"id\": \"solo\"}");
  REQUIRE(one.size() == 1);
  CHECK(one[0].fields["id"] == "solo");
  auto broken = parse_with("json", "[{\"id\": \"a\"} {\"id\": \"b\"}]", "b.json");
  REQUIRE(broken.size() == 2);
  CHECK_FALSE(broken[0].error);
  REQUIRE(broken[1].error);
  CHECK_THAT(broken[1].error->message, Catch::Contains("expected ',' or ']'"));
  auto unterminated = parse_with("json", "[{\"id\": \"a\"}, {\"id\": \"b\"", "u.json");
  REQUIRE(unterminated.size() == 2);
  CHECK_FALSE(unterminated[0].error);
  REQUIRE(unterminated[1].error);
  CHECK_THAT(unterminated[1].error->message, Catch::Contains("unterminated"));
  CHECK(parse_with("json", "[]").empty());
}

TEST_CASE("CSV: quoted multi-line cells, doubled quotes, header trimming", "[parsers]") {
  auto items = parse_with("csv",
                          "\xEF\xBB\xBFid, title ,body\r\n"
                          "1,\"Hello, world\",\"line one\nline two\n\nline \"\"four\"\"\"\r\n"
                          "\n"
                          "2,plain,\"\"\n"
                          "3,short\n"
                          "4,\"a\",b,extra\n"
                          "5,x,y",
                          "f.csv");
  REQUIRE(items.size() == 5);
  CHECK(items[0].location == "f.csv:2");
  CHECK(items[0].fields["title"] == "Hello, world");
  CHECK(items[0].fields["body"] == "line one\nline two\n\nline \"four\"");
  CHECK(items[1].location == "f.csv:7");
  CHECK(items[1].fields["body"] == "");
  CHECK(items[2].location == "f.csv:8");
  REQUIRE(items[2].error);
  CHECK_THAT(items[2].error->message, Catch::Contains("row has 2 cells but the header has 3"));
  CHECK(items[3].error);
  CHECK(items[4].location == "f.csv:10");
  CHECK(items[4].fields["body"] == "y");
}

TEST_CASE("CSV: an unterminated quote is reported at the row that opened it", "[parsers]") {
  auto items = parse_with("csv", "id,body\n1,ok\n2,\"never closed\n3,lost\n", "q.csv");
  REQUIRE(items.size() == 2);
  CHECK_FALSE(items[0].error);
  CHECK(items[1].location == "q.csv:3");
  REQUIRE(items[1].error);
  CHECK_THAT(items[1].error->message, Catch::Contains("unterminated quoted cell"));
}

TEST_CASE("TSV uses tabs", "[parsers]") {
  auto items = parse_with("tsv", "id\ttitle\n1\ta, b\n", "f.tsv");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields["title"] == "a, b");
}

TEST_CASE("format registry by name, extension and content", "[parsers]") {
  CHECK(format_for_path("a/b.jsonl")->name == "jsonl");
  CHECK(format_for_path("a/b.NDJSON")->name == "jsonl");
  CHECK(format_for_path("b.json.zst")->name == "json");
  CHECK(format_for_path("b.csv.gz")->name == "csv");
  CHECK(format_for_path("b.tsv")->name == "tsv");
  CHECK(format_for_path("b.txt")->name == "text");
  CHECK(format_for_path("a/b.HTM")->name == "html");
  CHECK(format_for_path("b.html.gz")->name == "html");
  CHECK(format_for_path("b.md")->name == "markdown");
  CHECK(format_for_path("feed.rss")->name == "rss");
  CHECK(format_for_path("feed.atom")->name == "atom");
  CHECK(format_for_path("b.pdf") == nullptr);
  CHECK(format_for_path("b.tar.zst") == nullptr);
  CHECK(sniff_format("  [ {")->name == "json");
  CHECK(sniff_format("\n{\"id\"")->name == "jsonl");
  CHECK(sniff_format("id,title")->name == "csv");
  CHECK(sniff_format("<!DOCTYPE html><html>")->name == "html");
  CHECK(sniff_format("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">")->name == "rss");
  CHECK(sniff_format("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">")->name ==
        "rss");
  CHECK(sniff_format("---\ntitle: x\n---\n")->name == "markdown");
  CHECK(format_by_name("xml") == nullptr);
  CHECK(format_by_name("html")->is_document());
  CHECK_FALSE(format_by_name("csv")->is_document());
}

TEST_CASE("fuzz regressions: huge numbers and lines of control bytes are bad items", "[parsers]") {
  auto overflow = parse_with("jsonl", "{\"id\": \"a\", \"n\": 1e99999}\n");
  REQUIRE(overflow.size() == 1);
  REQUIRE(overflow[0].error);
  CHECK_THAT(overflow[0].error->message, Catch::StartsWith("malformed JSON"));
  auto control = parse_with("jsonl", std::string("\x01\x02\x7f\n{\"id\":\"b\"}\n"));
  REQUIRE(control.size() == 2);
  REQUIRE(control[0].error);
  CHECK_THAT(control[0].error->message, Catch::Contains("only control bytes"));
  CHECK_FALSE(control[1].error);
}
