// Exact count statistics against hand-computed values and scipy.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "engine/priorities/stats.hpp"
#include "fixtures.hpp"

using namespace engine::priorities;

TEST(Stats, BinomialTailsByHand) {
  // X ~ Bin(4, 0.5): P(X >= 3) = (4 + 1) / 16; P(X <= 1) = 5 / 16.
  EXPECT_NEAR(binomial_upper_tail(3, 4, 0.5), 5.0 / 16, 1e-15);
  EXPECT_NEAR(binomial_lower_tail(1, 4, 0.5), 5.0 / 16, 1e-15);
  // X ~ Bin(10, 0.2): P(X >= 5) = 1 - sum_{k<5} C(10,k) .2^k .8^(10-k) = 0.0327934976
  EXPECT_NEAR(binomial_upper_tail(5, 10, 0.2), 0.0327934976, 1e-12);
  EXPECT_EQ(binomial_upper_tail(0, 10, 0.2), 1.0);
  EXPECT_EQ(binomial_upper_tail(11, 10, 0.2), 0.0);
  // Two-sided, Bin(10, 0.5), k = 2: P(X <= 2) + P(X >= 8) = 2 * 56 / 1024.
  EXPECT_NEAR(binomial_two_sided(2, 10, 0.5), 112.0 / 1024, 1e-14);
}

TEST(Stats, BenjaminiHochbergByHand) {
  // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): raw 0.02, 0.02, 0.04, 0.04.
  const auto q = benjamini_hochberg({0.01, 0.04, 0.03, 0.005});
  EXPECT_NEAR(q[0], 0.02, 1e-15);
  EXPECT_NEAR(q[1], 0.04, 1e-15);
  EXPECT_NEAR(q[2], 0.04, 1e-15);
  EXPECT_NEAR(q[3], 0.02, 1e-15);
  // Monotonicity step: 0.01*3/1 = 0.03 > 0.02*3/2 = 0.03, 0.04*3/3 = 0.04 ... and capping at 1.
  const auto q2 = benjamini_hochberg({0.02, 0.01, 0.9, NAN});
  EXPECT_NEAR(q2[0], 0.03, 1e-15);
  EXPECT_NEAR(q2[1], 0.03, 1e-15);
  EXPECT_NEAR(q2[2], 0.9, 1e-15);
  EXPECT_TRUE(std::isnan(q2[3]));
  EXPECT_EQ(bh_threshold({0.01, 0.04, 0.03, 0.005}, 0.05), 0.04);
  EXPECT_EQ(bh_threshold({0.01, 0.04, 0.03, 0.005}, 0.02), 0.01);
  EXPECT_EQ(bh_threshold({0.5, 0.6}, 0.05), 0.0);
}

TEST(Stats, AgainstScipy) {
  if (!priorities_testing::python_has("scipy")) GTEST_SKIP() << "python3-scipy is not installed";
  struct Case {
    long k, n;
    double p;
  };
  const std::vector<Case> cases = {{3, 4, 0.5},      {0, 7, 0.3},       {7, 7, 0.3},      {12, 40, 0.1},
                                   {1, 40, 0.1},     {250, 1000, 0.2},  {150, 1000, 0.2}, {5000, 30000, 0.15},
                                   {4300, 30000, 0.15}, {2, 3000, 0.001}, {17, 3000, 0.001}, {61, 100, 0.5},
                                   {40, 100, 0.5},   {1, 1, 0.999},     {20, 25, 0.4},    {900, 1200, 0.7}};
  std::ostringstream script;
  script.precision(17);
  script << "from scipy import stats\ncases=[";
  for (const auto& c : cases) script << "(" << c.k << "," << c.n << "," << c.p << "),";
  script << "]\nfor k,n,p in cases:\n"
            "    t=stats.binomtest(k,n,p)\n"
            "    ci=t.proportion_ci(confidence_level=0.95, method='exact')\n"
            "    print(repr(float(stats.binom.sf(k-1,n,p))), repr(float(stats.binom.cdf(k,n,p))), repr(float(t.pvalue)),"
            " repr(float(ci.low)), repr(float(ci.high)))\n";
  std::istringstream out(priorities_testing::python(script.str()));
  for (const auto& c : cases) {
    double upper, lower, two, low, high;
    ASSERT_TRUE(out >> upper >> lower >> two >> low >> high);
    SCOPED_TRACE("k=" + std::to_string(c.k) + " n=" + std::to_string(c.n) + " p=" + std::to_string(c.p));
    auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(b), 1e-300) + 1e-300; };
    EXPECT_PRED2(close, binomial_upper_tail(c.k, c.n, c.p), upper);
    EXPECT_PRED2(close, binomial_lower_tail(c.k, c.n, c.p), lower);
    EXPECT_PRED2(close, binomial_two_sided(c.k, c.n, c.p), two);
    const Interval ci = clopper_pearson(c.k, c.n, 0.05);
    EXPECT_NEAR(ci.low, low, 1e-10);
    EXPECT_NEAR(ci.high, high, 1e-10);
  }
}
