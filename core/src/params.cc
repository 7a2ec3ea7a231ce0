#include "pressroom/params.h"

#include <algorithm>
#include <optional>

#include "pressroom/dates.h"
#include "pressroom/query_builder.h"
#include "pressroom/text.h"

namespace pressroom {

namespace {

constexpr unsigned kS = static_cast<unsigned>(Endpoint::kSearch);
constexpr unsigned kE = static_cast<unsigned>(Endpoint::kExport);
constexpr unsigned kF = static_cast<unsigned>(Endpoint::kFeed);
constexpr unsigned kM = static_cast<unsigned>(Endpoint::kSimilar);
constexpr unsigned kAll = kS | kE | kF;

struct ParseState {
  SearchRequest req;
  bool facets_given = false;
};

using Apply = Result<void> (*)(ParseState&, std::string_view name, std::string_view value,
                               const Limits&);

struct ParamSpec {
  std::string_view name;
  std::string_view type;
  unsigned endpoints;
  bool repeatable;
  std::string (*bounds)(const Limits&);
  std::string_view default_value;
  Apply apply;
};

Error bad(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message), std::string(field));
}

std::string quoted(std::string_view v) {
  constexpr size_t kMaxShown = 60;
  std::string s = "\"";
  s += v.substr(0, kMaxShown);
  if (v.size() > kMaxShown) s += "…";
  return s + "\"";
}

// Whole decimal number in [lo, hi], or an error naming the parameter and its bounds.
Result<void> parse_count(std::string_view name, std::string_view v, unsigned lo, unsigned hi,
                         unsigned* out) {
  auto fail = [&] {
    return bad(name, std::string(name) + " must be a whole number from " + std::to_string(lo) +
                         " to " + std::to_string(hi) + ", got " + quoted(v));
  };
  if (v.empty() || v.size() > 10) return fail();
  unsigned long long n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return fail();
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  if (n < lo || n > hi) return fail();
  *out = static_cast<unsigned>(n);
  return {};
}

// Splits a comma-separated list, trimming blanks around items and dropping empty items.
std::vector<std::string_view> split_list(std::string_view v) {
  std::vector<std::string_view> out;
  while (!v.empty()) {
    size_t comma = v.find(',');
    std::string_view item = v.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    v.remove_prefix(comma + 1);
  }
  return out;
}

template <class E, size_t N>
std::optional<E> lookup(const std::array<std::pair<std::string_view, E>, N>& names,
                        std::string_view v) {
  for (const auto& [name, e] : names)
    if (name == v) return e;
  return std::nullopt;
}

template <class E, size_t N>
std::string choices(const std::array<std::pair<std::string_view, E>, N>& names) {
  std::string s;
  for (const auto& [name, e] : names) {
    if (!s.empty()) s += ", ";
    s += name;
  }
  return s;
}

constexpr std::array<std::pair<std::string_view, SortOrder>, 3> kSorts = {
    {{"relevance", SortOrder::kRelevance},
     {"newest", SortOrder::kNewest},
     {"oldest", SortOrder::kOldest}}};
constexpr std::array<std::pair<std::string_view, FacetField>, 4> kFacets = {
    {{"issuer", FacetField::kIssuer},
     {"topic", FacetField::kTopic},
     {"year", FacetField::kYear},
     {"month", FacetField::kMonth}}};
constexpr std::array<std::pair<std::string_view, HistogramInterval>, 5> kHistograms = {
    {{"year", HistogramInterval::kYear},
     {"month", HistogramInterval::kMonth},
     {"day", HistogramInterval::kDay},
     {"auto", HistogramInterval::kAuto},
     {"none", HistogramInterval::kNone}}};
constexpr std::array<std::pair<std::string_view, HistogramNormalize>, 3> kNormalizations = {
    {{"archive", HistogramNormalize::kArchive},
     {"issuer", HistogramNormalize::kIssuer},
     {"none", HistogramNormalize::kNone}}};
constexpr std::array<std::pair<std::string_view, ExportFormat>, 3> kFormats = {
    {{"ndjson", ExportFormat::kNdjson},
     {"json", ExportFormat::kJson},
     {"csv", ExportFormat::kCsv}}};

template <class E, size_t N>
Result<void> parse_choice(std::string_view name, std::string_view v,
                          const std::array<std::pair<std::string_view, E>, N>& names, E* out) {
  auto e = lookup(names, v);
  if (!e)
    return bad(name,
               std::string(name) + " must be one of " + choices(names) + ", got " + quoted(v));
  *out = *e;
  return {};
}

Result<void> apply_date(std::string_view name, std::string_view v, bool upper, std::string* text,
                        std::string* key) {
  auto b = date_bound(v, upper);
  if (!b) return bad(name, std::string(name) + ": " + b.error().message);
  *text = std::string(v);
  *key = b.value();
  return {};
}

std::string no_bounds(const Limits&) { return ""; }

