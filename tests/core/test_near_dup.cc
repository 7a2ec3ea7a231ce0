// Wire copies (pressroom/near_dup.h): the signature and the same-statement rule on hand-made
// pairs, the estimates against exact counts, and the bad inputs (empty, one repeated word, 1 MB).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "pressroom/near_dup.h"

using namespace pressroom::near_dup;

namespace {

// A sentencing announcement in the DOJ's style, with its particulars as parameters.
std::string sentencing(const std::string& name, const std::string& town, int months, int age,
                       const std::string& date) {
  return "WASHINGTON – " + name + ", " + std::to_string(age) + ", of " + town +
         ", was sentenced today to " + std::to_string(months) +
         " months in prison for conspiring to defraud the United States and for filing false "
         "tax returns, the Justice Department and the Internal Revenue Service announced.\n\n"
         "U.S. District Judge Dennis Saylor also ordered " +
         name +
         " to pay restitution to the IRS and to serve three years of supervised release. A "
         "federal jury convicted " +
         name + " on " + date +
         " after a two-week trial in which the government showed that the defendant ran a payroll "
         "service business that received money from clients to pay their payroll taxes but kept "
         "it.\n\n"
         "According to the evidence presented at trial, the business did not pay over the "
         "withheld employment taxes to the Internal Revenue Service, and the defendant used the "
         "money for personal expenses, including vacations, vehicles and a second home. The "
         "defendant also failed to report the income on individual tax returns for several "
         "years.\n\n"
         "Acting Assistant Attorney General Caroline Ciraolo of the Tax Division commended the "
         "special agents of IRS Criminal Investigation, who investigated the case, and the Tax "
         "Division trial attorneys who prosecuted it.";
}

const std::string kBase = sentencing("Charles Adams", "Norwood, Mass.", 48, 61, "April 2, 2012");

std::string words(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += "w" + std::to_string(rng() % 50000) + ' ';
  }
  return out;
}

double seconds_for(const std::string& body) {
  const auto start = std::chrono::steady_clock::now();
  const Signature s = signature(body);
  const auto end = std::chrono::steady_clock::now();
  CHECK(s.shingles.hashes.size() <= kSketchSize);
  return std::chrono::duration<double>(end - start).count();
}

}  // namespace

TEST_CASE(
    "near_dup: white space, line breaks, punctuation and apostrophes do not change the signature",
    "[near_dup]") {
  const Signature plain = signature("The Justice Departments Criminal Division said it was fine");
  CHECK(signature("The  Justice Department’s\n\nCriminal Division said: “it was fine.”") == plain);
  CHECK(signature("The Justice Department's Criminal Division -- said it was fine!") == plain);
  CHECK(signature("THE JUSTICE DEPARTMENT?S CRIMINAL DIVISION SAID IT WAS FINE") != plain);
  CHECK(compare(signature("the justice department?s criminal division said it was fine"), plain)
            .resemblance == 1.0);
}

TEST_CASE("near_dup: re-issues and reformatted copies are the same statement", "[near_dup]") {
  struct Case {
    const char* what;
    std::string copy;
  };
  auto c = GENERATE(values<Case>({
      {"identical", kBase},
      {"reformatted", "  " + kBase + "\n\n\n"},
      {"local paragraph first and last",
       "BOSTON – United States Attorney Carmen Ortiz for the District of Massachusetts joined "
       "the Department in announcing the sentence.\n\n" +
           kBase +
           "\n\nThe U.S. Attorney's Office thanks the local police department for its help."},
      {"a wire service's footer",
       kBase + "\n\n###\n\nAbout NewsLine Wire: NewsLine distributes releases from public "
               "agencies. Media contact: press@newsline.example. All rights reserved."},
      {"last paragraph dropped", kBase.substr(0, kBase.rfind("\n\n"))},
  }));
  INFO(c.what);
  const Similarity s = compare(signature(kBase), signature(c.copy));
  INFO(s.resemblance << " " << s.containment << " " << s.name_novelty << " " << s.number_swaps);
  CHECK(same_statement(s));
  CHECK(same_statement(c.copy, kBase));  // symmetric
}

TEST_CASE("near_dup: template releases with other particulars are different statements",
          "[near_dup]") {
  struct Case {
    const char* what;
    std::string other;
  };
  auto c = GENERATE(values<Case>({
      {"another defendant of the same office",
       sentencing("Catherine Floyd", "Sanbornville, N.H.", 60, 58, "April 2, 2012")},
      {"the same defendant, another sentence",
       sentencing("Charles Adams", "Norwood, Mass.", 84, 61, "April 2, 2012")},
      {"only the date of the verdict differs",
       sentencing("Charles Adams", "Norwood, Mass.", 48, 61, "May 14, 2013")},
  }));
  INFO(c.what);
  const Similarity s = compare(signature(kBase), signature(c.other));
  INFO(s.resemblance << " " << s.containment << " " << s.name_novelty << " " << s.number_swaps);
  CHECK_FALSE(same_statement(s));
}

