#include "geo/huge_pages.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace {

// fill_fresh is assign() whatever memory it takes: new memory (with the huge
// page hint on arrays of several pages of 2 MiB), or the vector's own.
TEST(HugePages, FillFreshGivesWhatAssignGives) {
  std::vector<double> v{1, 2, 3};
  geo::fill_fresh(v, 3'000'000, 0.5);  // 24 MB: new memory, hinted
  ASSERT_EQ(v.size(), 3'000'000u);
  EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](double x) { return x == 0.5; }));
  const double* kept = v.data();
  geo::fill_fresh(v, 10, -1.0);  // fits: the same memory, refilled
  ASSERT_EQ(v.size(), 10u);
  EXPECT_EQ(v.data(), kept);
  EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](double x) { return x == -1.0; }));
  std::vector<std::uint8_t> empty;
  geo::fill_fresh(empty, 0, std::uint8_t{7});
  EXPECT_TRUE(empty.empty());
}

// reserve_fresh is reserve(): the elements stay, in order, and there is room
// for n; a container with room already keeps its memory.
TEST(HugePages, ReserveFreshKeepsTheElements) {
  std::vector<std::uint64_t> v(1000);
  std::iota(v.begin(), v.end(), 1);
  geo::reserve_fresh(v, 1'000'000);  // 8 MB: new memory, hinted, then the elements copied
  EXPECT_GE(v.capacity(), 1'000'000u);
  ASSERT_EQ(v.size(), 1000u);
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i + 1);
  const std::uint64_t* kept = v.data();
  geo::reserve_fresh(v, 10);
  EXPECT_EQ(v.data(), kept);
  std::string text = "text that stays";
  geo::reserve_fresh(text, 5'000'000);
  EXPECT_GE(text.capacity(), 5'000'000u);
  EXPECT_EQ(text, "text that stays");
}

}  // namespace
