// Facets over HTTP: searchd's per-thread databases and the shared column cache follow a commit
// made while the server runs (the counting itself is tested in tests/core/test_facets.cc).
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using test::Json;

TEST_CASE("facets: a commit shows in the next search over HTTP", "[facets]") {
  test::TempDir dir;
  test::index_records(dir / "db", test::sample_records());
  test::TestServer s(test::test_config(dir / "db"));
  const std::string target = "/api/v1/search?q=fraud&facets=issuer&facet_size=100";
  auto issuers = [&] {
    std::map<std::string, int> out;
    const Json j = test::json_of(s.get(target));
    INFO(j.dump());
    REQUIRE(j.contains("facets"));
    for (const auto& v : j["facets"]["issuer"])
      out[v["value"].get<std::string>()] = v["count"].get<int>();
    return out;
  };
  auto before = issuers();
  test::index_records(dir / "db", {Json{{"id", "fresh"},
                                        {"title", "Fresh fraud"},
                                        {"body", "A fresh fraud case."},
                                        {"issuers", {"Criminal Division", "Fresh Office"}}}});
  auto after = issuers();
  CHECK(after["Fresh Office"] == 1);
  CHECK(after["Criminal Division"] == before["Criminal Division"] + 1);
}
