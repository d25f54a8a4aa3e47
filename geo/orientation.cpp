#include "geo/orientation.hpp"

#include <cmath>

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

// A sum of doubles kept exactly: non-overlapping components in increasing
// order of magnitude.  The determinant below adds 16 products' halves, so 16
// components always suffice; a fixed array keeps the exact path free of heap
// allocation (points on edges take it on every test).
struct Expansion {
  double component[16];
  int size = 0;

  // Shewchuk's GROW-EXPANSION with zero elimination, in place: component i
  // is read before anything is written at or after it.
  void grow(double b) {
    double q = b;
    int kept = 0;
    for (int i = 0; i < size; ++i) {
      double sum, err;
      two_sum(q, component[i], sum, err);
      if (err != 0) component[kept++] = err;
      q = sum;
    }
    if (q != 0 || kept == 0) component[kept++] = q;
    size = kept;
  }

  int sign() const {
    // The most significant component decides the sign of the whole sum.
    for (int i = size - 1; i >= 0; --i) {
      if (component[i] > 0) return 1;
      if (component[i] < 0) return -1;
    }
    return 0;
  }
};

}  // namespace

namespace detail {

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
  Expansion expansion;
  for (double u : left) {
    for (double v : left2) {
      double p, e;
      two_product(u, v, p, e);
      expansion.grow(p);
      expansion.grow(e);
    }
  }
  for (double u : right) {
    for (double v : right2) {
      double p, e;
      two_product(u, v, p, e);
      expansion.grow(-p);
      expansion.grow(-e);
    }
  }
  return expansion.sign();
}

}  // namespace detail

}  // namespace geo
