#pragma once
// Communities: groups of actors who mostly coordinate among themselves,
// found by Louvain modularity optimisation (igraph's
// igraph_community_multilevel, C library from Debian; Boost 1.74 has no
// Louvain or Leiden), with edge weights = strength.
//
// Louvain visits vertices in a random order; igraph's random generator is
// seeded with `seed` before every run, so the same graph gives the same
// communities.  Isolated actors coordinate with no one and get community 0;
// the others are numbered 1, 2, ... by size (largest first), ties by first
// vertex.
//
// Thread-safety: igraph's random generator and error handlers are global,
// so calls are serialised by a mutex.

#include <cstdint>
#include <vector>

#include "engine/coordination/graph.hpp"

namespace engine::coordination {

struct Communities {
  std::vector<std::int32_t> community;  // per vertex; 0 = isolated
  std::vector<std::int32_t> size;       // [community - 1]
  double modularity = 0;                // of the partition, at `resolution`, weighted
};

Communities find_communities(const Graph& graph, double resolution, std::uint64_t seed);

// Weighted modularity of any partition (per-vertex labels), as igraph
// computes it; for tests and reports.
double modularity(const Graph& graph, const std::vector<std::int32_t>& membership, double resolution);

}  // namespace engine::coordination
