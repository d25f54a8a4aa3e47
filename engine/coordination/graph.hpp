#pragma once
// The coordination network as a Boost.Graph: one vertex per actor in the
// network (rejected rows are not), one edge per pair of actors with at least
// one link in force.
//
// The graph is undirected and simple.  Coordination runs both ways along a
// reporting line as along a forum, so every metric reads the network
// undirected; each link's direction stays an attribute of the link.  Several
// links between the same two actors (a forum and a referral agreement, say)
// are one edge whose strength is the sum of theirs; its length for weighted
// shortest paths is 1 / strength, so strong ties are short.
//
// Vertices are in actor order and edges in the order their first link
// appears, so everything computed from the graph is deterministic.

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/coordination/calendar_date.hpp"
#include "engine/coordination/network.hpp"

namespace engine::coordination {

struct ActorVertex {
  std::int32_t actor = -1;  // index in ActorNetwork::actors
};

struct PairEdge {
  double strength = 1;  // sum of the strengths of its links
  double length = 1;    // 1 / strength: the distance of weighted shortest paths
  std::size_t index = 0;  // 0 .. edges-1, for edge property maps
  std::vector<std::int32_t> links;  // indices in ActorNetwork::links
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, ActorVertex, PairEdge>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

struct CoordinationGraph {
  Graph graph;
  std::vector<std::int32_t> vertex_of_actor;  // -1 for rejected actors
  std::optional<Day> date;                    // the day the links were in force, none = all links
};

// The network with the links in force on `date` (none = every used link).
CoordinationGraph build_graph(const ActorNetwork& network, std::optional<Day> date);

// A graph from plain edges (tests, benchmarks): vertex i is actor i.
// `edges` must be distinct pairs, no self-loops; `strengths` may be empty (all 1).
Graph make_graph(std::size_t vertices, const std::vector<std::pair<std::int32_t, std::int32_t>>& edges,
                 const std::vector<double>& strengths = {});

}  // namespace engine::coordination
