#pragma once
// Local spatial statistics as esda (PySAL) defines them, on binary
// contiguity or distance-band weights (engine/priorities/weights.hpp).
//
// Getis–Ord Gi* — esda.G_Local(y, w, transform='R', star=True): the binary
// weights get a self-weight of 1 and are row-standardised, so
//   G*_i  = sum_j w_ij y_j / sum_j y_j,   w_ij = 1 / (k_i + 1) over i and its k_i neighbours
//   E[G*_i] = 1 / n
//   V[G*_i] = (n - 1) / (n - 1) / n^2 * s^2 / ybar^2   (esda: cardinality 1 after row-standardising)
//   z_i   = (G*_i - E) / sqrt(V)
// with ybar and s^2 the mean and population variance of y.  An island keeps
// only its self-weight (G*_i = y_i / sum y), exactly as esda.
//
// Local Moran's I — esda.Moran_Local(y, w, transform='r'): z = (y - ybar) / s,
//   I_i = (n - 1) z_i lag_i / sum z^2, lag_i = mean of z over the neighbours (0 for islands),
// quadrant q_i = 1 HH (z > 0, lag > 0), 2 LH, 3 LL, 4 HL (z > 0, lag <= 0).
//
// Conditional permutation pseudo p-values (esda crand): for unit i, each of
// `permutations` draws gives i k_i neighbours drawn without replacement from
// the other n - 1 units; with `larger` the number of draws >= the observed
// statistic, p_sim = (min(larger, permutations - larger) + 1) / (permutations + 1).
// Draws come from a per-unit stream of (seed, statistic, unit), so results
// are identical for the same seed whatever the thread count (they are not
// numpy's draws: p_sim values match esda's in distribution, not digit for digit).
// Islands have no permutation distribution: their p_sim is NaN (esda would
// report 1 / (permutations + 1)).

#include <cstdint>
#include <vector>

#include "engine/priorities/weights.hpp"

namespace engine::priorities {

struct LocalStatistic {
  std::vector<double> value;  // G*_i or I_i
  std::vector<double> z;      // analytic z (Gi*); NaN for Local Moran
  std::vector<double> p_norm; // one-sided normal p of |z| (esda p_norm); NaN for Local Moran
  std::vector<double> p_sim;  // permutation pseudo p; NaN without permutations and for islands
  std::vector<int> quadrant;  // Local Moran only: 1 HH, 2 LH, 3 LL, 4 HL
};

struct PermutationOptions {
  int permutations = 999;       // 0 = none
  std::uint64_t seed = 12345;
  std::uint64_t stream = 0;     // separates independent statistics with one seed
  int threads = 0;              // 0 = one per core; results never depend on it
};

LocalStatistic getis_ord_star(const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& options);
LocalStatistic local_moran(const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& options);

const char* quadrant_label(int q);  // "HH", "LH", "LL", "HL", "" for others

}  // namespace engine::priorities
