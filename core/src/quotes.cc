// Finding quotations: quotation marks are paired paragraph by paragraph (with repairs for marks an
// archive lost), long quotations are joined across paragraphs, then each quotation's attribution
// is read from the text right after it ("…," said X) or right before it (X said: "…"), and
// speakers are resolved within the body. Why each rule exists: docs/statements.md.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pressroom/quotes.h"
#include "pressroom/text.h"
#include "quotes_internal.h"

namespace pressroom::quotes {
namespace {

using detail::starts_upper;

constexpr std::size_t kMaxSpans = 5000;    // quotations looked at per body
constexpr std::size_t kLookAround = 320;   // bytes of attribution read before or after a quote
constexpr std::size_t kMaxResolved = 200;  // distinct names resolved against the body

enum class MarkKind { kOpen, kClose, kStraight };

struct Mark {
  std::size_t pos = 0;
  std::size_t len = 0;
  MarkKind kind = MarkKind::kStraight;
  bool german_close = false;  // “ after „ closes
};

struct Span {
  std::size_t para = 0;
  std::size_t b = 0, e = 0;            // content, without marks
  std::size_t mark_b = 0, mark_e = 0;  // with its marks (= b, e where a mark is missing)
  bool open_marked = false, close_marked = false;
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // content per paragraph
  std::string phrase;                                       // attribution phrase, if known
  std::string attribution;
  bool own_attribution = false;
};

struct Para {
  std::size_t b = 0, e = 0;
};

constexpr std::array<std::string_view, 22> kVerbs = {
    "said",      "says",      "stated",   "states",   "added",  "adds", "noted", "explained",
    "continued", "commented", "declared", "remarked", "wrote",  "told", "sagte", "erklärte",
    "a déclaré", "a ajouté",  "afirmó",   "declaró",  "señaló", "dijo"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<Para> paragraphs(std::string_view body) {
  std::vector<Para> out;
  std::size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && is_space(body[i])) ++i;
    if (i >= body.size()) break;
    std::size_t j = i;
    for (;;) {
      auto nl = body.find('\n', j);
      if (nl == std::string_view::npos) {
        j = body.size();
        break;
      }
      std::size_t k = nl + 1;
      while (k < body.size() && (body[k] == ' ' || body[k] == '\t' || body[k] == '\r')) ++k;
      if (k >= body.size() || body[k] == '\n') {
        j = nl;
        break;
      }
      j = k;
    }
    std::size_t e = j;
    while (e > i && is_space(body[e - 1])) --e;
    out.push_back({i, e});
    i = j;
  }
  return out;
}

std::vector<Mark> marks_in(std::string_view body, Para p) {
  std::vector<Mark> out;
  bool german = false;
  for (std::size_t i = p.b; i < p.e && out.size() < 4 * kMaxSpans; ++i) {
    auto c = static_cast<unsigned char>(body[i]);
    if (c == '"') {
      out.push_back({i, 1, MarkKind::kStraight});
    } else if (c == 0xE2 && i + 2 < p.e && static_cast<unsigned char>(body[i + 1]) == 0x80) {
      auto d = static_cast<unsigned char>(body[i + 2]);
      if (d == 0x9C) {
        out.push_back({i, 3, german ? MarkKind::kClose : MarkKind::kOpen, german});
        german = false;
      } else if (d == 0x9D) {
        out.push_back({i, 3, MarkKind::kClose});
      } else if (d == 0x9E) {
        out.push_back({i, 3, MarkKind::kOpen});
        german = true;
      }
    } else if (c == 0xC2 && i + 1 < p.e) {
      auto d = static_cast<unsigned char>(body[i + 1]);
      if (d == 0xAB) out.push_back({i, 2, MarkKind::kOpen});
      if (d == 0xBB) out.push_back({i, 2, MarkKind::kClose});
    }
  }
  return out;
}

// Whether a straight mark opens (true) or closes, from the characters around it.
bool straight_opens(std::string_view body, Para p, std::size_t pos, bool inside) {
  if (pos == p.b) return true;
  if (pos + 1 >= p.e) return false;
  char prev = body[pos - 1], next = body[pos + 1];
  bool prev_space = is_space(prev) || prev == '(' || prev == '[' || prev == '-' || prev == '/';
  bool next_space = is_space(next);
  if (prev_space && !next_space) return true;
  if (!prev_space && next_space) return false;
  if (!prev_space && std::ispunct(static_cast<unsigned char>(prev)) && prev != '\'') return false;
  return !inside;
}

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool sp = is_space(c);
    if (!sp && !in_word) ++n;
    in_word = !sp;
  }
  return n;
}

