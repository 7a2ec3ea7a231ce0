#include "pressroom/text.h"

#include <xapian.h>

namespace pressroom::text {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kNbsp = "\xC2\xA0";             // U+00A0

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Whether s[i] starts horizontal white space; its length in bytes goes to *len. Besides ASCII:
// U+00A0 no-break space, U+2002..U+200B spaces, U+202F, U+3000.
bool is_hspace(std::string_view s, size_t i, size_t* len) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size()) {
    auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 == 0x80 && b2 >= 0x82 && b2 <= 0x8B) || (b1 == 0x80 && b2 == 0xAF)) {
      *len = 3;
      return true;
    }
  }
  if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    *len = 3;
    return true;
  }
  return false;
}

std::string_view trim_chars(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

}  // namespace

size_t valid_utf8_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

CodePoint decode_utf8_lenient(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t len = c < 0x80 ? 1 : valid_utf8_len(s, i);
  if (len <= 1) return {c, 1};
  static constexpr unsigned char kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  unsigned cp = c & kLeadMask[len];
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, len};
}

size_t utf8_floor(std::string_view s, size_t max) {
  if (max >= s.size()) return s.size();
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return max;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string repair_utf8(std::string_view in, bool* repaired) {
  std::string out;
  out.reserve(in.size());
  bool any = false;
  for (size_t i = 0; i < in.size();) {
    size_t n = valid_utf8_len(in, i);
    if (n == 0) {
      out += kReplacement;
      any = true;
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(in[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F) && c != '\n' && c != '\t' && c != '\r') {
      any = true;  // control characters (NUL included) are dropped
      ++i;
      continue;
    }
    out.append(in.substr(i, n));
    i += n;
  }
  if (repaired) *repaired = any;
  return out;
}

std::string trim(std::string_view s) { return std::string(trim_view(s)); }

std::string_view trim_view(std::string_view s) { return trim_chars(s, " \t\r\n"); }

std::string trim_blanks(std::string_view s) { return std::string(trim_chars(s, " \t")); }

size_t leading_space_or_nbsp(std::string_view s) {
  if (!s.empty() && is_ascii_space(s.front())) return 1;
  return s.starts_with(kNbsp) ? kNbsp.size() : 0;
}

std::string_view trim_space_and_nbsp(std::string_view s) {
  while (const size_t n = leading_space_or_nbsp(s)) s.remove_prefix(n);
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back()))
      s.remove_suffix(1);
    else if (s.ends_with(kNbsp))
      s.remove_suffix(kNbsp.size());
    else
      return s;
  }
}

std::string clean_text(std::string_view in, bool keep_newlines) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  int pending_newlines = 0;
  for (size_t i = 0; i < in.size();) {
    size_t len = 1;
    char c = in[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ++i;
      ++i;
      if (keep_newlines) {
        ++pending_newlines;
        pending_space = false;
      } else {
        pending_space = true;
      }
      continue;
    }
    if (is_hspace(in, i, &len)) {
      i += len;
      if (pending_newlines == 0) pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newlines > 0) {
        out += pending_newlines > 1 ? "\n\n" : "\n";
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_space = false;
    pending_newlines = 0;
    out += c;
    ++i;
  }
  return out;
}

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

std::string fold_case(std::string_view s) { return Xapian::Unicode::tolower(std::string(s)); }

}  // namespace pressroom::text
