#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/evaluate/align.hpp"
#include "clir/evaluate/compare.hpp"

namespace {

using clir::Labels;
using Ids = std::vector<std::string>;

TEST(AlignById, ReordersTheCandidateByCode) {
  const Ids ref_ids = {"A", "B", "C", "D"};
  const Ids cand_ids = {"D", "C", "B", "A"};
  const auto a = clir::align_by_id(ref_ids, Labels{0, 0, 1, 1}, cand_ids, Labels{7, 7, 3, 3});
  EXPECT_EQ(a.ids, ref_ids);
  EXPECT_EQ(a.candidate, (Labels{3, 3, 7, 7}));
  EXPECT_DOUBLE_EQ(clir::adjusted_rand_index(a.reference, a.candidate), 1.0);
}

TEST(AlignById, PublishedGroupingAgainstItsMinistryPart) {
  // All 19 published communities as a "candidate", the 18 of the ministry's text as reference.
  const auto& all = clir::builtin_clir2024();
  const auto ministry = all.ministry_only();
  ASSERT_EQ(ministry.members.size(), 18u);
  const auto all_codes = all.codes(), ministry_codes = ministry.codes();
  EXPECT_THROW(clir::align_by_id(ministry_codes, ministry.labels(), all_codes, all.labels()), clir::InputError);
  const auto a = clir::align_by_id(ministry_codes, ministry.labels(), all_codes, all.labels(),
                                   {.ignore_extra_candidate_ids = true});
  EXPECT_EQ(a.ids.size(), 18u);
  EXPECT_EQ(a.candidate, a.reference);
}

TEST(AlignById, RejectsRepeatedMissingAndExtraIds) {
  const Ids ids = {"A", "B"};
  try {
    clir::align_by_id(Ids{"A", "A"}, Labels{0, 1}, ids, Labels{0, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'A': listed twice in the reference (items 0 and 1)");
  }
  try {
    clir::align_by_id(ids, Labels{0, 1}, Ids{"A", "C"}, Labels{0, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'B': in the reference but not in the candidate");
  }
  try {
    clir::align_by_id(ids, Labels{0, 1}, Ids{"A", "B", "C"}, Labels{0, 1, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "C");
  }
  try {
    clir::align_by_id(ids, Labels{0}, ids, Labels{0, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'reference': 2 ids but 1 labels");
  }
}

}  // namespace
