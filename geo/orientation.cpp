#include "geo/orientation.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace geo {
namespace {

// a + b = s + e exactly (Knuth's TwoSum).
inline void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bv = s - a;
  const double av = s - bv;
  e = (a - av) + (b - bv);
}

// a * b = p + e exactly, using a fused multiply-add for the error term.
inline void two_product(double a, double b, double& p, double& e) {
  p = a * b;
  e = std::fma(a, b, -p);
}

// Adds one component to a non-overlapping expansion kept in increasing
// order of magnitude (Shewchuk's GROW-EXPANSION with zero elimination).
void grow_expansion(std::vector<double>& expansion, double b) {
  std::vector<double> grown;
  grown.reserve(expansion.size() + 1);
  double q = b;
  for (double component : expansion) {
    double sum, err;
    two_sum(q, component, sum, err);
    if (err != 0) grown.push_back(err);
    q = sum;
  }
  if (q != 0 || grown.empty()) grown.push_back(q);
  expansion.swap(grown);
}

int sign_of(const std::vector<double>& expansion) {
  // The most significant component decides the sign of the whole sum.
  for (auto it = expansion.rbegin(); it != expansion.rend(); ++it) {
    if (*it > 0) return 1;
    if (*it < 0) return -1;
  }
  return 0;
}

int exact_orientation(Point a, Point b, Point c) {
  // Each difference is an exact two-term expansion (hi + lo).
  double acx, acx_lo, acy, acy_lo, bcx, bcx_lo, bcy, bcy_lo;
  two_sum(a.x, -c.x, acx, acx_lo);
  two_sum(a.y, -c.y, acy, acy_lo);
  two_sum(b.x, -c.x, bcx, bcx_lo);
  two_sum(b.y, -c.y, bcy, bcy_lo);
  const double left[2] = {acx, acx_lo};
  const double left2[2] = {bcy, bcy_lo};
  const double right[2] = {acy, acy_lo};
  const double right2[2] = {bcx, bcx_lo};
  std::vector<double> expansion;
  expansion.reserve(20);
  for (double u : left) {
    for (double v : left2) {
      double p, e;
      two_product(u, v, p, e);
      grow_expansion(expansion, p);
      grow_expansion(expansion, e);
    }
  }
  for (double u : right) {
    for (double v : right2) {
      double p, e;
      two_product(u, v, p, e);
      grow_expansion(expansion, -p);
      grow_expansion(expansion, -e);
    }
  }
  return sign_of(expansion);
}

}  // namespace

int orientation(Point a, Point b, Point c) {
  const double detleft = (a.x - c.x) * (b.y - c.y);
  const double detright = (a.y - c.y) * (b.x - c.x);
  const double det = detleft - detright;
  // Error bound of the naive evaluation (Shewchuk's ccwerrboundA).
  constexpr double eps = std::numeric_limits<double>::epsilon() / 2;
  constexpr double bound_factor = (3.0 + 16.0 * eps) * eps;
  const double detsum = std::fabs(detleft) + std::fabs(detright);
  if (std::fabs(det) > bound_factor * detsum) return det > 0 ? 1 : -1;
  return exact_orientation(a, b, c);
}

}  // namespace geo
