#include "engine/coordination/metrics.hpp"

namespace engine::coordination {

GraphMetrics compute_metrics(const Graph& g, const MetricOptions& options) {
  const std::size_t n = boost::num_vertices(g), m = boost::num_edges(g);
  GraphMetrics r;
  r.degree.assign(n, 0);
  r.weighted_degree.assign(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    r.degree[v] = static_cast<std::int32_t>(boost::out_degree(v, g));
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) r.weighted_degree[v] += g[*e].strength;
  }
  Centrality hops = compute_centrality(g, PathLength::Hops, options.threads);
  Centrality weighted = compute_centrality(g, PathLength::Weighted, options.threads);
  r.betweenness = std::move(hops.betweenness);
  r.closeness = std::move(hops.closeness);
  r.betweenness_weighted = std::move(weighted.betweenness);
  r.closeness_weighted = std::move(weighted.closeness);
  r.structure = analyse_structure(g);
  r.communities = find_communities(g, options.community_resolution, options.community_seed);

  GraphTotals& t = r.totals;
  t.actors = static_cast<std::int64_t>(n);
  t.edges = static_cast<std::int64_t>(m);
  t.components = static_cast<std::int64_t>(r.structure.component_size.size());
  for (std::size_t v = 0; v < n; ++v) {
    t.isolated += r.degree[v] == 0;
    t.articulation_points += r.structure.articulation[v];
  }
  for (const std::uint8_t b : r.structure.bridge) t.bridges += b;
  t.communities = static_cast<std::int64_t>(r.communities.size.size());
  t.density = n > 1 ? 2.0 * static_cast<double>(m) / (static_cast<double>(n) * static_cast<double>(n - 1)) : 0.0;
  t.largest_component_share = n > 0 ? static_cast<double>(r.structure.component_size.front()) / static_cast<double>(n) : 0.0;
  t.modularity = r.communities.modularity;
  return r;
}

}  // namespace engine::coordination
