// The shared text helpers (pressroom/text.h): table-driven, with the ugly inputs.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "pressroom/text.h"

using namespace pressroom::text;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

TEST_CASE("valid_utf8_len: ASCII, well-formed and ill-formed sequences", "[text]") {
  struct Case {
    std::string s;
    size_t at, len;
  };
  auto c = GENERATE(values<Case>({
      {"a", 0, 1},
      {std::string("\0", 1), 0, 1},
      {"\xC3\xA9", 0, 2},          // é
      {"\xE2\x82\xAC", 0, 3},      // €
      {"\xF0\x9F\x93\xB0", 0, 4},  // emoji
      {"x\xC3\xA9", 1, 2},
      {"\xC3", 0, 0},              // truncated
      {"\xC3\xA9", 1, 0},          // a continuation byte alone
      {"\xC0\xAF", 0, 0},          // overlong '/'
      {"\xE0\x80\xAF", 0, 0},      // overlong, 3 bytes
      {"\xED\xA0\x80", 0, 0},      // UTF-16 surrogate
      {"\xED\x9F\xBF", 0, 3},      // U+D7FF, just below the surrogates
      {"\xF0\x8F\xBF\xBF", 0, 0},  // overlong, 4 bytes
      {"\xF4\x8F\xBF\xBF", 0, 4},  // U+10FFFF
      {"\xF4\x90\x80\x80", 0, 0},  // above U+10FFFF
      {"\xF5\x80\x80\x80", 0, 0},
      {"\xFF", 0, 0},
      {"\xE2\x82x", 0, 0},  // a sequence cut by ASCII
  }));
  INFO(c.at);
  CHECK(valid_utf8_len(c.s, c.at) == c.len);
}

TEST_CASE("decode_utf8_lenient: code points, bad bytes as Latin-1", "[text]") {
  struct Case {
    std::string s;
    unsigned cp;
    size_t len;
  };
  auto c = GENERATE(values<Case>({
      {"A", 'A', 1},
      {"\xC3\xA9", 0xE9, 2},
      {"\xE2\x80\x99s", 0x2019, 3},
      {"\xF0\x9F\x93\xB0", 0x1F4F0, 4},
      {"\xE9t\xE9", 0xE9, 1},     // Latin-1 é
      {"\xED\xA0\x80", 0xED, 1},  // surrogate: the lead byte alone
      {"\xC0\xAF", 0xC0, 1},
  }));
  const CodePoint d = decode_utf8_lenient(c.s, 0);
  CHECK(d.cp == c.cp);
  CHECK(d.len == c.len);
}

TEST_CASE("utf8_floor never ends a prefix inside a UTF-8 sequence", "[text]") {
  struct Case {
    std::string s;
    size_t max, floor;
  };
  auto c = GENERATE(values<Case>({
      {"", 0, 0},
      {"abc", 2, 2},
      {"abc", 3, 3},
      {"abc", 99, 3},
      {"a\xC3\xA9"
       "b",
       2, 1},  // inside é: back to before it
      {"a\xC3\xA9"
       "b",
       3, 3},  // just after é
      {"\xF0\x9F\x93\xB0"
       "x",
       3, 0},                    // inside the emoji at the start
      {"ab\xE2\x82\xAC", 4, 2},  // inside €
      {"\x80\x80\x80", 2, 0},    // only continuation bytes
  }));
  INFO(c.max);
  CHECK(utf8_floor(c.s, c.max) == c.floor);
}