// Position of the first byte that breaks strict UTF-8 (overlong forms, surrogates and code points
// past U+10FFFF included), or of a NUL byte; npos when the text is clean. Such bytes can match
// nothing in the index (records are repaired at ingest) and would reach logs and JSON unescaped.
size_t first_bad_byte(std::string_view v) {
  for (size_t i = 0; i < v.size();) {
    const size_t n = v[i] == '\0' ? 0 : text::valid_utf8_len(v, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

Result<void> check_text(std::string_view name, std::string_view v) {
  const size_t at = first_bad_byte(v);
  if (at == std::string_view::npos) return {};
  if (v[at] == '\0')
    return bad(name, std::string(name) + " contains a NUL byte (at byte " + std::to_string(at + 1) +
                         "); remove it");
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto c = static_cast<unsigned char>(v[at]);
  return bad(name, std::string(name) + " is not valid UTF-8 text (byte 0x" + kHex[c >> 4] +
                       kHex[c & 15] + " at byte " + std::to_string(at + 1) +
                       "); send UTF-8, percent-encoded");
}

// The work a query can cause grows with its words and its nesting: both are bounded before the
// parser (and Xapian's recursive query code) sees the text.
Result<void> check_query_shape(std::string_view name, std::string_view q, const Limits& l) {
  unsigned depth = 0, deepest = 0;
  bool quoted_text = false;
  for (char c : q) {
    if (c == '"') quoted_text = !quoted_text;
    if (quoted_text) continue;
    if (c == '(') deepest = std::max(deepest, ++depth);
    if (c == ')' && depth > 0) --depth;
  }
  if (deepest > l.max_query_depth)
    return bad(name, "the query nests brackets " + std::to_string(deepest) + " deep; at most " +
                         std::to_string(l.max_query_depth) + " levels are accepted");
  const std::string words = lenient_words(q);
  const size_t terms =
      words.empty() ? 0 : 1 + static_cast<size_t>(std::count(words.begin(), words.end(), ' '));
  if (terms > l.max_query_terms)
    return bad(name, "the query has " + std::to_string(terms) + " words; at most " +
                         std::to_string(l.max_query_terms) + " are accepted");
  return {};
}

const std::array<ParamSpec, 14>& table() {
  static const std::array<ParamSpec, 14> kTable = {{
      {"q", "query text", kAll, false,
       [](const Limits& l) { return "at most " + std::to_string(l.max_query_bytes) + " bytes"; },
       "",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits& l) -> Result<void> {
         if (v.size() > l.max_query_bytes)
           return bad(n, "the query is " + std::to_string(v.size()) + " bytes long; at most " +
                             std::to_string(l.max_query_bytes) + " bytes are accepted");
         if (auto checked = check_query_shape(n, v, l); !checked) return checked;
         s.req.q = std::string(v);
         return {};
       }},
      {"issuer", "string", kAll | kM, true, no_bounds, "",
       [](ParseState& s, std::string_view, std::string_view v, const Limits&) -> Result<void> {
         s.req.issuers.emplace_back(v);
         return {};
       }},
      {"topic", "string", kAll, true, no_bounds, "",
       [](ParseState& s, std::string_view, std::string_view v, const Limits&) -> Result<void> {
         s.req.topics.emplace_back(v);
         return {};
       }},
      {"from", "date", kAll | kM, false,
       [](const Limits&) { return std::string("YYYY, YYYY-MM or YYYY-MM-DD"); }, "",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return apply_date(n, v, false, &s.req.from, &s.req.from_key);
       }},
      {"to", "date", kAll | kM, false,
       [](const Limits&) { return std::string("YYYY, YYYY-MM or YYYY-MM-DD"); }, "",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return apply_date(n, v, true, &s.req.to, &s.req.to_key);
       }},
      {"sort", "enum", kS | kE, false, [](const Limits&) { return choices(kSorts); }, "relevance",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return parse_choice(n, v, kSorts, &s.req.sort);
       }},
      {"page", "integer", kS, false,
       [](const Limits& l) { return "1.." + std::to_string(l.max_result_window); }, "1",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits& l) {
         return parse_count(n, v, 1, l.max_result_window, &s.req.page);
       }},
      {"per_page", "integer", kS | kM, false,
       [](const Limits& l) { return "1.." + std::to_string(l.max_per_page); }, "20",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits& l) {
         return parse_count(n, v, 1, l.max_per_page, &s.req.per_page);
       }},
      {"facets", "list", kS, true, [](const Limits&) { return choices(kFacets) + ", none"; },
       "issuer,topic,year",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) -> Result<void> {
         if (!s.facets_given) s.req.facets.clear();
         s.facets_given = true;
         for (auto item : split_list(v)) {
           if (item == "none") continue;
           FacetField f{};
           if (auto parsed = parse_choice(n, item, kFacets, &f); !parsed) {
             Error err = parsed.error();
             err.message = "facets lists facet names among " + choices(kFacets) +
                           " (or none), got " + quoted(item);
             return err;
           }
           if (std::find(s.req.facets.begin(), s.req.facets.end(), f) == s.req.facets.end())
             s.req.facets.push_back(f);
         }
         return {};
       }},
      {"facet_size", "integer", kS, false,
       [](const Limits& l) { return "1.." + std::to_string(l.max_facet_size); }, "10",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits& l) {
         return parse_count(n, v, 1, l.max_facet_size, &s.req.facet_size);
       }},
      {"histogram", "enum", kS, false, [](const Limits&) { return choices(kHistograms); }, "none",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return parse_choice(n, v, kHistograms, &s.req.histogram);
       }},
      {"histogram_normalize", "enum", kS, false,
       [](const Limits&) { return choices(kNormalizations); }, "none",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return parse_choice(n, v, kNormalizations, &s.req.histogram_normalize);
       }},
      {"format", "enum", kE, false, [](const Limits&) { return choices(kFormats); }, "ndjson",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) {
         return parse_choice(n, v, kFormats, &s.req.format);
       }},
      {"fields", "list", kE, true,
       [](const Limits&) {
         std::string s;
         for (auto f : kExportFields) s += (s.empty() ? "" : ", ") + std::string(f);
         return s;
       },
       "all fields",
       [](ParseState& s, std::string_view n, std::string_view v, const Limits&) -> Result<void> {
         for (auto item : split_list(v)) {
           if (std::find(kExportFields.begin(), kExportFields.end(), item) == kExportFields.end()) {
             std::string known;
             for (auto f : kExportFields) known += (known.empty() ? "" : ", ") + std::string(f);
             return bad(n, "fields lists record fields among " + known + ", got " + quoted(item));
           }
           if (std::find(s.req.fields.begin(), s.req.fields.end(), item) == s.req.fields.end())
             s.req.fields.emplace_back(item);
         }
         return {};
       }},
  }};
  return kTable;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string_view endpoint_name(Endpoint e) {
  switch (e) {
    case Endpoint::kExport:
      return "export";
    case Endpoint::kFeed:
      return "feed";
    case Endpoint::kSimilar:
      return "similar";
    case Endpoint::kSearch:
      break;
  }
  return "search";
}

