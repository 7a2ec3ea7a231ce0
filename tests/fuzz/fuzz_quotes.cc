// Fuzzes the quotation extractor (issue #11): any bytes as a release body must give quotations
// whose positions lie inside the body, whose one-paragraph texts are the body's bytes at those
// positions, in order, and whose speaker names are already normalised.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pressroom/quotes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto quotes = pressroom::quotes::extract_quotes(body);
  std::size_t last = 0;
  for (const auto& q : quotes) {
    if (q.begin >= q.end || q.end > body.size() || q.begin < last) std::abort();
    if (q.text.empty()) std::abort();
    if (q.text.find("\n\n") == std::string::npos && body.substr(q.begin, q.end - q.begin) != q.text)
      std::abort();
    if (q.speaker.name && pressroom::quotes::normalise_speaker_name(*q.speaker.name).empty())
      std::abort();
    last = q.end;
  }
  (void)pressroom::quotes::speaker_name_key(body.substr(0, 200));
  return 0;
}