bool is_verb_at(std::string_view s, std::size_t i, std::size_t* len) {
  for (auto v : kVerbs) {
    if (s.substr(i, v.size()) == v) {
      std::size_t end = i + v.size();
      // "saidDeputy Attorney General …": the scrape lost the space after the verb.
      if (end < s.size() && std::islower(static_cast<unsigned char>(s[end]))) continue;
      if (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) continue;
      *len = v.size();
      return true;
    }
  }
  return false;
}

// Where the sentence that starts at s[0] ends: at a quotation mark, a line break, or a full stop
// followed by a new sentence ("… Cronan. This case …", "… Porter.Working …").
std::size_t sentence_end(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\n' || (c == 0xE2 && i + 1 < s.size()) ||
        (c == 0xC2 && i + 1 < s.size() &&
         (static_cast<unsigned char>(s[i + 1]) == 0xAB ||
          static_cast<unsigned char>(s[i + 1]) == 0xBB))) {
      if (c != 0xE2 || (static_cast<unsigned char>(s[i + 1]) == 0x80 && i + 2 < s.size() &&
                        static_cast<unsigned char>(s[i + 2]) >= 0x9C &&
                        static_cast<unsigned char>(s[i + 2]) <= 0x9E))
        return i;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t ws = i;
    while (ws > 0 && !is_space(s[ws - 1])) --ws;
    std::string_view word = s.substr(ws, i - ws);
    std::size_t j = i + 1;
    if (j >= s.size()) return i;
    // Initials ("Leslie R. Caldwell", "E.B.") and abbreviated titles ("U.S.") end no sentence.
    bool initial = !word.empty() && word.size() <= 3 && starts_upper(word) &&
                   std::isupper(static_cast<unsigned char>(word.back()));
    if (initial || (c == '.' && detail::is_role_word(std::string(word) + "."))) continue;
    bool abbrev = word.size() <= 2 || word.find('.') != word.npos;
    if (!is_space(s[j])) {
      bool lower_word = !word.empty() && std::islower(static_cast<unsigned char>(word.back()));
      if (!abbrev && lower_word && std::isupper(static_cast<unsigned char>(s[j]))) return i;
      continue;
    }
    while (j < s.size() && s[j] == ' ') ++j;
    if (j >= s.size()) return i;
    if (s[j] == '"' || static_cast<unsigned char>(s[j]) >= 0xC2) return i;
    // A new sentence: "This case", "He thanked": a capitalised word and then a lower-case one.
    std::size_t k = j;
    while (k < s.size() && !is_space(s[k])) ++k;
    std::string_view next_word = s.substr(j, k - j);
    std::size_t m = k;
    while (m < s.size() && s[m] == ' ') ++m;
    bool next_lower = m < s.size() && std::islower(static_cast<unsigned char>(s[m]));
    if (starts_upper(next_word) && !detail::is_role_word(next_word) && (next_lower || !abbrev))
      return i;
  }
  return s.size();
}

std::string_view trim_punct(std::string_view s) {
  s = text::trim_view(s);
  while (!s.empty() && (s.front() == ',' || s.front() == ':' || s.front() == ';')) {
    s.remove_prefix(1);
    s = text::trim_view(s);
  }
  return s;
}

