#include "engine/coordination/gaps.hpp"

#include <algorithm>
#include <deque>
#include <set>

namespace engine::coordination {
namespace {

int governorate_level_of(const Boundaries& b) {
  if (b.levels.size() < 2) return -1;
  for (std::size_t l = 0; l + 1 < b.levels.size(); ++l)
    if (b.levels[l].spec.level == 1) return static_cast<int>(l);
  return 0;
}

bool is_type(const ActorNetwork& n, const Actor& a, const char* code) {
  return a.type >= 0 && n.vocabulary.actor_types()[static_cast<std::size_t>(a.type)].code == code;
}

}  // namespace

const char* to_string(ChainStep step) {
  switch (step) {
    case ChainStep::Police: return "police";
    case ChainStep::LocalAuthority: return "local_authority";
    case ChainStep::Governorate: return "governorate";
    case ChainStep::National: return "national";
  }
  return "police";
}

const char* chain_label(ChainStep step) {
  switch (step) {
    case ChainStep::Police: return "community → police";
    case ChainStep::LocalAuthority: return "community → local authority";
    case ChainStep::Governorate: return "community → governorate";
    case ChainStep::National: return "community → national";
  }
  return "community → police";
}

std::optional<ChainStep> DistrictGaps::first_gap() const {
  for (const ChainStep s : kChain)
    if (!reachable[static_cast<std::size_t>(s)]) return s;
  return std::nullopt;
}

ChainFinder::ChainFinder(const ActorNetwork& network, const CoordinationGraph& graph, const Boundaries& boundaries,
                         int k_hops)
    : network_(network), graph_(graph), boundaries_(boundaries), k_hops_(k_hops),
      governorate_level_(governorate_level_of(boundaries)) {
  community_.resize(boundaries.finest().units.size());
  for (Vertex v = 0; v < boost::num_vertices(graph.graph); ++v) {
    const Actor& a = network.actors[static_cast<std::size_t>(graph.graph[v].actor)];
    if (role(v) == ChainRole::Community && a.finest_unit() >= 0)
      community_[static_cast<std::size_t>(a.finest_unit())].push_back(v);
  }
}

ChainRole ChainFinder::role(Vertex v) const {
  const Actor& a = network_.actors[static_cast<std::size_t>(graph_.graph[v].actor)];
  return network_.vocabulary.actor_types()[static_cast<std::size_t>(a.type)].role;
}

std::int32_t ChainFinder::governorate_of(std::int32_t unit) const {
  return governorate_level_ < 0 ? -1 : boundaries_.ancestor(static_cast<std::size_t>(governorate_level_), unit);
}

bool ChainFinder::is_target(Vertex v, ChainStep step, std::int32_t unit) const {
  const Actor& a = network_.actors[static_cast<std::size_t>(graph_.graph[v].actor)];
  const ChainRole r = role(v);
  switch (step) {
    case ChainStep::Police: return r == ChainRole::Police;
    case ChainStep::LocalAuthority: return r == ChainRole::LocalAuthority && a.finest_unit() == unit;
    case ChainStep::Governorate:
      if (r != ChainRole::GovernorateAuthority) return false;
      if (governorate_level_ < 0) return true;
      return governorate_of(unit) >= 0 && a.units[static_cast<std::size_t>(governorate_level_)] == governorate_of(unit);
    case ChainStep::National: return r == ChainRole::NationalAuthority;
  }
  return false;
}

std::array<std::int32_t, kChainSteps> ChainFinder::chain_hops(std::int32_t unit,
                                                              std::optional<std::pair<Vertex, Vertex>> extra) const {
  std::array<std::int32_t, kChainSteps> hops{-1, -1, -1, -1};
  const auto& sources = community_of(unit);
  if (sources.empty()) return hops;
  const Graph& g = graph_.graph;
  std::vector<std::int32_t> distance(boost::num_vertices(g), -1);
  std::deque<Vertex> queue;
  for (const Vertex s : sources) {
    distance[s] = 0;
    queue.push_back(s);
  }
  std::size_t found = 0;
  auto visit = [&](Vertex from, Vertex to) {
    if (distance[to] >= 0) return;
    distance[to] = distance[from] + 1;
    queue.push_back(to);
    for (const ChainStep step : kChain) {
      auto& h = hops[static_cast<std::size_t>(step)];
      if (h < 0 && is_target(to, step, unit)) {
        h = distance[to];
        ++found;
      }
    }
  };
  while (!queue.empty() && found < kChainSteps) {
    const Vertex v = queue.front();
    queue.pop_front();
    for (auto [w, end] = boost::adjacent_vertices(v, g); w != end; ++w) visit(v, *w);
    if (extra && extra->first == v) visit(v, extra->second);
    if (extra && extra->second == v) visit(v, extra->first);
  }
  return hops;
}

namespace {

// Whether any of `sources` reaches a police actor when `removed` is gone.
bool reaches_police(const ChainFinder& chain, const std::vector<Vertex>& sources, Vertex removed) {
  const Graph& g = chain.graph().graph;
  std::vector<std::uint8_t> seen(boost::num_vertices(g), 0);
  std::deque<Vertex> queue(sources.begin(), sources.end());
  for (const Vertex s : sources) seen[s] = 1;
  seen[removed] = 1;
  while (!queue.empty()) {
    const Vertex v = queue.front();
    queue.pop_front();
    for (auto [w, end] = boost::adjacent_vertices(v, g); w != end; ++w) {
      if (seen[*w]) continue;
      if (chain.role(*w) == ChainRole::Police) return true;
      seen[*w] = 1;
      queue.push_back(*w);
    }
  }
  return false;
}

}  // namespace

std::vector<DistrictGaps> find_gaps(const ChainFinder& chain, const std::vector<std::uint8_t>& articulation) {
  const ActorNetwork& network = chain.network();
  const Graph& g = chain.graph().graph;
  const std::size_t units = chain.boundaries().finest().units.size();
  const std::size_t types = network.vocabulary.actor_types().size();
  auto actor_of = [&](Vertex v) -> const Actor& { return network.actors[static_cast<std::size_t>(g[v].actor)]; };

  std::vector<DistrictGaps> gaps(units);
  for (std::size_t u = 0; u < units; ++u) {
    gaps[u].unit = static_cast<std::int32_t>(u);
    gaps[u].actors_by_type.assign(types, 0);
  }
  for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
    const Actor& a = actor_of(v);
    if (a.finest_unit() < 0) continue;
    DistrictGaps& d = gaps[static_cast<std::size_t>(a.finest_unit())];
    ++d.actors;
    ++d.actors_by_type[static_cast<std::size_t>(a.type)];
    if (boost::out_degree(v, g) == 0) d.isolated.push_back(g[v].actor);
    if (chain.role(v) == ChainRole::LocalAuthority) {
      std::set<std::int32_t> peers;
      for (auto [w, end] = boost::adjacent_vertices(v, g); w != end; ++w) {
        const std::int32_t other = actor_of(*w).finest_unit();
        if (chain.role(*w) != ChainRole::LocalAuthority || other < 0 || other == a.finest_unit()) continue;
        ++d.horizontal_links;
        peers.insert(other);
      }
      d.horizontal_peers += static_cast<std::int32_t>(peers.size());
    }
  }
  // Links touching each district (a link within one district counts once).
  auto women = [&](const Actor& a) { return a.women_led || is_type(network, a, "womens_group"); };
  auto youth = [&](const Actor& a) { return a.youth_led || is_type(network, a, "youth_group"); };
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const Actor& a = actor_of(boost::source(*e, g));
    const Actor& b = actor_of(boost::target(*e, g));
    std::set<std::int32_t> touched = {a.finest_unit(), b.finest_unit()};
    for (const std::int32_t u : touched) {
      if (u < 0) continue;
      DistrictGaps& d = gaps[static_cast<std::size_t>(u)];
      ++d.links;
      d.women_links += women(a) || women(b);
      d.youth_links += youth(a) || youth(b);
    }
  }
  for (std::size_t u = 0; u < units; ++u) {
    DistrictGaps& d = gaps[u];
    const auto unit = static_cast<std::int32_t>(u);
    const auto& sources = chain.community_of(unit);
    d.community_actors = static_cast<std::int32_t>(sources.size());
    d.hops = chain.chain_hops(unit);
    for (const ChainStep step : kChain) {
      const auto s = static_cast<std::size_t>(step);
      for (Vertex v = 0; v < boost::num_vertices(g) && !d.target_exists[s]; ++v) d.target_exists[s] = chain.is_target(v, step, unit);
      d.reachable[s] = chain.reachable(d.hops[s]);
    }
    if (sources.empty() || d.hops[static_cast<std::size_t>(ChainStep::Police)] < 0) continue;
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
      if (!articulation[v] || chain.role(v) == ChainRole::Police) continue;
      if (std::find(sources.begin(), sources.end(), v) != sources.end()) continue;
      if (!reaches_police(chain, sources, v)) d.cut_actors.push_back(g[v].actor);
    }
  }
  return gaps;
}

}  // namespace engine::coordination
