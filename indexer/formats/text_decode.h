// Turning a file's bytes into UTF-8 text for the document formats (text captures, Markdown,
// and HTML/XML without a declared encoding).
//
// decode_text() accepts UTF-8 (a byte order mark is dropped) and UTF-16 with a byte order mark.
// Bytes that are not valid UTF-8 are read as Windows-1252 when the file holds no valid multi-byte
// UTF-8 at all (a Latin-1 era capture), otherwise each bad byte becomes U+FFFD; either way a
// warning says so. Control characters other than tab and newline are dropped, CR LF becomes LF.
// Errors (code "undecodable"): NUL bytes without a UTF-16 byte order mark (binary data).
// Code "empty": no bytes, or only white space.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pressroom/result.h"

namespace pressroom::indexer {

struct DecodedText {
  std::string text;
  std::vector<std::string> warnings;
};

Result<DecodedText> decode_text(std::string_view bytes);

enum class Utf8Check { kValid, kMixed, kNoMultibyte };
// kValid: all valid UTF-8; kMixed: some invalid bytes among valid multi-byte sequences;
// kNoMultibyte: invalid bytes and no valid multi-byte sequence (probably a single-byte charset).
Utf8Check check_utf8(std::string_view bytes);

// Windows-1252 (a superset of Latin-1 for printable characters) to UTF-8.
std::string windows1252_to_utf8(std::string_view bytes);

// 16 lower-case hex chars of FNV-1a 64 over the exact bytes (file keys, fingerprints).
std::string fnv1a_hex(std::string_view bytes);

}  // namespace pressroom::indexer
