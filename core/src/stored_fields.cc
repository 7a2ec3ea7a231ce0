#include "pressroom/stored_fields.h"

#include <zstd.h>

#include <memory>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "pressroom/text.h"

namespace pressroom {

namespace {

// ---- The reference: nlohmann's SAX interface, keeping only the fields a hit shows ----

class StoredFieldsReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit StoredFieldsReader(StoredFields& out) : out_(out) {}
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& val) override {
    if (depth_ == 1 && target_)
      *target_ = std::move(val);
    else if (depth_ == 2 && list_)
      list_->push_back(std::move(val));
    target_ = nullptr;
    return true;
  }
  bool start_object(std::size_t) override { return enter(false); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(true); }
  bool end_array() override { return leave(); }
  bool key(string_t& k) override {
    if (depth_ != 1) return true;
    target_ = k == "id"      ? &out_.id
              : k == "title" ? &out_.title
              : k == "date"  ? &out_.date
              : k == "url"   ? &out_.url
              : k == "body"  ? &out_.body
                             : nullptr;
    pending_list_ = k == "issuers" ? &out_.issuers : k == "topics" ? &out_.topics : nullptr;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    out_ = StoredFields{};  // a record that is not JSON shows no fields
    return false;
  }

 private:
  bool enter(bool array) {
    ++depth_;
    if (depth_ == 1 && array) return false;  // not an object: no fields, like a parse error
    if (depth_ == 2) list_ = array ? pending_list_ : nullptr;
    target_ = nullptr;
    return true;
  }
  bool leave() {
    if (depth_ == 2) {
      list_ = nullptr;
      pending_list_ = nullptr;
    }
    --depth_;
    target_ = nullptr;
    return true;
  }
  StoredFields& out_;
  int depth_ = 0;
  std::string* target_ = nullptr;                     // the string field of the key just read
  std::vector<std::string>* pending_list_ = nullptr;  // the list field of the key just read
  std::vector<std::string>* list_ = nullptr;          // inside that list
};

// ---- The fast scanner ----

// Values nested deeper than this send the record to the reference parser.
constexpr int kMaxDepth = 256;

