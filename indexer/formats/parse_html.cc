// HTML pages: one record per page. The mapping's XPath fields are evaluated on the parsed page
// (results in context["select"]); the generic extractor (html_generic.h) guesses the canonical
// fields the mapping does not set. Broken markup parses (libxml2's recovering HTML parser).
#include <libxml/tree.h>

#include <algorithm>

#include "formats/formats.h"
#include "formats/html_dom.h"
#include "formats/html_generic.h"

namespace pressroom::indexer {

namespace {

// Removes the nodes an XPath selects. All are unlinked before any is freed, so a node inside
// another selected node is never freed twice.
void drop_nodes(xmlDoc* doc, const std::vector<std::string>& xpaths) {
  std::vector<xmlNode*> nodes;
  for (const auto& x : xpaths) {
    for (xmlNode* n : xpath_nodes(doc, x)) {
      if (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE) nodes.push_back(n);
    }
  }
  std::vector<xmlNode*> unique;
  for (xmlNode* n : nodes)
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(n);
  for (xmlNode* n : unique) xmlUnlinkNode(n);
  for (xmlNode* n : unique) xmlFreeNode(n);
}

}  // namespace

void parse_html(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink) {
  RawItem item;
  item.location = in.name;
  auto parsed = parse_html_page(in.bytes);
  if (!parsed) {
    item.error = parsed.error();
    sink(std::move(item));
    return;
  }
  xmlDoc* doc = parsed->doc.get();
  item.warnings = std::move(parsed->warnings);
  if (!options.drop_xpaths.empty()) drop_nodes(doc, options.drop_xpaths);

  item.context = nlohmann::ordered_json::object();
  if (!options.xpaths.empty()) {
    auto select = nlohmann::ordered_json::array();
    for (const auto& x : options.xpaths) {
      auto values = xpath_strings(doc, x);
      if (!values) {
        item.error = values.error();
        sink(std::move(item));
        return;
      }
      select.push_back(std::move(values.value()));
    }
    item.context["select"] = std::move(select);
  }

  GenericHtml generic = extract_generic_html(doc, options.mapped_fields);
  item.fields = std::move(generic.fields);
  if (!item.fields.contains("id") && !in.id_base.empty()) item.fields["id"] = in.id_base;
  item.context["meta"] = std::move(generic.meta);
  sink(std::move(item));
}

}  // namespace pressroom::indexer
