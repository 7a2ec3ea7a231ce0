// The generic extractor for HTML pages that have no mapping (or whose mapping leaves fields to
// it): canonical fields from the page's metadata and main content.
//
//   title     og:title, twitter:title, JSON-LD headline, <title> (without a " | Site" suffix when
//             the rest equals the page's <h1>), the only <h1>
//   date      article:published_time and other date <meta> tags, JSON-LD datePublished,
//             RDFa/microdata dates (property="dc:date", itemprop="datePublished"), <time datetime>,
//             then a visible line of text that is a whole date ("Friday, April 13, 2018")
//   issuers   JSON-LD publisher (NewsArticle, PressRelease, Article, ...), JSON-LD author
//             organisations, <meta name="author">
//   topics    article:tag <meta> tags, JSON-LD keywords
//   url       <link rel="canonical">, og:url, JSON-LD url
//   language  <html lang>, Content-Language, og:locale (primary subtag, lower case)
//   body      [itemprop=articleBody]; otherwise the block of the page (inside the only <article>,
//             else <main>/[role=main], else <body>) that holds the most paragraph text, with
//             neighbouring paragraphs, dropping navigation, headers, footers, asides, forms,
//             hidden elements, share/menu/breadcrumb blocks and link lists
//   meta      every <meta name|property|itemprop> content, for mappings ("meta.description")
// Pure; thread-safe for distinct documents.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <libxml/tree.h>
#include <nlohmann/json.hpp>

namespace pressroom::indexer {

struct GenericHtml {
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();  // canonical names only
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
};

// `skip` names canonical fields the caller fills itself (a mapping's own fields): their
// extraction is skipped (the body search is the costly part).
GenericHtml extract_generic_html(xmlDoc* doc, const std::set<std::string>& skip = {});

// The main-content text of a page or fragment, as the body above.
std::string main_content_text(xmlDoc* doc);

// True for elements that are page furniture (nav, header, footer, aside, forms, hidden
// elements, elements whose class or id names a menu, breadcrumb, share bar, sidebar, ...).
bool is_boilerplate_element(const xmlNode* n);

}  // namespace pressroom::indexer
