#include "formats/text_decode.h"

#include <cstdint>
#include <cstdio>

#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

// The C1 range of Windows-1252; 0 where the code page leaves a hole (read as U+FFFD).
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

using text::append_utf8;

std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> uint32_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;  // unpaired surrogate
    append_utf8(out, u);
  }
  return out;
}

std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

Utf8Check check_utf8(std::string_view s) {
  bool invalid = false, multibyte = false;
  for (size_t i = 0; i < s.size();) {
    const size_t n = text::valid_utf8_len(s, i);
    multibyte = multibyte || n > 1;
    invalid = invalid || n == 0;
    i += n == 0 ? 1 : n;
  }
  if (!invalid) return Utf8Check::kValid;
  return multibyte ? Utf8Check::kMixed : Utf8Check::kNoMultibyte;
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      uint16_t cp = kCp1252High[c - 0x80];
      append_utf8(out, cp ? cp : 0xFFFD);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::string fnv1a_hex(std::string_view bytes) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<DecodedText> decode_text(std::string_view bytes) {
  DecodedText out;
  std::string utf8;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE) {
    utf8 = utf16_to_utf8(bytes.substr(2), true);
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    utf8 = utf16_to_utf8(bytes.substr(2), false);
  } else {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.find('\0') != std::string_view::npos)
      return make_error(ErrorCode::kUndecodable,
                        "undecodable bytes: the file holds NUL bytes (binary data, or UTF-16 "
                        "without a byte order mark)");
    switch (check_utf8(bytes)) {
      case Utf8Check::kValid:
        utf8.assign(bytes);
        break;
      case Utf8Check::kNoMultibyte:
        utf8 = windows1252_to_utf8(bytes);
        out.warnings.emplace_back("not UTF-8: read as Windows-1252 (Latin-1)");
        break;
      case Utf8Check::kMixed:
        utf8.assign(bytes);
        out.warnings.emplace_back("invalid UTF-8 bytes replaced with U+FFFD");
        break;
    }
  }
  out.text = text::repair_utf8(normalise_newlines(utf8));
  if (out.text.find_first_not_of(" \t\n") == std::string::npos)
    return make_error(ErrorCode::kEmpty,
                      bytes.empty() ? "empty file" : "empty file (only white space)");
  return out;
}

}  // namespace pressroom::indexer
