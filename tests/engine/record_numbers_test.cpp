// engine::RecordNumbers against the vector of numbers it replaces: random
// sequences that run on from their first number for a while, then may jump,
// must read back the same, and cost nothing while they run on.

#include "engine/record_numbers.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace {

TEST(RecordNumbers, ReadLikeTheVectorTheyReplace) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::int64_t> expected;
    engine::RecordNumbers numbers;
    const std::int64_t first = static_cast<std::int64_t>(rng() % 5);  // 0..4: a tag row shifts by one
    const std::size_t run = rng() % 50, n = run + rng() % 50;
    bool jumped = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::int64_t next = expected.empty() ? first : expected.back() + 1;
      if (i >= run && rng() % 3 == 0) next += static_cast<std::int64_t>(rng() % 7) - 3;  // a gap, a repeat, a step back
      jumped = jumped || (!expected.empty() && next != expected.back() + 1);
      expected.push_back(next);
      numbers.push_back(next);
      ASSERT_EQ(numbers.size(), expected.size());
    }
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(numbers[i], expected[i]) << "trial " << trial << " record " << i;
    EXPECT_EQ(numbers.empty(), expected.empty());
    EXPECT_EQ(numbers.bytes() == 0, !jumped) << "trial " << trial;
    // Equal whatever way each side holds them.
    engine::RecordNumbers same;
    for (std::int64_t v : expected) same.push_back(v);
    EXPECT_TRUE(numbers == same);
    if (!expected.empty()) {
      engine::RecordNumbers other;
      for (std::size_t i = 0; i + 1 < n; ++i) other.push_back(expected[i]);
      other.push_back(expected.back() + 1);
      EXPECT_FALSE(numbers == other);
    }
  }
}

}  // namespace
