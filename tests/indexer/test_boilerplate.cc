// Page chrome in text files (boilerplate.h), titles of one-line files (text_title.h), and both
// through parse_text and pressroom-index on an archive shaped like the US Senate releases: one
// folder per senator, metadata only in folder and file names, chrome lines at the top and a
// footer at the bottom of every release, some releases on one line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/boilerplate.h"
#include "formats/formats.h"
#include "formats/text_title.h"
#include "mapping/mapping.h"
#include "test_support.h"

using namespace pressroom::indexer;
using namespace pressroom::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

using Lines = std::vector<std::string>;

// A release of one senator's press room, as captured: chrome, title, paragraphs, footer.
std::string senate_release(const std::string& senator, const std::string& title, int n) {
  std::string s = "United States Senator " + senator + " Press Room\nLatest News\nReleases\n";
  if (n % 3 == 0) s += "FOR IMMEDIATE RELEASE\n";
  s += title + "\n\nWASHINGTON, D.C. -- U.S. Senator " + senator + " (R-Ala.) today announced " +
       "support for release number " + std::to_string(n) +
       ". The measure passed the committee.\n\n" +
       "\"This is good news for the state,\" the senator said of measure " + std::to_string(n) +
       ". Work begins in the spring.\n\n" + "Contact: " + senator +
       " Press Office (202) 224-5744\n";
  return s;
}

std::vector<RawItem> parse_text_doc(const std::string& bytes, const Boilerplate* chrome,
                                    const FormatOptions& opt = {}) {
  std::vector<RawItem> items;
  DocumentInput in{bytes, "doc.txt", "doc.txt", chrome};
  parse_text(in, opt, [&](RawItem&& item) {
    items.push_back(std::move(item));
    return true;
  });
  REQUIRE(items.size() == 1);
  return items;
}

