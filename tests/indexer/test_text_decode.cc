// Decoding the bytes of text files (formats/text_decode.h): BOMs, UTF-16, Windows-1252, bad UTF-8.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/text_decode.h"

using namespace pressroom::indexer;
using json = nlohmann::ordered_json;

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
