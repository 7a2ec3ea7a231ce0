#include "pressroom/facets.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "pressroom/database.h"
#include "pressroom/schema.h"

namespace pressroom {

namespace {

bool parse_int(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Year, month and day of a bucket key; month/day 0 when the key has no such part.
bool split_key(const std::string& key, int* y, int* m, int* d) {
  *m = *d = 0;
  if (key.size() != 4 && key.size() != 7 && key.size() != 10) return false;
  if (!parse_int(std::string_view(key).substr(0, 4), y)) return false;
  if (key.size() >= 7 && (key[4] != '-' || !parse_int(std::string_view(key).substr(5, 2), m)))
    return false;
  if (key.size() == 10 && (key[7] != '-' || !parse_int(std::string_view(key).substr(8, 2), d)))
    return false;
  return true;
}

// Number of months from the first to the last key (inclusive) of "YYYY-MM" keys.
long month_span(const std::vector<FacetValue>& months) {
  int y0, m0, d0, y1, m1, d1;
  if (months.empty() || !split_key(months.front().value, &y0, &m0, &d0) ||
      !split_key(months.back().value, &y1, &m1, &d1))
    return 0;
  return (y1 - y0) * 12L + (m1 - m0) + 1;
}

}  // namespace

std::string next_bucket_key(const std::string& key, HistogramInterval interval) {
  int y, m, d;
  if (!split_key(key, &y, &m, &d)) return "";
  char buf[16];
  switch (interval) {
    case HistogramInterval::kYear:
      std::snprintf(buf, sizeof buf, "%04d", y + 1);
      return buf;
    case HistogramInterval::kMonth:
      if (m < 1 || m > 12) return "";
      if (++m > 12) {
        m = 1;
        ++y;
      }
      std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
      return buf;
    case HistogramInterval::kDay: {
      using namespace std::chrono;
      year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
      if (!ymd.ok()) return "";
      year_month_day next{sys_days{ymd} + days{1}};
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(next.year()),
                    static_cast<unsigned>(next.month()), static_cast<unsigned>(next.day()));
      return buf;
    }
    case HistogramInterval::kNone:
    case HistogramInterval::kAuto:
      break;
  }
  return "";
}

FacetSource facet_source_for(const std::vector<Xapian::Database>& shards) {
  // Xapian 1.4 gives match spies the documents of a combined database with the docid of their
  // own shard (Document::get_docid), so the docids collected over several shards cannot be
  // placed in the combined value streams: one shard only.
  if (shards.size() != 1) return FacetSource::kSpies;
  try {
    (void)shards.front().get_revision();
  } catch (const Xapian::UnimplementedError&) {
    return FacetSource::kSpies;  // remote (or in-memory)
  } catch (const Xapian::InvalidOperationError&) {
    return FacetSource::kSpies;  // a stub naming several databases
  }
  return FacetSource::kValueStreams;
}

void DocidCollector::operator()(const Xapian::Document& doc, double) {
  docids_.push_back(doc.get_docid());
}

FacetCounter::FacetCounter(const Xapian::Database& db, const std::vector<FacetField>& facets,
                           HistogramInterval histogram, FacetSource source)
    : db_(db),
      // See facet_source_for: collected docids are only usable on a single database.
      source_(db.size() == 1 ? source : FacetSource::kSpies),
      histogram_(histogram) {
  auto need_year = [&] {
    if (year_ < 0) year_ = add_field(schema::kSlotYear, 1, FacetColumns::kYear);
  };
  auto need_month = [&] {
    if (month_ < 0) month_ = add_field(schema::kSlotMonth, 1, FacetColumns::kMonth);
  };
  auto need_day = [&] {
    if (day_ < 0) day_ = add_field(schema::kSlotDay, 1, FacetColumns::kDay);
  };
  for (FacetField f : facets) {
    switch (f) {
      case FacetField::kIssuer:
        if (issuer_ < 0)
          issuer_ =
              add_field(schema::kSlotIssuerFirst, max_issuer_slots(db), FacetColumns::kIssuer);
        break;
      case FacetField::kTopic:
        if (topic_ < 0)
          topic_ = add_field(schema::kSlotTopicFirst, max_topic_slots(db), FacetColumns::kTopic);
        break;
      case FacetField::kYear:
        need_year();
        break;
      case FacetField::kMonth:
        need_month();
        break;
    }
  }
  switch (histogram) {
    case HistogramInterval::kYear:
      need_year();
      break;
    case HistogramInterval::kMonth:
      need_month();
      break;
    case HistogramInterval::kDay:
      need_day();
      break;
    case HistogramInterval::kAuto:
      need_year();
      need_month();
      need_day();
      break;
    case HistogramInterval::kNone:
      break;
  }
}

int FacetCounter::add_field(Xapian::valueno first, unsigned slots, FacetColumns::Field column) {
  Field f;
  f.first = first;
  f.slots = slots;
  f.column = column;
  if (source_ == FacetSource::kSpies) {
    for (unsigned i = 0; i < slots; ++i)
      f.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(first + i));
  } else if (!collector_) {
    collector_ = std::make_unique<DocidCollector>();
  }
  fields_.push_back(std::move(f));
  counted_.emplace_back();
  return static_cast<int>(fields_.size()) - 1;
}

