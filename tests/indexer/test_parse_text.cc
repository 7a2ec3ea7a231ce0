// Text captures (formats/parse_text.cc): date, issuer, title and body among the page furniture.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "document_test_util.h"
#include "mapping/mapping.h"

using namespace pressroom::indexer;
using namespace pressroom::test;
using json = nlohmann::ordered_json;

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

  auto m = Mapping::from_file(ingest_fixture("text/custom-layout.toml"));
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
