// libxml2 helpers shared by the HTML and feed formats: parsing (HTML with recovery, XML without
// network access), the text of a node with its paragraph structure, attributes, and XPath.
//
// libxml2 documents are owned by XmlDoc (freed on destruction). Functions here are thread-safe
// for distinct documents: init_libxml() runs xmlInitParser once, and every parse silences
// libxml2's error printing on the calling thread (errors become values or warnings instead).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "pressroom/result.h"

namespace pressroom::indexer {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// Once per process (idempotent, thread-safe); and silences libxml2 errors on this thread.
void init_libxml();

struct ParsedDoc {
  XmlDoc doc;
  std::vector<std::string> warnings;  // e.g. "not UTF-8: read as Windows-1252"
};

// A whole HTML page with libxml2's HTML parser (HTML_PARSE_RECOVER | NOERROR | NOWARNING | NONET):
// broken markup parses. The encoding comes from a BOM or <meta charset>; without one, UTF-8 when
// the bytes are valid UTF-8, Windows-1252 otherwise (with a warning).
// Errors: "undecodable" (NUL bytes without a BOM: binary data), "empty" (no markup at all).
Result<ParsedDoc> parse_html_page(std::string_view bytes);

// An HTML fragment given as UTF-8 text (feed descriptions): parsed into a document whose body
// holds the fragment. Never fails: the worst input yields an empty document (nullptr).
XmlDoc parse_html_fragment(std::string_view utf8);

// An XML document (feeds) with XML_PARSE_NONET | XML_PARSE_RECOVER (no entity expansion, no
// network). A document that is not well-formed is still returned as far as libxml2 recovered it,
// with a warning "line N: not well-formed XML (message); recovered what could be read".
// Errors: "undecodable", "empty", "malformed_xml" (nothing recoverable).
Result<ParsedDoc> parse_xml(std::string_view bytes);

// Lower-case local name of an element ("" for other nodes).
std::string_view node_name(const xmlNode* n);
// An attribute's value, "" when absent.
std::string attr(const xmlNode* n, const char* name);
bool has_attr(const xmlNode* n, const char* name);
// The concatenated text content, white space folded to single spaces and trimmed.
std::string flat_text(const xmlNode* n);

// Decides whether an element (and everything inside it) is left out of node_text.
using SkipFn = std::function<bool(const xmlNode*)>;

// The readable text of a node: block elements (p, div, h1…h6, li, table, …) become paragraphs
// separated by one blank line, <br> a line break (two in a row a blank line), table cells are
// separated by spaces, white space is folded except inside <pre>; script, style, noscript,
// template, head, svg, iframe, form controls are dropped, and so is anything `skip` returns true
// for. Attribute and text nodes give their content.
std::string node_text(const xmlNode* n, const SkipFn& skip = nullptr);

// True when the element is one of the block-level elements node_text separates by blank lines.
bool is_block_element(std::string_view name);

// Evaluates an XPath 1.0 expression on a document: node sets give one string per node (element
// text as node_text, attribute and text values), strings/numbers/booleans one string. Empty
// strings are left out. Errors: "invalid_xpath" with libxml2's message.
Result<std::vector<std::string>> xpath_strings(xmlDoc* doc, const std::string& expr,
                                               const SkipFn& skip = nullptr);
// The nodes an XPath selects (node sets only; other results and errors give an empty list).
std::vector<xmlNode*> xpath_nodes(xmlDoc* doc, const std::string& expr);

// Checks that an expression compiles; the error message when it does not.
std::optional<std::string> xpath_error(const std::string& expr);

}  // namespace pressroom::indexer
