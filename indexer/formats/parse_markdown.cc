// Markdown files (format "markdown"): one record per file. Front matter (YAML or TOML, see
// front_matter.h) gives fields by name; without a title there, the first heading is the title.
// The body is the text as md4c parses it (CommonMark with tables and strikethrough), its syntax
// removed: links and images keep their text (URLs go), emphasis and code markers go, headings,
// list items, quotes and code blocks keep their lines, blocks are separated by blank lines.
// Every front-matter key is also in context["meta"], and every link of the text in
// context["links"] as {"text", "url"} (for mappings).
#include <md4c.h>

#include <cstdlib>
#include <utility>
#include <vector>

#include "formats/formats.h"
#include "formats/front_matter.h"
#include "formats/text_decode.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;
using text::trim;

// The named entities press releases use; others stay as written. Numeric ones are decoded.
std::string entity_text(std::string_view e) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", " "},
      {"&mdash;", "\xE2\x80\x94"},
      {"&ndash;", "\xE2\x80\x93"}};
  for (const auto& [name, value] : kNamed)
    if (e == name) return std::string(value);
  if (e.size() > 3 && e[1] == '#') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    const unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
    std::string out;
    const bool valid = cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    text::append_utf8(out, valid ? static_cast<unsigned>(cp) : 0xFFFD);
    return out;
  }
  return std::string(e);
}

// Raw HTML (an HTML block) without its tags and comments: the text between them.
std::string html_text(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
    } else if (html[i] == '<') {
      const size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
    } else {
      out += html[i++];
    }
  }
  return out;
}

std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  for (unsigned k = 0; a.substr_offsets[k] < a.size; ++k) {
    const std::string_view part(a.text + a.substr_offsets[k],
                                a.substr_offsets[k + 1] - a.substr_offsets[k]);
    if (a.substr_types[k] == MD_TEXT_ENTITY)
      out += entity_text(part);
    else if (a.substr_types[k] == MD_TEXT_NORMAL)
      out += part;
  }
  return out;
}

// Markdown as plain text, walking md4c's parse (CommonMark with tables and strikethrough):
// blocks (paragraphs, headings, code blocks, tables, quotes' paragraphs) are separated by a blank
// line; list items are one line each ("- " or their number), consecutive ones without a blank
// line when the list is tight; emphasis and code markers, link destinations, images (but their
// text), raw HTML tags and reference definitions go. The first heading is taken apart (a title)
// when asked, and every link's text and destination is collected.
class PlainText {
 public:
  explicit PlainText(bool take_heading) : heading_taken_(!take_heading) {}

  bool parse(std::string_view markdown) {
    MD_PARSER parser{};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) {
      return static_cast<PlainText*>(self)->enter_block(t, d);
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* self) {
      return static_cast<PlainText*>(self)->leave_block(t);
    };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) {
      return static_cast<PlainText*>(self)->enter_span(t, d);
    };
    parser.leave_span = [](MD_SPANTYPE t, void*, void* self) {
      return static_cast<PlainText*>(self)->leave_span(t);
    };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      return static_cast<PlainText*>(self)->on_text(t, std::string_view(s, n));
    };
    return md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this) == 0;
  }

  std::string body;
  std::string first_heading;
  json links = json::array();

 private:
  struct List {
    bool tight;
    bool ordered;
    unsigned next_number;
    char delimiter;
  };
  struct Link {
    std::string text, url;
  };

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_UL: {
        const auto* d = static_cast<const MD_BLOCK_UL_DETAIL*>(detail);
        lists_.push_back({d->is_tight != 0, false, 0, 0});
        break;
      }
      case MD_BLOCK_OL: {
        const auto* d = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        lists_.push_back({d->is_tight != 0, true, d->start, d->mark_delimiter});
        break;
      }
      case MD_BLOCK_LI:
        if (separator_.empty()) separator_ = "\n";  // a nested list's item
        if (!lists_.empty() && lists_.back().ordered)
          write(std::to_string(lists_.back().next_number++) + lists_.back().delimiter + " ");
        else
          write("- ");
        break;
      case MD_BLOCK_H:
        if (!heading_taken_) {
          heading_taken_ = true;
          sink_ = &first_heading;
          break;
        }
        [[fallthrough]];
      case MD_BLOCK_HTML:
        html_ = true;
        [[fallthrough]];
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
      case MD_BLOCK_TABLE:
        if (!separator_.empty()) separator_ = "\n\n";
        break;
      case MD_BLOCK_TR:
        cells_ = 0;
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (cells_++ > 0) write(" | ");
        break;
      default:
        break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        lists_.pop_back();
        break;
      case MD_BLOCK_LI:
        end_line(!lists_.empty() && lists_.back().tight ? "\n" : "\n\n");
        break;
      case MD_BLOCK_H:
        if (sink_ == &first_heading) {
          first_heading = trim(first_heading);
          sink_ = &body;
          break;
        }
        end_line("\n\n");
        break;
      case MD_BLOCK_HTML:
        html_ = false;
        write(trim(html_text(html_block_)));  // comments and tags may span lines: all at once
        html_block_.clear();
        end_line("\n\n");
        break;
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
      case MD_BLOCK_TABLE:
        end_line("\n\n");
        break;
      case MD_BLOCK_TR:
        end_line("\n");
        break;
      default:
        break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_A)
      open_links_.push_back({{}, attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)});
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (type != MD_SPAN_A || open_links_.empty()) return 0;
    Link l = std::move(open_links_.back());
    open_links_.pop_back();
    l.text = trim(l.text);
    const bool mail_autolink =
        l.url.starts_with("mailto:") && (l.url == l.text || l.url.substr(7) == l.text);
    if (!l.url.empty() && !mail_autolink) links.push_back({{"text", l.text}, {"url", l.url}});
    return 0;
  }

  int on_text(MD_TEXTTYPE type, std::string_view s) {
    switch (type) {
      case MD_TEXT_NULLCHAR:
        break;
      case MD_TEXT_BR:
        write("\n");
        break;
      case MD_TEXT_SOFTBR:
        write(" ");
        break;
      case MD_TEXT_ENTITY:
        write(entity_text(s));
        break;
      case MD_TEXT_HTML:
        // Inline tags go; an HTML block keeps the text between its tags.
        if (html_) html_block_ += s;
        break;
      default:
        write(s);
        break;
    }
    return 0;
  }

  // Appends text to the body (or the heading taken apart), after the separator the previous
  // block asked for; also to the text of the links being read.
  void write(std::string_view s) {
    if (s.empty()) return;
    std::string& out = *sink_;
    if (sink_ == &body) {
      if (!out.empty()) out += separator_;
      separator_.clear();
    }
    out += s;
    for (Link& l : open_links_) l.text += s;
  }

  // Ends a line-holding block: trailing white space goes, the next block starts after `sep`
  // (a blank line is never weakened to a line break).
  void end_line(std::string_view sep) {
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t' || body.back() == '\n'))
      body.pop_back();
    if (body.empty()) return;
    if (separator_ != "\n\n") separator_ = sep;
  }

  std::string* sink_ = &body;
  std::string separator_;
  bool heading_taken_;
  bool html_ = false;
  std::string html_block_;  // the raw HTML of the block being read
  std::vector<List> lists_;
  std::vector<Link> open_links_;
  unsigned cells_ = 0;
};

