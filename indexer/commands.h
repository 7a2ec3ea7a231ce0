// The subcommands of pressroom-index, as functions returning the process exit status:
// 0 all good, 1 some records rejected or a folder input of which nothing was read (add) or ids not
// found (delete), 2 usage or fatal error.
// Output: results on `out`, diagnostics on `diag`.
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/ingest.h"

namespace pressroom::indexer {

int cmd_add(const IngestOptions& options, std::ostream& out, std::ostream& diag,
            const std::atomic<bool>& stop);
int cmd_delete(const std::string& db_path, const std::vector<std::string>& ids, std::ostream& out,
               std::ostream& diag);
int cmd_stats(const std::string& db_path, bool as_json, std::ostream& out, std::ostream& diag);

// Entry point used by main(): parses argv and runs a subcommand.
int run_cli(int argc, char** argv, const std::atomic<bool>& stop);

}  // namespace pressroom::indexer
