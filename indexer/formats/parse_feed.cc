// RSS 2.0 (and 0.9x/1.0) and Atom feeds (formats "rss" and "atom"; either parser reads both):
// one record per item or entry, located at its line. id from guid/atom:id/link; date from
// pubDate, dc:date, published, updated; title; url from link; topics from categories (and
// dc:subject); issuers from the item's author (dc:creator, atom:author/name), else the feed's
// title; body from content:encoded, atom:content, description or summary with their HTML turned
// into text. Every child element's text is in context["meta"] by local name, and the feed's own
// title and link in context["meta"]["feed"]. A bad item (a date that does not parse, nothing to
// index) is one rejected record; XML that is not well-formed is read as far as libxml2 recovers
// it, with a warning on the first item.
#include <libxml/tree.h>

#include "formats/formats.h"
#include "formats/html_dom.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

using text::trim;

std::vector<const xmlNode*> children(const xmlNode* n, std::string_view name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && node_name(c) == name) out.push_back(c);
  return out;
}

const xmlNode* child(const xmlNode* n, std::string_view name) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && node_name(c) == name) return c;
  return nullptr;
}

std::string raw_text(const xmlNode* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

// Text that may hold escaped HTML (RSS descriptions, Atom type="html"): markup becomes text with
// paragraph breaks; plain text is only trimmed.
std::string html_to_text(const std::string& s) {
  if (s.find('<') == std::string::npos && s.find('&') == std::string::npos) return trim(s);
  XmlDoc doc = parse_html_fragment(s);
  if (!doc) return trim(s);
  return node_text(reinterpret_cast<xmlNode*>(doc.get()));
}

std::string element_text(const xmlNode* n) {
  if (!n) return {};
  std::string type = attr(n, "type");
  if (type == "xhtml") return node_text(n);
  if (type == "text") return trim(raw_text(n));
  return html_to_text(raw_text(n));
}

// RSS author: "jo@example.org (Jo Bloggs)" -> "Jo Bloggs"; a bare address is not a name.
std::string rss_author_name(const std::string& s) {
  std::string t = trim(s);
  auto open = t.find('('), close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return trim(t.substr(open + 1, close - open - 1));
  if (t.find('@') != std::string::npos && t.find(' ') == std::string::npos) return {};
  return t;
}

std::string link_of(const xmlNode* item) {
  std::string fallback;
  for (const xmlNode* l : children(item, "link")) {
    std::string text = trim(raw_text(l));
    if (!text.empty()) return text;  // RSS
    std::string rel = attr(l, "rel");
    std::string href = trim(attr(l, "href"));
    if (href.empty()) continue;
    if (rel.empty() || rel == "alternate") return href;
    if (fallback.empty() && rel != "self" && rel != "enclosure") fallback = href;
  }
  return fallback;
}

json meta_of(const xmlNode* item) {
  json meta = json::object();
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string key(node_name(c));
    std::string value = trim(raw_text(c));
    if (value.empty()) value = trim(attr(c, "href"));
    if (value.empty()) value = trim(attr(c, "term"));
    if (value.empty()) continue;
    auto it = meta.find(key);
    if (it == meta.end()) {
      meta[key] = value;
    } else {
      if (!it->is_array()) *it = json::array({*it});
      it->push_back(value);
    }
  }
  return meta;
}

// The channel (RSS) or feed (Atom) element and its items; false for a root of another kind.
bool find_items(const xmlNode* root, const xmlNode*& channel, std::vector<const xmlNode*>& items) {
  std::string_view kind = node_name(root);
  if (kind == "rss") {
    channel = child(root, "channel");
    items = children(channel, "item");
  } else if (kind == "RDF") {
    channel = child(root, "channel");
    items = children(root, "item");
  } else if (kind == "feed") {
    channel = root;
    items = children(root, "entry");
  } else {
    return false;
  }
  return true;
}

// What every item of a feed can use: the feed's title (the issuer of items without an author),
// link and language.
struct FeedInfo {
  std::string title;
  std::string link;
  std::string language;
};

FeedInfo feed_info(const xmlNode* root, const xmlNode* channel) {
  FeedInfo f;
  f.title = element_text(child(channel, "title"));
  f.link = link_of(channel);
  f.language = trim(raw_text(child(channel, "language")));
  if (f.language.empty()) f.language = attr(root, "lang");
  return f;
}