// `… ," said X, role. Next sentence` -> phrase "X, role"; `," X said.` -> "X".
bool tail_attribution(std::string_view tail, std::string& phrase, std::string& attribution) {
  auto t = trim_punct(tail);
  auto end = sentence_end(t);
  auto sentence = t.substr(0, end);
  std::size_t vlen = 0;
  if (t.starts_with("according to ") || t.starts_with("According to ")) vlen = 12;
  if (vlen || is_verb_at(sentence, 0, &vlen)) {
    phrase = std::string(text::trim_view(sentence.substr(vlen)));
    attribution = std::string(text::trim_view(sentence));
    return !phrase.empty();
  }
  for (std::size_t i = 1; i < sentence.size() && i < 160; ++i) {
    if (sentence[i - 1] != ' ') continue;
    if (!is_verb_at(sentence, i, &vlen)) continue;
    auto rest = text::trim_view(sentence.substr(i + vlen));
    if (!rest.empty() && rest != "." && rest.front() != ',' && rest.front() != ':') return false;
    auto before = text::trim_view(sentence.substr(0, i));
    if (before.empty() ||
        (!starts_upper(before) && before != "he" && before != "she" && before != "they" &&
         !before.starts_with("the ") && !before.starts_with("a ")))
      return false;
    phrase = std::string(before);
    attribution = std::string(text::trim_view(sentence));
    return true;
  }
  return false;
}

// `X, role, said: "` / `X said, "` / `According to X, "` / `the court said that "`.
bool head_attribution(std::string_view head, std::string& phrase, std::string& attribution) {
  auto h = text::trim_view(head);
  while (!h.empty() && (h.back() == ':' || h.back() == ','))
    h = text::trim_view(h.substr(0, h.size() - 1));
  if (h.ends_with(" that")) h = text::trim_view(h.substr(0, h.size() - 5));
  // The sentence the head's end belongs to.
  std::size_t start = 0;
  for (std::size_t guard = 0; guard < 16 && start < h.size(); ++guard) {
    auto e = sentence_end(h.substr(start));
    if (start + e >= h.size() || start + e + 1 >= h.size()) break;
    start += e + 1;
  }
  auto sentence = trim_punct(h.substr(start));
  for (auto v : kVerbs) {
    if (sentence.size() > v.size() && sentence.ends_with(v) &&
        sentence[sentence.size() - v.size() - 1] == ' ') {
      auto before = text::trim_view(sentence.substr(0, sentence.size() - v.size()));
      while (!before.empty() && before.back() == ',') before.remove_suffix(1);
      // "In making the announcement, Attorney General Jeff Sessions said": the subject only.
      auto comma = before.rfind(", ");
      if (comma != std::string_view::npos && !starts_upper(before))
        before = before.substr(comma + 2);
      if (before.empty()) return false;
      phrase = std::string(before);
      attribution = std::string(sentence);
      return true;
    }
  }
  // "According to Leufer, "…"": the phrase ends the head, right before the quotation.
  auto acc = sentence.rfind("ccording to ");
  auto trimmed = text::trim_view(head);
  if (acc != std::string_view::npos && acc > 0 && trimmed.ends_with(',')) {
    auto who = text::trim_view(sentence.substr(acc + 12));
    if (who.empty() || word_count(who) > 10) return false;
    phrase = std::string(who);
    attribution = std::string(sentence.substr(acc - 1));
    return true;
  }
  return false;
}

// "Operation Joint Hammer", "International Plan of Action for the Conservation of Sharks".
bool looks_like_title(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kSmall = {
      "of", "the", "and", "for", "a", "an", "in", "on", "to", "with", "at", "by"};
  auto words = detail::split_words(text);
  std::size_t significant = 0;
  for (auto w : words) {
    while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
    if (w.empty() || std::find(kSmall.begin(), kSmall.end(), w) != kSmall.end()) continue;
    if (!starts_upper(w) && !std::isdigit(static_cast<unsigned char>(w[0]))) return false;
    ++significant;
  }
  return significant > 0;
}

