// Every graph metric against NetworkX (networkx_oracle.py), to 1e-9, on
// graphs chosen to exercise each one: disconnected with isolated actors,
// weighted with ties and without, articulation points and bridges, and
// seeded random graphs.

#include <gtest/gtest.h>

#include <boost/graph/betweenness_centrality.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "engine/coordination/metrics.hpp"
#include "networkx_oracle.hpp"

using namespace engine::coordination;
using coordination_testing::networkx_oracle;
using coordination_testing::OracleGraph;

namespace {

constexpr double kTolerance = 1e-9;

Graph to_graph(const OracleGraph& g) { return make_graph(g.vertices, g.edges, g.strengths); }

void expect_near_all(const std::vector<double>& ours, const nlohmann::json& theirs, double scale, const char* what) {
  ASSERT_EQ(ours.size(), theirs.size()) << what;
  for (std::size_t v = 0; v < ours.size(); ++v)
    EXPECT_NEAR(ours[v] * scale, theirs[v].get<double>(), kTolerance) << what << " of vertex " << v;
}

// Compares every metric of `g` with NetworkX's; returns ours.
GraphMetrics expect_agreement(const OracleGraph& g) {
  const GraphMetrics ours = compute_metrics(to_graph(g));
  const nlohmann::json nx = networkx_oracle(g);
  if (nx.is_null()) return ours;
  const std::size_t n = g.vertices;
  for (std::size_t v = 0; v < n; ++v) {
    EXPECT_EQ(ours.degree[v], nx["degree"][v].get<int>()) << "degree of " << v;
    EXPECT_NEAR(ours.weighted_degree[v], nx["weighted_degree"][v].get<double>(), kTolerance) << "weighted degree of " << v;
  }
  expect_near_all(ours.betweenness, nx["betweenness"], 1.0, "betweenness");
  expect_near_all(ours.betweenness_weighted, nx["betweenness_weighted"], 1.0, "weighted betweenness");
  // Ours are normalised by n - 1, NetworkX's harmonic centrality is not.
  const double scale = n > 1 ? static_cast<double>(n - 1) : 1.0;
  expect_near_all(ours.closeness, nx["harmonic"], scale, "harmonic closeness");
  expect_near_all(ours.closeness_weighted, nx["harmonic_weighted"], scale, "weighted harmonic closeness");

  // Components: the same partition, numbered largest first.
  std::multiset<std::size_t> their_sizes;
  for (const auto& component : nx["components"]) {
    their_sizes.insert(component.size());
    const std::int32_t label = ours.structure.component[component[0].get<std::size_t>()];
    for (const auto& v : component) EXPECT_EQ(ours.structure.component[v.get<std::size_t>()], label) << "vertex " << v;
    EXPECT_EQ(static_cast<std::size_t>(ours.structure.component_size[static_cast<std::size_t>(label - 1)]), component.size());
  }
  EXPECT_EQ(ours.structure.component_size.size(), nx["components"].size());
  EXPECT_TRUE(std::is_sorted(ours.structure.component_size.rbegin(), ours.structure.component_size.rend()));
  EXPECT_EQ(ours.totals.components, static_cast<std::int64_t>(nx["components"].size()));
  EXPECT_NEAR(ours.totals.largest_component_share, static_cast<double>(*their_sizes.rbegin()) / static_cast<double>(n),
              kTolerance);

  std::vector<int> articulation;
  for (std::size_t v = 0; v < n; ++v)
    if (ours.structure.articulation[v]) articulation.push_back(static_cast<int>(v));
  EXPECT_EQ(articulation, nx["articulation_points"].get<std::vector<int>>());

  std::vector<std::vector<int>> bridges;
  for (std::size_t e = 0; e < g.edges.size(); ++e)
    if (ours.structure.bridge[e]) bridges.push_back({std::min(g.edges[e].first, g.edges[e].second), std::max(g.edges[e].first, g.edges[e].second)});
  std::sort(bridges.begin(), bridges.end());
  EXPECT_EQ(bridges, nx["bridges"].get<std::vector<std::vector<int>>>());
  EXPECT_EQ(ours.totals.bridges, static_cast<std::int64_t>(bridges.size()));
  EXPECT_NEAR(ours.totals.density, nx["density"].get<double>(), kTolerance);
  return ours;
}

OracleGraph random_graph(std::size_t n, std::size_t m, std::uint64_t seed, bool weighted) {
  std::mt19937_64 random(seed);
  OracleGraph g;
  g.vertices = n;
  std::set<std::pair<std::int32_t, std::int32_t>> seen;
  while (g.edges.size() < m) {
    auto a = static_cast<std::int32_t>(random() % n), b = static_cast<std::int32_t>(random() % n);
    if (a == b || !seen.insert(std::minmax(a, b)).second) continue;
    g.edges.emplace_back(a, b);
    if (weighted) g.strengths.push_back(0.25 + static_cast<double>(random() % 1000) / 100.0);
  }
  return g;
}

}  // namespace

// Two components, a lone pair and three isolated actors: closeness must stay
// finite and betweenness must count only pairs that are connected.
TEST(CoordinationMetrics, DisconnectedGraphAgreesWithNetworkX) {
  OracleGraph g;
  g.vertices = 14;
  g.edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {1, 3},          // a path with a chord
             {5, 6}, {6, 7}, {7, 5}, {7, 8}, {8, 9},          // a triangle with a tail
             {10, 11}};                                        // a lone pair; 12, 13 isolated
  const GraphMetrics m = expect_agreement(g);
  EXPECT_EQ(m.totals.components, 5);
  EXPECT_EQ(m.totals.isolated, 2);
  EXPECT_EQ(m.closeness[12], 0.0);
}

