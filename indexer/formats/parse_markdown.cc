// Markdown files (format "markdown"): one record per file. Front matter (YAML or TOML, see
// front_matter.h) gives fields by name; without a title there, the first heading is the title.
// The body is the text with Markdown syntax removed: links and images keep their text (URLs go),
// emphasis and code markers go, headings, list items, quotes and code blocks keep their lines,
// paragraphs are separated by blank lines. Every front-matter key is also in context["meta"],
// and every link of the text in context["links"] as {"text", "url"} (for mappings).
#include <algorithm>
#include <map>

#include "formats/formats.h"
#include "formats/front_matter.h"
#include "formats/text_decode.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool is_word(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Finds the ')' closing a link destination that opens at s[open] == '(' (nested parentheses).
size_t closing_paren(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Finds the ']' closing a link text that opens at s[open] == '[' (nested brackets, escapes).
size_t closing_bracket(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t j = open; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[') {
      ++depth;
    } else if (s[j] == ']' && --depth == 0) {
      return j;
    }
  }
  return std::string_view::npos;
}

// Inline Markdown -> plain text.
std::string inline_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[++i];
      continue;
    }
    if (c == '`') {
      size_t ticks = 1;
      while (i + ticks < s.size() && s[i + ticks] == '`') ++ticks;
      std::string fence(ticks, '`');
      size_t close = s.find(fence, i + ticks);
      if (close != std::string_view::npos) {
        out += trim(s.substr(i + ticks, close - i - ticks));
        i = close + ticks - 1;
        continue;
      }
    }
    // [text](url), ![alt](src), [text][ref], [text][]
    if (c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) {
      size_t open = c == '!' ? i + 1 : i;
      size_t close = closing_bracket(s, open);
      if (close != std::string_view::npos && close + 1 < s.size() &&
          (s[close + 1] == '(' || s[close + 1] == '[')) {
        size_t end = s[close + 1] == '(' ? closing_paren(s, close + 1) : s.find(']', close + 1);
        if (end != std::string_view::npos) {
          out += inline_text(s.substr(open + 1, close - open - 1));
          i = end;
          continue;
        }
      }
    }
    if (c == '<') {
      // Autolinks keep their address; other tags (inline HTML) go.
      size_t close = s.find('>', i);
      if (close != std::string_view::npos) {
        std::string_view inner = s.substr(i + 1, close - i - 1);
        if (inner.rfind("http://", 0) == 0 || inner.rfind("https://", 0) == 0 ||
            inner.rfind("mailto:", 0) == 0) {
          out += inner.substr(inner.rfind("mailto:", 0) == 0 ? 7 : 0);
          i = close;
          continue;
        }
        if (!inner.empty() && (std::isalpha(static_cast<unsigned char>(inner[0])) ||
                               inner[0] == '/' || inner[0] == '!')) {
          i = close;
          continue;
        }
      }
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"},
          {"&lt;", "<"},
          {"&gt;", ">"},
          {"&quot;", "\""},
          {"&#39;", "'"},
          {"&apos;", "'"},
          {"&nbsp;", " "},
          {"&mdash;", "\xE2\x80\x94"},
          {"&ndash;", "\xE2\x80\x93"}};
      bool done = false;
      for (const auto& [ent, rep] : kEntities) {
        if (s.substr(i, ent.size()) == ent) {
          out += rep;
          i += ent.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    if (c == '*' || c == '_' || c == '~') {
      size_t run = 1;
      while (i + run < s.size() && s[i + run] == c) ++run;
      auto prev = i > 0 ? static_cast<unsigned char>(s[i - 1]) : ' ';
      auto next = i + run < s.size() ? static_cast<unsigned char>(s[i + run]) : ' ';
      bool flanking = !is_word(prev) || !is_word(next);
      bool spaced = (prev == ' ' || prev == '\t') && (next == ' ' || next == '\t');
      if (c == '~' ? run >= 2 : (flanking && !spaced)) {  // emphasis or strikethrough markers
        i += run - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

bool all_of_char(const std::string& t, char c, size_t min) {
  size_t n = 0;
  for (char x : t) {
    if (x == c)
      ++n;
    else if (x != ' ')
      return false;
  }
  return n >= min;
}

struct Converted {
  std::string body;
  std::string first_heading;
};

Converted markdown_to_text(std::string_view text, bool take_heading) {
  Converted out;
  std::vector<std::string> lines;
  {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      lines.emplace_back(text.substr(start, nl - start));
      start = nl + 1;
    }
  }
  std::string para;  // the paragraph being assembled (soft-wrapped lines joined)
  std::string& body = out.body;
  auto end_para = [&]() {
    std::string p = trim(para);
    para.clear();
    if (p.empty()) return;
    if (!body.empty()) body += "\n\n";
    body += p;
  };
  auto add_line = [&](const std::string& l, bool own_line) {
    if (own_line) {
      if (!para.empty()) para += '\n';
      para += l;
    } else {
      if (!para.empty() && para.back() != '\n') para += ' ';
      para += l;
    }
  };
  bool heading_taken = !take_heading;
  std::string fence;
  bool in_comment = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string raw = lines[i];
    std::string t = trim(raw);
    if (in_comment) {
      if (t.find("-->") != std::string::npos) in_comment = false;
      continue;
    }
    if (!fence.empty()) {
      if (t.rfind(fence, 0) == 0) {
        fence.clear();
        end_para();
      } else {
        add_line(raw, true);
      }
      continue;
    }
    if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
      end_para();
      fence = t.substr(0, 3);
      continue;
    }
    if (t.rfind("<!--", 0) == 0) {
      if (t.find("-->") == std::string::npos) in_comment = true;
      continue;
    }
    if (t.empty()) {
      end_para();
      continue;
    }
    // Reference definitions "[id]: http://..." are not text.
    if (t[0] == '[') {
      size_t close = t.find("]:");
      if (close != std::string::npos && t.find(' ') > close) continue;
    }
    // Headings: ATX "# Title #" and setext (a line underlined with === or ---).
    std::string heading;
    bool is_heading = false;
    if (t[0] == '#') {
      size_t hashes = t.find_first_not_of('#');
      if (hashes != std::string::npos && hashes <= 6 && t[hashes] == ' ') {
        heading = trim(t.substr(hashes));
        while (!heading.empty() && heading.back() == '#') heading.pop_back();
        heading = trim(heading);
        is_heading = true;
      } else if (hashes == std::string::npos && t.size() <= 6) {
        continue;  // a bare "#"
      }
    } else if (i + 1 < lines.size() && para.empty()) {
      std::string next = trim(lines[i + 1]);
      if (!next.empty() && (all_of_char(next, '=', 1) ||
                            (all_of_char(next, '-', 2) && next.find(' ') == std::string::npos))) {
        heading = t;
        is_heading = true;
        ++i;
      }
    }
    if (is_heading) {
      end_para();
      std::string h = inline_text(heading);
      if (!heading_taken) {
        out.first_heading = h;
        heading_taken = true;
        continue;
      }
      if (!h.empty()) {
        para = h;
        end_para();
      }
      continue;
    }
    // Thematic breaks.
    if (all_of_char(t, '*', 3) || all_of_char(t, '-', 3) || all_of_char(t, '_', 3)) {
      end_para();
      continue;
    }
    // Block quotes lose their markers.
    while (!t.empty() && t[0] == '>') t = trim(t.substr(1));
    if (t.empty()) {
      end_para();
      continue;
    }
    // Table separator rows go; table rows keep their cells.
    if (t[0] == '|' || t.find(" | ") != std::string::npos) {
      if (t.find_first_not_of("|-: ") == std::string::npos) continue;
      std::string row = t;
      if (row.front() == '|') row.erase(0, 1);
      if (!row.empty() && row.back() == '|') row.pop_back();
      add_line(inline_text(trim(row)), true);
      continue;
    }
    bool list_item = (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ');
    size_t digits = t.find_first_not_of("0123456789");
    bool ordered = digits != std::string::npos && digits > 0 && digits < 10 &&
                   (t[digits] == '.' || t[digits] == ')') && digits + 1 < t.size() &&
                   t[digits + 1] == ' ';
    bool hard_break = raw.size() >= 2 && raw.compare(raw.size() - 2, 2, "  ") == 0;
    if (list_item) {
      add_line("- " + inline_text(trim(t.substr(2))), true);
    } else if (ordered) {
      add_line(t.substr(0, digits + 1) + " " + inline_text(trim(t.substr(digits + 2))), true);
    } else {
      bool own = !para.empty() && para.back() == '\n';
      add_line(inline_text(t), own);
    }
    if (hard_break || (!t.empty() && t.back() == '\\')) {
      if (!para.empty() && para.back() == '\\') para.pop_back();
      para += '\n';
    }
  }
  end_para();
  return out;
}

// The links of a Markdown text, in order, as [{"text", "url"}]: inline links [text](url "title"),
// reference links [text][ref] / [text][] with their "[ref]: url" definitions, and autolinks
// <https://…> (their text is the address). Images and fenced code blocks are left out.
json collect_links(std::string_view text) {
  std::string prose;  // the text without fenced code blocks
  std::map<std::string, std::string> defs;
  {
    bool in_fence = false;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      start = nl + 1;
      const std::string t = trim(line);
      if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
        in_fence = !in_fence;
        continue;
      }
      if (in_fence) continue;
      if (t.size() > 3 && t[0] == '[') {  // "[ref]: url" definitions
        size_t close = t.find("]:");
        if (close != std::string::npos && close > 1) {
          std::string url = trim(std::string_view(t).substr(close + 2));
          url = url.substr(0, url.find_first_of(" \t"));
          if (url.size() > 2 && url.front() == '<' && url.back() == '>')
            url = url.substr(1, url.size() - 2);
          std::string label = t.substr(1, close - 1);
          std::transform(label.begin(), label.end(), label.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          defs.emplace(std::move(label), std::move(url));
          continue;
        }
      }
      prose.append(line);
      prose += '\n';
    }
  }
  json out = json::array();
  auto add = [&](std::string link_text, std::string url) {
    if (url.empty()) return;
    out.push_back({{"text", trim(link_text)}, {"url", std::move(url)}});
  };
  std::string_view s = prose;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '<') {
      size_t close = s.find('>', i);
      if (close == std::string_view::npos) continue;
      std::string_view inner = s.substr(i + 1, close - i - 1);
      if ((inner.rfind("http://", 0) == 0 || inner.rfind("https://", 0) == 0) &&
          inner.find_first_of(" \n") == std::string_view::npos) {
        add(std::string(inner), std::string(inner));
        i = close;
      }
      continue;
    }
    if (s[i] != '[') continue;
    const bool image = i > 0 && s[i - 1] == '!';
    const size_t close = closing_bracket(s, i);
    if (close == std::string_view::npos || close + 1 >= s.size()) continue;
    const std::string label = inline_text(s.substr(i + 1, close - i - 1));
    if (s[close + 1] == '(') {
      size_t end = closing_paren(s, close + 1);
      if (end == std::string_view::npos) continue;
      std::string dest = trim(s.substr(close + 2, end - close - 2));
      if (dest.size() > 1 && dest.front() == '<') {
        dest = dest.substr(
            1, dest.find('>') == std::string::npos ? std::string::npos : dest.find('>') - 1);
      } else {
        dest = dest.substr(0, dest.find_first_of(" \t\n"));
      }
      if (!image) add(label, dest);
      i = end;
    } else if (s[close + 1] == '[') {
      size_t end = s.find(']', close + 1);
      if (end == std::string_view::npos) continue;
      std::string ref(s.substr(close + 2, end - close - 2));
      if (ref.empty()) ref = std::string(s.substr(i + 1, close - i - 1));
      std::transform(ref.begin(), ref.end(), ref.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (auto d = defs.find(ref); d != defs.end() && !image) add(label, d->second);
      i = end;
    }
  }
  return out;
}

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
  item.location = in.name;
  auto decoded = decode_text(in.bytes);
  if (!decoded) {
    item.error = decoded.error();
    sink(std::move(item));
    return;
  }
  item.warnings = std::move(decoded->warnings);
  const std::string& text = decoded->text;
  auto fm = split_front_matter(text);
  if (!fm) {
    item.error = fm.error();
    sink(std::move(item));
    return;
  }
  for (auto& w : fm->warnings) item.warnings.push_back(std::move(w));
  const json& meta = fm->values;

  const json* title = first_of(meta, {"title", "headline"});
  Converted conv = markdown_to_text(std::string_view(text).substr(fm->body_offset), true);
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
  item.context["links"] = collect_links(std::string_view(text).substr(fm->body_offset));
  sink(std::move(item));
}

}  // namespace pressroom::indexer
