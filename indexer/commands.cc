#include "commands.h"

#include <unistd.h>

#include <iostream>
#include <set>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "formats/formats.h"
#include "pipeline/duplicates.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"

namespace pressroom::indexer {

namespace {

int fatal(std::ostream& diag, const Error& e) {
  diag << "pressroom-index: error: " << e.message << "\n";
  return 2;
}

}  // namespace

int cmd_add(const IngestOptions& options, std::ostream& out, std::ostream& diag,
            const std::atomic<bool>& stop) {
  auto r = run_ingest(options, diag, stop);
  if (!r) return fatal(diag, r.error());
  const auto& s = r.value();
  out << format_summary(s) << "\n" << format_file_summary(s);
  if (s.interrupted) return 130;
  // A folder named on the command line of which nothing was read is input not imported, as a
  // rejected record is: the run did its work, but not all it was asked to.
  return s.rejected || s.unread_folders ? 1 : 0;
}

int cmd_delete(const std::string& db_path, const std::vector<std::string>& ids, std::ostream& out,
               std::ostream& diag) {
  auto dbr = open_writable(db_path);
  if (!dbr) return fatal(diag, dbr.error());
  auto& db = dbr.value();
  size_t deleted = 0, missing = 0;
  try {
    std::set<std::string> hashes;  // copies of a deleted original need a new one
    for (const auto& id : ids) {
      std::string term = DocumentBuilder::id_term(id);
      if (!db.term_exists(term)) {
        diag << "pressroom-index: warning: no release with id \"" << id << "\"\n";
        ++missing;
        continue;
      }
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        hashes.insert(db.get_document(*it).get_value(schema::kSlotBodyHash));
      db.delete_document(term);
      ++deleted;
    }
    db.commit();
    hashes.erase(std::string());
    if (refold_duplicates(db, hashes) > 0) db.commit();
  } catch (const Xapian::Error& e) {
    return fatal(diag, make_error(ErrorCode::kIoError,
                                  "deleting from " + db_path + " failed: " + e.get_description()));
  }
  out << "deleted " << deleted << " · not found " << missing << "\n";
  return missing ? 1 : 0;
}

int cmd_stats(const std::string& db_path, bool as_json, std::ostream& out, std::ostream& diag) {
  auto dbr = open_readonly({db_path});
  if (!dbr) return fatal(diag, dbr.error());
  IndexStats s;
  try {
    s = compute_stats(dbr.value());
  } catch (const Xapian::Error& e) {
    return fatal(diag, make_error(ErrorCode::kIoError,
                                  "reading " + db_path + " failed: " + e.get_description()));
  }
  if (as_json) {
    nlohmann::ordered_json j;
    j["documents"] = s.documents;
    j["date_range"] = {{"min", s.date_min}, {"max", s.date_max}};
    auto counts = [](const auto& v) {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const auto& [value, n] : v) a.push_back({{"value", value}, {"count", n}});
      return a;
    };
    j["years"] = counts(s.years);
    j["undated"] = s.undated;
    j["issuers"] = counts(s.issuers);
    j["topics"] = counts(s.topics);
    j["revision"] = s.revision;
    j["uuid"] = s.uuid;
    j["schema_version"] = s.schema_version;
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "database        " << db_path << "\n"
      << "documents       " << s.documents << "\n"
      << "date range      " << (s.date_min.empty() ? "-" : s.date_min + " .. " + s.date_max) << "\n"
      << "issuers         " << s.issuers.size() << "\n"
      << "topics          " << s.topics.size() << "\n"
      << "revision        " << s.revision << "\n"
      << "schema version  " << s.schema_version << "\n"
      << "uuid            " << s.uuid << "\n";
  // Every year (a few dozen at most) and every issuer (the question "how many releases from X"
  // should not need searchd); topics, often thousands of tags, only the top ones.
  auto list = [&](const char* label, const auto& v, size_t limit) {
    if (v.empty()) return;
    out << label << "\n";
    for (size_t i = 0; i < v.size() && i < limit; ++i)
      out << "  " << v[i].second << "\t" << v[i].first << "\n";
    if (v.size() > limit) out << "  … " << v.size() - limit << " more (stats --json lists all)\n";
  };
  list("documents per year", s.years, s.years.size());
  if (s.undated && !s.years.empty()) out << "  " << s.undated << "\tundated\n";
  list("documents per issuer", s.issuers, s.issuers.size());
  list("top topics", s.topics, 10);
  return 0;
}

namespace {

// The `add` command's options, as parsed.
struct AddArgs {
  CLI::App* cmd = nullptr;
  IngestOptions opt;
  std::string mapping, file_root, rejects;
  bool progress = false, quiet = false, no_boilerplate = false;
  double boilerplate_pct = 0;
};

void add_add_command(CLI::App& app, AddArgs& a) {
  a.cmd = app.add_subcommand("add", "Add or replace releases from files, folders or - (stdin)");
  a.cmd->add_option("--db", a.opt.db_path, "Database folder (created if missing)")->required();
  a.cmd->add_option("inputs", a.opt.inputs, "Files, folders (walked) or - for standard input")
      ->required();
  a.cmd->add_option("--mapping", a.mapping, "Mapping file (TOML) for non-canonical sources")
      ->check(CLI::ExistingFile);
  std::vector<std::string> format_choices;
  for (const auto& f : input_formats()) format_choices.emplace_back(f.name);
  a.cmd->add_option("--format", a.opt.format, "Force the input format")
      ->check(CLI::IsMember(format_choices));
  // One value per flag (repeat the flag for more): a vector option would otherwise take the
  // inputs that follow it as further globs.
  a.cmd
      ->add_option("--include", a.opt.include,
                   "Only files in walked folders that match this glob (one per flag, repeatable; "
                   "'*', '**', '?', [abc]; without '/' the file name is matched)")
      ->allow_extra_args(false);
  a.cmd
      ->add_option("--exclude", a.opt.exclude,
                   "Leave out files and folders that match this glob (one per flag, repeatable)")
      ->allow_extra_args(false);
  a.cmd->add_flag("--prune", a.opt.prune,
                  "Delete the records of files under the inputs that are gone, and records a "
                  "changed file no longer holds");
  a.cmd->add_flag("--rescan", a.opt.rescan,
                  "Read every file again, even those unchanged since their last import");
  a.cmd
      ->add_option("--file-root", a.file_root,
                   "Folder for the mapping's `file` templates (default: the input's folder)")
      ->check(CLI::ExistingDirectory);
  a.cmd->add_option("--rejects", a.rejects,
                    "Write each rejected record with its reason to FILE as JSONL");
  a.cmd->add_option("--batch-size", a.opt.batch_size, "Commit every N written records")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  a.cmd
      ->add_option("--threads", a.opt.threads,
                   "Worker threads for parsing and document building (0 = cores)")
      ->capture_default_str();
  a.cmd
      ->add_option("--writers", a.opt.writers,
                   "Writer threads for a bulk import into a new or empty database (0 = cores, "
                   "1 = a single writer); a populated database always gets one writer")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  a.cmd->add_flag("--spelling,!--no-spelling", a.opt.spelling,
                  "Build spelling data for suggestions (default: on; off saves time and space)");
  auto* no_bp =
      a.cmd->add_flag("--no-boilerplate", a.no_boilerplate,
                      "Text files: keep page chrome (lines recurring at the top or bottom "
                      "of a folder's files, and built-in ones like FOR IMMEDIATE RELEASE)");
  a.cmd
      ->add_option("--boilerplate-threshold", a.boilerplate_pct,
                   "Text files: a line at the top or bottom of at least PCT % of a folder's files "
                   "(and of 3) is page chrome (default: 5, or the mapping's)")
      ->check(CLI::Range(0.001, 100.0))
      ->excludes(no_bp);
  a.cmd->add_flag("--progress", a.progress,
                  "Show progress even when standard error is not a terminal (then as plain lines)");
  a.cmd
      ->add_option("--progress-interval", a.opt.progress_interval,
                   "Seconds between progress lines when standard error is not a terminal")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  a.cmd->add_flag("-q,--quiet", a.quiet, "No progress line, even on a terminal");
}

// The options that depend on others or on the terminal.
IngestOptions add_options(AddArgs& a) {
  IngestOptions opt = std::move(a.opt);
  if (!a.mapping.empty()) opt.mapping_path = a.mapping;
  if (!a.file_root.empty()) opt.file_root = a.file_root;
  if (!a.rejects.empty()) opt.rejects_path = a.rejects;
  opt.progress_terminal = ::isatty(2);
  opt.progress = !a.quiet && (a.progress || opt.progress_terminal);
  opt.boilerplate = !a.no_boilerplate;
  if (a.cmd->count("--boilerplate-threshold")) opt.boilerplate_threshold = a.boilerplate_pct / 100;
  return opt;
}

}  // namespace

int run_cli(int argc, char** argv, const std::atomic<bool>& stop) {
  CLI::App app{"pressroom-index: the Pressroom indexer, the only writer of a Pressroom database"};
  app.set_version_flag("--version", std::string("pressroom-index ") + PRESSROOM_VERSION);
  app.require_subcommand(1);

  AddArgs add;
  add_add_command(app, add);

  std::string del_db;
  std::vector<std::string> ids;
  auto* del = app.add_subcommand("delete", "Delete releases by id");
  del->add_option("--db", del_db, "Database folder")->required()->check(CLI::ExistingDirectory);
  del->add_option("ids", ids, "Release ids")->required();

  std::string stats_db;
  bool as_json = false;
  auto* stats = app.add_subcommand("stats", "Show what a database holds");
  stats->add_option("--db", stats_db, "Database folder")->required()->check(CLI::ExistingDirectory);
  stats->add_flag("--json", as_json, "Print JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*add.cmd) return cmd_add(add_options(add), std::cout, std::cerr, stop);
  if (*del) return cmd_delete(del_db, ids, std::cout, std::cerr);
  return cmd_stats(stats_db, as_json, std::cout, std::cerr);
}

}  // namespace pressroom::indexer