TEST_CASE("append_utf8 encodes each length and round-trips through decoding", "[text]") {
  struct Case {
    unsigned cp;
    std::string utf8;
  };
  auto c = GENERATE(values<Case>({
      {0x41, "A"},
      {0x7F, "\x7F"},
      {0x80, "\xC2\x80"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {0xFFFD, "\xEF\xBF\xBD"},
      {0x10000, "\xF0\x90\x80\x80"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
  }));
  std::string out = "x";
  append_utf8(out, c.cp);
  CHECK(out == "x" + c.utf8);
  const CodePoint d = decode_utf8_lenient(c.utf8, 0);
  CHECK(d.cp == c.cp);
  CHECK(d.len == c.utf8.size());
}

TEST_CASE("trim, trim_blanks and trim_space_and_nbsp: which white space each removes", "[text]") {
  struct Case {
    std::string in, trim, blanks, nbsp;
  };
  auto c = GENERATE(values<Case>({
      {"", "", "", ""},
      {"   ", "", "", ""},
      {"a", "a", "a", "a"},
      {"  a b  ", "a b", "a b", "a b"},
      {"\t\r\n a \n\r\t", "a", "\r\n a \n\r", "a"},
      {"\va\f", "\va\f", "\va\f", "a"},
      {"\xC2\xA0"
       "13 April\xC2\xA0 ",
       "\xC2\xA0"
       "13 April\xC2\xA0",
       "\xC2\xA0"
       "13 April\xC2\xA0",
       "13 April"},
      {" \xE2\x80\x83x ", "\xE2\x80\x83x", "\xE2\x80\x83x", "\xE2\x80\x83x"},  // em space kept
      {"\xC2", "\xC2", "\xC2", "\xC2"},  // half a no-break space is not one
  }));
  INFO(c.in);
  CHECK(trim(c.in) == c.trim);
  CHECK(trim_view(c.in) == c.trim);
  CHECK(trim_blanks(c.in) == c.blanks);
  CHECK(trim_space_and_nbsp(c.in) == c.nbsp);
}

TEST_CASE("lower_ascii and iequals_ascii leave everything but A-Z alone", "[text]") {
  CHECK(lower_ascii('Q') == 'q');
  CHECK(lower_ascii('@') == '@');
  CHECK(lower_ascii('[') == '[');
  CHECK(lower_ascii(std::string_view("Content-Type: TEXT/Html")) == "content-type: text/html");
  CHECK(lower_ascii(std::string_view("\xC3\x89TAT")) == "\xC3\x89tat");  // É stays
  CHECK(lower_ascii(std::string_view("")).empty());
  CHECK(iequals_ascii("April", "APRIL"));
  CHECK(iequals_ascii("", ""));
  CHECK_FALSE(iequals_ascii("April", "Aprils"));
  CHECK_FALSE(iequals_ascii("\xC3\x89", "\xC3\xA9"));
  CHECK_FALSE(iequals_ascii("@", "`"));
}

TEST_CASE("repair_utf8 replaces each invalid byte and keeps valid text", "[text]") {
  struct Case {
    std::string in, out;
    bool repaired;
  };
  auto c = GENERATE_COPY(values<Case>({
      {"plain", "plain", false},
      {"caf\xC3\xA9", "caf\xC3\xA9", false},  // é
      {"a\xFF"
       "b",
       "a" + kFffd + "b", true},                                  // stray byte
      {"\xC0\xAF", kFffd + kFffd, true},                          // overlong '/'
      {"x\xE2\x82", "x" + kFffd + kFffd, true},                   // truncated euro sign
      {"\xED\xA0\x80", kFffd + kFffd + kFffd, true},              // UTF-16 surrogate
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, true},  // above U+10FFFF
      {"\xF0\x9F\x93\xB0 news", "\xF0\x9F\x93\xB0 news", false},  // emoji
      {std::string("nul\0byte", 8), "nulbyte", true},             // NUL dropped
      {"tab\tand\nnewline", "tab\tand\nnewline", false},
  }));
  bool repaired = false;
  CHECK(repair_utf8(c.in, &repaired) == c.out);
  CHECK(repaired == c.repaired);
}

TEST_CASE("clean_text trims and folds white space", "[text]") {
  CHECK(clean_text("  a  b\t c  ", false) == "a b c");
  CHECK(clean_text("line one\nline two", false) == "line one line two");
  CHECK(clean_text("\xC2\xA0nbsp\xC2\xA0 here", false) == "nbsp here");
  CHECK(clean_text("p1 \r\n\r\n\r\n\r\n  p2  \nsame para", true) == "p1\n\np2\nsame para");
  CHECK(clean_text("\n\n  body  \n\n", true) == "body");
  CHECK(clean_text("", true).empty());
}

TEST_CASE("fold_case lower-cases beyond ASCII", "[text]") {
  CHECK(fold_case("Criminal Division") == "criminal division");
  CHECK(fold_case("\xC3\x89TAT") == "\xC3\xA9tat");  // ÉTAT -> état
}
