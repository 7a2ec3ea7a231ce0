#include "formats/html_generic.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "formats/formats.h"
#include "formats/html_dom.h"
#include "pressroom/dates.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

// The shared text helpers under this file's short names.
std::string lower(std::string_view s) { return text::lower_ascii(s); }
using text::trim;

template <class F>
void for_each_element(const xmlNode* n, F&& f) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!f(c)) continue;  // f returns false: do not descend
    for_each_element(c, f);
  }
}

const xmlNode* root_of(xmlDoc* doc) { return xmlDocGetRootElement(doc); }

const xmlNode* find_first(const xmlNode* root, std::string_view name) {
  const xmlNode* found = nullptr;
  if (node_name(root) == name) return root;
  for_each_element(root, [&](const xmlNode* n) {
    if (found) return false;
    if (node_name(n) == name) found = n;
    return !found;
  });
  return found;
}

// Date candidates must parse; visible text must name at least a day.
std::optional<std::string> valid_date(const std::string& text, bool need_day) {
  std::string t = trim(text);
  if (t.empty() || t.size() > 80) return std::nullopt;
  auto d = parse_date(t);
  if (!d) return std::nullopt;
  if (need_day && (d->precision == DatePrecision::kYear || d->precision == DatePrecision::kMonth))
    return std::nullopt;
  return t;
}

// A visible date line, possibly labelled ("Published: 13 April 2018", "Posted on ...").
std::optional<std::string> date_in_text(std::string_view text) {
  std::string t = trim(text);
  if (t.size() < 6 || t.size() > 80) return std::nullopt;
  std::string l = lower(t);
  for (std::string_view label : {"published", "posted", "released", "issued", "date"}) {
    if (l.rfind(label, 0) == 0) {
      size_t p = label.size();
      while (p < t.size() && (t[p] == ':' || t[p] == ' ')) ++p;
      if (l.compare(p, 3, "on ") == 0) p += 3;
      t = t.substr(p);
      break;
    }
  }
  return valid_date(t, true);
}

// ---- JSON-LD ----

void collect_ld_objects(const json& v, std::vector<const json*>& out) {
  if (v.is_array()) {
    for (const auto& e : v) collect_ld_objects(e, out);
  } else if (v.is_object()) {
    out.push_back(&v);
    if (auto g = v.find("@graph"); g != v.end()) collect_ld_objects(*g, out);
  }
}

int ld_rank(const json& obj) {
  static constexpr std::string_view kTypes[] = {"PressRelease",
                                                "NewsArticle",
                                                "ReportageNewsArticle",
                                                "AnalysisNewsArticle",
                                                "Article",
                                                "BlogPosting",
                                                "Report",
                                                "WebPage"};
  auto t = obj.find("@type");
  if (t == obj.end()) return -1;
  std::vector<std::string> types;
  if (t->is_string()) types.push_back(t->get<std::string>());
  if (t->is_array())
    for (const auto& e : *t)
      if (e.is_string()) types.push_back(e.get<std::string>());
  int best = -1;
  for (size_t i = 0; i < std::size(kTypes); ++i)
    for (const auto& ty : types)
      if (ty == kTypes[i]) best = std::max(best, static_cast<int>(std::size(kTypes) - i));
  return best;
}

std::string ld_string(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) {
    for (const char* k : {"@value", "name", "@id", "url"})
      if (auto v = it->find(k); v != it->end() && v->is_string()) return v->get<std::string>();
  }
  if (it->is_array() && !it->empty() && it->front().is_string())
    return it->front().get<std::string>();
  return {};
}

void ld_names(const json& v, json& out, bool organisations_only) {
  if (v.is_string()) {
    if (!organisations_only) add_unique(out, v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& e : v) ld_names(e, out, organisations_only);
  } else if (v.is_object()) {
    if (organisations_only) {
      std::string type =
          v.contains("@type") && v["@type"].is_string() ? v["@type"].get<std::string>() : "";
      if (type.find("Organization") == std::string::npos &&
          type.find("Organisation") == std::string::npos)
        return;
    }
    if (auto n = v.find("name"); n != v.end() && n->is_string())
      add_unique(out, n->get<std::string>());
  }
}

