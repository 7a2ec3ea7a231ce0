#include "formats/html_dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "formats/text_decode.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

thread_local std::string t_last_error;
// The first error of the document being parsed (the later ones are often its consequences).
thread_local std::string t_first_error;
thread_local int t_first_error_line = 0;
thread_local int t_error_count = 0;

extern "C" void ignore_generic_error(void*, const char*, ...) {}
extern "C" void keep_structured_error(void*, xmlErrorPtr e) {
  if (!e || !e->message) return;
  t_last_error = e->message;
  if (t_error_count++ == 0) {
    t_first_error = e->message;
    t_first_error_line = e->line;
  }
}

std::string chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

const char* cstr(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

bool iequals_prefix(std::string_view s, size_t pos, std::string_view word) {
  return pos + word.size() <= s.size() && text::iequals_ascii(s.substr(pos, word.size()), word);
}

// Whether the first bytes declare an encoding (<meta charset>, http-equiv, or an XML declaration).
bool declares_encoding(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  for (size_t i = 0; i < head.size(); ++i) {
    if (iequals_prefix(head, i, "charset=") || iequals_prefix(head, i, "encoding=")) return true;
  }
  return false;
}

bool has_bom(std::string_view b) {
  auto u = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  if (b.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) return true;
  return b.size() >= 2 && ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF));
}

bool is_skipped_element(std::string_view n) {
  static constexpr std::string_view kSkip[] = {
      "script",   "style",  "noscript", "template", "head",   "svg",    "math",
      "iframe",   "object", "embed",    "canvas",   "select", "button", "input",
      "textarea", "option", "datalist", "audio",    "video",  "map",    "title"};
  return std::find(std::begin(kSkip), std::end(kSkip), n) != std::end(kSkip);
}

bool is_line_element(std::string_view n) {
  return n == "li" || n == "dt" || n == "dd" || n == "tr" || n == "caption";
}

// Builds text with paragraph structure: block boundaries ask for a blank line, <br> and list
// items for a line break; white space inside a paragraph folds to one space.
class TextBuilder {
 public:
  void text(std::string_view s, bool pre) {
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (pre && c == '\n') {
        if (!out_.empty()) out_ += '\n';
        pending_space_ = false;
        continue;
      }
      bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
        if (nbsp) ++i;
        if (pre) {
          out_ += ' ';
        } else {
          pending_space_ = true;
        }
        continue;
      }
      flush();
      out_ += static_cast<char>(c);
    }
  }
  void line_break() { newlines_ = std::min(2, newlines_ + 1); }
  void block_break(int n) { newlines_ = std::max(newlines_, n); }
  void space() { pending_space_ = true; }
  std::string take() { return std::move(out_); }

 private:
  void flush() {
    if (!out_.empty()) {
      if (newlines_ > 0) {
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        out_ += newlines_ > 1 ? "\n\n" : "\n";
      } else if (pending_space_ && out_.back() != '\n') {
        out_ += ' ';
      }
    }
    newlines_ = 0;
    pending_space_ = false;
  }
  std::string out_;
  int newlines_ = 0;
  bool pending_space_ = false;
};

void collect_text(const xmlNode* n, const SkipFn& skip, bool pre, TextBuilder& tb) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) tb.text(cstr(c->content), pre);
        break;
      case XML_ENTITY_REF_NODE: {
        xmlChar* v = xmlNodeGetContent(c);
        if (v) tb.text(cstr(v), pre);
        xmlFree(v);
        break;
      }
      case XML_ELEMENT_NODE: {
        std::string_view name = node_name(c);
        if (is_skipped_element(name) || (skip && skip(c))) break;
        if (name == "br") {
          tb.line_break();
        } else if (name == "hr") {
          tb.block_break(2);
        } else if (name == "td" || name == "th") {
          tb.space();
          collect_text(c, skip, pre, tb);
          tb.space();
        } else if (is_line_element(name)) {
          tb.block_break(1);
          collect_text(c, skip, pre, tb);
          tb.block_break(1);
        } else if (is_block_element(name)) {
          tb.block_break(2);
          collect_text(c, skip, pre || name == "pre", tb);
          tb.block_break(2);
        } else {
          collect_text(c, skip, pre, tb);
        }
        break;
      }
      default:
        break;
    }
  }
}

