#include "geo/orientation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

using geo::orientation;
using geo::Point;

TEST(Orientation, SignsOfSimpleTurns) {
  EXPECT_EQ(orientation({0, 0}, {1, 0}, {0, 1}), 1);   // left turn
  EXPECT_EQ(orientation({0, 0}, {1, 0}, {0, -1}), -1); // right turn
  EXPECT_EQ(orientation({0, 0}, {1, 1}, {2, 2}), 0);   // collinear
}

// Points on the line y = x/3 + c built from exact binary fractions are exactly
// collinear; nudging one by one ulp must flip the sign the right way even
// where the naive determinant rounds to zero or to the wrong sign.
TEST(Orientation, ExactNearDegenerateCases) {
  const Point a{0.5, 0.5};
  const Point b{12, 12};
  for (int i = 0; i < 2000; ++i) {
    const double t = 0.5 + i * 0.0078125;  // exact in binary
    const Point c{t, t};
    EXPECT_EQ(orientation(a, b, c), 0) << t;
    EXPECT_EQ(orientation(a, b, {t, std::nextafter(t, 100.0)}), 1) << t;
    EXPECT_EQ(orientation(a, b, {t, std::nextafter(t, -100.0)}), -1) << t;
  }
}

// The classic failure of naive orientation (Kettner et al., "Classroom
// examples of robustness problems"): p on a 64x64 grid of neighbouring
// doubles around (0.5, 0.5), against the line through (12,12) and (24,24).
// By hand, the determinant is 12 * (py - px), so its sign is sign(j - i).
TEST(Orientation, KettnerGridAgainstHandComputedSign) {
  const long double u = std::ldexp(1.0L, -53);
  const Point q{12, 12}, r{24, 24};
  for (int i = 0; i < 64; ++i) {
    for (int j = 0; j < 64; ++j) {
      const Point p{0.5 + static_cast<double>(i * u), 0.5 + static_cast<double>(j * u)};
      const int expected = (j > i) - (j < i);
      EXPECT_EQ(orientation(p, q, r), expected) << i << "," << j;
    }
  }
}

TEST(Orientation, AntisymmetricAndCyclic) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> d(-180, 180);
  for (int i = 0; i < 10000; ++i) {
    const Point a{d(rng), d(rng)}, b{d(rng), d(rng)}, c{d(rng), d(rng)};
    const int s = orientation(a, b, c);
    EXPECT_EQ(orientation(b, c, a), s);
    EXPECT_EQ(orientation(b, a, c), -s);
  }
}

}  // namespace