const json* best_ld_object(xmlDoc* doc, std::vector<json>& storage) {
  for_each_element(root_of(doc), [&](const xmlNode* n) {
    if (node_name(n) == "script" && lower(attr(n, "type")) == "application/ld+json") {
      xmlChar* text = xmlNodeGetContent(n);
      if (text) {
        try {
          storage.push_back(json::parse(reinterpret_cast<const char*>(text)));
        } catch (const json::exception&) {
          // Broken JSON-LD is common; the page's other metadata still counts.
        }
        xmlFree(text);
      }
      return false;
    }
    return true;
  });
  std::vector<const json*> objs;
  for (const auto& s : storage) collect_ld_objects(s, objs);
  const json* best = nullptr;
  int best_rank = 0;
  for (const json* o : objs) {
    int r = ld_rank(*o);
    if (r > best_rank) best = o, best_rank = r;
  }
  return best;
}

// ---- Main content ----

struct NodeStats {
  size_t text = 0;   // bytes of non-blank text below
  size_t links = 0;  // of which inside <a>
  size_t anchors = 0;
};

const std::string_view kBoilerWords[] = {
    "nav",         "navbar",     "navigation", "menu",      "menus",         "breadcrumb",
    "breadcrumbs", "footer",     "header",     "masthead",  "sidebar",       "share",
    "sharing",     "social",     "related",    "comment",   "comments",      "cookie",
    "cookies",     "banner",     "skip",       "pager",     "pagination",    "toolbar",
    "subscribe",   "newsletter", "promo",      "advert",    "advertisement", "ads",
    "sponsor",     "popup",      "modal",      "invisible", "widget",        "follow",
    "print"};

bool boiler_class(const std::string& value) {
  std::string v = lower(value);
  size_t i = 0;
  while (i < v.size()) {
    size_t e = v.find_first_of(" \t\n", i);
    if (e == std::string::npos) e = v.size();
    std::string_view token(v.data() + i, e - i);
    if (token == "sr-only" || token == "visually-hidden" || token == "screen-reader-text" ||
        token == "element-hidden")
      return true;
    size_t j = 0;
    while (j < token.size()) {
      size_t k = token.find_first_of("-_", j);
      if (k == std::string_view::npos) k = token.size();
      std::string_view word = token.substr(j, k - j);
      for (auto w : kBoilerWords)
        if (word == w) return true;
      j = k + 1;
    }
    i = e + 1;
  }
  return false;
}

class ContentFinder {
 public:
  explicit ContentFinder(xmlDoc* doc) : doc_(doc) {}

  std::string body() {
    const xmlNode* root = root_of(doc_);
    if (!root) return {};
    measure(root, false);
    // Explicit markup for the article body wins.
    const xmlNode* marked = nullptr;
    for_each_element(root, [&](const xmlNode* n) {
      if (marked) return false;
      if (attr(n, "itemprop") == "articleBody") marked = n;
      return !marked;
    });
    if (marked) return text_of(marked);

    const xmlNode* container = container_of(root);
    score(container);
    // Candidates in document order, so that a tie goes to the first (the same on every run).
    const xmlNode* best = nullptr;
    double best_score = 0;
    for (const xmlNode* n : scored_) {
      double s = scores_[n];
      if (s > best_score) best = n, best_score = s;
    }
    if (!best || best_score < 25) return text_of(container);
    // Neighbouring blocks that also read like text belong to the body (split bodies).
    std::string out;
    const xmlNode* parent = best->parent;
    for (const xmlNode* c = parent ? parent->children : best; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      bool take = c == best;
      if (!take && !skip(c)) {
        auto it = scores_.find(c);
        double s = it == scores_.end() ? 0 : it->second;
        const NodeStats& st = stats_[c];
        double density = st.text ? static_cast<double>(st.links) / static_cast<double>(st.text) : 1;
        // As readability does: a long paragraph with few links, or a short one without links
        // that reads as a sentence.
        bool sentence = false;
        if (node_name(c) == "p" && st.text > 0 && st.text < 80 && st.links == 0) {
          std::string t = flat_text(c);
          sentence = !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
        }
        take = s >= std::max(25.0, best_score * 0.2) ||
               (node_name(c) == "p" && st.text >= 80 && density < 0.25) || sentence;
      }
      if (!take) continue;
      std::string t = text_of(c);
      if (t.empty()) continue;
      if (!out.empty()) out += "\n\n";
      out += t;
      if (!parent) break;
    }
    return out;
  }

