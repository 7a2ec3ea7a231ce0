#include "test_index.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"
#include "test_support.h"

namespace pressroom::test {

void index_records(const std::filesystem::path& db, const std::vector<Json>& records) {
  auto w = open_writable(db.string());
  REQUIRE(w.ok());
  Xapian::WritableDatabase& wdb = w.value();
  DocumentBuilder builder;
  unsigned max_issuers = max_issuer_slots(wdb), max_topics = max_topic_slots(wdb);
  for (const auto& j : records) {
    auto r = record_from_json(j);
    INFO(j.dump());
    REQUIRE(r.ok());
    wdb.replace_document(DocumentBuilder::id_term(r->id), builder.build(r.value()));
    max_issuers = std::max<unsigned>(max_issuers, static_cast<unsigned>(r->issuers.size()));
    max_topics = std::max<unsigned>(max_topics, static_cast<unsigned>(r->topics.size()));
  }
  wdb.set_metadata(std::string(schema::kMetaMaxIssuers), std::to_string(max_issuers));
  wdb.set_metadata(std::string(schema::kMetaMaxTopics), std::to_string(max_topics));
  wdb.commit();
}

std::vector<Json> bulk_records(int n, const std::string& title) {
  const std::string filler(2000, 'x');
  std::vector<Json> out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i)
    out.push_back(Json{{"id", "bulk-" + std::to_string(i)},
                       {"title", title},
                       {"body", filler + " " + std::to_string(i)}});
  return out;
}

std::vector<Json> sample_records() {
  static const char* kIssuers[] = {"Criminal Division", "Civil Rights Division", "Tax Division",
                                   "USAO - Florida, Southern"};
  static const char* kTopics[] = {"Tax", "Civil Rights", "Health Care Fraud"};
  static const char* kSubjects[] = {"fraud", "tax evasion", "discrimination", "bribery"};
  std::vector<Json> out;
  for (int i = 0; i < 48; ++i) {
    char id[16], date[40];
    std::snprintf(id, sizeof id, "r-%03d", i);
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT10:00:00-04:00", 2014 + i % 4,
                  1 + (i * 5) % 12, 1 + (i * 7) % 28);
    Json issuers = Json::array({kIssuers[i % 4]});
    if (i % 3 == 0) issuers.push_back(kIssuers[(i + 1) % 4]);
    Json topics = Json::array();
    if (i % 2 == 0) topics.push_back(kTopics[i % 3]);
    if (i % 5 == 0) topics.push_back(kTopics[(i + 1) % 3]);
    std::string body = "The department announced a case of " + std::string(kSubjects[i % 4]) +
                       " in district " + std::to_string(i) + ".";
    if (i % 6 == 0) body += " A grand jury returned an indictment against the defendants.";
    body += " The investigation continues.";
    out.push_back(Json{{"id", id},
                       {"date", date},
                       {"issuers", issuers},
                       {"topics", topics},
                       {"title", "Release " + std::to_string(i) + " about " + kSubjects[i % 4]},
                       {"body", body},
                       {"url", std::string("https://example.org/pr/") + id},
                       {"source", "sample"}});
  }
  auto add = [&](const char* id, const char* date, const char* issuer, const char* title,
                 const char* body) {
    Json j{{"id", id},
           {"issuers", Json::array({issuer})},
           {"topics", Json::array()},
           {"title", title},
           {"body", body},
           {"source", "sample"}};
    if (date) j["date"] = date;
    out.push_back(j);
  };
  add("edge-2015-06-30", "2015-06-30", "Tax Division", "Last day of June",
      "A settlement in a wage case was announced.");
  add("edge-2015-07-01", "2015-07-01", "Tax Division", "First day of July",
      "A settlement in a pension case was announced.");
  add("edge-2015-01-01", "2015-01-01", "Criminal Division", "New year", "Opening statement.");
  add("edge-2015-12-31", "2015-12-31", "Criminal Division", "Year end", "Closing statement.");
  add("year-only", "2016", "Antitrust Division", "A release dated only by its year",
      "Cartel conduct in the shipping sector.");
  add("month-only", "2016-03", "Antitrust Division", "A release dated by its month",
      "Cartel conduct in the trucking sector.");
  add("undated", nullptr, "Office of the Attorney General", "An undated statement",
      "Remarks as prepared for delivery.");
  add("script", "2017-05-05", "Criminal Division", "Money laundering charges",
      "The body mentions <script>alert('x')</script> & money laundering with \"quotes\".");
  add("doc/with space?&", "2017-05-06", "Criminal Division", "An odd identifier",
      "This release has an identifier that needs URL encoding.");
  return out;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool in_quotes = false, cell_started = false;
  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      in_quotes = cell_started = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_cell();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      cell += c;
      cell_started = true;
    }
  }
  REQUIRE_FALSE(in_quotes);
  if (cell_started || !row.empty()) {
    end_cell();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Json> doj_records(const std::filesystem::path& doj_dir) {
  auto list = [](const std::string& cell) {
    Json out = Json::array();
    size_t start = 0;
    while (start < cell.size()) {
      size_t semi = cell.find(';', start);
      if (semi == std::string::npos) semi = cell.size();
      std::string v = cell.substr(start, semi - start);
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      while (!v.empty() && v.back() == ' ') v.pop_back();
      if (!v.empty() && v != "None") out.push_back(v);
      start = semi + 1;
    }
    return out;
  };
  auto main_rows = parse_csv(read_file(doj_dir / "main_out_pr_list.csv"));
  auto url_rows = parse_csv(read_file(doj_dir / "out_url_list_withID.csv"));
  REQUIRE(main_rows.size() == url_rows.size());
  std::map<std::string, std::vector<std::string>> by_id;  // 1-based id -> url row
  for (size_t i = 1; i < url_rows.size(); ++i) by_id[url_rows[i].at(0)] = url_rows[i];
  std::vector<Json> out;
  for (size_t i = 1; i < main_rows.size(); ++i) {
    const auto& m = main_rows[i];
    const int n = std::stoi(m.at(0));
    const auto& u = by_id.at(std::to_string(n + 1));
    char id[16];
    std::snprintf(id, sizeof id, "doj-%05d", n);
    out.push_back(Json{{"id", id},
                       {"date", u.at(4)},
                       {"issuers", list(m.at(2))},
                       {"topics", list(m.at(1))},
                       {"title", u.at(2)},
                       {"url", "https://www.justice.gov" + u.at(3)},
                       {"source", "doj-opa"}});
  }
  return out;
}

}  // namespace pressroom::test
