#include "engine/coordination/graph.hpp"

#include <map>

namespace engine::coordination {

CoordinationGraph build_graph(const ActorNetwork& network, std::optional<Day> date) {
  CoordinationGraph g;
  g.date = date;
  g.vertex_of_actor.assign(network.actors.size(), -1);
  for (std::size_t a = 0; a < network.actors.size(); ++a) {
    if (!network.actors[a].in_network()) continue;
    g.vertex_of_actor[a] = static_cast<std::int32_t>(boost::add_vertex(ActorVertex{static_cast<std::int32_t>(a)}, g.graph));
  }
  std::map<std::pair<std::int32_t, std::int32_t>, Edge> pair_edge;
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    if (link.status != LinkStatus::Used || !link.active_on(date)) continue;
    const auto u = g.vertex_of_actor[static_cast<std::size_t>(link.source)];
    const auto v = g.vertex_of_actor[static_cast<std::size_t>(link.target)];
    const auto key = std::minmax(u, v);
    auto at = pair_edge.find(key);
    if (at == pair_edge.end()) {
      PairEdge e;
      e.strength = 0;
      e.index = pair_edge.size();
      const Edge edge = boost::add_edge(static_cast<Vertex>(u), static_cast<Vertex>(v), e, g.graph).first;
      at = pair_edge.emplace(key, edge).first;
    }
    PairEdge& e = g.graph[at->second];
    e.strength += link.strength;
    e.length = 1.0 / e.strength;
    e.links.push_back(static_cast<std::int32_t>(l));
  }
  return g;
}

Graph make_graph(std::size_t vertices, const std::vector<std::pair<std::int32_t, std::int32_t>>& edges,
                 const std::vector<double>& strengths) {
  Graph g(vertices);
  for (std::size_t v = 0; v < vertices; ++v) g[v].actor = static_cast<std::int32_t>(v);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    PairEdge e;
    e.strength = strengths.empty() ? 1.0 : strengths[i];
    e.length = 1.0 / e.strength;
    e.index = i;
    boost::add_edge(static_cast<Vertex>(edges[i].first), static_cast<Vertex>(edges[i].second), e, g);
  }
  return g;
}

}  // namespace engine::coordination
