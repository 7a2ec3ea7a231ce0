// Metadata from paths, include/exclude globs and folder walking.
#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "mapping/mapping.h"
#include "pipeline/input_files.h"
#include "pipeline/path_pattern.h"
#include "test_support.h"

using namespace pressroom::indexer;
using json = nlohmann::ordered_json;

TEST_CASE("path patterns fill fields from folder and file names", "[paths]") {
  struct Case {
    const char* pattern;
    const char* path;
    const char* expected;  // JSON of the captures, "no match", or "error: ..."
  };
  auto c = GENERATE(values<Case>({
      {"{issuer}/{date:%d%b%Y}{*}.txt", "/archive/Access Now/07Jun2021-statement.txt",
       R"({"issuer":"Access Now","date":"2021-06-07"})"},
      {"{issuer}/{date:%d%b%Y}{*}.txt", "Access Now/7jun2021.txt",
       R"({"issuer":"Access Now","date":"2021-06-07"})"},
      {"{issuer}/{date:%d%b%Y}{*}.txt", "notes.txt", "no match"},
      {"{issuer}/{date:%d%b%Y}{*}.txt", "misc/notes.txt", "no match"},
      {"{issuer}/{date:%d%b%Y}{*}.txt", "Org/31Feb2021.txt",
       "error: the date \"31Feb2021\" in the path is not a valid date"},
      {"{issuer}/{date:%d%b%Y}{*}.txt", "Org/07Foo2021.txt",
       "error: the date \"07Foo2021\" in the path is not a valid date"},
      {"{source}/{yyyy}/{mmdd}/{*}.md", "/data/scoop/2021/0607/release.md",
       R"({"source":"scoop","yyyy":"2021","mmdd":"0607","date":"2021-06-07"})"},
      {"{source}/{yyyy}/{mmdd}/{*}.md", "scoop/2021/1307/release.md",
       "error: the date \"2021/1307\" in the path is not a valid date"},
      {"{yyyy}/{mm}/{slug}.html", "x/2019/04/a.html",
       R"({"yyyy":"2019","mm":"04","slug":"a","date":"2019-04"})"},
      {"release_{n}.html", "a/b/release_00042.html", R"({"n":"00042"})"},
      {"release_{n}.html", "a/b/prerelease_00042.html", "no match"},
      {"{**}/{topic}/{date:%Y-%m-%d}.md", "x/y/water/2020-02-03.md",
       R"({"topic":"water","date":"2020-02-03"})"},
      {"{**}/{topic}/{date:%Y-%m-%d}.md", "water/2020-02-03.md",
       R"({"topic":"water","date":"2020-02-03"})"},
      {"{date:%Y%m%d-%H%M}.txt", "20210607-1625.txt", R"({"date":"2021-06-07T16:25"})"},
      {"{date:%B %Y}/{title}.txt", "June 2021/Water plan.txt",
       R"({"date":"2021-06","title":"Water plan"})"},
      {"a+b (1)/{x}.txt", "a+b (1)/y.txt", R"({"x":"y"})"},
  }));
  INFO(c.pattern << "  " << c.path);
  auto p = PathPattern::compile(c.pattern);
  REQUIRE(p.ok());
  auto m = p->match(c.path);
  std::string expected = c.expected;
  if (expected == "no match") {
    CHECK_FALSE(m.has_value());
  } else if (expected.rfind("error: ", 0) == 0) {
    REQUIRE(m.has_value());
    REQUIRE_FALSE(m->ok());
    CHECK(m->error().message == expected.substr(7));
  } else {
    REQUIRE(m.has_value());
    REQUIRE(m->ok());
    CHECK(m->value() == json::parse(expected));
  }
}

TEST_CASE("path patterns that cannot work are refused when the mapping loads", "[paths]") {
  for (const char* bad : {"{issuer/x.txt", "{}/x.txt", "{d:%Q}.txt", "x}.txt", "{d:%Y%}.txt"}) {
    INFO(bad);
    auto p = PathPattern::compile(bad);
    REQUIRE_FALSE(p.ok());
    CHECK_THAT(p.error().message, Catch::StartsWith(std::string("path_pattern \"") + bad + "\""));
  }
  auto m = Mapping::from_toml("format = \"text\"\npath_pattern = \"{d:%Q}.txt\"", "m.toml");
  REQUIRE_FALSE(m.ok());
  CHECK_THAT(m.error().message, Catch::Contains("unknown date directive %Q"));
}

TEST_CASE("globs for include and exclude", "[paths]") {
  struct Case {
    const char* glob;
    const char* path;
    bool match;
  };
  auto c = GENERATE(values<Case>({
      {"*.html", "a/b/page.html", true},
      {"*.html", "a/b/page.htm", false},
      {"release_*.html", "pressReleases/release_00001.html", true},
      {"pressReleases/*.html", "pressReleases/release_00001.html", true},
      {"pressReleases/*.html", "other/pressReleases/release_00001.html", false},
      {"**/drafts/**", "2021/drafts/x.md", true},
      {"**/drafts/**", "drafts/x.md", true},
      {"**/*.md", "x.md", true},
      {"a/*/c.txt", "a/b/c.txt", true},
      {"a/*/c.txt", "a/b/b2/c.txt", false},
      {"a/**/c.txt", "a/b/b2/c.txt", true},
      {"file?.txt", "file1.txt", true},
      {"file?.txt", "file10.txt", false},
      {"[0-9]*.txt", "2021.txt", true},
      {"[!0-9]*.txt", "2021.txt", false},
      {"./docs/*", "docs/a", true},
  }));
  INFO(c.glob << "  " << c.path);
  CHECK(glob_match(c.glob, c.path) == c.match);
}

