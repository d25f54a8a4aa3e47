#include "engine/coordination/review.hpp"

#include <boost/graph/connected_components.hpp>

#include "engine/coordination/graph.hpp"

namespace engine::coordination {
namespace {

std::int64_t count_components(const Graph& g) {
  if (boost::num_vertices(g) == 0) return 0;
  std::vector<int> component(boost::num_vertices(g));
  return boost::connected_components(g, component.data());
}

}  // namespace

ReviewDiff review_network(const ActorNetwork& network, const Boundaries& boundaries, Day from, Day to, int k_hops) {
  ReviewDiff diff;
  diff.from = from;
  diff.to = to;
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    if (link.status != LinkStatus::Used) continue;
    const bool before = link.active_on(from), after = link.active_on(to);
    if (after && !before) diff.gained.push_back(static_cast<std::int32_t>(l));
    if (before && !after) diff.lost.push_back(static_cast<std::int32_t>(l));
  }
  const CoordinationGraph then = build_graph(network, from), now = build_graph(network, to);
  diff.edges_from = static_cast<std::int64_t>(boost::num_edges(then.graph));
  diff.edges_to = static_cast<std::int64_t>(boost::num_edges(now.graph));
  diff.components_from = count_components(then.graph);
  diff.components_to = count_components(now.graph);
  const ChainFinder before(network, then, boundaries, k_hops), after(network, now, boundaries, k_hops);
  for (std::size_t u = 0; u < boundaries.finest().units.size(); ++u) {
    const auto unit = static_cast<std::int32_t>(u);
    if (before.community_of(unit).empty()) continue;
    const auto hops_before = before.chain_hops(unit), hops_after = after.chain_hops(unit);
    for (const ChainStep step : kChain) {
      const auto i = static_cast<std::size_t>(step);
      const bool was = before.reachable(hops_before[i]), is = after.reachable(hops_after[i]);
      if (was != is) diff.changes.push_back({unit, step, was && !is, hops_before[i], hops_after[i]});
    }
  }
  return diff;
}

}  // namespace engine::coordination
