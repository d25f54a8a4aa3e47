#pragma once
// What a coordination run reports: every count of the loading (each row in
// exactly one state), the graph totals, how many districts have each gap,
// and the problems by kind with examples.  For the terminal and run.json.

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/coordination/analysis.hpp"
#include "engine/coordination/network.hpp"

namespace engine::coordination {

// Problems of one kind in one table, with the first few rows as examples.
struct ProblemKind {
  std::string table, kind;
  bool rejected = true;  // false: warnings, the rows were used
  std::int64_t count = 0;
  std::vector<RowProblem> examples;  // at most 3
};

struct CoordinationSummary {
  std::string actors_source, links_source, actors_located_by;
  ActorCounts actors;
  LinkCounts links;
  GraphTotals graph;
  std::optional<Day> as_of;
  int k_hops = 3;
  std::int64_t districts = 0, districts_with_community_actors = 0;
  // Among districts with community actors: how many have each step as a gap.
  std::array<std::int64_t, kChainSteps> districts_with_gap{};
  std::int64_t suggestions = 0;
  std::optional<ReviewDiff> review;  // gained / lost links and gap changes
  std::vector<ProblemKind> problems;  // by table (actors first), then kind
  std::vector<std::string> warnings;
};

CoordinationSummary summarise_coordination(const ActorNetwork& network, const CoordinationResult& result);

// The summary as JSON for run.json ("coordination": {...}).
nlohmann::json coordination_report(const CoordinationSummary& summary);

}  // namespace engine::coordination
