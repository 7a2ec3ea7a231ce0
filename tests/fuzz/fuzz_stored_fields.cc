// Differential fuzzing of the stored-record reader used for every search hit: the fast scanner
// must give exactly what nlohmann's SAX parser gives, on any bytes. Also runs the snippet maker
// over the bytes as a body, with words of the input as the query.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <xapian.h>

#include "pressroom/snippet.h"
#include "pressroom/stored_fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (pressroom::read_stored_fields(text) != pressroom::read_stored_fields_reference(text))
    std::abort();
  // Snippets: the first two words of the input as a query (one stemmed, one a phrase with the
  // next), the whole input as the body. Must not crash, and must end inside the input's bounds.
  auto words = pressroom::snippet_words(text);
  if (words.size() >= 3) {
    const Xapian::Query pair[] = {Xapian::Query(words[1].lower), Xapian::Query(words[2].lower)};
    Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("Z" + words[0].lower),
                    Xapian::Query(Xapian::Query::OP_PHRASE, pair, pair + 2));
    pressroom::SnippetMaker maker(pressroom::snippet_terms(q), "english");
    const std::string s = maker.make(text, 1 + size % 200);
    if (s.size() > 8 * size + 64) std::abort();
  }
  return 0;
}
