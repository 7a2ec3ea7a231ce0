// Fuzzes the date parser: any bytes must give a date or an error, never a crash, and a parsed
// date must survive a round trip through its own canonical text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pressroom/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = pressroom::parse_date(text);
  if (d) {
    auto again = pressroom::parse_date(d->to_iso());
    if (!again || !(again.value() == d.value())) std::abort();
    if (d->sort_key().size() != 8) std::abort();
  }
  (void)pressroom::date_bound(text, false);
  (void)pressroom::date_bound(text, true);
  return 0;
}
