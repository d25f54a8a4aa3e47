#pragma once
// Where a network holds together and where it would fall apart, with
// Boost.Graph's own algorithms:
//   components          boost::connected_components; numbered 1, 2, ... by
//                       size (largest first), ties by their first vertex
//   articulation points boost::biconnected_components: vertices whose
//                       removal splits their component
//   bridges             edges that form a biconnected component on their
//                       own: removing one splits its component

#include <cstdint>
#include <vector>

#include "engine/coordination/graph.hpp"

namespace engine::coordination {

struct Structure {
  std::vector<std::int32_t> component;         // per vertex, 1-based
  std::vector<std::int32_t> component_size;    // [component - 1]
  std::vector<std::uint8_t> articulation;      // per vertex, 0/1
  std::vector<std::uint8_t> bridge;            // per edge (PairEdge::index), 0/1
};

Structure analyse_structure(const Graph& graph);

}  // namespace engine::coordination
