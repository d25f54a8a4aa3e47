#pragma once
// Small exact statistics for counts, written out so the analysis depends on
// nothing beyond the standard library: binomial tails (through the
// regularised incomplete beta function), the two-sided exact binomial test
// as scipy.stats.binomtest computes it, Clopper–Pearson intervals, the
// normal distribution and Benjamini–Hochberg adjusted p-values.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <vector>

namespace engine::priorities {

// Regularised incomplete beta I_x(a, b), a, b > 0, x in [0, 1].
double incomplete_beta(double a, double b, double x);

// P(X >= k) for X ~ Binomial(n, p).  scipy.stats.binom.sf(k - 1, n, p).
double binomial_upper_tail(std::int64_t k, std::int64_t n, double p);
// P(X <= k).  scipy.stats.binom.cdf(k, n, p).
double binomial_lower_tail(std::int64_t k, std::int64_t n, double p);
// Two-sided exact test: the probability of every outcome no more likely than
// k (relative tolerance 1e-7), as scipy.stats.binomtest(k, n, p).pvalue.
double binomial_two_sided(std::int64_t k, std::int64_t n, double p);

// Clopper–Pearson interval for a binomial proportion k / n at confidence
// 1 - alpha (scipy binomtest(...).proportion_ci(method='exact')).
struct Interval {
  double low = 0, high = 1;
};
Interval clopper_pearson(std::int64_t k, std::int64_t n, double alpha);

double normal_cdf(double z);
double normal_sf(double z);  // 1 - cdf, accurate in the upper tail

// Benjamini–Hochberg adjusted p-values (q-values), as
// statsmodels.stats.multitest.multipletests(method='fdr_bh')[1]: monotone,
// capped at 1, in the input order.  NaN p-values are ignored and stay NaN.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);
// The largest p-value still rejected by BH at level q (0 when none), as
// esda.fdr(p, q) returns.
double bh_threshold(const std::vector<double>& p, double q);

}  // namespace engine::priorities
