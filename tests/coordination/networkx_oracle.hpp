#pragma once
// Runs tests/coordination/networkx_oracle.py with Debian's Python
// (/usr/bin/python3, which has python3-networkx; not whatever python3 comes
// first on PATH) on a graph and returns NetworkX's values.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace coordination_testing {

struct OracleGraph {
  std::size_t vertices = 0;
  std::vector<std::pair<std::int32_t, std::int32_t>> edges;
  std::vector<double> strengths;  // empty = all 1
};

// `partition` (optional): labels whose modularity NetworkX should compute.
nlohmann::json networkx_oracle(const OracleGraph& graph, const std::vector<std::int32_t>& partition = {},
                               double resolution = 1.0, bool louvain = false);

}  // namespace coordination_testing