void FacetCounter::attach(Xapian::Enquire& enq) {
  if (collector_) enq.add_matchspy(collector_.get());
  for (auto& f : fields_)
    for (auto& spy : f.spies) enq.add_matchspy(spy.get());
}

void FacetCounter::use_columns(std::shared_ptr<const FacetColumns> columns) {
  if (source_ == FacetSource::kValueStreams) columns_ = std::move(columns);
}

std::optional<Xapian::doccount> FacetCounter::documents_seen() const {
  if (collector_) return static_cast<Xapian::doccount>(collector_->docids().size());
  for (const auto& f : fields_)
    if (!f.spies.empty()) return f.spies.front()->get_total();
  return std::nullopt;
}

const std::vector<FacetValue>& FacetCounter::counts(int field) const {
  static const std::vector<FacetValue> kNone;
  if (field < 0) return kNone;
  auto& slot = counted_[static_cast<size_t>(field)];
  if (!slot) {
    const Field& f = fields_[static_cast<size_t>(field)];
    slot = source_ == FacetSource::kSpies ? count_spies(f)
           : columns_                     ? count_columns(f)
                                          : count_streams(f);
  }
  return *slot;
}

std::vector<FacetValue> FacetCounter::count_columns(const Field& f) const {
  const FacetColumn& column = columns_->fields[f.column];
  std::vector<Xapian::doccount> counts(column.values.size(), 0);
  for (Xapian::docid did : collector_->docids()) column.count(did, counts);
  std::vector<FacetValue> out;
  for (size_t id = 0; id < counts.size(); ++id)
    if (counts[id] > 0) out.push_back(FacetValue{column.values[id], counts[id]});
  return out;
}

std::vector<FacetValue> FacetCounter::count_streams(const Field& f) const {
  std::vector<Xapian::docid>& docids = collector_->docids();
  if (!sorted_) {
    // The matcher visits shards' postings interleaved, not in combined-docid order.
    std::sort(docids.begin(), docids.end());
    sorted_ = true;
  }
  std::map<std::string, Xapian::doccount> sum;  // ascending, as the spies list them
  for (unsigned i = 0; i < f.slots && !docids.empty(); ++i) {
    const Xapian::valueno slot = f.first + i;
    Xapian::ValueIterator it = db_.valuestream_begin(slot);
    const Xapian::ValueIterator end = db_.valuestream_end(slot);
    // The previous value is kept so runs of the same value need no map lookup.
    std::string last;
    Xapian::doccount* last_count = nullptr;
    for (Xapian::docid did : docids) {
      if (it == end) break;
      if (it.get_docid() < did) {
        it.skip_to(did);
        if (it == end) break;
      }
      if (it.get_docid() != did) continue;
      std::string v = *it;
      if (v.empty()) continue;  // as ValueCountMatchSpy: an empty value is no value
      if (!last_count || v != last) {
        last_count = &sum[v];
        last = std::move(v);
      }
      ++*last_count;
    }
  }
  std::vector<FacetValue> out;
  out.reserve(sum.size());
  for (auto& [value, count] : sum) out.push_back(FacetValue{value, count});
  return out;
}

