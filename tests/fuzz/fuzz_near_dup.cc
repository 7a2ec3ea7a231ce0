// Fuzzes the wire-copy signature (pressroom/near_dup.h): the input is two bodies separated by the
// first NUL byte (without one: the input and its two halves swapped). Checks that sketches are
// sorted, distinct and bounded, that signatures are deterministic, that comparing is symmetric
// with figures in range, that a body is a copy of itself unless it has no words, and that an
// empty body is a copy of nothing.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pressroom/near_dup.h"

namespace {
namespace nd = pressroom::near_dup;

void check_sketch(const nd::Sketch& s) {
  if (s.hashes.size() > nd::kSketchSize || s.hashes.size() > s.size) std::abort();
  if (s.size > 0 && s.hashes.size() != std::min<std::uint64_t>(s.size, nd::kSketchSize)) {
    std::abort();
  }
  for (std::size_t i = 1; i < s.hashes.size(); ++i) {
    if (s.hashes[i - 1] >= s.hashes[i]) std::abort();
  }
}

nd::Signature checked_signature(std::string_view body) {
  nd::Signature s = nd::signature(body);
  check_sketch(s.shingles);
  check_sketch(s.names);
  check_sketch(s.numbers);
  if (!(nd::signature(body) == s)) std::abort();
  return s;
}

bool in_unit(double x) { return x >= 0.0 && x <= 1.0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  std::string a, b;
  if (nul != std::string_view::npos) {
    a = input.substr(0, nul);
    b = input.substr(nul + 1);
  } else {
    a = input;
    b = std::string(input.substr(size / 2)) + std::string(input.substr(0, size / 2));
  }
  const nd::Signature sa = checked_signature(a), sb = checked_signature(b);
  const nd::Similarity ab = nd::compare(sa, sb), ba = nd::compare(sb, sa);
  if (ab.resemblance != ba.resemblance || ab.containment != ba.containment ||
      ab.name_novelty != ba.name_novelty || ab.number_swaps != ba.number_swaps ||
      ab.number_changes != ba.number_changes) {
    std::abort();
  }
  if (!in_unit(ab.resemblance) || !in_unit(ab.containment) || !in_unit(ab.name_novelty) ||
      ab.number_swaps < 0 || ab.number_changes < ab.number_swaps) {
    std::abort();
  }
  if (ab.resemblance > ab.containment) std::abort();
  const nd::Similarity self = nd::compare(sa, sa);
  if (nd::same_statement(self) != (sa.shingles.size > 0)) std::abort();
  const nd::Signature empty = nd::signature("");
  if (nd::same_statement(nd::compare(empty, sa))) std::abort();
  return 0;
}