bool preceded_by_naming(std::string_view body, std::size_t mark) {
  std::size_t from = mark > 24 ? mark - 24 : 0;
  auto before = text::trim_view(body.substr(from, mark - from));
  for (std::string_view w :
       {"known as", "called", "titled", "entitled", "named", "aka", "a/k/a", "dubbed"}) {
    if (before.ends_with(w)) return true;
  }
  return false;
}

// An attribution inside text that lost its marks: "… people, said Special Agent Thornton. We …".
bool split_inner(std::string_view body, Span& s, Span& second) {
  auto text = body.substr(s.b, s.e - s.b);
  for (std::size_t i = 0; i + 2 < text.size() && i < 8 * kLookAround; ++i) {
    if (text[i] != ',' || text[i + 1] != ' ') continue;
    std::size_t vlen = 0;
    if (!is_verb_at(text, i + 2, &vlen)) continue;
    auto rest = text.substr(i + 2);
    auto end = sentence_end(rest);
    if (end >= rest.size() || end > kLookAround) continue;
    std::string phrase(text::trim_view(rest.substr(vlen, end - vlen)));
    if (phrase.empty() || !starts_upper(phrase)) continue;
    second = s;
    second.b = s.b + i + 2 + end + 1;
    while (second.b < s.e && is_space(body[second.b])) ++second.b;
    second.mark_b = second.b;
    second.open_marked = false;
    second.pieces.clear();
    s.e = s.b + i + 1;
    s.close_marked = false;
    s.mark_e = s.e;
    s.phrase = phrase;
    s.attribution = std::string(rest.substr(0, end + 1));
    s.own_attribution = true;
    return second.b < second.e;
  }
  return false;
}

class Segmenter {
 public:
  Segmenter(std::string_view body, std::size_t pi, Para p, std::vector<Span>& out)
      : body_(body), pi_(pi), p_(p), out_(out), last_end_(p.b) {}

  void run() {
    auto marks = marks_in(body_, p_);
    for (std::size_t k = 0; k < marks.size() && out_.size() < kMaxSpans; ++k) {
      const Mark& m = marks[k];
      bool opens = m.kind == MarkKind::kOpen ||
                   (m.kind == MarkKind::kStraight && straight_opens(body_, p_, m.pos, open_));
      if (!opens) {
        on_close(m);
        continue;
      }
      if (!open_) {
        start(m.pos + m.len, m.pos, true);
        continue;
      }
      // A straight quote inside a straight quote: short, and closed before the outer one.
      if (m.kind == MarkKind::kStraight && k + 2 < marks.size()) {
        const Mark& inner = marks[k + 1];
        bool inner_closes =
            inner.kind == MarkKind::kClose ||
            (inner.kind == MarkKind::kStraight && !straight_opens(body_, p_, inner.pos, true));
        if (inner_closes && word_count(body_.substr(m.pos + 1, inner.pos - m.pos - 1)) <= 5) {
          ++k;
          continue;
        }
      }
      // The quotation before lost its closing mark.
      finish(m.pos, m.pos, false);
      start(m.pos + m.len, m.pos, true);
    }
    if (open_) finish(p_.e, p_.e, false);
  }

 private:
  void start(std::size_t b, std::size_t mark_b, bool marked) {
    cur_ = Span{};
    cur_.para = pi_;
    cur_.b = b;
    cur_.mark_b = mark_b;
    cur_.open_marked = marked;
    open_ = true;
  }

  void finish(std::size_t e, std::size_t mark_e, bool marked) {
    cur_.e = e;
    cur_.mark_e = mark_e;
    cur_.close_marked = marked;
    while (cur_.b < cur_.e && is_space(body_[cur_.b])) ++cur_.b;
    while (cur_.e > cur_.b && is_space(body_[cur_.e - 1])) --cur_.e;
    open_ = false;
    last_end_ = mark_e;
    if (cur_.b < cur_.e) out_.push_back(cur_);
  }

