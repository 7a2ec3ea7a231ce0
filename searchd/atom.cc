#include "atom.h"

#include <libxml/xmlwriter.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "pressroom/dates.h"
#include "query_params.h"

namespace pressroom::searchd {

namespace {

// XML 1.0 cannot carry most C0 controls, even escaped; records should hold none, but a feed
// must stay well-formed whatever the data.
std::string xml_text(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    out += c;
  }
  return out;
}

class Writer {
 public:
  Writer() : buf_(xmlBufferCreate()), w_(buf_ ? xmlNewTextWriterMemory(buf_, 0) : nullptr) {
    if (!w_) throw std::runtime_error("libxml2: cannot create an XML writer");
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
  }
  ~Writer() {
    if (w_) xmlFreeTextWriter(w_);
    if (buf_) xmlBufferFree(buf_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void start_document() { check(xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr)); }
  void start(const char* name) { check(xmlTextWriterStartElement(w_, BAD_CAST name)); }
  void attr(const char* name, const std::string& value) {
    check(xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST xml_text(value).c_str()));
  }
  void text(const std::string& s) {
    check(xmlTextWriterWriteString(w_, BAD_CAST xml_text(s).c_str()));
  }
  void end() { check(xmlTextWriterEndElement(w_)); }
  void element(const char* name, const std::string& text) {
    check(xmlTextWriterWriteElement(w_, BAD_CAST name, BAD_CAST xml_text(text).c_str()));
  }
  void link(const char* rel, const char* type, const std::string& href) {
    start("link");
    attr("rel", rel);
    if (type) attr("type", type);
    attr("href", href);
    end();
  }
  std::string finish() {
    check(xmlTextWriterEndDocument(w_));
    xmlFreeTextWriter(w_);  // flushes into buf_
    w_ = nullptr;
    return reinterpret_cast<const char*>(xmlBufferContent(buf_));
  }

 private:
  static void check(int rc) {
    if (rc < 0) throw std::runtime_error("libxml2: writing the feed failed");
  }
  xmlBufferPtr buf_;
  xmlTextWriterPtr w_;
};

}  // namespace

std::string rfc3339(const std::string& record_date) {
  if (record_date.empty()) return "";
  auto d = parse_date(record_date);
  if (!d) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month ? d->month : 1,
                d->day ? d->day : 1, d->hour, d->minute, d->second);
  std::string out = buf;
  int off = d->utc_offset_minutes.value_or(0);
  if (off == 0) return out + "Z";
  int a = off < 0 ? -off : off;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
  return out + buf;
}

std::string atom_feed(const FeedInfo& info, const std::vector<Hit>& hits) {
  std::vector<std::string> updated;
  for (const auto& h : hits) {
    std::string u = rfc3339(h.record_date);
    updated.push_back(u.empty() ? info.generated_at : u);
  }
  Writer w;
  w.start_document();
  w.start("feed");
  w.attr("xmlns", "http://www.w3.org/2005/Atom");
  w.element("title", info.title);
  w.element("id", info.self_url);
  // Hits come newest first: the feed last changed with its first entry.
  w.element("updated", updated.empty() ? info.generated_at : updated.front());
  w.link("self", "application/atom+xml", info.self_url);
  w.link("alternate", "text/html", info.alternate_url);
  w.start("author");
  w.element("name", "Pressroom");
  w.end();
  w.start("generator");
  w.attr("version", PRESSROOM_VERSION);
  w.text("Pressroom");
  w.end();
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    const std::string doc_url = info.base_url + "/api/v1/documents/" + url_encode(h.id);
    w.start("entry");
    w.element("id", doc_url);
    w.element("title", h.title.empty() ? h.id : h.title);
    w.element("updated", updated[i]);
    w.element("published", updated[i]);
    w.link("alternate", "text/html", h.url.empty() ? doc_url : h.url);
    w.link("related", "application/json", doc_url);
    for (const auto& issuer : h.issuers) {
      w.start("author");
      w.element("name", issuer);
      w.end();
    }
    for (const auto& topic : h.topics) {
      w.start("category");
      w.attr("term", topic);
      w.end();
    }
    w.start("summary");
    w.attr("type", "html");
    w.text(h.snippet);
    w.end();
    w.end();
  }
  w.end();
  return w.finish();
}

}  // namespace pressroom::searchd
