// clir::detail::UnionFind: the smallest item is always the root, whatever the order of joins,
// which is what makes the must-link units and the category blocks numbered deterministically.
#include "clir/core/detail/union_find.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace {

TEST(UnionFind, SingletonsAreTheirOwnRoots) {
  clir::detail::UnionFind sets(4);
  EXPECT_EQ(sets.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(sets.find(i), i);
}

TEST(UnionFind, RootIsTheSmallestItemForAnyJoinOrder) {
  const std::vector<std::pair<std::size_t, std::size_t>> joins = {{5, 3}, {7, 5}, {1, 6}, {6, 2}, {3, 7}};
  for (int reversed = 0; reversed < 2; ++reversed) {
    clir::detail::UnionFind sets(8);
    if (reversed) {
      for (auto it = joins.rbegin(); it != joins.rend(); ++it) sets.join(it->second, it->first);
    } else {
      for (const auto& [a, b] : joins) sets.join(a, b);
    }
    const std::vector<std::size_t> expected = {0, 1, 1, 3, 4, 3, 1, 3};
    for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(sets.find(i), expected[i]) << "item " << i << ", reversed " << reversed;
  }
}

TEST(UnionFind, JoiningTwiceChangesNothing) {
  clir::detail::UnionFind sets(3);
  sets.join(2, 1);
  sets.join(1, 2);
  EXPECT_EQ(sets.find(2), 1u);
  EXPECT_EQ(sets.find(0), 0u);
}

}  // namespace