  // A closing mark with no opening one: the quotation starts at the paragraph's start, or after
  // the sentence that followed the previous quotation (`"A," said X. B."`).
  void on_close(const Mark& m) {
    if (open_) {
      finish(m.pos, m.pos + m.len, true);
      return;
    }
    std::size_t b = last_end_;
    if (last_end_ > p_.b) {
      auto gap = body_.substr(last_end_, m.pos - last_end_);
      auto se = sentence_end(gap);
      if (se + 1 < gap.size()) b = last_end_ + se + 1;
    }
    start(b, b, false);
    finish(m.pos, m.pos + m.len, true);
  }

  std::string_view body_;
  std::size_t pi_;
  Para p_;
  std::vector<Span>& out_;
  std::size_t last_end_;
  bool open_ = false;
  Span cur_;
};

// Joins a quotation left open at its paragraph's end with the one that starts the next
// paragraph (opening marks repeat on each paragraph, the closing mark comes only at the end).
std::vector<Span> join_paragraphs(std::vector<Span> spans, const std::vector<Para>& paras) {
  std::vector<Span> out;
  for (auto& s : spans) {
    if (s.pieces.empty()) s.pieces.emplace_back(s.b, s.e);
    if (!out.empty()) {
      Span& prev = out.back();
      std::size_t last_para = prev.para + prev.pieces.size() - 1;
      bool prev_open = !prev.close_marked && prev.mark_e == paras[last_para].e;
      bool starts_para = s.mark_b == paras[s.para].b;
      if (prev_open && starts_para && s.para == last_para + 1 && !prev.own_attribution &&
          !s.own_attribution) {
        prev.pieces.emplace_back(s.b, s.e);
        prev.e = s.e;
        prev.mark_e = s.mark_e;
        prev.close_marked = s.close_marked;
        continue;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t last_para(const Span& s) { return s.para + s.pieces.size() - 1; }

// "Attorney General Eric Holder released the following statement …:" / "… Sessions said:".
bool intro_attribution(std::string_view para, std::string& phrase, std::string& attribution) {
  if (!para.ends_with(':')) return false;
  auto fs = para.find(" the following statement");
  if (fs != std::string_view::npos) {
    auto before = text::trim_view(para.substr(0, fs));
    auto sp = before.rfind(' ');
    if (sp == std::string_view::npos) return false;
    phrase = std::string(before.substr(0, sp));
    attribution = std::string(para);
    return true;
  }
  return head_attribution(para.substr(0, para.size() - 1), phrase, attribution);
}

void find_attributions(std::string_view body, const std::vector<Para>& paras,
                       std::vector<Span>& spans) {
  for (std::size_t i = 0; i < spans.size(); ++i) {
    Span& s = spans[i];
    if (s.own_attribution) continue;
    Para first = paras[s.para], last = paras[last_para(s)];
    std::size_t hb = first.b;
    if (i > 0 && last_para(spans[i - 1]) == s.para) hb = spans[i - 1].mark_e;
    if (s.mark_b > hb + kLookAround) hb = s.mark_b - kLookAround;
    std::size_t te = last.e;
    if (i + 1 < spans.size() && spans[i + 1].para == last_para(s)) te = spans[i + 1].mark_b;
    te = std::min(te, s.mark_e + kLookAround);
    auto head = body.substr(hb, s.mark_b - hb);
    auto tail = body.substr(s.mark_e, te > s.mark_e ? te - s.mark_e : 0);
    if (head_attribution(head, s.phrase, s.attribution) ||
        tail_attribution(tail, s.phrase, s.attribution)) {
      s.own_attribution = true;
    } else if (s.mark_b == first.b && s.para > 0 &&
               (i == 0 || last_para(spans[i - 1]) + 1 < s.para)) {
      Para prev = paras[s.para - 1];
      auto text = body.substr(prev.b, prev.e - prev.b);
      if (text.size() < 4 * kLookAround && intro_attribution(text, s.phrase, s.attribution))
        s.own_attribution = true;
    }
  }
}

std::string quote_text(std::string_view body, const Span& s) {
  std::string out;
  for (auto [b, e] : s.pieces) {
    if (!out.empty()) out += "\n\n";
    out += text::trim_view(body.substr(b, e - b));
  }
  return out;
}

struct Resolver {
  std::string_view body;
  std::vector<std::string> known;
  std::map<std::string, std::string> cache;

  std::string operator()(const std::string& name) {
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    if (cache.size() >= kMaxResolved) return name;
    auto full = detail::fullest_name(name, known, body);
    cache.emplace(name, full);
    return full;
  }
};

Speaker to_speaker(const detail::PhraseSpeaker& ps, std::string name) {
  Speaker sp;
  if (!name.empty()) sp.name = std::move(name);
  if (!ps.role.empty()) sp.role = ps.role;
  if (!ps.organisation.empty()) sp.organisation = ps.organisation;
  return sp;
}

bool not_a_quotation(std::string_view body, const Span& s, const std::string& text) {
  auto words = word_count(text);
  if (words <= 2) return true;
  if (s.own_attribution) return false;
  return looks_like_title(text) || preceded_by_naming(body, s.mark_b);
}

std::vector<Quote> assemble(std::string_view body, const std::vector<Para>& paras,
                            std::vector<Span>& spans) {
  std::vector<detail::PhraseSpeaker> parsed(spans.size());
  Resolver resolve{body, {}, {}};
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (!spans[i].own_attribution) continue;
    parsed[i] = detail::parse_speaker_phrase(spans[i].phrase);
    if (detail::split_words(parsed[i].name).size() >= 2) resolve.known.push_back(parsed[i].name);
  }
  std::vector<Quote> out;
  std::optional<Speaker> last_named;
  const Span* prev = nullptr;
  const Quote* prev_quote = nullptr;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    Quote q;
    q.text = quote_text(body, s);
    if (not_a_quotation(body, s, q.text)) continue;
    q.begin = s.pieces.front().first;
    q.end = s.pieces.back().second;
    bool has_speaker = false;
    if (s.own_attribution) {
      const auto& ps = parsed[i];
      q.attribution = s.attribution;
      if (ps.pronoun) {
        if (last_named) q.speaker = *last_named;
      } else {
        q.speaker = to_speaker(ps, ps.name.empty() ? std::string() : resolve(ps.name));
      }
      has_speaker = true;
    } else if (prev_quote && prev &&
               (last_para(*prev) == s.para ||
                (last_para(*prev) + 1 == s.para && s.mark_b == paras[s.para].b))) {
      q.speaker = prev_quote->speaker;
      q.attribution = prev_quote->attribution;
      has_speaker = !q.attribution.empty();
    }
    if (!has_speaker && word_count(q.text) <= 5) continue;
    if (q.speaker.name) last_named = q.speaker;
    out.push_back(std::move(q));
    prev = &s;
    prev_quote = &out.back();
  }
  return out;
}

}  // namespace

std::vector<Quote> extract_quotes(std::string_view body) {
  auto paras = paragraphs(body);
  std::vector<Span> raw;
  for (std::size_t i = 0; i < paras.size() && raw.size() < kMaxSpans; ++i) {
    Segmenter(body, i, paras[i], raw).run();
  }
  // Attributions that lost their marks split a quotation in two ("A, said X. B").
  std::vector<Span> spans;
  for (auto& s : raw) {
    if (!s.open_marked || !s.close_marked) {
      Span second;
      if (split_inner(body, s, second)) {
        spans.push_back(std::move(s));
        spans.push_back(std::move(second));
        continue;
      }
    }
    spans.push_back(std::move(s));
  }
  spans = join_paragraphs(std::move(spans), paras);
  find_attributions(body, paras, spans);
  return assemble(body, paras, spans);
}

}  // namespace pressroom::quotes