const json* first_of(const json& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = obj.find(k);
    if (it != obj.end() && !it->is_null() && !(it->is_string() && it->get<std::string>().empty()))
      return &*it;
  }
  return nullptr;
}

json as_list(const json& v, bool split_commas) {
  json out = json::array();
  auto add = [&](const std::string& s) {
    if (!split_commas) {
      out.push_back(s);
      return;
    }
    size_t start = 0;
    while (start <= s.size()) {
      size_t comma = s.find(',', start);
      std::string part =
          trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  };
  if (v.is_string()) add(v.get<std::string>());
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) add(e.get<std::string>());
  return out;
}

std::string as_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  return {};
}

}  // namespace

void parse_markdown(const DocumentInput& in, const FormatOptions&, const ItemSink& sink) {
  RawItem item;
  auto decoded = decode_or_reject(in, item, sink);
  if (!decoded) return;
  const std::string& text = *decoded;
  auto fm = split_front_matter(text);
  if (!fm) {
    item.error = fm.error();
    sink(std::move(item));
    return;
  }
  for (auto& w : fm->warnings) item.warnings.push_back(std::move(w));
  const json& meta = fm->values;

  const json* title = first_of(meta, {"title", "headline"});
  PlainText conv(true);
  if (!conv.parse(std::string_view(text).substr(fm->body_offset))) {
    item.error =
        make_error(ErrorCode::kInvalidMarkdown, "the Markdown parser failed (out of memory?)");
    sink(std::move(item));
    return;
  }
  std::string body = conv.body;
  std::string title_text = title ? trim(as_text(*title)) : conv.first_heading;
  if (title && !conv.first_heading.empty() && conv.first_heading != title_text) {
    // The front matter names the title; the first heading is part of the text.
    body = conv.first_heading + (body.empty() ? "" : "\n\n" + body);
  }

  json fields = json::object();
  if (const json* id = first_of(meta, {"id"}))
    fields["id"] = as_text(*id);
  else if (!in.id_base.empty())
    fields["id"] = in.id_base;
  if (const json* d = first_of(meta, {"date", "published", "pubDate", "publishDate", "published_at",
                                      "date_published", "created"}))
    fields["date"] = as_text(*d);
  if (!title_text.empty()) fields["title"] = title_text;
  if (const json* v =
          first_of(meta, {"issuers", "issuer", "organisation", "organization", "organisations",
                          "organizations", "publisher", "author", "authors"}))
    fields["issuers"] = as_list(*v, false);
  // Topics from every key that holds them (tags and categories are both common); a single
  // string "a, b" is a list written inline.
  json topics = json::array();
  for (const char* key : {"topics", "topic", "tags", "categories", "category", "keywords"}) {
    if (const json* v = first_of(meta, {key}))
      for (const auto& t : as_list(*v, v->is_string())) topics.push_back(t);
  }
  if (!topics.empty()) fields["topics"] = std::move(topics);
  if (const json* v = first_of(meta, {"url", "link", "canonical_url", "canonical"}))
    fields["url"] = as_text(*v);
  if (const json* v = first_of(meta, {"language", "lang"})) fields["language"] = as_text(*v);
  if (const json* v = first_of(meta, {"source"})) fields["source"] = as_text(*v);
  if (!body.empty()) fields["body"] = body;
  item.fields = std::move(fields);
  item.context = json::object();
  item.context["meta"] = meta;
  item.context["links"] = std::move(conv.links);
  sink(std::move(item));
}

}  // namespace pressroom::indexer
