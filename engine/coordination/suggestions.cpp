#include "engine/coordination/suggestions.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <set>

#include "geo/geodesic.hpp"

namespace engine::coordination {
namespace {

class Proposer {
 public:
  Proposer(const ChainFinder& chain, const GraphMetrics& metrics) : chain_(chain), g_(chain.graph().graph), m_(metrics) {}

  const Actor& actor(Vertex v) const { return chain_.network().actors[static_cast<std::size_t>(g_[v].actor)]; }

  // Degree, then weighted degree, then source order.
  bool better_connected(Vertex a, Vertex b) const {
    if (m_.degree[a] != m_.degree[b]) return m_.degree[a] > m_.degree[b];
    if (m_.weighted_degree[a] != m_.weighted_degree[b]) return m_.weighted_degree[a] > m_.weighted_degree[b];
    return a < b;
  }
  Vertex best_connected(const std::vector<Vertex>& among) const {
    return *std::min_element(among.begin(), among.end(), [&](Vertex a, Vertex b) { return better_connected(a, b); });
  }

  double distance_m(Vertex a, Vertex b) const {
    const geo::Point p = actor(a).location, q = actor(b).location;
    if (std::isnan(p.x) || std::isnan(q.x)) return std::nan("");
    return geo::geodesic_distance_m(p, q);
  }

  // The candidate nearest to `from`; without locations, the best-connected.
  Vertex nearest(Vertex from, const std::vector<Vertex>& candidates) const {
    Vertex best = candidates.front();
    double best_distance = std::numeric_limits<double>::infinity();
    bool located = false;
    for (const Vertex c : candidates) {
      const double d = distance_m(from, c);
      if (std::isnan(d)) continue;
      if (!located || d < best_distance || (d == best_distance && c < best)) best = c, best_distance = d;
      located = true;
    }
    return located ? best : best_connected(candidates);
  }

  std::vector<std::int32_t> hops_from(const std::vector<Vertex>& sources) const {
    std::vector<std::int32_t> distance(boost::num_vertices(g_), -1);
    std::deque<Vertex> queue(sources.begin(), sources.end());
    for (const Vertex s : sources) distance[s] = 0;
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop_front();
      for (auto [w, end] = boost::adjacent_vertices(v, g_); w != end; ++w)
        if (distance[*w] < 0) distance[*w] = distance[v] + 1, queue.push_back(*w);
    }
    return distance;
  }

  // The chain-step candidate for one district's gap, if there is an actor to link to.
  std::optional<Suggestion> for_step(std::int32_t unit, ChainStep step) const {
    std::vector<Vertex> targets;
    for (Vertex v = 0; v < boost::num_vertices(g_); ++v)
      if (chain_.is_target(v, step, unit)) targets.push_back(v);
    const auto& community = chain_.community_of(unit);
    if (targets.empty() || community.empty()) return std::nullopt;
    Vertex source = best_connected(community);
    if (step != ChainStep::Police) {
      const ChainStep previous = kChain[static_cast<std::size_t>(step) - 1];
      const std::vector<std::int32_t> hops = hops_from(community);
      std::optional<Vertex> closest;
      for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
        if (hops[v] < 1 || hops[v] > chain_.k_hops() - 1 || !chain_.is_target(v, previous, unit)) continue;
        if (!closest || hops[v] < hops[*closest] || (hops[v] == hops[*closest] && better_connected(v, *closest))) closest = v;
      }
      if (closest) source = *closest;
    }
    Suggestion s;
    s.kind = SuggestionKind::ChainStep;
    s.source = g_[source].actor;
    s.target = g_[nearest(source, targets)].actor;
    s.unit = unit;
    s.step = step;
    return s;
  }