TEST_CASE("near_dup: a lone shared boilerplate paragraph is not a copy", "[near_dup]") {
  const std::string boilerplate =
      "A file containing the business review request and the Department's response may be "
      "examined in the Antitrust Documents Group of the Antitrust Division, and the response "
      "will be made available for review on the Department's website.";
  const std::string full =
      "The Department of Justice announced today that it will not challenge a proposal by a "
      "group of universities to buy laboratory equipment together. The Department said the "
      "proposal is unlikely to harm competition and may lower costs for the members. The "
      "universities asked the Department for its view under the business review procedure last "
      "spring. Under the proposal, the members would pool their orders for microscopes, "
      "centrifuges and other instruments, while each remains free to buy on its own. The "
      "Department found that the members together buy a small share of the instruments sold in "
      "the country and that suppliers would keep selling to others on their own terms. The "
      "letter notes that the Department may still act if the proposal is used to fix the "
      "prices the members pay their staff or the prices they charge students. " +
      boilerplate;
  const Similarity s = compare(signature(boilerplate), signature(full));
  CHECK(s.containment == 1.0);
  CHECK_FALSE(same_statement(s));
}

TEST_CASE("near_dup: empty bodies are never copies", "[near_dup]") {
  const Signature empty = signature("");
  CHECK(empty.shingles.size == 0);
  CHECK(empty.names.size == 0);
  CHECK(empty.numbers.size == 0);
  CHECK(signature(" \n\t ,.;— “”") == empty);
  CHECK_FALSE(same_statement(compare(empty, empty)));
  CHECK_FALSE(same_statement(compare(empty, signature(kBase))));
  CHECK_FALSE(same_statement("", ""));
}

TEST_CASE("near_dup: short bodies have one shingle of all their words", "[near_dup]") {
  const Signature s = signature("Statement follows");
  CHECK(s.shingles.size == 1);
  CHECK(s.names.size == 1);
  CHECK(same_statement("Statement follows", "statement,  follows."));
  CHECK_FALSE(same_statement("Statement follows", "Statement withdrawn"));
}

TEST_CASE("near_dup: estimates from the sketches are close to the exact figures", "[near_dup]") {
  // Two bodies of 3,000 words sharing their first 2,000: 1,997 shared shingles, 1,003 of each
  // alone (the shingles crossing the cut count as alone).
  const std::string shared = words(2000, 1);
  const std::string a = shared + words(1000, 2), b = shared + words(1000, 3);
  const Signature sa = signature(a), sb = signature(b);
  CHECK(sa.shingles.hashes.size() == kSketchSize);
  CHECK(sa.shingles.size == 2997);
  const Similarity s = compare(sa, sb);
  const double exact = 1997.0 / (1997.0 + 2 * 1000.0);
  CHECK(s.resemblance == Approx(exact).margin(0.12));
  CHECK(s.containment == Approx(1997.0 / 2997.0).margin(0.12));
  // Symmetric.
  const Similarity r = compare(sb, sa);
  CHECK(r.resemblance == s.resemblance);
  CHECK(r.containment == s.containment);
  CHECK(r.number_changes == s.number_changes);
}

TEST_CASE("near_dup: one repeated word, 1 MB bodies and longer ones take bounded time",
          "[near_dup]") {
  std::string spam;
  while (spam.size() < (std::size_t{1} << 20)) spam += "spam ";
  const Signature s = signature(spam);
  CHECK(s.shingles.size == 1);
  CHECK(s.shingles.hashes.size() == 1);
  CHECK(seconds_for(spam) < 5.0);

  const std::string big = words(180000, 7);  // ≈ 1.2 MB of distinct words
  CHECK(big.size() > (std::size_t{1} << 20));
  CHECK(seconds_for(big) < 5.0);
  CHECK(signature(big) == signature(big));  // deterministic

  // Past kMaxBodyBytes the rest is not read.
  std::string huge = words(700000, 9);
  REQUIRE(huge.size() > kMaxBodyBytes);
  CHECK(signature(huge) == signature(huge.substr(0, kMaxBodyBytes)));
  CHECK(seconds_for(huge) < 20.0);

  // One "word" of a megabyte, and bytes that are not UTF-8.
  CHECK(signature(std::string(std::size_t{1} << 20, 'x')).shingles.size == 1);
  CHECK(signature("\xFF\xFE\xC3 caf\xC3\xA9 \xE2\x80\x99s").shingles.size == 1);
}