// Scans one JSON text strictly (RFC 8259, UTF-8 checked); any surprise returns false and the
// caller asks the reference parser instead, so the two can only differ in speed.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool record(StoredFields& out) {
    ws();
    const bool whole = object([&](const std::string& key) {
      std::string* target = key == "id"      ? &out.id
                            : key == "title" ? &out.title
                            : key == "date"  ? &out.date
                            : key == "url"   ? &out.url
                            : key == "body"  ? &out.body
                                             : nullptr;
      std::vector<std::string>* list = key == "issuers"  ? &out.issuers
                                       : key == "topics" ? &out.topics
                                                         : nullptr;
      if (target && peek() == '"') return string(target);
      if (list && peek() == '[') return string_list(*list);
      return skip(1);
    });
    return whole && end();
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool end() {
    ws();
    return i_ == s_.size();
  }

  bool hex4(unsigned& v) {
    if (s_.size() - i_ < 4) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  // A string at i_ into *out (nullptr: skipped).
  bool string(std::string* out) {
    if (!eat('"')) return false;
    if (out) out->clear();
    while (true) {
      // The run of plain bytes up to the next quote, backslash, control or non-ASCII byte.
      const size_t run = i_;
      while (i_ < s_.size()) {
        const unsigned char c = static_cast<unsigned char>(s_[i_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++i_;
      }
      if (out) out->append(s_.data() + run, i_ - run);
      if (i_ >= s_.size()) return false;
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const size_t n = text::valid_utf8_len(s_, i_);
        if (n == 0) return false;
        if (out) out->append(s_.data() + i_, n);
        i_ += n;
        continue;
      }
      // A backslash escape.
      if (++i_ >= s_.size()) return false;
      const char e = s_[i_++];
      char plain = 0;
      switch (e) {
        case '"':
          plain = '"';
          break;
        case '\\':
          plain = '\\';
          break;
        case '/':
          plain = '/';
          break;
        case 'b':
          plain = '\b';
          break;
        case 'f':
          plain = '\f';
          break;
        case 'n':
          plain = '\n';
          break;
        case 'r':
          plain = '\r';
          break;
        case 't':
          plain = '\t';
          break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (!eat('\\') || !eat('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (out) Xapian::Unicode::append_utf8(*out, cp);
          continue;
        }
        default:
          return false;
      }
      if (out) *out += plain;
    }
  }

  bool digits() {
    const size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

  // A number. Exponents and long mantissas go to the reference parser, which rejects what does
  // not fit a double (1e999): the two must agree on what is an error.
  bool number() {
    const size_t start = i_;
    eat('-');
    if (peek() == '0') {
      ++i_;
    } else if (peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      return false;
    }
    if (peek() == '.') {
      ++i_;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') return false;
    return i_ - start <= 15;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  // An array at i_: element() reads each element (white space around it is skipped here).
  template <typename F>
  bool array(F&& element) {
    if (!eat('[')) return false;
    ws();
    if (eat(']')) return true;
    while (true) {
      ws();
      if (!element()) return false;
      ws();
      if (eat(',')) continue;
      return eat(']');
    }
  }

  // An object at i_: member(key) reads each member's value.
  template <typename F>
  bool object(F&& member) {
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return true;
    std::string key;
    while (true) {
      ws();
      if (!string(&key)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (!member(static_cast<const std::string&>(key))) return false;
      ws();
      if (eat(',')) continue;
      return eat('}');
    }
  }

  // The strings of an array into `out`; other values in it skipped.
  bool string_list(std::vector<std::string>& out) {
    return array([&] {
      if (peek() != '"') return skip(2);
      std::string v;
      if (!string(&v)) return false;
      out.push_back(std::move(v));
      return true;
    });
  }

  // Any value, at nesting depth `depth`.
  bool skip(int depth) {
    if (depth > kMaxDepth) return false;
    switch (peek()) {
      case '"':
        return string(nullptr);
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      case '[':
        return array([&] { return skip(depth + 1); });
      case '{':
        return object([&](const std::string&) { return skip(depth + 1); });
      default:
        return number();
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

// zstd level for stored records: level 3 (zstd's default) packs DOJ records about as tightly as
// Xapian's zlib did and compresses several times faster; inflating does not depend on the level.
constexpr int kRecordLevel = 3;

bool is_zstd_frame(std::string_view data) {
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 &&
         static_cast<unsigned char>(data[1]) == 0xB5 &&
         static_cast<unsigned char>(data[2]) == 0x2F && static_cast<unsigned char>(data[3]) == 0xFD;
}

// One compression and one decompression context per thread, reused between records.
struct ZstdContexts {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> c{ZSTD_createCCtx(), ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> d{ZSTD_createDCtx(), ZSTD_freeDCtx};
};
ZstdContexts& zstd_contexts() {
  thread_local ZstdContexts contexts;
  return contexts;
}

// Records are at most a few MB; a frame claiming more than this is corrupt.
constexpr unsigned long long kMaxRecordBytes = 256ull << 20;

}  // namespace

std::string encode_record_data(std::string_view json) {
  std::string out(ZSTD_compressBound(json.size()), '\0');
  ZSTD_CCtx* c = zstd_contexts().c.get();
  // With a checksum (4 bytes): a damaged record reads as no record rather than as other text.
  ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kRecordLevel);
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  const size_t n = ZSTD_compress2(c, out.data(), out.size(), json.data(), json.size());
  if (ZSTD_isError(n)) return std::string(json);  // cannot happen with a bound-sized buffer
  out.resize(n);
  return out;
}

void decode_record_data(std::string_view data, std::string& out) {
  if (!is_zstd_frame(data)) {
    out.assign(data);
    return;
  }
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxRecordBytes) {
    out.clear();
    return;
  }
  out.resize(size);
  const size_t n = ZSTD_decompressDCtx(zstd_contexts().d.get(), out.data(), out.size(), data.data(),
                                       data.size());
  if (ZSTD_isError(n) || n != size) out.clear();
}

std::string decode_record_data(std::string_view data) {
  std::string out;
  decode_record_data(data, out);
  return out;
}

bool same_record_data(std::string_view a, std::string_view b) {
  return a == b || decode_record_data(a) == decode_record_data(b);
}

StoredFields read_stored_fields_reference(std::string_view data) {
  StoredFields f;
  StoredFieldsReader reader(f);
  if (!nlohmann::json::sax_parse(data.begin(), data.end(), &reader)) f = StoredFields{};
  return f;
}

StoredFields read_stored_fields(std::string_view data) {
  StoredFields f;
  if (Scanner(data).record(f)) return f;
  return read_stored_fields_reference(data);
}

}  // namespace pressroom
