// Fuzzes the parser of text captures of web pages (date, issuer and title lines, footers,
// hard-wrapped paragraphs, BOMs, UTF-16, Windows-1252), page-chrome learning and stripping
// (boilerplate.h), and one-line titles (text_title.h).
#include <cstdlib>

#include "formats/boilerplate.h"
#include "formats/text_title.h"
#include "fuzz_document_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pressroom::indexer;
  static const FormatOptions options;
  pressroom::fuzz::run_document_parser(parse_text, data, size, "fuzz.txt", options);
  // The input as a folder of files separated by form feeds: their chrome is learned, then the
  // whole input is parsed without it.
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::vector<std::string>> files;
  for (size_t pos = 0; pos <= text.size();) {
    size_t ff = text.find('\f', pos);
    if (ff == std::string_view::npos) ff = text.size();
    files.push_back(edge_lines(text.substr(pos, ff - pos)));
    pos = ff + 1;
  }
  auto learned = learn_boilerplate(files, 0.01);
  if (learned.report.files != files.size() || learned.report.affected > files.size()) std::abort();
  learned.report.folder = "fuzz";
  (void)format_boilerplate_report({learned.report}, 0);
  pressroom::fuzz::run_document_parser(parse_text, data, size, "fuzz.txt", options,
                                       learned.chrome.get());
  if (sentence_title(text).size() > kMaxTitle) std::abort();
  return 0;
}
