#pragma once
// Local mapping gaps per district (the finest boundary level): who is
// there, whether the vertical chain holds, horizontal links, isolated
// actors and single points of failure.
//
// The vertical chain is read from the district's community actors (actor
// types with chain role `community`, located in the district) outwards.  For
// each step, `hops` is the number of links from the nearest of them to the
// nearest actor of that step:
//   police           any police / security actor (wherever it is)
//   local_authority  a district authority or municipality in the district
//   governorate      a governorate authority in the district's governorate
//                    (the boundary level numbered 1, else the coarsest)
//   national         any national authority
// A step is reachable when 1 <= hops <= k_hops; it is a gap otherwise (no
// path, too long, no such actor mapped, or no community actors at all).
//
// Horizontal links join the district's district authorities and
// municipalities to those of other districts.  A cut actor is an actor
// outside the district's community actors and the police whose removal
// leaves none of the district's community actors any path to any police
// actor (necessarily an articulation point of the network).
// Women's and youth links: links touching the district's actors with a
// women's group (or women-led actor) / a youth group (or youth-led actor) at
// either end.

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coordination/graph.hpp"
#include "engine/coordination/network.hpp"

namespace engine::coordination {

enum class ChainStep : std::uint8_t { Police, LocalAuthority, Governorate, National };
constexpr std::size_t kChainSteps = 4;
constexpr std::array<ChainStep, kChainSteps> kChain = {ChainStep::Police, ChainStep::LocalAuthority,
                                                       ChainStep::Governorate, ChainStep::National};
// "police", "local_authority", "governorate", "national".
const char* to_string(ChainStep step);
// "community → police", "community → local authority", ...
const char* chain_label(ChainStep step);

struct DistrictGaps {
  std::int32_t unit = -1;  // finest-level unit
  std::vector<std::int32_t> actors_by_type;  // per Vocabulary::actor_types()
  std::int32_t actors = 0, community_actors = 0;
  std::array<std::int32_t, kChainSteps> hops{-1, -1, -1, -1};  // -1 = no path (or no community actors)
  std::array<bool, kChainSteps> target_exists{};  // an actor of that step is mapped at all
  std::array<bool, kChainSteps> reachable{};      // 1 <= hops <= k_hops
  std::int32_t horizontal_links = 0, horizontal_peers = 0;  // links, distinct peer districts
  std::vector<std::int32_t> isolated;    // actor indices, degree 0
  std::vector<std::int32_t> cut_actors;  // actor indices
  std::int32_t links = 0, women_links = 0, youth_links = 0;

  // The first step that is a gap, or none.
  std::optional<ChainStep> first_gap() const;
};

// Answers chain questions for any district of one network and graph, with
// or without one extra edge (to weigh a suggested link).
class ChainFinder {
 public:
  ChainFinder(const ActorNetwork& network, const CoordinationGraph& graph, const Boundaries& boundaries, int k_hops);

  // Hops from the district's community actors to each step (-1 = no path),
  // as if `extra` (two vertices) were linked too.
  std::array<std::int32_t, kChainSteps> chain_hops(std::int32_t unit,
                                                   std::optional<std::pair<Vertex, Vertex>> extra = std::nullopt) const;
  bool reachable(std::int32_t hops) const { return hops >= 1 && hops <= k_hops_; }
  // Whether vertex v is an actor of `step` for district `unit`.
  bool is_target(Vertex v, ChainStep step, std::int32_t unit) const;
  const std::vector<Vertex>& community_of(std::int32_t unit) const { return community_[static_cast<std::size_t>(unit)]; }
  std::int32_t governorate_of(std::int32_t unit) const;
  int k_hops() const { return k_hops_; }

  const ActorNetwork& network() const { return network_; }
  const CoordinationGraph& graph() const { return graph_; }
  const Boundaries& boundaries() const { return boundaries_; }
  ChainRole role(Vertex v) const;

 private:
  const ActorNetwork& network_;
  const CoordinationGraph& graph_;
  const Boundaries& boundaries_;
  int k_hops_;
  int governorate_level_;  // -1 when the project has a single level
  std::vector<std::vector<Vertex>> community_;  // per finest unit
};

// One entry per finest-level unit, in unit order.  `articulation` is per
// vertex (Structure::articulation).
std::vector<DistrictGaps> find_gaps(const ChainFinder& chain, const std::vector<std::uint8_t>& articulation);

}  // namespace engine::coordination
