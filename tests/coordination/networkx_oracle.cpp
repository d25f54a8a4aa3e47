#include "networkx_oracle.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace coordination_testing {

nlohmann::json networkx_oracle(const OracleGraph& graph, const std::vector<std::int32_t>& partition, double resolution,
                               bool louvain) {
  nlohmann::json spec;
  spec["n"] = graph.vertices;
  spec["edges"] = nlohmann::json::array();
  for (std::size_t i = 0; i < graph.edges.size(); ++i)
    spec["edges"].push_back({graph.edges[i].first, graph.edges[i].second, graph.strengths.empty() ? 1.0 : graph.strengths[i]});
  if (!partition.empty()) spec["partition"] = partition;
  spec["resolution"] = resolution;
  spec["louvain"] = louvain;
  // Not scratch_dir(): that would empty the calling test's own folder.
  static int calls = 0;
  const std::filesystem::path dir = std::filesystem::path(LOCALMAP_BINARY_DIR) / "test-scratch";
  std::filesystem::create_directories(dir);
  const std::filesystem::path input =
      dir / ("networkx-oracle-" + std::to_string(::getpid()) + "-" + std::to_string(calls++) + ".json");
  testing_support::write_text(input, spec.dump());
  const std::string script = testing_support::source_path("tests/coordination/networkx_oracle.py");
  const auto run = testing_support::run_command("/usr/bin/python3 " + script + " " + input.string());
  std::filesystem::remove(input);
  if (run.status != 0) {
    ADD_FAILURE() << "NetworkX oracle failed: " << run.err;
    return {};
  }
  return nlohmann::json::parse(run.out);
}

}  // namespace coordination_testing