TEST_CASE("walking folders with include and exclude globs", "[paths]") {
  pressroom::test::TempDir dir;
  using pressroom::test::write_file;
  write_file(dir / "a" / "one.html", "<p>x</p>");
  write_file(dir / "a" / "two.htm", "<p>x</p>");
  write_file(dir / "a" / "drafts" / "three.html", "<p>x</p>");
  write_file(dir / "a" / "notes.capture", "text");
  write_file(dir / "a" / "README.md", "# readme");
  write_file(dir / "a" / "data.csv", "id\n1\n");
  write_file(dir / "a" / ".hidden" / "four.html", "<p>x</p>");
  auto names = [](const ResolvedInputs& r) {
    std::vector<std::string> out;
    for (const auto& f : r.files) out.push_back(f.relative);
    return out;
  };
  std::string root = (dir / "a").string();

  auto all = resolve_inputs({root}, WalkOptions{});
  REQUIRE(all.ok());
  CHECK(names(all.value()) ==
        std::vector<std::string>{"data.csv", "drafts/three.html", "one.html", "two.htm"});
  REQUIRE(all->skipped.size() == 2);  // README.md (documentation) and notes.capture (unknown)
  CHECK_THAT(all->skipped[0].second + all->skipped[1].second, Catch::Contains("documentation"));
  CHECK(all->roots.size() == 1);

  WalkOptions ex;
  ex.exclude = {"drafts", "*.csv"};
  auto r = resolve_inputs({root}, ex);
  CHECK(names(r.value()) == std::vector<std::string>{"one.html", "two.htm"});
  CHECK(r->excluded == 1);  // data.csv; the drafts folder is not entered

  WalkOptions inc;
  inc.include = {"*.capture", "README.md"};
  inc.forced = format_by_name("text");
  auto i = resolve_inputs({root}, inc);
  CHECK(names(i.value()) == std::vector<std::string>{"README.md", "notes.capture"});
  CHECK(i->files[0].format->name == "text");

  WalkOptions html;
  html.forced = format_by_name("html");
  auto h = resolve_inputs({root}, html);
  CHECK(names(h.value()) == std::vector<std::string>{"drafts/three.html", "one.html", "two.htm"});

  // A file named on the command line is read whatever the globs say.
  auto named = resolve_inputs({(dir / "a" / "README.md").string()}, ex);
  REQUIRE(named->files.size() == 1);
  CHECK(named->files[0].relative == "README.md");
  CHECK(named->files[0].format->name == "markdown");
  CHECK(named->files[0].mtime_ns > 0);
}

TEST_CASE("a folder of which almost nothing is read gets a warning that says why", "[paths]") {
  WalkOptions w;
  w.include = {"*/*.md"};
  FolderCounts c;
  c.name = "corp";
  c.seen = 2400;
  c.taken = 1;
  c.not_included = 2399;
  CHECK(folder_warning(c, w) ==
        "corp: warning: 2400 file(s) seen, 1 read: 2399 did not match the include globs '*/*.md'");
  c.taken = 300;  // one in eight: read as expected
  c.not_included = 2100;
  CHECK(folder_warning(c, w).empty());
  FolderCounts few;
  few.name = "senate";
  few.seen = 4;
  few.unknown = 2;
  few.documentation = 1;
  few.hidden = 1;
  CHECK(folder_warning(few, WalkOptions{}) ==
        "senate: warning: 4 file(s) seen, 0 read: 2 are of no known input format, 1 are "
        "documentation files (README, LICENSE, ...), 1 are hidden (their names start with '.')");
  FolderCounts empty;
  empty.name = "empty";
  CHECK(folder_warning(empty, WalkOptions{}).empty());
}

TEST_CASE("documentation files are named exactly like documentation", "[paths]") {
  struct Case {
    const char* name;
    bool documentation;
  };
  auto c = GENERATE(values<Case>({
      {"README", true},
      {"README.md", true},
      {"readme.txt", true},
      {"LICENSE", true},
      {"Licence.md", true},
      {"CHANGES.txt", true},
      {"CHANGELOG.md", true},
      {"COPYING", true},
      {"NOTICE", true},
      {"changes-in-hhla-s-supervisory-board.md", false},
      {"license-agreement-signed.md", false},
      {"readme-first-quarter-results.md", false},
      {"README.old.md", false},
      {"README.", false},
      {"noticeboard.md", false},
  }));
  INFO(c.name);
  CHECK(documentation_file_name(c.name) == c.documentation);
}

TEST_CASE("documentation files are skipped only at the top of a walked folder", "[paths]") {
  pressroom::test::TempDir dir;
  using pressroom::test::write_file;
  write_file(dir / "corp" / "README.md", "# about");
  write_file(dir / "corp" / "LICENSE", "terms");
  write_file(dir / "corp" / "wire" / "2024-01-02" / "changes-in-hhla-s-supervisory-board.md",
             "# x");
  write_file(dir / "corp" / "wire" / "2024-01-02" / "README.md", "# a release named README");
  auto r = resolve_inputs({(dir / "corp").string()}, WalkOptions{});
  REQUIRE(r.ok());
  std::vector<std::string> names;
  for (const auto& f : r->files) names.push_back(f.relative);
  CHECK(names ==
        std::vector<std::string>{"wire/2024-01-02/README.md",
                                 "wire/2024-01-02/changes-in-hhla-s-supervisory-board.md"});
  CHECK(r->documentation == 1);  // README.md; LICENSE has no known format
  CHECK(r->skipped.size() == 2);
}