// id from guid/atom:id, else the link, else the file and the item's number.
std::string id_of(const xmlNode* it, const std::string& url, const DocumentInput& in, size_t i) {
  std::string id = trim(raw_text(child(it, "guid")));
  if (id.empty()) id = trim(raw_text(child(it, "id")));
  if (id.empty()) id = url;
  if (id.empty()) id = in.id_base + "#" + std::to_string(i + 1);
  return id;
}

json issuers_of(const xmlNode* it, const FeedInfo& feed) {
  json issuers = json::array();
  for (const xmlNode* a : children(it, "author")) {
    if (const xmlNode* name = child(a, "name"))
      add_unique(issuers, raw_text(name));
    else
      add_unique(issuers, rss_author_name(raw_text(a)));
  }
  for (const xmlNode* c : children(it, "creator")) add_unique(issuers, raw_text(c));
  if (issuers.empty() && !feed.title.empty()) issuers.push_back(feed.title);
  return issuers;
}

json topics_of(const xmlNode* it) {
  json topics = json::array();
  for (const xmlNode* c : children(it, "category")) {
    std::string t = trim(raw_text(c));
    if (t.empty()) t = attr(c, "label");
    if (t.empty()) t = attr(c, "term");
    add_unique(topics, t);
  }
  for (const xmlNode* c : children(it, "subject")) add_unique(topics, raw_text(c));
  return topics;
}

// The canonical fields of item number i (from 0).
json item_fields(const xmlNode* it, size_t i, const DocumentInput& in, const FeedInfo& feed) {
  json fields = json::object();
  std::string url = link_of(it);
  fields["id"] = id_of(it, url, in, i);
  for (const char* d : {"pubDate", "date", "published", "updated", "issued", "modified"}) {
    std::string v = trim(raw_text(child(it, d)));
    if (!v.empty()) {
      fields["date"] = v;
      break;
    }
  }
  std::string title = element_text(child(it, "title"));
  if (!title.empty()) fields["title"] = title;
  if (!url.empty()) fields["url"] = url;
  if (json issuers = issuers_of(it, feed); !issuers.empty()) fields["issuers"] = std::move(issuers);
  if (json topics = topics_of(it); !topics.empty()) fields["topics"] = std::move(topics);
  std::string body;
  for (const char* b : {"encoded", "content", "description", "summary"}) {
    body = element_text(child(it, b));
    if (!body.empty()) break;
  }
  if (!body.empty()) fields["body"] = std::move(body);
  std::string lang = attr(it, "lang");
  if (lang.empty()) lang = feed.language;
  if (!lang.empty()) fields["language"] = lang.substr(0, lang.find_first_of("-_"));
  return fields;
}

// One rejected input for the whole file.
void reject_file(const DocumentInput& in, Error error, std::vector<std::string> warnings,
                 const ItemSink& sink) {
  RawItem item;
  item.location = in.name;
  item.warnings = std::move(warnings);
  item.error = std::move(error);
  sink(std::move(item));
}

}  // namespace

void parse_feed(const DocumentInput& in, const FormatOptions&, const ItemSink& sink) {
  auto parsed = parse_xml(in.bytes);
  if (!parsed) return reject_file(in, parsed.error(), {}, sink);
  const xmlNode* root = xmlDocGetRootElement(parsed->doc.get());
  const xmlNode* channel = nullptr;
  std::vector<const xmlNode*> items;
  if (!find_items(root, channel, items))
    return reject_file(
        in,
        make_error(ErrorCode::kNotAFeed, "not an RSS or Atom feed: the root element is <" +
                                             std::string(node_name(root)) + ">"),
        {}, sink);
  const FeedInfo feed = feed_info(root, channel);
  if (items.empty())
    return reject_file(in, make_error(ErrorCode::kEmpty, "the feed has no items"),
                       std::move(parsed->warnings), sink);
  for (size_t i = 0; i < items.size(); ++i) {
    const xmlNode* it = items[i];
    RawItem item;
    item.location = in.name + ":" + std::to_string(xmlGetLineNo(it));
    if (i == 0) item.warnings = std::move(parsed->warnings);
    item.fields = item_fields(it, i, in, feed);
    item.context = json::object();
    item.context["meta"] = meta_of(it);
    item.context["meta"]["feed"] = {{"title", feed.title}, {"link", feed.link}};
    if (!sink(std::move(item))) return;
  }
}

}  // namespace pressroom::indexer
