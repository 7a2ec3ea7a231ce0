// The researchers' tools in core (suggest.h, histogram_share.h): word-by-word spelling
// correction, and the request and arithmetic behind histogram shares.
#include <catch2/catch.hpp>

#include "pressroom/histogram_share.h"
#include "pressroom/suggest.h"
#include "test_support.h"

using namespace pressroom;

namespace {

// A database whose spelling data and term counts are given directly (the in-memory backend has
// no spelling table).
Xapian::WritableDatabase spelling_db(const std::filesystem::path& path) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  for (int i = 0; i < 30; ++i) {
    Xapian::Document d;
    d.add_term("fraud");
    d.add_term("bribery");
    if (i == 0) d.add_term("fruad");  // a typo the archive itself has, once
    db.add_document(d);
  }
  db.add_spelling("fraud", 30);
  db.add_spelling("bribery", 30);
  db.add_spelling("fruad", 1);
  db.add_spelling("tax", 30);
  db.commit();
  return db;
}

}  // namespace

TEST_CASE("suggest: words are corrected in place, operators and fields are kept", "[research]") {
  test::TempDir dir;
  auto db = spelling_db(dir / "db");
  CHECK(corrected_query(db, "fruad") == "fraud");  // in one release, fraud in 30
  CHECK(corrected_query(db, "Briberry") == "bribery");
  CHECK(corrected_query(db, "\"fruad\" OR (briberry AND NOT x)") ==
        "\"fraud\" OR (bribery AND NOT x)");
  CHECK(corrected_query(db, "title:briberry") == "title:bribery");
  CHECK(corrected_query(db, "briberry:x").empty());  // a field name, not a word
  CHECK(corrected_query(db, "fruad*").empty());      // a wildcard's letters
  CHECK(corrected_query(db, "fruad2").empty());      // words with digits
  CHECK(corrected_query(db, "fraud bribery").empty());
  CHECK(corrected_query(db, "tix").empty() == false);  // 1 edit for a short word
  CHECK(corrected_query(db, "tixx").empty());          // 2 edits: too many for 4 letters
  CHECK(corrected_query(db, "").empty());
}

TEST_CASE("suggest: no spelling data, no suggestion", "[research]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document d;
  d.add_term("fraud");
  db.add_document(d);
  CHECK(corrected_query(db, "fruad").empty());
  SearchRequest req;
  req.q = "fruad";
  CHECK_FALSE(suggest_spelling(db, req, Limits{}, 0).has_value());
}

TEST_CASE("histogram shares: the base request and the releases per bucket", "[research]") {
  SearchRequest req;
  req.q = "identity theft";
  req.issuers = {"Tax Division"};
  req.topics = {"Tax"};
  req.from = "2015";
  req.from_key = "20150000";
  req.histogram = HistogramInterval::kAuto;
  req.histogram_normalize = HistogramNormalize::kIssuer;
  SearchRequest base = share_base_request(req, HistogramInterval::kMonth);
  CHECK(base.q.empty());
  CHECK(base.topics.empty());
  CHECK(base.issuers == req.issuers);
  CHECK(base.from_key == "20150000");
  CHECK(base.histogram == HistogramInterval::kMonth);
  CHECK(base.facets.empty());
  req.histogram_normalize = HistogramNormalize::kArchive;
  CHECK(share_base_request(req, HistogramInterval::kYear).issuers.empty());

  Histogram h{HistogramInterval::kYear, {{"2015", 2}, {"2016", 0}, {"2017", 5}}};
  Histogram all{HistogramInterval::kYear, {{"2014", 9}, {"2015", 10}, {"2017", 5}}};
  CHECK(bucket_releases(h, all) == std::vector<Xapian::doccount>{10, 0, 5});
}
