// RSS and Atom feeds (formats/parse_feed.cc): one record per item or entry, broken and empty feeds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "document_test_util.h"

using namespace pressroom::indexer;
using namespace pressroom::test;
using json = nlohmann::ordered_json;

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