// libxml2's HTML parser as every page and fragment is read: recover from broken markup, quietly,
// never from the network.
constexpr int kHtmlParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                  HTML_PARSE_NONET | HTML_PARSE_COMPACT;

// A file with nothing but white space: "empty file", said precisely.
std::optional<Error> blank_file_error(std::string_view bytes) {
  if (bytes.find_first_not_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  return make_error(ErrorCode::kEmpty,
                    bytes.empty() ? "empty file" : "empty file (only white space)");
}

}  // namespace

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  xmlSetGenericErrorFunc(nullptr, &ignore_generic_error);
  xmlSetStructuredErrorFunc(nullptr, &keep_structured_error);
}

Result<ParsedDoc> parse_html_page(std::string_view bytes) {
  init_libxml();
  ParsedDoc out;
  if (auto blank = blank_file_error(bytes)) return *blank;
  const char* encoding = nullptr;
  if (!has_bom(bytes)) {
    if (bytes.find('\0') != std::string_view::npos)
      return make_error(ErrorCode::kUndecodable,
                        "undecodable bytes: the file holds NUL bytes (binary data, or UTF-16 "
                        "without a byte order mark)");
    if (!declares_encoding(bytes)) {
      if (check_utf8(bytes) == Utf8Check::kValid) {
        encoding = "UTF-8";
      } else {
        encoding = "windows-1252";
        out.warnings.emplace_back("no charset declared and not UTF-8: read as Windows-1252");
      }
    }
  }
  out.doc.reset(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding,
                               kHtmlParseOptions));
  if (!out.doc || !xmlDocGetRootElement(out.doc.get()))
    return make_error(ErrorCode::kEmpty, "no HTML content found in the file");
  return out;
}

XmlDoc parse_html_fragment(std::string_view utf8) {
  init_libxml();
  if (utf8.empty()) return nullptr;
  return XmlDoc(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                               kHtmlParseOptions));
}

Result<ParsedDoc> parse_xml(std::string_view bytes) {
  init_libxml();
  ParsedDoc out;
  if (auto blank = blank_file_error(bytes)) return *blank;
  std::string converted;
  const char* encoding = nullptr;
  if (!has_bom(bytes)) {
    if (bytes.find('\0') != std::string_view::npos)
      return make_error(ErrorCode::kUndecodable,
                        "undecodable bytes: the file holds NUL bytes (binary data, or UTF-16 "
                        "without a byte order mark)");
    if (!declares_encoding(bytes) && check_utf8(bytes) != Utf8Check::kValid) {
      auto d = decode_text(bytes);
      if (!d) return d.error();
      converted = std::move(d->text);
      out.warnings = std::move(d->warnings);
      bytes = converted;
      encoding = "UTF-8";
    }
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return make_error(ErrorCode::kInternal, "out of memory");
  const int opts = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                   XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  t_last_error.clear();
  t_first_error.clear();
  t_error_count = 0;
  out.doc.reset(xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  encoding, opts));
  if (!ctxt->wellFormed) {
    std::string msg = chomp(t_first_error);
    int line = t_first_error_line;
    if (msg.empty()) {
      const xmlError* e = xmlCtxtGetLastError(ctxt);
      msg = e && e->message ? chomp(e->message) : "unknown error";
      line = e ? e->line : 0;
    }
    std::string more =
        t_error_count > 1 ? " and " + std::to_string(t_error_count - 1) + " more" : "";
    out.warnings.push_back("line " + std::to_string(line) + ": not well-formed XML (" + msg + ")" +
                           more + "; recovered what could be read");
  }
  xmlFreeParserCtxt(ctxt);
  if (!out.doc || !xmlDocGetRootElement(out.doc.get()))
    return make_error(ErrorCode::kMalformedXml, "not XML: nothing could be read from the file");
  return out;
}

std::string_view node_name(const xmlNode* n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->name) return {};
  return cstr(n->name);
}

