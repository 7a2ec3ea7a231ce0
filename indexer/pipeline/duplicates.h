// Exact duplicates: releases whose normalised bodies are equal (the same body hash, value slot
// kSlotBodyHash and term kPrefixBodyHash). They are all indexed; every copy but the original
// carries "duplicate_of": "<id of the original>" in its record JSON (the document data), so a
// reader sees where a text came from first. Nothing folds the copies: search shows each of them
// (a collapse on the body-hash slot could, but neither core nor searchd does one).
// The original is the copy indexed first: the lowest document id among the copies.
// Not thread-safe (Xapian objects); used by the single writer.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include <xapian.h>

namespace pressroom::indexer {

inline constexpr std::string_view kDuplicateOfField = "duplicate_of";

// Sets duplicate_of in a document's data to `original_id`, or removes it when that is empty.
// Returns whether the data changed.
bool set_duplicate_of(Xapian::Document& doc, const std::string& original_id);

// The "id" and "duplicate_of" of a document's data ("" when absent or unreadable).
std::string record_id_of(const Xapian::Document& doc);
std::string duplicate_of(const Xapian::Document& doc);

// Makes every copy of each body hash point at its original again (after deletions and
// replacements changed who is first) and clears the field on originals. Reads the database as it
// is (commit pending changes first for speed). Returns the number of documents rewritten.
size_t refold_duplicates(Xapian::WritableDatabase& db, const std::set<std::string>& hashes);

}  // namespace pressroom::indexer
