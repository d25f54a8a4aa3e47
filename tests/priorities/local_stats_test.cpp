// Gi* and Local Moran's I: esda's published figures, hand-computed values on
// small graphs, brute force (dense matrices, GEOS contiguity) on the real
// Yemen districts, and the behaviour of the permutation p-values.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/priorities/local_stats.hpp"
#include "engine/priorities/random.hpp"
#include "fixtures.hpp"

using namespace engine::priorities;

namespace {

PermutationOptions no_permutations() {
  PermutationOptions o;
  o.permutations = 0;
  return o;
}

}  // namespace

// esda.G_Local docstring: DistanceBand(points, threshold=15), y = [2, 3, 3.2, 5, 8, 7],
// G_Local(y, w, transform='R', star=True).Zs.
TEST(LocalStats, GiStarMatchesEsdaDocstring) {
  const SpatialWeights w = make_weights({{1, 3}, {0, 3, 4}, {4}, {0, 1, 4}, {1, 2, 3, 5}, {4}});
  const std::vector<double> y = {2, 3, 3.2, 5, 8, 7};
  const LocalStatistic g = getis_ord_star(y, w, no_permutations());
  const double expected[] = {-0.62488094, -0.09144599, 0.41150696, -0.09144599, 0.24690418, 1.28024388};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(g.z[i], expected[i], 5e-9) << i;
  EXPECT_NEAR(g.value[0], (2 + 3 + 5) / 3.0 / 28.2, 1e-15);
  EXPECT_TRUE(std::isnan(g.p_sim[0]));
}

// A chain 0-1-2-3 with y = [1, 2, 3, 6]: mean 3, population variance 3.5.
TEST(LocalStats, ChainByHand) {
  const SpatialWeights w = make_weights({{1}, {0, 2}, {1, 3}, {2}});
  const std::vector<double> y = {1, 2, 3, 6};
  const LocalStatistic g = getis_ord_star(y, w, no_permutations());
  // G*_0 = (1 + 2) / 2 / 12 = 0.125, E = 1/4, sd = sqrt(3.5 / 16 / 9).
  const double sd = std::sqrt(3.5 / 16 / 9);
  EXPECT_NEAR(g.value[0], 0.125, 1e-15);
  EXPECT_NEAR(g.z[0], (0.125 - 0.25) / sd, 1e-12);
  EXPECT_NEAR(g.z[0], -0.8017837257, 1e-9);
  EXPECT_NEAR(g.z[1], (6.0 / 3 / 12 - 0.25) / sd, 1e-12);
  EXPECT_NEAR(g.z[2], (11.0 / 3 / 12 - 0.25) / sd, 1e-12);
  EXPECT_NEAR(g.z[3], 0.8017837257, 1e-9);
  EXPECT_NEAR(g.p_norm[3], 0.21133903708531726, 1e-12);  // scipy.stats.norm.sf(0.8017837257372732)

  const LocalStatistic m = local_moran(y, w, no_permutations());
  // z = (y - 3) / sqrt(3.5); I_i = (n - 1) z_i lag_i / sum z^2 = 3/4 z_i lag_i.
  EXPECT_NEAR(m.value[0], 0.75 * 2 / 3.5, 1e-12);
  EXPECT_NEAR(m.value[1], 0.75 * 1 / 3.5, 1e-12);
  EXPECT_NEAR(m.value[2], 0.0, 1e-12);
  EXPECT_NEAR(m.value[3], 0.0, 1e-12);
  EXPECT_EQ(m.quadrant, (std::vector<int>{3, 3, 2, 4}));  // LL, LL, LH (z = 0), HL (lag = 0)
  EXPECT_STREQ(quadrant_label(m.quadrant[0]), "LL");
  EXPECT_STREQ(quadrant_label(1), "HH");
}

TEST(LocalStats, IslandsAsEsda) {
  // Unit 2 is an island: G*_2 = y_2 / sum y, z = (y_2 - mean) / sd; Local Moran lag 0.
  const SpatialWeights w = make_weights({{1}, {0}, {}});
  const std::vector<double> y = {1, 2, 6};
  PermutationOptions o;
  o.permutations = 99;
  const LocalStatistic g = getis_ord_star(y, w, o);
  const double mean = 3, sd = std::sqrt((4 + 1 + 9) / 3.0);
  EXPECT_NEAR(g.value[2], 6.0 / 9, 1e-15);
  EXPECT_NEAR(g.z[2], (6 - mean) / sd, 1e-12);
  EXPECT_TRUE(std::isnan(g.p_sim[2]));
  EXPECT_FALSE(std::isnan(g.p_sim[0]));
  const LocalStatistic m = local_moran(y, w, o);
  EXPECT_EQ(m.value[2], 0.0);
  EXPECT_EQ(m.quadrant[2], 4);
}

