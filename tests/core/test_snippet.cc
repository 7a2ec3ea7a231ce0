#include <catch2/catch.hpp>

#include <xapian.h>

#include "pressroom/snippet.h"

using namespace pressroom;

namespace {

SnippetTerms parse(const std::string& q) {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.add_prefix("title", "S");
  qp.add_boolean_prefix("issuer", "XI");
  return snippet_terms(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT |
                                             Xapian::QueryParser::FLAG_WILDCARD |
                                             Xapian::QueryParser::FLAG_PURE_NOT));
}

std::string snip(const std::string& q, const std::string& body, size_t bytes = 300) {
  return SnippetMaker(parse(q), "english").make(body, bytes);
}

std::vector<std::string> lowers(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& w : snippet_words(text)) out.push_back(w.lower);
  return out;
}

}  // namespace

TEST_CASE("snippet: words are split and folded as the term generator does", "[snippet]") {
  CHECK(lowers("Money-laundering, AT&T's C++ and C# code: 1,000.5 units") ==
        std::vector<std::string>{"money", "laundering", "at&t's", "c++", "and", "c#", "code",
                                 "1,000.5", "units"});
  CHECK(lowers("DON’T  Ünïcode ÉTÉ") == std::vector<std::string>{"don't", "ünïcode", "été"});
  CHECK(lowers("end. 'quoted' x, y") == std::vector<std::string>{"end", "quoted", "x", "y"});
  // Byte ranges point into the text.
  auto w = snippet_words("  Hello, wörld");
  REQUIRE(w.size() == 2);
  CHECK(w[0].begin == 2);
  CHECK(w[0].end == 7);
  CHECK(w[1].begin == 9);
  CHECK(w[1].end == 15);
  // Invalid UTF-8 is read as Latin-1 bytes, never past the end.
  CHECK(lowers(std::string("ab\xff") + "cd \xe2\x82").size() >= 1);
}

TEST_CASE("snippet: the query's body words, stems, wildcards and phrases", "[snippet]") {
  auto t = parse("launders \"swiss bank\" fraud* title:secret issuer:fbi -excluded");
  std::vector<std::string> texts;
  for (const auto& g : t.groups) {
    std::string s;
    for (const auto& w : g)
      s += (s.empty() ? "" : " ") + std::string(w.stemmed ? "Z:" : "") + (w.prefix ? "P:" : "") +
           w.text;
    texts.push_back(s);
  }
  // Title words, boolean filters and excluded words are never marked in the body.
  CHECK(texts == std::vector<std::string>{"Z:launder", "swiss bank", "P:fraud"});
  CHECK(parse("title:secret").empty());
}

TEST_CASE("snippet: marks stems, exact words, wildcards and phrases only where they match",
          "[snippet]") {
  CHECK(snip("launders", "Charged with money laundering today.") ==
        "Charged with money <mark>laundering</mark> today.");
  CHECK(snip("fraud*", "Fraudsters and a fraud, not a defraud.") ==
        "<mark>Fraudsters</mark> and a <mark>fraud</mark>, not a defraud.");
  // A phrase is marked as one where its words follow each other, not elsewhere.
  CHECK(snip("\"swiss bank\"", "A bank. The swiss bank account. Swiss chocolate.") ==
        "A bank. The <mark>swiss bank</mark> account. Swiss chocolate.");
  // Escaped, white space folded, marks never inside escapes.
  CHECK(snip("script", "A <script>\n\n alert(\"x\") & more") ==
        "A &lt;<mark>script</mark>&gt; alert(&quot;x&quot;) &amp; more");
  // Nothing in the body (a title match): the start of the body.
  CHECK(snip("zanzibar", "Nothing here matches the query at all.", 20) == "Nothing here matches…");
}

TEST_CASE("snippet: the passage with the most distinct query words wins", "[snippet]") {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Unrelated sentence number " + std::to_string(i) + ". ";
  const std::string body = "Fraud was found. " + filler +
                           "Later the fraud and the bribery were charged together. " + filler;
  const std::string s = snip("fraud bribery", body, 120);
  CHECK_THAT(s, Catch::Contains("the <mark>fraud</mark> and the <mark>bribery</mark>"));
  // It starts at its sentence, with "…" for what was left out on both sides.
  CHECK_THAT(s, Catch::StartsWith("…Later the"));
  CHECK_THAT(s, Catch::EndsWith("…"));
  CHECK(s.size() < 120 + 40);
  // Every cut is at a word boundary: never inside a word or a UTF-8 sequence.
  const std::string accents = std::string(200, 'x') + " " + "été " + std::string(100, 'y') +
                              " déjà fraud " + std::string(300, 'z');
  const std::string t = snip("fraud", accents, 50);
  CHECK_THAT(t, Catch::Contains("<mark>fraud</mark>"));
  CHECK(t.find("\xc3…") == std::string::npos);
}

TEST_CASE("snippet: long bodies and many matches stay bounded", "[snippet]") {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "fraud ";
  const std::string s = snip("fraud", body, 100);
  CHECK(s.size() < 100 + 13 * 20 + 10);
  CHECK_THAT(s, Catch::StartsWith("<mark>fraud</mark> <mark>fraud</mark>"));
  CHECK_THAT(s, Catch::EndsWith("…"));
}

TEST_CASE("snippet: the start of a body", "[snippet]") {
  CHECK(leading_snippet("  Short body.  ", 300) == "Short body.");
  CHECK(leading_snippet("The body mentions <b>this</b> too", 20) == "The body mentions…");
  CHECK(leading_snippet("", 10).empty());
  // One word longer than the snippet: cut at a character boundary.
  const std::string s = leading_snippet("ééééééééé", 5);
  CHECK(s == "éé…");
}
