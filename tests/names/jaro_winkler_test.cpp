// Jaro and Jaro–Winkler against the worked examples published with the
// measure (Winkler 1990; also in most textbooks and on Wikipedia), plus its
// defining properties on random strings.

#include <gtest/gtest.h>

#include <random>

#include "engine/names/jaro_winkler.hpp"

namespace {

using engine::names::jaro;
using engine::names::jaro_winkler;

TEST(JaroWinkler, PublishedExamples) {
  EXPECT_NEAR(jaro(U"MARTHA", U"MARHTA"), 0.944, 0.0005);
  EXPECT_NEAR(jaro_winkler(U"MARTHA", U"MARHTA"), 0.961, 0.0005);
  EXPECT_NEAR(jaro(U"DWAYNE", U"DUANE"), 0.822, 0.0005);
  EXPECT_NEAR(jaro_winkler(U"DWAYNE", U"DUANE"), 0.840, 0.0005);
  EXPECT_NEAR(jaro(U"DIXON", U"DICKSONX"), 0.767, 0.0005);
  EXPECT_NEAR(jaro_winkler(U"DIXON", U"DICKSONX"), 0.813, 0.0005);
}

TEST(JaroWinkler, EdgeCases) {
  EXPECT_EQ(jaro_winkler(U"", U""), 1.0);
  EXPECT_EQ(jaro_winkler(U"", U"a"), 0.0);
  EXPECT_EQ(jaro_winkler(U"abc", U"xyz"), 0.0);
  EXPECT_EQ(jaro_winkler(U"عدن", U"عدن"), 1.0);
  EXPECT_EQ(jaro_winkler(U"a", U"a"), 1.0);
}

TEST(JaroWinkler, BoundedSymmetricAndOneOnlyForEqualStrings) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> length(0, 9), letter(0, 3);
  for (int i = 0; i < 5000; ++i) {
    std::u32string a, b;
    for (int n = length(rng); n > 0; --n) a.push_back(static_cast<char32_t>(U'a' + letter(rng)));
    for (int n = length(rng); n > 0; --n) b.push_back(static_cast<char32_t>(U'a' + letter(rng)));
    const double ab = jaro_winkler(a, b);
    EXPECT_GE(ab, 0.0);
    EXPECT_LE(ab, 1.0 + 1e-12);
    EXPECT_NEAR(ab, jaro_winkler(b, a), 1e-12);
    EXPECT_GE(ab + 1e-12, jaro(a, b));  // the prefix bonus never lowers the score
    if (a != b) { EXPECT_LT(ab, 1.0); }
  }
}

}  // namespace
