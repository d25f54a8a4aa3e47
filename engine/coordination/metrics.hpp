#pragma once
// Every metric of a coordination graph: per actor, per link and in total.
//
//   degree                 links to distinct actors
//   weighted_degree        sum of the strengths of those links
//   betweenness(_weighted) Brandes, normalised (centrality.hpp); weighted
//                          with length = 1 / strength
//   closeness(_weighted)   harmonic, normalised (centrality.hpp)
//   component              1 = the largest (structure.hpp)
//   articulation           removing the actor splits its component
//   community              Louvain (communities.hpp); 0 = isolated
//   bridge (per edge)      removing the edge splits its component
//   density                2m / (n (n - 1)); 0 when n < 2
//   largest_component_share  share of actors in component 1

#include <cstdint>
#include <vector>

#include "engine/coordination/centrality.hpp"
#include "engine/coordination/communities.hpp"
#include "engine/coordination/graph.hpp"
#include "engine/coordination/structure.hpp"

namespace engine::coordination {

struct MetricOptions {
  double community_resolution = 1.0;  // DEFAULT: 1.0
  std::uint64_t community_seed = 1;   // DEFAULT: 1
  int threads = 0;                    // DEFAULT: 0 = one per core
};

struct GraphTotals {
  std::int64_t actors = 0, edges = 0, components = 0, isolated = 0, articulation_points = 0, bridges = 0,
               communities = 0;
  double density = 0, largest_component_share = 0, modularity = 0;
};

struct GraphMetrics {
  std::vector<std::int32_t> degree;
  std::vector<double> weighted_degree, betweenness, betweenness_weighted, closeness, closeness_weighted;
  Structure structure;      // components, articulation points, bridges
  Communities communities;
  GraphTotals totals;
};

GraphMetrics compute_metrics(const Graph& graph, const MetricOptions& options = {});

}  // namespace engine::coordination
