#include "engine/priorities/local_stats.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "engine/parallel.hpp"
#include "engine/priorities/random.hpp"
#include "engine/priorities/stats.hpp"

namespace engine::priorities {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Runs the conditional permutation for every unit.  `statistic(i, sum)` maps
// a neighbour sum of unit i to its statistic; observed and random values go
// through the same function, so ties in the sums are ties in the statistic.
template <class Stat>
std::vector<double> conditional_permutation(const std::vector<double>& y, const SpatialWeights& w,
                                            const PermutationOptions& options, std::uint64_t statistic_id,
                                            Stat&& statistic) {
  const std::size_t n = y.size();
  std::vector<double> p(n, kNaN);
  if (options.permutations <= 0 || n < 2) return p;
  parallel_chunks(n, thread_count(options.threads), [&](std::size_t begin, std::size_t end) {
    // The identity permutation; every draw undoes its swaps, so the pool is
    // the identity again at the start of every unit, whatever the chunking.
    std::vector<std::uint32_t> pool(n);
    std::iota(pool.begin(), pool.end(), 0u);
    std::vector<std::pair<std::size_t, std::size_t>> swaps;
    for (std::size_t i = begin; i < end; ++i) {
      const auto& nb = w.neighbours[i];
      const std::size_t k = nb.size();
      if (k == 0) continue;
      double observed_sum = 0;
      for (std::int32_t j : nb) observed_sum += y[static_cast<std::size_t>(j)];
      const double observed = statistic(i, observed_sum);
      // The other n - 1 units: i swapped to the end (and back below).
      std::swap(pool[i], pool[n - 1]);
      Random rng(options.seed, (options.stream * 0x100000001B3ULL + statistic_id) * 0x9E3779B1ULL + i);
      std::int64_t larger = 0;
      for (int draw = 0; draw < options.permutations; ++draw) {
        double sum = 0;
        swaps.clear();
        for (std::size_t t = 0; t < k; ++t) {  // partial Fisher–Yates over [t, n - 1)
          const std::size_t pick = t + static_cast<std::size_t>(rng.below(n - 1 - t));
          std::swap(pool[t], pool[pick]);
          swaps.emplace_back(t, pick);
          sum += y[pool[t]];
        }
        for (auto it = swaps.rbegin(); it != swaps.rend(); ++it) std::swap(pool[it->first], pool[it->second]);
        if (statistic(i, sum) >= observed) ++larger;
      }
      std::swap(pool[i], pool[n - 1]);
      const std::int64_t perms = options.permutations;
      if (perms - larger < larger) larger = perms - larger;
      p[i] = static_cast<double>(larger + 1) / static_cast<double>(perms + 1);
    }
  });
  return p;
}

}  // namespace

LocalStatistic getis_ord_star(const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& options) {
  const std::size_t n = y.size();
  LocalStatistic out;
  out.value.assign(n, kNaN);
  out.z.assign(n, kNaN);
  out.p_norm.assign(n, kNaN);
  if (n == 0) return out;
  double sum = 0, sum2 = 0;
  for (double v : y) {
    sum += v;
    sum2 += v * v;
  }
  const double nn = static_cast<double>(n);
  const double mean = sum / nn, variance = sum2 / nn - mean * mean;
  const double expected = 1 / nn;
  const double sd = std::sqrt(variance / (nn * nn) / (mean * mean));
  for (std::size_t i = 0; i < n; ++i) {
    double s = y[i];
    for (std::int32_t j : w.neighbours[i]) s += y[static_cast<std::size_t>(j)];
    const double k1 = static_cast<double>(w.neighbours[i].size() + 1);
    out.value[i] = s / k1 / sum;
    out.z[i] = (out.value[i] - expected) / sd;
    out.p_norm[i] = normal_sf(std::fabs(out.z[i]));
  }
  out.p_sim = conditional_permutation(y, w, options, 1, [&](std::size_t i, double neighbour_sum) {
    const double k1 = static_cast<double>(w.neighbours[i].size() + 1);
    return (neighbour_sum + y[i]) / k1 / sum;
  });
  return out;
}

LocalStatistic local_moran(const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& options) {
  const std::size_t n = y.size();
  LocalStatistic out;
  out.value.assign(n, kNaN);
  out.z.assign(n, kNaN);
  out.p_norm.assign(n, kNaN);
  out.quadrant.assign(n, 0);
  if (n == 0) return out;
  const double nn = static_cast<double>(n);
  double mean = 0;
  for (double v : y) mean += v;
  mean /= nn;
  double ss = 0;
  for (double v : y) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / nn);
  std::vector<double> z(n);
  double den = 0;
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = (y[i] - mean) / sd;
    den += z[i] * z[i];
  }
  auto statistic = [&](std::size_t i, double neighbour_sum) {
    const std::size_t k = w.neighbours[i].size();
    const double lag = k ? neighbour_sum / static_cast<double>(k) : 0;
    return (nn - 1) * z[i] * lag / den;
  };
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0;
    for (std::int32_t j : w.neighbours[i]) s += z[static_cast<std::size_t>(j)];
    const std::size_t k = w.neighbours[i].size();
    const double lag = k ? s / static_cast<double>(k) : 0;
    out.value[i] = statistic(i, s);
    const bool zp = z[i] > 0, lp = lag > 0;
    out.quadrant[i] = zp ? (lp ? 1 : 4) : (lp ? 2 : 3);
  }
  out.p_sim = conditional_permutation(z, w, options, 2, statistic);
  return out;
}

const char* quadrant_label(int q) {
  switch (q) {
    case 1: return "HH";
    case 2: return "LH";
    case 3: return "LL";
    case 4: return "HL";
    default: return "";
  }
}

}  // namespace engine::priorities