  bool skip(const xmlNode* n) const {
    if (n == root_exempt_) return false;
    if (is_boilerplate_element(n)) return true;
    // Link lists: blocks whose text is mostly link text (a paragraph only when it is nearly all
    // link: "Download the report", not "details are at <a>https://...</a>").
    std::string_view name = node_name(n);
    double limit = name == "p" ? 0.8
                   : (name == "ul" || name == "ol" || name == "dl" || name == "div" ||
                      name == "section" || name == "table" || name == "nav")
                       ? 0.6
                       : 2.0;
    if (limit < 1.0) {
      auto it = stats_.find(n);
      if (it != stats_.end() && it->second.text > 0 && it->second.anchors >= 1 &&
          static_cast<double>(it->second.links) >= limit * static_cast<double>(it->second.text))
        return true;
    }
    return false;
  }

 private:
  std::string text_of(const xmlNode* n) {
    root_exempt_ = n;
    std::string t = node_text(n, [this](const xmlNode* c) { return skip(c); });
    root_exempt_ = nullptr;
    return t;
  }

  NodeStats measure(const xmlNode* n, bool in_link) {
    NodeStats s;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content) {
        size_t len = 0;
        for (const xmlChar* p = c->content; *p; ++p)
          if (!std::isspace(*p)) ++len;
        s.text += len;
        if (in_link) s.links += len;
      } else if (c->type == XML_ELEMENT_NODE) {
        std::string_view name = node_name(c);
        if (name == "script" || name == "style" || name == "noscript" || name == "template")
          continue;
        bool link = name == "a";
        NodeStats cs = measure(c, in_link || link);
        s.text += cs.text;
        s.links += cs.links;
        s.anchors += cs.anchors + (link ? 1 : 0);
      }
    }
    stats_[n] = s;
    return s;
  }

  const xmlNode* container_of(const xmlNode* root) {
    std::vector<const xmlNode*> articles, mains;
    for_each_element(root, [&](const xmlNode* n) {
      std::string_view name = node_name(n);
      if (name == "article") articles.push_back(n);
      if (name == "main" || attr(n, "role") == "main") mains.push_back(n);
      return true;
    });
    auto biggest = [&](const std::vector<const xmlNode*>& v) {
      const xmlNode* b = v.front();
      for (const xmlNode* n : v)
        if (stats_[n].text > stats_[b].text) b = n;
      return b;
    };
    if (articles.size() == 1) return articles.front();
    if (!articles.empty()) {
      const xmlNode* b = biggest(articles);
      // Several articles: a list of teasers unless one clearly dominates.
      size_t total = 0;
      for (const xmlNode* a : articles) total += stats_[a].text;
      if (stats_[b].text * 2 > total) return b;
    }
    if (!mains.empty()) return biggest(mains);
    const xmlNode* body = find_first(root, "body");
    return body ? body : root;
  }

  void score(const xmlNode* container) {
    for_each_element(container, [&](const xmlNode* n) {
      if (skip(n)) return false;
      std::string_view name = node_name(n);
      size_t own = 0;
      if (name == "p" || name == "pre" || name == "blockquote" || name == "td") {
        const NodeStats& st = stats_[n];
        own = st.text - st.links;
      } else if (name == "div" || name == "section" || name == "article" || name == "main") {
        // Text written straight into a container (bodies of <br>-separated lines).
        for (const xmlNode* c = n->children; c; c = c->next) {
          if (c->type == XML_TEXT_NODE && c->content) {
            for (const xmlChar* p = c->content; *p; ++p)
              if (!std::isspace(*p)) ++own;
          } else if (c->type == XML_ELEMENT_NODE && !is_block_element(node_name(c)) &&
                     node_name(c) != "a") {
            const NodeStats& st = stats_[c];
            own += st.text - st.links;
          }
        }
        if (own >= 25) add_score(n, static_cast<double>(own));
        return true;
      }
      if (own < 25) return true;
      if (n->parent && n->parent->type == XML_ELEMENT_NODE) {
        add_score(n->parent, static_cast<double>(own));
        if (n->parent->parent && n->parent->parent->type == XML_ELEMENT_NODE)
          add_score(n->parent->parent, static_cast<double>(own) / 2);
      }
      return true;
    });
  }

  void add_score(const xmlNode* n, double s) {
    auto [it, added] = scores_.emplace(n, 0.0);
    if (added) scored_.push_back(n);
    it->second += s;
  }

  xmlDoc* doc_;
  std::unordered_map<const xmlNode*, NodeStats> stats_;
  std::unordered_map<const xmlNode*, double> scores_;
  std::vector<const xmlNode*> scored_;  // the keys of scores_ in the order they were scored
  const xmlNode* root_exempt_ = nullptr;
};

