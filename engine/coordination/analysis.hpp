#pragma once
// The coordination analysis as one pure function: from a loaded network and
// the boundaries to the graph, its metrics, the districts' gaps, suggested
// links and (with two review dates) the change between them.  Prints
// nothing, reads and writes no file.
//
//   const ActorNetwork network = load_network(options, boundaries, index, join, progress);
//   const CoordinationResult result = analyse_coordination(network, boundaries, options);
//   write_coordination_outputs(out_dir, network, result, boundaries, write);  // outputs.hpp

#include <optional>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coordination/coordination_options.hpp"
#include "engine/coordination/gaps.hpp"
#include "engine/coordination/graph.hpp"
#include "engine/coordination/metrics.hpp"
#include "engine/coordination/network.hpp"
#include "engine/coordination/review.hpp"
#include "engine/coordination/suggestions.hpp"

namespace engine::coordination {

struct CoordinationResult {
  CoordinationGraph graph;  // on options.as_of (all links when unset)
  GraphMetrics metrics;     // per vertex of `graph`
  std::vector<DistrictGaps> gaps;  // per finest-level unit
  std::vector<Suggestion> suggestions;
  std::optional<ReviewDiff> review;  // with options.review
  int k_hops = 3;
};

CoordinationResult analyse_coordination(const ActorNetwork& network, const Boundaries& boundaries,
                                        const CoordinationOptions& options);

}  // namespace engine::coordination
