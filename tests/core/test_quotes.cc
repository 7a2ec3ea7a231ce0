// The quotation extractor (core/src/quotes.cc): one table row per pattern of issue #11 and per
// kind of quotation mark that is not a quotation, the name normalisation rule, and bounded work
// on bad input.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "pressroom/quotes.h"

namespace {

using pressroom::quotes::extract_quotes;
using pressroom::quotes::normalise_speaker_name;
using pressroom::quotes::Quote;
using pressroom::quotes::speaker_name_key;

struct Want {
  std::string text;
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::string> organisation;
};

struct Row {
  const char* pattern;
  std::string body;
  std::vector<Want> want;
};

const std::optional<std::string> kNone;

std::vector<Row> rows() {
  return {
      {"said Name, role at Organisation",
       "“We must act now,” said Daniel Leufer, Europe Policy Analyst at Access Now.",
       {{"We must act now,", "Daniel Leufer", "Europe Policy Analyst", "Access Now"}}},
      {"said Role Name of Organisation (role before the name)",
       "“Ransomware is a growing threat,” said Assistant Attorney General Leslie R. Caldwell of "
       "the Criminal Division.",
       {{"Ransomware is a growing threat,", "Leslie R. Caldwell", "Assistant Attorney General",
         "Criminal Division"}}},
      {"Surname said, later reference resolved to the full name",
       "Daniel Leufer of Access Now welcomed the vote.\n\nLeufer said, “This is a good day for "
       "privacy.”",
       {{"This is a good day for privacy.", "Daniel Leufer", kNone, kNone}}},
      {"According to Surname",
       "Daniel Leufer of Access Now welcomed the vote.\n\nAccording to Leufer, “this is a good "
       "day for privacy.”",
       {{"this is a good day for privacy.", "Daniel Leufer", kNone, kNone}}},
      {"Surname added after the quotation",
       "“We must act now,” said Daniel Leufer, policy analyst at Access Now.\n\n“The vote shows "
       "that people care,” Leufer added.",
       {{"We must act now,", "Daniel Leufer", "policy analyst", "Access Now"},
        {"The vote shows that people care,", "Daniel Leufer", kNone, kNone}}},
      {"pronoun resolved to the previous speaker",
       "“We must act now,” said Daniel Leufer, policy analyst at Access Now.\n\n“The vote shows "
       "that people care,” he said.",
       {{"We must act now,", "Daniel Leufer", "policy analyst", "Access Now"},
        {"The vote shows that people care,", "Daniel Leufer", "policy analyst", "Access Now"}}},
      {"interrupted quotation: two quotations, one speaker",
       "“This was a long investigation,” said U.S. Attorney Duane A. Evans. “It shows what "
       "patient work can achieve.”",
       {{"This was a long investigation,", "Duane A. Evans", "U.S. Attorney", kNone},
        {"It shows what patient work can achieve.", "Duane A. Evans", "U.S. Attorney", kNone}}},
      {"quotation over several paragraphs",
       "“The first paragraph of the statement.\n\n“The second paragraph goes on.\n\n“The last "
       "one closes it,” said Jane Roe, director of the Example Trust.",
       {{"The first paragraph of the statement.\n\nThe second paragraph goes on.\n\nThe last one "
         "closes it,",
         "Jane Roe", "director", "Example Trust"}}},
      {"straight marks",
       "\"Straight marks work as well as curly ones,\" said Jane Roe, director of the Trust.",
       {{"Straight marks work as well as curly ones,", "Jane Roe", "director", "Trust"}}},
      {"single curly marks inside curly marks",
       "“We call this the ‘clean water promise’ and we mean it,” said Jane Roe.",
       {{"We call this the ‘clean water promise’ and we mean it,", "Jane Roe", kNone, kNone}}},
      {"straight marks inside straight marks",
       "\"We call this the \"clean water\" promise and we mean it,\" said Jane Roe.",
       {{"We call this the \"clean water\" promise and we mean it,", "Jane Roe", kNone, kNone}}},
      {"spokesperson: no person, organisation kept",
       "“We will appeal the decision in the coming weeks,” said a spokesperson for the company.",
       {{"We will appeal the decision in the coming weeks,", kNone, "spokesperson",
         "the company"}}},
      {"honorific moved into the role",
       "“The tariffs will hurt farmers in my state,” said Sen. Chuck Grassley.",
       {{"The tariffs will hurt farmers in my state,", "Chuck Grassley", "Sen.", kNone}}},
      {"Name, role, said: before the quotation",
       "Dr Petra Lindqvist-Amari, Chief Medical Officer, said: \"Patients have waited a long "
       "time for this.\"",
       {{"Patients have waited a long time for this.", "Petra Lindqvist-Amari",
         "Dr, Chief Medical Officer", kNone}}},
      {"German marks",
       "„Sauberes Trinkwasser ist die Grundlage für alles“, sagte Ansgar Wittrock, Leiter der "
       "Stadtwerke.",
       {{"Sauberes Trinkwasser ist die Grundlage für alles", "Ansgar Wittrock",
         "Leiter der Stadtwerke", kNone}}},
      {"French guillemets",
       "« Cette ligne change la vie des habitants », a déclaré Claire Duvivier-Anand, maire.",
       {{"Cette ligne change la vie des habitants", "Claire Duvivier-Anand", "maire", kNone}}},
      {"marks lost by the archive (DOJ): closing mark only, then opening mark only",
       "This case shows how the epidemic is affecting cities,\" said Special Agent in Charge Eric "
       "J. Rommal. \"Using her knowledge, she wrote numerous fraudulent prescriptions.",
       {{"This case shows how the epidemic is affecting cities,", "Eric J. Rommal",
         "Special Agent in Charge", kNone},
        {"Using her knowledge, she wrote numerous fraudulent prescriptions.", "Eric J. Rommal",
         "Special Agent in Charge", kNone}}},
      {"attribution without marks inside a marked paragraph (DOJ)",
       "The sentences reflect the gravity of the crimes, said Special Agent in Charge Richard T. "
       "Thornton. We hope these sentences will serve as a strong message.\"",
       {{"The sentences reflect the gravity of the crimes,", "Richard T. Thornton",
         "Special Agent in Charge", kNone},
        {"We hope these sentences will serve as a strong message.", "Richard T. Thornton",
         "Special Agent in Charge", kNone}}},
      {"court quoted mid-sentence: no name",
       "The court said that \"very conservative estimates\" of the losses were $100 million.",
       {{"very conservative estimates", kNone, kNone, "The court"}}},
      {"not a quotation: title of a bill",
       "The bill, known as the \"Clean Water Guarantee Act,\" "
       "passes to the Senate next week.",
       {}},
      {"not a quotation: title of a report",
       "The committee published “Water for Everyone: A Plan for the Next Decade” on Monday.",
       {}},
      {"not a quotation: title of a programme",
       "Cairnes was identified through \"Operation Joint Hammer,\" the U.S. component of a global "
       "operation.",
       {}},
      {"not a quotation: one-word scare quote",
       "So-called \"sanctuary\" cities were discussed.",
       {}},
      {"not a quotation: two-word scare quote",
       "He was arrested for \"resisting arrest\" twice.",
       {}},
      {"not a quotation: a nickname",
       "Hiluterio Chavez, aka \"Zeus Maximus,\" 33, was sentenced.",
       {}},
  };
}

void check_offsets(const std::string& body, const std::vector<Quote>& quotes) {
  for (const auto& q : quotes) {
    REQUIRE(q.begin < q.end);
    REQUIRE(q.end <= body.size());
  }
}

}  // namespace

