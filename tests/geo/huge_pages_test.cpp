#include "geo/huge_pages.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
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

}  // namespace