  std::optional<Suggestion> for_component(std::int32_t component) const {
    std::vector<Vertex> members, largest;
    for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
      if (m_.structure.component[v] == component) members.push_back(v);
      if (m_.structure.component[v] == 1) largest.push_back(v);
    }
    if (members.empty() || largest.empty()) return std::nullopt;
    const Vertex source = best_connected(members);
    std::vector<Vertex> same_district;
    for (const Vertex v : largest)
      if (actor(source).finest_unit() >= 0 && actor(v).finest_unit() == actor(source).finest_unit()) same_district.push_back(v);
    Suggestion s;
    s.kind = SuggestionKind::JoinComponents;
    s.source = g_[source].actor;
    s.target = g_[nearest(source, same_district.empty() ? largest : same_district)].actor;
    s.component = component;
    return s;
  }

  // Steps closed and pairs connected by the link, alone.
  void weigh(Suggestion& s, const std::vector<DistrictGaps>& gaps) const {
    const auto& of = chain_.graph().vertex_of_actor;
    const auto u = static_cast<Vertex>(of[static_cast<std::size_t>(s.source)]);
    const auto v = static_cast<Vertex>(of[static_cast<std::size_t>(s.target)]);
    s.distance_m = distance_m(u, v);
    for (const DistrictGaps& d : gaps) {
      if (d.community_actors == 0 || !d.first_gap()) continue;
      const auto after = chain_.chain_hops(d.unit, std::make_pair(u, v));
      for (const ChainStep step : kChain) {
        const auto i = static_cast<std::size_t>(step);
        if (!d.reachable[i] && chain_.reachable(after[i])) s.closes.emplace_back(d.unit, step);
        if (d.unit == s.unit && s.step == step) {
          s.hops_before = d.hops[i];
          s.hops_after = after[i];
        }
      }
    }
    const std::int32_t cu = m_.structure.component[u], cv = m_.structure.component[v];
    if (cu != cv)
      s.pairs_connected = static_cast<std::int64_t>(m_.structure.component_size[static_cast<std::size_t>(cu - 1)]) *
                          m_.structure.component_size[static_cast<std::size_t>(cv - 1)];
  }

 private:
  const ChainFinder& chain_;
  const Graph& g_;
  const GraphMetrics& m_;
};

}  // namespace

const char* to_string(SuggestionKind kind) {
  return kind == SuggestionKind::ChainStep ? "chain_step" : "join_components";
}

std::vector<Suggestion> suggest_links(const ChainFinder& chain, const std::vector<DistrictGaps>& gaps,
                                      const GraphMetrics& metrics, int max_suggestions) {
  const Proposer proposer(chain, metrics);
  std::vector<Suggestion> candidates;
  // One candidate per district, for its first gap: a link that closes an
  // early step usually closes the later ones too, and weigh() says so.
  for (const DistrictGaps& d : gaps)
    for (const ChainStep step : kChain) {
      if (d.reachable[static_cast<std::size_t>(step)]) continue;
      if (auto s = proposer.for_step(d.unit, step)) {
        candidates.push_back(std::move(*s));
        break;
      }
    }
  for (std::size_t c = 2; c <= metrics.structure.component_size.size(); ++c)
    if (auto s = proposer.for_component(static_cast<std::int32_t>(c))) candidates.push_back(std::move(*s));

  std::set<std::pair<std::int32_t, std::int32_t>> proposed;
  std::vector<Suggestion> kept;
  const Graph& g = chain.graph().graph;
  const auto& of = chain.graph().vertex_of_actor;
  for (Suggestion& s : candidates) {
    const auto u = static_cast<Vertex>(of[static_cast<std::size_t>(s.source)]);
    const auto v = static_cast<Vertex>(of[static_cast<std::size_t>(s.target)]);
    if (boost::edge(u, v, g).second || !proposed.insert(std::minmax(s.source, s.target)).second) continue;
    proposer.weigh(s, gaps);
    kept.push_back(std::move(s));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.closes.size() != b.closes.size()) return a.closes.size() > b.closes.size();
    if (a.pairs_connected != b.pairs_connected) return a.pairs_connected > b.pairs_connected;
    const bool a_far = std::isnan(a.distance_m), b_far = std::isnan(b.distance_m);
    if (a_far != b_far) return b_far;
    if (!a_far && a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return std::make_pair(a.source, a.target) < std::make_pair(b.source, b.target);
  });
  if (kept.size() > static_cast<std::size_t>(max_suggestions)) kept.resize(static_cast<std::size_t>(max_suggestions));
  return kept;
}

}  // namespace engine::coordination
