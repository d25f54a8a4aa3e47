#include "engine/priorities/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace engine::priorities {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the incomplete beta (modified Lentz).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300, eps = 1e-16;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m < 1000000; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < eps) break;
  }
  return h;
}

double log_binomial_pmf(std::int64_t k, std::int64_t n, double p) {
  if (p <= 0) return k == 0 ? 0 : -INFINITY;
  if (p >= 1) return k == n ? 0 : -INFINITY;
  const double kk = static_cast<double>(k), nn = static_cast<double>(n);
  return std::lgamma(nn + 1) - std::lgamma(kk + 1) - std::lgamma(nn - kk + 1) + kk * std::log(p) +
         (nn - kk) * std::log1p(-p);
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double binomial_upper_tail(std::int64_t k, std::int64_t n, double p) {
  if (k <= 0) return 1;
  if (k > n) return 0;
  // P(X >= k) = I_p(k, n - k + 1); computed on the smaller side for accuracy.
  const double a = static_cast<double>(k), b = static_cast<double>(n - k + 1);
  if (p >= (a + 1) / (a + b + 2)) return 1 - incomplete_beta(b, a, 1 - p);
  return incomplete_beta(a, b, p);
}

double binomial_lower_tail(std::int64_t k, std::int64_t n, double p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return binomial_upper_tail(n - k, n, 1 - p);  // P(X <= k) = P(n - X >= n - k)
}

double binomial_two_sided(std::int64_t k, std::int64_t n, double p) {
  if (n <= 0) return 1;
  const double d = log_binomial_pmf(k, n, p);
  constexpr double rerr = 1 + 1e-7;
  const double limit = d + std::log(rerr);
  // scipy: find the other tail's bound, then add the two tails.
  const double mean = static_cast<double>(n) * p;
  if (static_cast<double>(k) == mean) return 1;
  double total;
  if (static_cast<double>(k) < mean) {
    // y = number of x >= ceil(mean) with pmf <= d*rerr; search from the top.
    std::int64_t lo = static_cast<std::int64_t>(std::ceil(mean)), hi = n, first = n + 1;
    while (lo <= hi) {  // pmf decreasing on [ceil(mean), n]
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (log_binomial_pmf(mid, n, p) <= limit) {
        first = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    total = binomial_lower_tail(k, n, p) + (first <= n ? binomial_upper_tail(first, n, p) : 0);
  } else {
    std::int64_t lo = 0, hi = static_cast<std::int64_t>(std::floor(mean)), last = -1;
    while (lo <= hi) {  // pmf increasing on [0, floor(mean)]
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (log_binomial_pmf(mid, n, p) <= limit) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    total = (last >= 0 ? binomial_lower_tail(last, n, p) : 0) + binomial_upper_tail(k, n, p);
  }
  return std::min(1.0, total);
}

Interval clopper_pearson(std::int64_t k, std::int64_t n, double alpha) {
  Interval out;
  if (n <= 0) return out;
  // Lower: the p with P(X >= k | p) = alpha / 2; upper: P(X <= k | p) = alpha / 2.
  auto solve = [](auto f, double target) {
    double lo = 0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
      const double mid = 0.5 * (lo + hi);
      (f(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
  };
  if (k > 0) out.low = solve([&](double p) { return binomial_upper_tail(k, n, p); }, alpha / 2);  // increasing in p
  if (k < n) out.high = solve([&](double p) { return 1 - binomial_lower_tail(k, n, p); }, 1 - alpha / 2);
  return out;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
double normal_sf(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) idx.push_back(i);
  std::vector<double> q(p.size(), kNaN);
  const double m = static_cast<double>(idx.size());
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  double running = 1;
  for (std::size_t r = idx.size(); r-- > 0;) {
    running = std::min(running, p[idx[r]] * m / static_cast<double>(r + 1));
    q[idx[r]] = std::min(1.0, running);
  }
  return q;
}

double bh_threshold(const std::vector<double>& p, double q) {
  std::vector<double> s;
  for (double v : p)
    if (!std::isnan(v)) s.push_back(v);
  std::sort(s.begin(), s.end());
  const double m = static_cast<double>(s.size());
  double threshold = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] <= q * static_cast<double>(i + 1) / m) threshold = s[i];
  return threshold;
}

}  // namespace engine::priorities