std::string field(const RawItem& item, const char* key) {
  auto it = item.fields.find(key);
  return it != item.fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("boilerplate: lines are compared normalised; the built-in list", "[boilerplate]") {
  CHECK(normalise_line("  FOR   Immediate\tRelease: ") == "for immediate release");
  CHECK(normalise_line("Latest News") == "latest news");
  CHECK(normalise_line("   ") == "");
  CHECK(builtin_chrome("for immediate release"));
  CHECK(builtin_chrome("press releases"));
  CHECK_FALSE(builtin_chrome("press release: access now"));  // an issuer line
  CHECK_FALSE(builtin_chrome("latest news"));                // a footer marker: learned instead
  Boilerplate none;
  CHECK(none.is_chrome("FOR IMMEDIATE RELEASE:"));
  CHECK_FALSE(none.is_chrome("Shelby Secures Funding"));
  CHECK_FALSE(none.is_chrome(""));
}

TEST_CASE("boilerplate: edge lines are the first and last K non-empty lines", "[boilerplate]") {
  CHECK(edge_lines("", 2).empty());
  CHECK(edge_lines("\n\n  \n", 2).empty());
  CHECK(edge_lines("one line", 2) == Lines{"one line"});
  CHECK(edge_lines("a\n\n b \nc\n", 2) == Lines{"a", "b", "c"});  // the windows meet
  CHECK(edge_lines("a\nb\nc\nd\n", 2) == Lines{"a", "b", "c", "d"});
  CHECK(edge_lines("a\r\nb\n\nc\nd\ne\n\nf\n\n", 2) == Lines{"a", "b", "e", "f"});
  CHECK(edge_lines("a\nb\nc\nd\ne", 1) == Lines{"a", "e"});  // no final newline
  std::string long_text = "head\n";
  for (int i = 0; i < 100; ++i) long_text += "middle " + std::to_string(i) + "\n";
  long_text += "tail\n";
  auto e = edge_lines(long_text);
  REQUIRE(e.size() == 2 * kEdgeLines);
  CHECK(e.front() == "head");
  CHECK(e.back() == "tail");
  CHECK(e[kEdgeLines] == "middle " + std::to_string(100 - kEdgeLines + 1));
}

TEST_CASE("boilerplate: a line is chrome in >= max(3, threshold) of a folder's files",
          "[boilerplate]") {
  // n files, each with its own title and body; `with` of them carry the line "Site Header".
  auto folder = [](size_t n, size_t with) {
    std::vector<Lines> files;
    for (size_t i = 0; i < n; ++i) {
      Lines f;
      if (i < with) f.emplace_back("Site Header");
      f.push_back("Title " + std::to_string(i));
      f.push_back("Body of release " + std::to_string(i) + ".");
      files.push_back(f);
    }
    return files;
  };
  struct Case {
    size_t files, with;
    double threshold;
    bool chrome;
  };
  auto c = GENERATE(values<Case>({
      {4, 4, 0.05, false},   // fewer than kMinFolderFiles files: nothing is learned
      {5, 3, 0.05, true},    // three files suffice in a small folder
      {10, 2, 0.05, false},  // two never do
      {10, 3, 0.05, true},
      {100, 4, 0.05, false},  // 5 % of 100 is 5
      {100, 5, 0.05, true},
      {100, 5, 0.10, false},  // a higher threshold
      {100, 10, 0.10, true},
      {100, 100, 1.0, true},  // 100 %: in every file
      {100, 99, 1.0, false},
  }));
  INFO(c.files << " files, " << c.with << " with the line, threshold " << c.threshold);
  auto r = learn_boilerplate(folder(c.files, c.with), c.threshold);
  CHECK(r.chrome->is_chrome("site header") == c.chrome);
  CHECK(r.chrome->is_chrome("SITE HEADER:") == c.chrome);
  CHECK_FALSE(r.chrome->is_chrome("Title 0"));
  CHECK(r.report.files == c.files);
  CHECK(r.report.affected == (c.chrome ? c.with : 0));
  REQUIRE(r.report.lines.size() == (c.chrome ? 1u : 0u));
  if (c.chrome) {
    CHECK(r.report.lines[0].text == "Site Header");
    CHECK(r.report.lines[0].files == c.with);
  }
}

TEST_CASE("boilerplate: copies count once, dates are never chrome, the built-in list counts",
          "[boilerplate]") {
  std::vector<Lines> files;
  // Three copies of one release: its title recurs, but it is one release.
  for (int i = 0; i < 3; ++i) files.push_back({"Shelby Secures Funding", "Body."});
  // Many releases of one day: the date line recurs, and stays (it anchors the capture).
  for (int i = 0; i < 6; ++i)
    files.push_back({"Posted on: April 1, 2007", "Title " + std::to_string(i),
                     "Body " + std::to_string(i), "Contact: Press Office"});
  files.push_back({"FOR IMMEDIATE RELEASE", "Title x", "Body x"});
  auto r = learn_boilerplate(files);
  CHECK_FALSE(r.chrome->is_chrome("Shelby Secures Funding"));
  CHECK_FALSE(r.chrome->is_chrome("Posted on: April 1, 2007"));
  CHECK(r.chrome->is_chrome("Contact: Press Office"));
  REQUIRE(r.report.lines.size() == 1);  // FOR IMMEDIATE RELEASE is in one file only
  CHECK(r.report.lines[0].text == "Contact: Press Office");
  CHECK(r.report.files == 10);
  CHECK(r.report.affected == 7);  // six with the contact line, one with a built-in line
}

TEST_CASE("boilerplate: stripping blanks chrome in the head and tail windows only",
          "[boilerplate]") {
  std::vector<Lines> files;
  for (int i = 0; i < 10; ++i)
    files.push_back({"Senator Press Room", "Latest News", "Title " + std::to_string(i),
                     "Body " + std::to_string(i), "Contact: Press Office"});
  auto r = learn_boilerplate(files);
  REQUIRE(r.chrome->learned_lines() == 3);
  Lines doc = {"Senator Press Room", "", "Latest News", "FOR IMMEDIATE RELEASE", "The title"};
  for (int i = 0; i < 20; ++i) doc.emplace_back(i == 10 ? "Latest News" : "para");
  doc.emplace_back("Contact: Press Office");
  doc.emplace_back("");
  Lines want = doc;
  want[0] = want[2] = want[3] = want[25] = "";  // not the "Latest News" in the middle
  CHECK(strip_boilerplate(doc, *r.chrome) == 4);
  CHECK(doc == want);
}

TEST_CASE("one-line titles: the first sentence, else a cut at a word", "[boilerplate][title]") {
  struct Case {
    std::string text, title;
  };
  const std::string words = [] {
    std::string s;
    for (int i = 0; i < 60; ++i) s += "word" + std::to_string(i) + " ";
    return s;
  }();
  auto c = GENERATE_COPY(values<Case>({
      {"Shelby Secures Funding. WASHINGTON, D.C. -- The senator said.", "Shelby Secures Funding"},
      {"  A short line  ", "A short line"},
      {"Is this the end? Yes it is.", "Is this the end?"},
      {"Funding secured! More follows.", "Funding secured!"},
      {"\"We won.\" The senator spoke.", "\"We won.\""},
      {"U.S. Senator Richard Shelby (R-Ala.) praised the bill. It passed.",
       "U.S. Senator Richard Shelby (R-Ala.) praised the bill"},
      {"Sen. Smith met Mr. Jones in Jan. 2007. Today they spoke.",
       "Sen. Smith met Mr. Jones in Jan. 2007"},
      {"They met at 3 p.m. Today they spoke.", "They met at 3 p.m. Today they spoke"},
      {"Version 2.5 released. Details follow.", "Version 2.5 released"},
      {"ends with a dot.", "ends with a dot"},
      {words, words.substr(0, words.rfind(' ', kMaxTitle - 3)) + "…"},
      {words + "Then. A sentence.", words.substr(0, words.rfind(' ', kMaxTitle - 3)) + "…"},
      {std::string(250, 'x'), std::string(kMaxTitle - 3, 'x') + "…"},
      {std::string(150, 'x') + " " + std::string(100, 'y'), std::string(150, 'x') + "…"},
  }));
  INFO(c.text);
  std::string t = sentence_title(c.text);
  CHECK(t == c.title);
  CHECK(t.size() <= kMaxTitle);
}

TEST_CASE("one-line titles: never split a UTF-8 character", "[boilerplate][title]") {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "é";  // 300 bytes, no space, no sentence end
  std::string t = sentence_title(text);
  CHECK(t.size() <= kMaxTitle);
  CHECK(t.size() % 2 == 1);  // whole "é"s (2 bytes) and "…" (3 bytes)
  CHECK(t.substr(t.size() - 3) == "…");
}

TEST_CASE("text captures: the folder's chrome is neither title nor body", "[boilerplate][text]") {
  std::vector<Lines> files;
  for (int i = 0; i < 10; ++i)
    files.push_back(edge_lines(senate_release("Richard Shelby", "Title " + std::to_string(i), i)));
  auto learned = learn_boilerplate(files);
  CHECK(learned.report.affected == 10);
  const std::string doc =
      senate_release("Richard Shelby", "Shelby Secures Funding for Research", 3);

  auto items = parse_text_doc(doc, learned.chrome.get());
  CHECK(field(items[0], "title") == "Shelby Secures Funding for Research");
  std::string body = field(items[0], "body");
  CHECK(body.rfind("WASHINGTON, D.C. -- U.S. Senator Richard Shelby (R-Ala.)", 0) == 0);
  const std::string end = "Work begins in the spring.";
  CHECK(body.compare(body.size() - end.size(), end.size(), end) == 0);
  for (const char* chrome : {"Press Room", "Latest News", "Releases", "IMMEDIATE", "Contact:"})
    CHECK(body.find(chrome) == std::string::npos);

  // Without chrome (--no-boilerplate) the capture reads as before: the first line is the title,
  // and the footer line "Latest News" above the release is skipped rather than ending the body.
  auto plain = parse_text_doc(doc, nullptr);
  CHECK(field(plain[0], "title") == "United States Senator Richard Shelby Press Room");
  CHECK(field(plain[0], "body").find("WASHINGTON") != std::string::npos);
}

TEST_CASE("text captures: a one-line file gets a sentence as title and all of it as body",
          "[boilerplate][text]") {
  const std::string line =
      "Shelby Applauds Energy Independence Act. WASHINGTON, D.C. -- U.S. Senator Richard Shelby "
      "today announced support for the act. " +
      std::string(3000, 'x');
  const Boilerplate builtin;
  for (const Boilerplate* chrome : {static_cast<const Boilerplate*>(nullptr), &builtin}) {
    auto items = parse_text_doc(line + "\n", chrome);
    CHECK(field(items[0], "title") == "Shelby Applauds Energy Independence Act");
    CHECK(field(items[0], "body") == line);
  }
  // A short one-line file: title and body are the line.
  auto short_one = parse_text_doc("Statement on the budget vote\n", nullptr);
  CHECK(field(short_one[0], "title") == "Statement on the budget vote");
  CHECK(field(short_one[0], "body") == "Statement on the budget vote");
  // Chrome lines around one line of text leave a one-line file.
  auto wrapped =
      parse_text_doc("FOR IMMEDIATE RELEASE\n\n" + line + "\n\nPress Releases\n", &builtin);
  CHECK(field(wrapped[0], "title") == "Shelby Applauds Energy Independence Act");
  CHECK(field(wrapped[0], "body") == line);
}

TEST_CASE("text captures: chrome run into a one-line file is cut off its start and end",
          "[boilerplate][text]") {
  std::vector<Lines> files;
  for (int i = 0; i < 10; ++i)
    files.push_back(edge_lines(senate_release("Richard Shelby", "Title " + std::to_string(i), i)));
  auto learned = learn_boilerplate(files);
  const std::string release =
      "Shelby Secures Funding. WASHINGTON, D.C. -- U.S. Senator Richard Shelby (R-Ala.) today "
      "announced funding. Releases of the money begin in May.";
  const std::string doc =
      "United States Senator Richard Shelby Press Room Latest News  Releases "
      "FOR IMMEDIATE RELEASE " +
      release + " Contact: Richard Shelby Press Office (202) 224-5744\n";
  Lines lines = {doc.substr(0, doc.size() - 1)};
  CHECK(strip_boilerplate(lines, *learned.chrome) == 5);
  CHECK(lines == Lines{release});
  auto items = parse_text_doc(doc, learned.chrome.get());
  CHECK(field(items[0], "title") == "Shelby Secures Funding");
  CHECK(field(items[0], "body") == release);
  // Only a file of one line is cut; single built-in words are not cut from it ("Releases of").
  Lines two = {"Latest News Shelby Secures Funding", "Body."};
  CHECK(strip_boilerplate(two, *learned.chrome) == 0);
  Lines one = {"Releases of the money begin in May. FOR IMMEDIATE RELEASE"};
  CHECK(strip_boilerplate(one, Boilerplate()) == 1);
  CHECK(one == Lines{"Releases of the money begin in May."});
}

TEST_CASE("text captures: a title line over 300 bytes is cut and kept in the body",
          "[boilerplate][text]") {
  const std::string para = "The committee met today. It " + std::string(400, 'y');
  auto items = parse_text_doc(para + "\n\nSecond paragraph.\n", nullptr);
  CHECK(field(items[0], "title") == "The committee met today");
  CHECK(field(items[0], "body") == para + "\n\nSecond paragraph.");
  // A long line above the date line: cut, not repeated.
  auto dated = parse_text_doc(para + "\n13 April 2018\nThe body.\n", nullptr);
  CHECK(field(dated[0], "title") == "The committee met today");
  CHECK(field(dated[0], "body") == "The body.");
}

TEST_CASE("mapping: [text] boilerplate and boilerplate_threshold", "[boilerplate][mapping]") {
  auto m = Mapping::from_toml("format = \"text\"\n[text]\nboilerplate = false\n", "m.toml");
  REQUIRE(m.ok());
  CHECK_FALSE(m->format_options().text->boilerplate);
  auto t = Mapping::from_toml("format = \"text\"\n[text]\nboilerplate_threshold = 20\n", "m.toml");
  REQUIRE(t.ok());
  CHECK(t->format_options().text->boilerplate_threshold == Approx(0.2));
  auto f = Mapping::from_toml("format = \"text\"\n[text]\nboilerplate_threshold = 2.5\n", "m.toml");
  REQUIRE(f.ok());
  CHECK(f->format_options().text->boilerplate_threshold == Approx(0.025));
  for (const char* bad : {"boilerplate_threshold = 0", "boilerplate_threshold = 101",
                          "boilerplate_threshold = \"5\"", "boilerplate = \"no\""}) {
    auto b = Mapping::from_toml(std::string("format = \"text\"\n[text]\n") + bad + "\n", "m.toml");
    REQUIRE_FALSE(b.ok());
    CHECK_THAT(b.error().message, Catch::Contains("m.toml: text.boilerplate"));
  }
}

namespace {

// 3 senators × 10 releases (DDMonYYYYNameN.txt), the tenth of each on one line.
void write_senate_archive(const fs::path& root) {
  const std::vector<std::pair<std::string, std::string>> senators = {
      {"Shelby", "Richard Shelby"}, {"Kennedy", "Edward Kennedy"}, {"Clinton", "Hillary Clinton"}};
  for (const auto& [name, full] : senators) {
    for (int i = 1; i <= 10; ++i) {
      std::string title = name + " Statement on Bill " + std::to_string(i);
      std::string file = std::to_string(10 + i) + "Apr2007" + name + std::to_string(i) + ".txt";
      std::string text = i < 10 ? senate_release(full, title, i)
                                : title + ". WASHINGTON -- Senator " + full + " spoke today. " +
                                      std::string(2000, 'z') + "\n";
      write_file(root / name / file, text);
    }
  }
}

}  // namespace

TEST_CASE("pressroom-index: a Senate-like archive gets real titles and bodies",
          "[boilerplate][ingest]") {
  TempDir dir;
  write_senate_archive(dir / "senate");
  write_file(dir / "senate.toml",
             "format = \"text\"\npath_pattern = \"{issuer}/{date:%d%b%Y}{*}.txt\"\n");
  const std::string db = (dir / "db").string();
  auto r = run({index_bin(), "add", "--db", db, "--mapping", (dir / "senate.toml").string(),
                (dir / "senate").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning") == std::string::npos);  // no "empty body"
  CHECK_THAT(r.out, Catch::Contains("boilerplate: page chrome left out of the head and tail of 27 "
                                    "of 30 text file(s): 15 line(s) learned in 3 folder(s)"));
  CHECK_THAT(r.out, Catch::Contains(
                        "/Shelby: 9 of 10 file(s); 5 line(s) learned: \"Contact: Richard Shelby "
                        "Press Office (202) 224-5744\" (9), \"Latest News\" (9), \"Releases\" (9) "
                        "and 2 more\n"));
  auto recs = records_by_id(dir / "db");
  REQUIRE(recs.size() == 30);
  for (const auto& [id, rec] : recs) {
    INFO(id);
    std::string name = id.substr(0, id.find('/'));
    std::string n = id.substr(id.find(name, id.find('/')) + name.size());
    n = n.substr(0, n.find('.'));
    CHECK(rec["title"] == name + " Statement on Bill " + n);
    const std::string body = rec["body"];
    CHECK(body.find("WASHINGTON") != std::string::npos);
    CHECK(body.find("Press Room") == std::string::npos);
    CHECK(body.find("Contact:") == std::string::npos);
    CHECK(rec["issuers"] == json::array({name}));
  }
  CHECK(recs.at("Shelby/20Apr2007Shelby10.txt")["body"].get<std::string>().size() > 2000);

  // Unchanged files are not read again, and their folders not learned again.
  auto again = run({index_bin(), "add", "--db", db, "--mapping", (dir / "senate.toml").string(),
                    (dir / "senate").string()});
  CHECK_THAT(again.out, Catch::Contains("unchanged 30"));
  CHECK(again.out.find("boilerplate:") == std::string::npos);

  // --no-boilerplate reads them again (the setting is part of the files' fingerprint), as before.
  auto off = run({index_bin(), "add", "--db", db, "--mapping", (dir / "senate.toml").string(),
                  "--no-boilerplate", (dir / "senate").string()});
  INFO(off.out << off.err);
  CHECK_THAT(off.out, Catch::Contains("replaced 27"));
  CHECK(off.out.find("boilerplate:") == std::string::npos);
  CHECK(records_by_id(dir / "db").at("Shelby/11Apr2007Shelby1.txt")["title"] ==
        "United States Senator Richard Shelby Press Room");
}

TEST_CASE("pressroom-index: the threshold and the mapping's switch", "[boilerplate][ingest]") {
  TempDir dir;
  write_senate_archive(dir / "senate");
  // Two more files in Shelby's folder without chrome: 9 of 12 files carry it (75 %).
  write_file(dir / "senate" / "Shelby" / "01May2007Shelby11.txt", "Title eleven\nBody.\n");
  write_file(dir / "senate" / "Shelby" / "02May2007Shelby12.txt", "Title twelve\nBody.\n");
  const std::string pattern = "path_pattern = \"{issuer}/{date:%d%b%Y}{*}.txt\"\n";
  write_file(dir / "m.toml", "format = \"text\"\n" + pattern);
  write_file(dir / "off.toml", "format = \"text\"\n" + pattern + "[text]\nboilerplate = false\n");
  write_file(dir / "high.toml",
             "format = \"text\"\n" + pattern + "[text]\nboilerplate_threshold = 80\n");
  auto title = [&](const std::string& db) {
    return records_by_id(dir / db).at("11Apr2007Shelby1.txt")["title"].get<std::string>();
  };
  auto index = [&](const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {index_bin(), "add", "--db", (dir / db).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back((dir / "senate" / "Shelby").string());
    auto r = run(args);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    return r;
  };
  index("a", {"--mapping", (dir / "m.toml").string(), "--boilerplate-threshold", "80"});
  CHECK(title("a") == "United States Senator Richard Shelby Press Room");
  index("b", {"--mapping", (dir / "m.toml").string(), "--boilerplate-threshold", "75"});
  CHECK(title("b") == "Shelby Statement on Bill 1");
  index("c", {"--mapping", (dir / "high.toml").string()});
  CHECK(title("c") == "United States Senator Richard Shelby Press Room");
  index("d", {"--mapping", (dir / "high.toml").string(), "--boilerplate-threshold", "5"});
  CHECK(title("d") == "Shelby Statement on Bill 1");
  auto off = index("e", {"--mapping", (dir / "off.toml").string()});
  CHECK(off.out.find("boilerplate:") == std::string::npos);
  CHECK(title("e") == "United States Senator Richard Shelby Press Room");
  auto both = run({index_bin(), "add", "--db", (dir / "f").string(), "--no-boilerplate",
                   "--boilerplate-threshold", "5", (dir / "senate").string()});
  CHECK(both.exit_code == 2);
}