Error unknown_param(std::string_view name, Endpoint endpoint) {
  const unsigned mask = static_cast<unsigned>(endpoint);
  std::string accepted, suggestion;
  size_t best = 3;  // suggest only close names
  for (const auto& spec : table()) {
    if (!(spec.endpoints & mask)) continue;
    accepted += (accepted.empty() ? "" : ", ") + std::string(spec.name);
    size_t d = edit_distance(name, spec.name);
    if (d < best) {
      best = d;
      suggestion = spec.name;
    }
  }
  std::string msg;
  bool known = std::any_of(table().begin(), table().end(),
                           [&](const ParamSpec& s) { return s.name == name; });
  if (known)
    msg = "parameter '" + std::string(name) + "' does not apply to " +
          std::string(endpoint_name(endpoint)) + " requests";
  else
    msg = "unknown parameter " + quoted(name);
  if (!suggestion.empty() && !known) msg += " (did you mean '" + suggestion + "'?)";
  msg += "; accepted: " + accepted;
  return bad(name, std::move(msg));
}

}  // namespace

Result<SearchRequest> parse_params(const QueryParams& params, Endpoint endpoint,
                                   const Limits& limits) {
  const unsigned mask = static_cast<unsigned>(endpoint);
  ParseState state;
  std::vector<std::string_view> seen;
  for (const auto& [name, value] : params) {
    const ParamSpec* spec = nullptr;
    for (const auto& s : table())
      if (s.name == name && (s.endpoints & mask)) spec = &s;
    if (!spec) return unknown_param(name, endpoint);
    if (!spec->repeatable) {
      if (std::find(seen.begin(), seen.end(), spec->name) != seen.end())
        return bad(name, "parameter '" + name + "' is given more than once");
      seen.push_back(spec->name);
    }
    if (value.empty()) continue;
    if (auto checked = check_text(name, value); !checked) return checked.error();
    if (auto applied = spec->apply(state, name, value, limits); !applied) return applied.error();
  }
  SearchRequest& req = state.req;
  if (!req.from_key.empty() && !req.to_key.empty() && req.from_key > req.to_key)
    return bad("from", "from (" + req.from + ") is after to (" + req.to + ")");
  if (req.histogram_normalize != HistogramNormalize::kNone &&
      req.histogram == HistogramInterval::kNone)
    return bad("histogram_normalize",
               "histogram_normalize needs a histogram: add histogram=year, month, day or auto");
  const unsigned long long reach =
      static_cast<unsigned long long>(req.page) * static_cast<unsigned long long>(req.per_page);
  if (reach > limits.max_result_window)
    return bad("page", "page " + std::to_string(req.page) + " with per_page " +
                           std::to_string(req.per_page) + " would reach result " +
                           std::to_string(reach) + "; pages reach result " +
                           std::to_string(limits.max_result_window) +
                           " at most (use /api/v1/export for complete result sets)");
  return std::move(state.req);
}

std::vector<ParamInfo> endpoint_params(Endpoint endpoint, const Limits& limits) {
  std::vector<ParamInfo> out;
  for (const auto& s : table()) {
    if (!(s.endpoints & static_cast<unsigned>(endpoint))) continue;
    out.push_back(ParamInfo{std::string(s.name), std::string(s.type), s.bounds(limits),
                            std::string(s.default_value), s.repeatable});
  }
  return out;
}

}  // namespace pressroom