// Brute force with dense matrices on the 335 real districts; contiguity from
// GEOS intersects (independent of queen_weights).
TEST(LocalStats, YemenDistrictsBruteForce) {
  const auto level = priorities_testing::yemen(2);
  const std::size_t n = level.units.size();
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0));
  std::vector<std::vector<std::int32_t>> lists(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto ei = level.units[i].shape.envelope();
    for (std::size_t j = i + 1; j < n; ++j) {
      const auto ej = level.units[j].shape.envelope();
      if (ei.min_x > ej.max_x || ej.min_x > ei.max_x || ei.min_y > ej.max_y || ej.min_y > ei.max_y) continue;
      if (level.units[i].shape.intersects(level.units[j].shape)) {
        a[i][j] = a[j][i] = 1;
        lists[i].push_back(static_cast<std::int32_t>(j));
        lists[j].push_back(static_cast<std::int32_t>(i));
      }
    }
  }
  const SpatialWeights w = make_weights(lists);
  // Counts with a west-east trend and noise.
  Random rng(7, 0);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto e = level.units[i].shape.envelope();
    y[i] = std::floor(50 * std::max(0.0, 50 - e.min_x) + 40 * rng.uniform());
  }
  const LocalStatistic g = getis_ord_star(y, w, no_permutations());
  const LocalStatistic m = local_moran(y, w, no_permutations());
  // Dense esda formulas.
  const double nn = static_cast<double>(n);
  const double sum = std::accumulate(y.begin(), y.end(), 0.0), mean = sum / nn;
  double ss = 0;
  for (double v : y) ss += (v - mean) * (v - mean);
  const double var = ss / nn;
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = (y[i] - mean) / std::sqrt(var);
  std::size_t islands = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> row = a[i];
    row[i] = 1;  // star: self-weight 1, then row-standardise
    double rs = 0;
    for (double v : row) rs += v;
    double gi = 0;
    for (std::size_t j = 0; j < n; ++j) gi += row[j] / rs * y[j];
    gi /= sum;
    const double zi = (gi - 1 / nn) / std::sqrt(1 * (nn - 1) / (nn - 1) / (nn * nn) * var / (mean * mean));
    EXPECT_NEAR(g.value[i], gi, 1e-12 * gi);
    EXPECT_NEAR(g.z[i], zi, 1e-9);
    // Local Moran: row-standardised without self.
    double k = 0, lag = 0;
    for (std::size_t j = 0; j < n; ++j) k += a[i][j];
    for (std::size_t j = 0; j < n; ++j) lag += k > 0 ? a[i][j] / k * z[j] : 0;
    islands += k == 0;
    EXPECT_NEAR(m.value[i], (nn - 1) * z[i] * lag / nn, 1e-9);
  }
  EXPECT_EQ(islands, w.islands.size());
}

TEST(LocalStats, PermutationsAreSeededAndThreadIndependent) {
  const auto level = priorities_testing::lattice(20, 20);
  std::vector<std::vector<std::int32_t>> lists(400);
  for (int r = 0; r < 20; ++r)
    for (int c = 0; c < 20; ++c)
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc)
          if ((dr || dc) && r + dr >= 0 && r + dr < 20 && c + dc >= 0 && c + dc < 20)
            lists[static_cast<std::size_t>(r * 20 + c)].push_back((r + dr) * 20 + c + dc);
  const SpatialWeights w = make_weights(lists);
  Random rng(99, 1);
  std::vector<double> y(400);
  for (double& v : y) v = std::floor(100 * rng.uniform());
  PermutationOptions one;
  one.permutations = 999;
  one.seed = 42;
  one.threads = 1;
  PermutationOptions many = one;
  many.threads = 4;
  const auto a = getis_ord_star(y, w, one), b = getis_ord_star(y, w, many);
  EXPECT_EQ(a.p_sim, b.p_sim);
  const auto ma = local_moran(y, w, one), mb = local_moran(y, w, many);
  EXPECT_EQ(ma.p_sim, mb.p_sim);
  PermutationOptions other = one;
  other.seed = 43;
  EXPECT_NE(getis_ord_star(y, w, other).p_sim, a.p_sim);
  // Under spatial randomness the folded pseudo p is about uniform on (0, 0.5]: mean near 0.25.
  double mean_p = 0;
  for (double p : a.p_sim) mean_p += p / 400;
  EXPECT_GT(mean_p, 0.2);
  EXPECT_LT(mean_p, 0.3);
  // A planted hot spot: the 3x3 block at the centre far above the rest.
  std::vector<double> planted(400, 1);
  for (int r = 9; r <= 11; ++r)
    for (int c = 9; c <= 11; ++c) planted[static_cast<std::size_t>(r * 20 + c)] = 100;
  for (std::size_t i = 0; i < 400; ++i) planted[i] += static_cast<double>(i % 3);
  const auto hot = getis_ord_star(planted, w, one);
  EXPECT_DOUBLE_EQ(hot.p_sim[10 * 20 + 10], 1.0 / 1000);
  EXPECT_GT(hot.z[10 * 20 + 10], 5);
  const auto lisa = local_moran(planted, w, one);
  EXPECT_EQ(lisa.quadrant[10 * 20 + 10], 1);
  EXPECT_DOUBLE_EQ(lisa.p_sim[10 * 20 + 10], 1.0 / 1000);
}
