#include "pressroom/document_builder.h"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "pressroom/export.h"
#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"
#include "pressroom/text.h"

namespace pressroom {

namespace {

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t.append(value.substr(0, schema::kMaxTermBytes - prefix.size()));
  return t;
}

}  // namespace

std::string filter_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, text::fold_case(text::clean_text(value, false)));
}

std::string url_term(std::string_view url) {
  const auto prefix = schema::kPrefixUrl;
  if (prefix.size() + url.size() <= schema::kMaxTermBytes)
    return std::string(prefix) + std::string(url);
  std::string t(prefix);
  t.append(url.substr(0, schema::kMaxTermBytes - prefix.size() - 17));
  t += '#';
  t += body_hash(url);
  return t;
}

// Language codes and their Snowball stemmers. A stemmer this Xapian was not built with (1.4.22
// has no Greek, for one) is replaced by English, like an unknown language, instead of throwing
// from Xapian::Stem; resolved once, not per search.
std::string stemmer_name_for(std::string_view language) {
  static const std::vector<std::pair<std::string_view, std::string>> kNames = [] {
    const std::pair<std::string_view, std::string_view> wanted[] = {
        {"ar", "arabic"},     {"da", "danish"},    {"de", "german"},     {"en", "english"},
        {"es", "spanish"},    {"eu", "basque"},    {"fi", "finnish"},    {"fr", "french"},
        {"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"}, {"it", "italian"},
        {"lt", "lithuanian"}, {"nb", "norwegian"}, {"ne", "nepali"},     {"nl", "dutch"},
        {"nn", "norwegian"},  {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
        {"ru", "russian"},    {"sv", "swedish"},   {"ta", "tamil"},      {"tr", "turkish"},
        {"ca", "catalan"},    {"ga", "irish"},     {"el", "greek"}};
    const std::string available = " " + Xapian::Stem::get_available_languages() + " ";
    std::vector<std::pair<std::string_view, std::string>> out;
    for (const auto& [code, name] : wanted) {
      const bool ok = available.find(" " + std::string(name) + " ") != std::string::npos;
      out.emplace_back(code, ok ? std::string(name) : "english");
    }
    return out;
  }();
  std::string_view primary = language.substr(0, language.find_first_of("-_"));
  for (const auto& [code, name] : kNames)
    if (code == primary) return name;
  return "english";
}

std::string body_hash(std::string_view body) {
  uint64_t h = 14695981039346656037ULL;
  bool pending_space = false;
  auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ULL;
  };
  for (char ch : body) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      pending_space = true;
      continue;
    }
    if (pending_space) mix(' ');
    pending_space = false;
    mix(c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

DocumentBuilder::DocumentBuilder() { tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME); }

const Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& language) {
  auto it = stemmers_.find(language);
  if (it == stemmers_.end())
    it = stemmers_.emplace(language, Xapian::Stem(stemmer_name_for(language))).first;
  return it->second;
}

std::string DocumentBuilder::id_term(std::string_view id) {
  using namespace schema;
  std::string t(kPrefixId);
  if (id.size() <= kMaxExactIdBytes) return t.append(id);
  t.append(id.substr(0, kIdTermHeadBytes));
  t += '#';
  t += sha256_hex(id);
  return t;
}

Xapian::Document DocumentBuilder::build(const Record& r) {
  using namespace schema;
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_stemmer(stemmer_for(r.language));

  // Title: prefixed for title: searches, and unprefixed with a boost so a match in the title
  // ranks above the same match in the body. Field gaps keep phrases inside one field.
  tg_.index_text(r.title, 1, std::string(kPrefixTitle));
  tg_.increase_termpos(kFieldGap);
  tg_.index_text(r.title, kTitleWeight);
  tg_.increase_termpos(kFieldGap);
  tg_.index_text(r.body);
  for (const auto& issuer : r.issuers) {
    tg_.increase_termpos(kFieldGap);
    tg_.index_text(issuer, 1, std::string(kPrefixIssuerText));
  }
  for (const auto& topic : r.topics) {
    tg_.increase_termpos(kFieldGap);
    tg_.index_text(topic, 1, std::string(kPrefixTopicText));
  }

  doc.add_boolean_term(id_term(r.id));
  doc.add_value(kSlotId, r.id);
  for (size_t i = 0; i < r.issuers.size(); ++i) {
    doc.add_boolean_term(filter_term(kPrefixIssuer, r.issuers[i]));
    doc.add_value(kSlotIssuerFirst + static_cast<Xapian::valueno>(i), r.issuers[i]);
  }
  for (size_t i = 0; i < r.topics.size(); ++i) {
    doc.add_boolean_term(filter_term(kPrefixTopic, r.topics[i]));
    doc.add_value(kSlotTopicFirst + static_cast<Xapian::valueno>(i), r.topics[i]);
  }
  doc.add_boolean_term(bounded_term(kPrefixLanguage, r.language));
  if (!r.source.empty()) doc.add_boolean_term(filter_term(kPrefixSource, r.source));
  if (!r.url.empty()) doc.add_boolean_term(url_term(r.url));

  if (r.date) {
    const std::string key = r.date->sort_key();  // YYYYMMDD
    doc.add_value(kSlotDate, key);
    doc.add_value(kSlotYear, key.substr(0, 4));
    doc.add_boolean_term(std::string(kPrefixYear) + key.substr(0, 4));
    if (r.date->precision != DatePrecision::kYear) {
      doc.add_value(kSlotMonth, key.substr(0, 4) + "-" + key.substr(4, 2));
      doc.add_boolean_term(std::string(kPrefixMonth) + key.substr(0, 6));
      if (r.date->precision != DatePrecision::kMonth) {
        doc.add_value(kSlotDay, key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2));
        doc.add_boolean_term(std::string(kPrefixDay) + key);
      }
    }
  }
  if (!r.body.empty()) {
    std::string h = body_hash(r.body);
    doc.add_value(kSlotBodyHash, h);
    doc.add_boolean_term(std::string(kPrefixBodyHash) + h);
  }
  doc.set_data(encode_record_data(
      record_to_json(r).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)));
  return doc;
}

}  // namespace pressroom
