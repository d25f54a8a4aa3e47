#pragma once
// Betweenness (Brandes 2001) and harmonic closeness of every vertex, exact,
// unweighted (hops) or weighted (edge length = PairEdge::length).
//
//   betweenness(v) = sum over ordered pairs s != v != t of
//                    sigma_st(v) / sigma_st, divided by (n-1)(n-2)
//     (NetworkX's betweenness_centrality(normalized=True) for undirected
//     graphs; 0 when n <= 2)
//   closeness(v)   = sum over u != v of 1 / d(v, u), divided by n-1
//     (harmonic, so unreachable pairs add 0 and disconnected graphs work;
//     NetworkX's harmonic_centrality / (n-1); 0 when n <= 1)
//
// Why not boost::brandes_betweenness_centrality: in Boost 1.74 it keeps a
// vector of predecessor edges per vertex and took 73 s (unweighted) and
// 199 s (weighted) on 10,000 vertices and 50,000 edges on the project's
// 2-core machine; this loop over a flat copy of the adjacency (no
// predecessor lists: they are recomputed from distances) is several times
// faster (tools/bench/bench_graph.cpp prints its figures).  tests/coordination
// checks it against NetworkX and against Boost's own result.
//
// Sources are split into a fixed number of chunks whose partial sums are
// added in chunk order, so the result is bit-identical for any thread count.

#include <vector>

#include "engine/coordination/graph.hpp"

namespace engine::coordination {

struct Centrality {
  std::vector<double> betweenness;  // per vertex, normalised as above
  std::vector<double> closeness;    // per vertex, harmonic, normalised as above
};

enum class PathLength { Hops, Weighted };

// threads: 0 = one per core.
Centrality compute_centrality(const Graph& graph, PathLength length, int threads = 0);

}  // namespace engine::coordination
