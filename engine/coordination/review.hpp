#pragma once
// Review over time: the network on two review dates and what changed
// between them, from the links' start and end dates.
//   gained   links in force on the later date and not on the earlier one
//   lost     links in force on the earlier date and not on the later one
//   changes  district chain steps (gaps.hpp) that were reachable on one
//            date and not on the other: `opened` = a gap appeared

#include <cstdint>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coordination/calendar_date.hpp"
#include "engine/coordination/gaps.hpp"
#include "engine/coordination/network.hpp"

namespace engine::coordination {

struct GapChange {
  std::int32_t unit = -1;  // finest-level unit
  ChainStep step = ChainStep::Police;
  bool opened = false;  // reachable before, a gap after; false = closed
  std::int32_t hops_before = -1, hops_after = -1;
};

struct ReviewDiff {
  Day from = 0, to = 0;
  std::vector<std::int32_t> gained, lost;  // link indices, in source order
  std::vector<GapChange> changes;          // by unit, then step
  std::int64_t edges_from = 0, edges_to = 0, components_from = 0, components_to = 0;
};

ReviewDiff review_network(const ActorNetwork& network, const Boundaries& boundaries, Day from, Day to, int k_hops);

}  // namespace engine::coordination
