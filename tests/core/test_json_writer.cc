#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "pressroom/json_writer.h"

using namespace pressroom;
using json = nlohmann::ordered_json;

namespace {
std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

TEST_CASE("json writer: the same text as nlohmann's dump", "[json]") {
  JsonWriter w;
  w.begin_object();
  w.key("s").value("plain \"quoted\" back\\slash \b\f\n\r\t \x01\x1f\x7f é 😀");
  w.key("empty").begin_array().end_array();
  w.key("list").strings({"a", "b"});
  w.key("n").value(std::uint64_t{18446744073709551615ull});
  w.key("u").value(7u);
  w.key("d").value(0.125);
  w.key("whole").value(2.0);
  w.key("small").value(0.001);
  w.key("t").value(true);
  w.key("f").value(false);
  w.key("z").null();
  w.key("nested")
      .begin_object()
      .key("x")
      .begin_array()
      .begin_object()
      .end_object()
      .value(1u)
      .end_array()
      .end_object();
  w.end_object();
  const json expected = {{"s", "plain \"quoted\" back\\slash \b\f\n\r\t \x01\x1f\x7f é 😀"},
                         {"empty", json::array()},
                         {"list", {"a", "b"}},
                         {"n", 18446744073709551615ull},
                         {"u", 7u},
                         {"d", 0.125},
                         {"whole", 2.0},
                         {"small", 0.001},
                         {"t", true},
                         {"f", false},
                         {"z", nullptr},
                         {"nested", {{"x", {json::object(), 1u}}}}};
  CHECK(w.text() == dumped(expected));
}

TEST_CASE("json writer: any string is escaped as nlohmann escapes valid text", "[json]") {
  std::mt19937 rng(11);
  const std::string pieces[] = {"a",    " ", "\"", "\\", "\n",   "\x01",
                                "\x1f", "é", "€",  "😀",  "\x7f", "/"};
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    for (int k = rng() % 12; k > 0; --k) s += pieces[rng() % std::size(pieces)];
    JsonWriter w;
    w.value(s);
    INFO(s);
    REQUIRE(w.text() == dumped(json(s)));
  }
  // Invalid UTF-8 becomes U+FFFD and the text stays valid JSON.
  JsonWriter w;
  w.value(
      std::string("a\xff"
                  "b"));
  CHECK(w.text() ==
        "\"a\xEF\xBF\xBD"
        "b\"");
  CHECK(json::parse(w.text()) ==
        "a\xEF\xBF\xBD"
        "b");
}
