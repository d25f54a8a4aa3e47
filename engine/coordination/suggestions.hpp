#pragma once
// Suggested links: ranked proposals that close the gaps of gaps.hpp.
//
// Candidates:
//   chain step   for each district, for the first step of its vertical
//                chain that is a gap and has an actor to link to, a link from
//                  police:  the district's best-connected community actor
//                  later:   the nearest actor of the previous step within
//                           k_hops - 1 links of its community actors (else
//                           the best-connected community actor)
//                to the actor of the missing step nearest to it (geodesic
//                distance, geo/geodesic.hpp).
//   components   for each component but the largest, a link from its
//                best-connected actor to the nearest actor of the largest
//                component, in the same district when there is one.
// "Best-connected": highest degree, then weighted degree, then first in the
// source.  Actors without a location are matched by best connection alone.
//
// Each candidate is weighed alone against the current network: the chain
// steps of every district it closes (reachable within k_hops with the link,
// not without), and the actor pairs it newly connects.  Ranked by steps
// closed, then pairs connected, then distance (shortest first), then source
// order; a pair proposed twice is kept once (chain steps first).

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/coordination/gaps.hpp"
#include "engine/coordination/metrics.hpp"

namespace engine::coordination {

enum class SuggestionKind : std::uint8_t { ChainStep, JoinComponents };
const char* to_string(SuggestionKind kind);  // "chain_step", "join_components"

struct Suggestion {
  SuggestionKind kind = SuggestionKind::ChainStep;
  std::int32_t source = -1, target = -1;  // actor indices
  double distance_m = std::nan("");       // NaN when either has no location
  std::int32_t unit = -1;                 // chain step: the district it was proposed for
  std::optional<ChainStep> step;          // chain step: the step
  std::int32_t hops_before = -1, hops_after = -1;  // that step's hops without / with the link (-1 = no path)
  std::int32_t component = 0;             // join components: the component it joins to component 1
  std::vector<std::pair<std::int32_t, ChainStep>> closes;  // (district, step) gaps it closes
  std::int64_t pairs_connected = 0;       // actor pairs with a path only thanks to it
};

std::vector<Suggestion> suggest_links(const ChainFinder& chain, const std::vector<DistrictGaps>& gaps,
                                      const GraphMetrics& metrics, int max_suggestions);

}  // namespace engine::coordination