std::vector<FacetValue> FacetCounter::count_spies(const Field& f) const {
  const auto& spies = f.spies;
  if (spies.size() == 1) {  // one slot: the spy's own (value-ordered) list, no merging needed
    std::vector<FacetValue> out;
    for (auto it = spies.front()->values_begin(); it != spies.front()->values_end(); ++it)
      out.push_back(FacetValue{*it, it.get_termfreq()});
    return out;
  }
  std::unordered_map<std::string, Xapian::doccount> sum;
  for (const auto& spy : spies)
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
      sum[*it] += it.get_termfreq();
  std::vector<FacetValue> out;
  out.reserve(sum.size());
  for (auto& [value, count] : sum) out.push_back(FacetValue{value, count});
  std::sort(out.begin(), out.end(),
            [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
  return out;
}

std::vector<FacetValue> FacetCounter::facet(FacetField f, unsigned facet_size) const {
  int field = f == FacetField::kIssuer  ? issuer_
              : f == FacetField::kTopic ? topic_
              : f == FacetField::kYear  ? year_
                                        : month_;
  std::vector<FacetValue> v = counts(field);  // a copy: partially sorted below
  auto by_count = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  size_t n = std::min<size_t>(facet_size, v.size());
  std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), v.end(), by_count);
  v.resize(n);
  if (f == FacetField::kYear || f == FacetField::kMonth)
    std::sort(v.begin(), v.end(),
              [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
  return v;
}

Histogram FacetCounter::histogram() const {
  Histogram h;
  h.interval = histogram_;
  if (h.interval == HistogramInterval::kAuto) {
    const std::vector<FacetValue>& years = counts(year_);
    int y0 = 0, y1 = 0;
    bool wide = years.empty() || !parse_int(years.front().value, &y0) ||
                !parse_int(years.back().value, &y1) || y1 - y0 + 1 >= 3;
    if (wide) {
      h.interval = HistogramInterval::kYear;
    } else {
      const std::vector<FacetValue>& months = counts(month_);
      if (months.empty())
        h.interval = HistogramInterval::kYear;  // only year-precision dates
      else if (month_span(months) >= 3 || counts(day_).empty())
        h.interval = HistogramInterval::kMonth;
      else
        h.interval = HistogramInterval::kDay;
    }
  }
  int field = h.interval == HistogramInterval::kYear    ? year_
              : h.interval == HistogramInterval::kMonth ? month_
                                                        : day_;
  std::vector<FacetValue> present = counts(field);  // ascending by key
  if (present.empty()) return h;
  // Fill the gaps with zero buckets, so a timeline shows quiet periods, unless that explodes.
  std::vector<FacetValue> filled;
  std::string key = present.front().value;
  for (const auto& b : present) {
    while (!key.empty() && key < b.value && filled.size() <= kMaxFilledBuckets) {
      filled.push_back(FacetValue{key, 0});
      key = next_bucket_key(key, h.interval);
    }
    if (key.empty() || filled.size() > kMaxFilledBuckets) {
      h.buckets = std::move(present);
      return h;
    }
    filled.push_back(b);
    key = next_bucket_key(b.value, h.interval);
  }
  h.buckets = std::move(filled);
  return h;
}

}  // namespace pressroom