std::string drop_title_paragraphs(const std::string& body, const std::string& title) {
  if (title.empty()) return body;
  std::string folded_title = text::fold_case(text::clean_text(title, false));
  std::string out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find("\n\n", start);
    std::string para =
        body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (text::fold_case(text::clean_text(para, false)) != folded_title) {
      if (!out.empty()) out += "\n\n";
      out += para;
    }
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

}  // namespace

bool is_boilerplate_element(const xmlNode* n) {
  std::string_view name = node_name(n);
  if (name.empty() || name == "html" || name == "body" || name == "main" || name == "article")
    return false;
  if (name == "nav" || name == "header" || name == "footer" || name == "aside" || name == "form" ||
      name == "menu" || name == "dialog" || name == "figure")
    return true;
  if (has_attr(n, "hidden") || attr(n, "aria-hidden") == "true") return true;
  std::string role = attr(n, "role");
  if (!role.empty()) {
    static constexpr std::string_view kRoles[] = {
        "navigation", "banner",  "contentinfo", "complementary", "search",
        "menu",       "menubar", "toolbar",     "dialog",        "alertdialog"};
    for (auto r : kRoles)
      if (role == r) return true;
  }
  std::string style = lower(attr(n, "style"));
  if (!style.empty()) {
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    if (style.find("display:none") != std::string::npos ||
        style.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return boiler_class(attr(n, "class")) || boiler_class(attr(n, "id"));
}

std::string main_content_text(xmlDoc* doc) {
  ContentFinder finder(doc);
  return finder.body();
}

namespace {

// What one walk over the page collects besides the <meta> tags.
struct PageFacts {
  std::string canonical, page_title;
  std::vector<const xmlNode*> h1s;
  std::vector<std::string> attr_dates, time_dates;
};

// A <meta> tag: its content under its lower-cased property, name, itemprop or http-equiv
// (repeats make a list).
void add_meta(const xmlNode* n, json& meta, PageFacts& facts) {
  std::string key = lower(attr(n, "property"));
  if (key.empty()) key = lower(attr(n, "name"));
  if (key.empty()) key = lower(attr(n, "itemprop"));
  if (key.empty()) key = lower(attr(n, "http-equiv"));
  std::string content = trim(attr(n, "content"));
  if (!key.empty() && !content.empty()) {
    auto it = meta.find(key);
    if (it == meta.end()) {
      meta[key] = content;
    } else {
      if (!it->is_array()) *it = json::array({*it});
      it->push_back(content);
    }
  }
  if (key == "datepublished" || key == "datecreated") facts.attr_dates.push_back(content);
}

// <meta> tags, <link rel=canonical>, <title>, <h1>s, <time>s, date-bearing attributes.
PageFacts scan_page(const xmlNode* root, json& meta) {
  PageFacts f;
  for_each_element(root, [&](const xmlNode* n) {
    std::string_view name = node_name(n);
    if (name == "meta") {
      add_meta(n, meta, f);
      return false;
    }
    if (name == "link" && lower(attr(n, "rel")) == "canonical" && f.canonical.empty()) {
      f.canonical = trim(attr(n, "href"));
      return false;
    }
    if (name == "title" && f.page_title.empty()) {
      f.page_title = flat_text(n);
      return false;
    }
    if (name == "script" || name == "style") return false;
    if (name == "h1") f.h1s.push_back(n);
    if (name == "time") {
      std::string dt = attr(n, "datetime");
      if (!dt.empty()) f.time_dates.push_back(dt);
    }
    std::string prop = attr(n, "property");
    std::string itemprop = attr(n, "itemprop");
    if (prop == "dc:date" || prop == "dcterms:date" || prop == "dc:created" ||
        prop == "article:published_time" || itemprop == "datePublished") {
      std::string v = attr(n, "content");
      if (v.empty()) v = attr(n, "datetime");
      if (v.empty()) v = flat_text(n);
      f.attr_dates.push_back(v);
    }
    return true;
  });
  return f;
}

// The first value of a <meta> key, "" when absent.
std::string meta1(const json& meta, const char* key) {
  auto it = meta.find(key);
  if (it == meta.end()) return {};
  return it->is_array() ? it->front().get<std::string>() : it->get<std::string>();
}

// og:title, twitter:title, JSON-LD headline, <title> (or the <h1> it starts with), a lone <h1>.
std::string page_title(const json& meta, const json* ld, const PageFacts& f) {
  std::string title = meta1(meta, "og:title");
  if (title.empty()) title = meta1(meta, "twitter:title");
  if (title.empty() && ld) title = ld_string(*ld, "headline");
  if (title.empty() && !f.page_title.empty()) {
    title = f.page_title;
    for (const xmlNode* h : f.h1s) {
      std::string h1 = flat_text(h);
      if (!h1.empty() && f.page_title.rfind(h1, 0) == 0) {
        title = h1;  // "<h1> | Site name" -> the page's own heading
        break;
      }
    }
  }
  if (title.empty() && f.h1s.size() == 1) title = flat_text(f.h1s.front());
  return trim(title);
}

// A visible date: the first text that is a whole date, in the page order.
std::optional<std::string> visible_date(const xmlNode* root) {
  std::optional<std::string> date;
  for_each_element(root, [&](const xmlNode* n) {
    if (date) return false;
    std::string_view name = node_name(n);
    if (name == "script" || name == "style" || name == "head" || name == "nav" || name == "footer")
      return false;
    for (const xmlNode* c = n->children; c && !date; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content)
        date = date_in_text(reinterpret_cast<const char*>(c->content));
    }
    return !date;
  });
  return date;
}

// <meta> dates, JSON-LD dates, date attributes, <time>s, then the visible text.
std::optional<std::string> page_date(const xmlNode* root, const json& meta, const json* ld,
                                     const PageFacts& f) {
  std::optional<std::string> date;
  for (const char* key :
       {"article:published_time", "og:published_time", "date", "dc.date", "dc.date.issued",
        "dcterms.date", "dcterms.issued", "pubdate", "publishdate", "publish-date",
        "article.published", "sailthru.date", "parsely-pub-date", "datepublished"}) {
    if (!date) date = valid_date(meta1(meta, key), false);
  }
  if (!date && ld) date = valid_date(ld_string(*ld, "datePublished"), false);
  if (!date && ld) date = valid_date(ld_string(*ld, "dateCreated"), false);
  for (const auto& d : f.attr_dates)
    if (!date) date = valid_date(d, false);
  for (const auto& d : f.time_dates)
    if (!date) date = valid_date(d, false);
  if (!date) date = visible_date(root);
  return date;
}

// JSON-LD publisher, else author, else the author <meta>.
json page_issuers(const json& meta, const json* ld) {
  json issuers = json::array();
  if (ld) {
    if (auto p = ld->find("publisher"); p != ld->end()) ld_names(*p, issuers, false);
    if (issuers.empty())
      if (auto a = ld->find("author"); a != ld->end()) ld_names(*a, issuers, true);
  }
  if (issuers.empty()) {
    std::string author = meta1(meta, "author");
    if (!author.empty()) add_unique(issuers, author);
  }
  return issuers;
}

// article:tag <meta>s and JSON-LD keywords (a list, or one comma-separated string).
json page_topics(const json& meta, const json* ld) {
  json topics = json::array();
  if (auto it = meta.find("article:tag"); it != meta.end()) {
    if (it->is_array()) {
      for (const auto& t : *it) add_unique(topics, t.get<std::string>());
    } else {
      add_unique(topics, it->get<std::string>());
    }
  }
  if (!ld) return topics;
  auto k = ld->find("keywords");
  if (k == ld->end()) return topics;
  if (k->is_array()) {
    for (const auto& t : *k)
      if (t.is_string()) add_unique(topics, t.get<std::string>());
  } else if (k->is_string()) {
    std::string s = k->get<std::string>();
    size_t start = 0;
    while (start <= s.size()) {
      size_t comma = s.find(',', start);
      add_unique(topics,
                 s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return topics;
}

// A two- or three-letter language code from lang, xml:lang, <meta>s or JSON-LD; "" if none.
std::string page_language(const xmlNode* root, const json& meta, const json* ld) {
  std::string lang = attr(root, "lang");
  if (lang.empty()) lang = attr(root, "xml:lang");
  if (lang.empty()) lang = meta1(meta, "content-language");
  if (lang.empty()) lang = meta1(meta, "og:locale");
  if (lang.empty() && ld) lang = ld_string(*ld, "inLanguage");
  lang = lower(trim(lang.substr(0, lang.find_first_of("-_,; "))));
  if (lang.size() >= 2 && lang.size() <= 3 &&
      std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return lang;
  return {};
}

// The main content without paragraphs that repeat the title; JSON-LD articleBody when that is
// longer than a short page text.
std::string page_body(xmlDoc* doc, const std::string& title, const json* ld) {
  std::string body = drop_title_paragraphs(main_content_text(doc), title);
  if (body.size() < 200 && ld) {
    std::string ld_body = ld_string(*ld, "articleBody");
    if (ld_body.size() > body.size()) body = ld_body;
  }
  return body;
}

}  // namespace

GenericHtml extract_generic_html(xmlDoc* doc, const std::set<std::string>& skip) {
  GenericHtml out;
  const xmlNode* root = root_of(doc);
  if (!root) return out;
  auto wanted = [&](const char* f) { return !skip.count(f); };
  const PageFacts facts = scan_page(root, out.meta);
  std::vector<json> ld_storage;
  const json* ld = best_ld_object(doc, ld_storage);

  std::string title;
  if (wanted("title") || wanted("body")) {
    title = page_title(out.meta, ld, facts);
    if (wanted("title") && !title.empty()) out.fields["title"] = title;
  }
  if (wanted("date")) {
    if (auto date = page_date(root, out.meta, ld, facts)) out.fields["date"] = *date;
  }
  if (wanted("issuers")) {
    if (json issuers = page_issuers(out.meta, ld); !issuers.empty())
      out.fields["issuers"] = std::move(issuers);
  }
  if (wanted("topics")) {
    if (json topics = page_topics(out.meta, ld); !topics.empty())
      out.fields["topics"] = std::move(topics);
  }
  if (wanted("url")) {
    std::string url = facts.canonical;
    if (url.empty()) url = meta1(out.meta, "og:url");
    if (url.empty() && ld) url = ld_string(*ld, "url");
    if (!url.empty()) out.fields["url"] = url;
  }
  if (wanted("language")) {
    if (auto lang = page_language(root, out.meta, ld); !lang.empty()) out.fields["language"] = lang;
  }
  if (wanted("body")) {
    if (auto body = page_body(doc, title, ld); !body.empty()) out.fields["body"] = std::move(body);
  }
  return out;
}

}  // namespace pressroom::indexer