std::string attr(const xmlNode* n, const char* name) {
  if (!n || n->type != XML_ELEMENT_NODE) return {};
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s = cstr(v);
  xmlFree(v);
  return s;
}

bool has_attr(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE &&
         xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string flat_text(const xmlNode* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  TextBuilder tb;
  tb.text(cstr(v), false);
  xmlFree(v);
  return tb.take();
}

bool is_block_element(std::string_view n) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article",  "aside",      "blockquote", "center", "details", "dialog",  "div",
      "dl",      "fieldset", "figcaption", "figure",     "footer", "form",    "h1",      "h2",
      "h3",      "h4",       "h5",         "h6",         "header", "hgroup",  "main",    "nav",
      "ol",      "p",        "pre",        "section",    "table",  "ul",      "summary", "legend",
      "body",    "html",     "menu",       "tbody",      "thead",  "tfoot"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), n) != std::end(kBlocks);
}

std::string node_text(const xmlNode* n, const SkipFn& skip) {
  if (!n) return {};
  TextBuilder tb;
  switch (n->type) {
    case XML_ATTRIBUTE_NODE:
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: {
      xmlChar* v = xmlNodeGetContent(n);
      if (v) tb.text(cstr(v), false);
      xmlFree(v);
      break;
    }
    case XML_ELEMENT_NODE:
      if (is_skipped_element(node_name(n)) || (skip && skip(n))) break;
      collect_text(n, skip, node_name(n) == "pre", tb);
      break;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
      collect_text(n, skip, false, tb);
      break;
    default:
      break;
  }
  return tb.take();
}

Result<std::vector<std::string>> xpath_strings(xmlDoc* doc, const std::string& expr,
                                               const SkipFn& skip) {
  init_libxml();
  std::vector<std::string> out;
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  if (!ctx) return make_error(ErrorCode::kInternal, "out of memory");
  t_last_error.clear();
  xmlXPathObjectPtr res =
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctx);
  if (!res) {
    xmlXPathFreeContext(ctx);
    return make_error(ErrorCode::kInvalidXpath,
                      "XPath \"" + expr + "\": " +
                          (t_last_error.empty() ? "invalid expression" : chomp(t_last_error)));
  }
  switch (res->type) {
    case XPATH_NODESET:
      if (res->nodesetval) {
        for (int i = 0; i < res->nodesetval->nodeNr; ++i) {
          std::string s = node_text(res->nodesetval->nodeTab[i], skip);
          if (!s.empty()) out.push_back(std::move(s));
        }
      }
      break;
    case XPATH_STRING:
      if (res->stringval && *res->stringval) out.emplace_back(cstr(res->stringval));
      break;
    case XPATH_NUMBER: {
      xmlChar* s = xmlXPathCastNumberToString(res->floatval);
      out.emplace_back(cstr(s));
      xmlFree(s);
      break;
    }
    case XPATH_BOOLEAN:
      out.emplace_back(res->boolval ? "true" : "false");
      break;
    default:
      break;
  }
  xmlXPathFreeObject(res);
  xmlXPathFreeContext(ctx);
  return out;
}

std::vector<xmlNode*> xpath_nodes(xmlDoc* doc, const std::string& expr) {
  init_libxml();
  std::vector<xmlNode*> out;
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  if (!ctx) return out;
  xmlXPathObjectPtr res =
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctx);
  if (res && res->type == XPATH_NODESET && res->nodesetval) {
    for (int i = 0; i < res->nodesetval->nodeNr; ++i) out.push_back(res->nodesetval->nodeTab[i]);
  }
  if (res) xmlXPathFreeObject(res);
  xmlXPathFreeContext(ctx);
  return out;
}

std::optional<std::string> xpath_error(const std::string& expr) {
  init_libxml();
  t_last_error.clear();
  xmlXPathCompExprPtr comp = xmlXPathCompile(reinterpret_cast<const xmlChar*>(expr.c_str()));
  if (comp) {
    xmlXPathFreeCompExpr(comp);
    return std::nullopt;
  }
  return t_last_error.empty() ? std::string("invalid expression") : chomp(t_last_error);
}

}  // namespace pressroom::indexer