// Strengths 1, 2 and 4 give lengths 1, 0.5 and 0.25, exact in binary, so
// weighted shortest paths tie exactly and the tie counting is exercised.
TEST(CoordinationMetrics, WeightedGraphWithExactTiesAgreesWithNetworkX) {
  OracleGraph g;
  g.vertices = 9;
  g.edges = {{0, 1}, {1, 2}, {0, 3}, {3, 2}, {0, 4}, {4, 2}, {2, 5}, {5, 6}, {2, 7}, {7, 6}, {6, 8}, {0, 8}};
  g.strengths = {2, 2, 1, 4, 4, 1, 1, 2, 2, 1, 4, 0.5};
  expect_agreement(g);
}

TEST(CoordinationMetrics, WeightedRandomGraphsAgreeWithNetworkX) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    expect_agreement(random_graph(60, 150, seed, true));
  }
}

// Two cliques joined through a path (bridges and articulation points), plus a
// bow-tie (an articulation point that is on no bridge).
TEST(CoordinationMetrics, ArticulationPointsAndBridgesAgreeWithNetworkX) {
  OracleGraph g;
  g.vertices = 15;
  for (std::int32_t a = 0; a < 4; ++a)
    for (std::int32_t b = a + 1; b < 4; ++b) g.edges.emplace_back(a, b);  // clique 0-3
  for (std::int32_t a = 6; a < 10; ++a)
    for (std::int32_t b = a + 1; b < 10; ++b) g.edges.emplace_back(a, b);  // clique 6-9
  g.edges.insert(g.edges.end(), {{3, 4}, {4, 5}, {5, 6},                   // the path: three bridges
                                 {10, 11}, {11, 12}, {12, 10}, {12, 13}, {13, 14}, {14, 12}});  // bow-tie at 12
  const GraphMetrics m = expect_agreement(g);
  EXPECT_EQ(m.totals.bridges, 3);
  EXPECT_EQ(m.totals.articulation_points, 5);  // 3, 4, 5, 6 and 12
}

TEST(CoordinationMetrics, UnweightedRandomGraphsAgreeWithNetworkX) {
  for (const std::uint64_t seed : {4u, 5u}) {
    SCOPED_TRACE(seed);
    expect_agreement(random_graph(80, 120, seed, false));  // sparse: several components
  }
}

// A second, independent reference for betweenness: Boost's own Brandes.  For
// undirected graphs it counts each unordered pair once, half of NetworkX's
// ordered-pair sum, so it is scaled by 2 / ((n-1)(n-2)).
TEST(CoordinationMetrics, BetweennessAgreesWithBoostBrandes) {
  const OracleGraph o = random_graph(50, 120, 9, true);
  const Graph g = to_graph(o);
  const std::size_t n = o.vertices;
  std::vector<double> boost_hops(n), boost_weighted(n);
  const auto index = boost::get(boost::vertex_index, g);
  boost::brandes_betweenness_centrality(g, boost::centrality_map(boost::make_iterator_property_map(boost_hops.begin(), index)));
  boost::brandes_betweenness_centrality(
      g, boost::centrality_map(boost::make_iterator_property_map(boost_weighted.begin(), index))
             .weight_map(boost::get(&PairEdge::length, g)));
  const GraphMetrics m = compute_metrics(g);
  const double pairs = static_cast<double>((n - 1) * (n - 2)) / 2;
  for (std::size_t v = 0; v < n; ++v) {
    EXPECT_NEAR(m.betweenness[v], boost_hops[v] / pairs, kTolerance) << v;
    EXPECT_NEAR(m.betweenness_weighted[v], boost_weighted[v] / pairs, kTolerance) << v;
  }
}

// The result must not depend on the number of threads, to the last bit.
TEST(CoordinationMetrics, ThreadCountDoesNotChangeAnyBit) {
  const Graph g = to_graph(random_graph(300, 900, 11, true));
  MetricOptions one, four;
  one.threads = 1;
  four.threads = 4;
  const GraphMetrics a = compute_metrics(g, one), b = compute_metrics(g, four);
  EXPECT_EQ(a.betweenness, b.betweenness);
  EXPECT_EQ(a.betweenness_weighted, b.betweenness_weighted);
  EXPECT_EQ(a.closeness, b.closeness);
  EXPECT_EQ(a.closeness_weighted, b.closeness_weighted);
}

TEST(CoordinationMetrics, EmptyAndTinyGraphs) {
  for (std::size_t n : {0u, 1u, 2u}) {
    const Graph g = make_graph(n, n == 2 ? std::vector<std::pair<std::int32_t, std::int32_t>>{{0, 1}}
                                         : std::vector<std::pair<std::int32_t, std::int32_t>>{});
    const GraphMetrics m = compute_metrics(g);
    EXPECT_EQ(m.totals.actors, static_cast<std::int64_t>(n));
    for (std::size_t v = 0; v < n; ++v) EXPECT_EQ(m.betweenness[v], 0.0);
    if (n == 2) {
      EXPECT_EQ(m.closeness[0], 1.0);
    }
  }
}