TEST_CASE("quotes: every pattern of the issue, one row each", "[quotes]") {
  for (const auto& row : rows()) {
    SECTION(row.pattern) {
      auto got = extract_quotes(row.body);
      check_offsets(row.body, got);
      REQUIRE(got.size() == row.want.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("quotation " << i);
        CHECK(got[i].text == row.want[i].text);
        CHECK(got[i].speaker.name == row.want[i].name);
        CHECK(got[i].speaker.role == row.want[i].role);
        CHECK(got[i].speaker.organisation == row.want[i].organisation);
      }
    }
  }
}

TEST_CASE("quotes: positions point at the text in the body", "[quotes]") {
  std::string body =
      "Intro paragraph.\n\n“This was a long investigation,” said U.S. Attorney Duane A. Evans.";
  auto got = extract_quotes(body);
  REQUIRE(got.size() == 1);
  CHECK(body.substr(got[0].begin, got[0].end - got[0].begin) == got[0].text);
  CHECK(got[0].attribution == "said U.S. Attorney Duane A. Evans");
}

TEST_CASE("quotes: speaker names are normalised by one rule", "[quotes]") {
  std::string honorific;
  CHECK(normalise_speaker_name("JOHN SMITH") == "John Smith");
  CHECK(normalise_speaker_name("Dr. Jane  Doe", &honorific) == "Jane Doe");
  CHECK(honorific == "Dr.");
  CHECK(normalise_speaker_name("Sen. Chuck Grassley", &honorific) == "Chuck Grassley");
  CHECK(honorific == "Sen.");
  CHECK(normalise_speaker_name("Ralph J. Marra, Jr.") == "Ralph J. Marra Jr.");
  CHECK(speaker_name_key("Ralph J. Marra, Jr.") == "ralph j marra jr");
  CHECK(speaker_name_key("Rep. JOHN SMITH") == speaker_name_key("John Smith"));
}

TEST_CASE("quotes: the fullest form of a name in the release", "[quotes]") {
  auto got = extract_quotes(
      "Deputy Chief Postal Inspector Zane M. Hill made the announcement.\n\n“We will not let "
      "this go unpunished,” said Inspector Hill.");
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker.name == "Zane M. Hill");
}

TEST_CASE("quotes: bad input gives no crash and bounded time", "[quotes]") {
  std::vector<std::pair<const char*, std::string>> inputs;
  inputs.emplace_back("unbalanced marks",
                      std::string("\"a \"b “c ” ” “ « „ x\" \"\n\n\"") + std::string(500, '"'));
  inputs.emplace_back("a 200 KB body that is one quotation",
                      "“" + std::string(200 * 1024, 'w') + "” said Jane Roe.");
  std::string many;
  for (int i = 0; i < 10000; ++i) many += i % 7 == 0 ? "\" said A B. " : "\"x y ";
  inputs.emplace_back("10,000 quotation marks", many);
  std::string invalid = "“caf\xc3 \xff\xfe quote \xe2\x80 said \xe2\x80\x9d said X\xc3.";
  for (int i = 0; i < 2000; ++i) invalid += "\xe2\x80\x9c\xe2\x80 \xc2 said D\xe2\x80\x9d";
  inputs.emplace_back("invalid UTF-8", invalid);
  std::string names;  // a body of one repeated surname: name resolution stays linear
  for (int i = 0; i < 3000; ++i) names += "\"We act now and forever,\" Smith said. ";
  inputs.emplace_back("one surname 3,000 times", names);
  for (const auto& [what, body] : inputs) {
    SECTION(what) {
      auto t0 = std::chrono::steady_clock::now();
      auto got = extract_quotes(body);
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
      check_offsets(body, got);
      CHECK(ms.count() < 2000);
    }
  }
}
