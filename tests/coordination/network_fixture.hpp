#pragma once
// Small coordination networks built in memory, with the answers known by
// hand: two governorates, three districts (G1: D0, D1; G2: D2), actors at
// chosen places, links with chosen strengths and dates.

#include <optional>
#include <string>

#include "engine/boundaries.hpp"
#include "engine/coordination/network.hpp"

namespace coordination_testing {

class NetworkFixture {
 public:
  NetworkFixture();

  // An actor of `type` (a vocabulary code) in finest unit `district` (-1 for
  // none; then `governorate` says where it sits, -1 = national).
  std::int32_t actor(const std::string& id, const std::string& type, std::int32_t district, geo::Point at,
                     std::int32_t governorate = -1);
  std::int32_t link(std::int32_t a, std::int32_t b, double strength = 1, std::optional<std::string> start = std::nullopt,
                    std::optional<std::string> end = std::nullopt);

  engine::Boundaries boundaries;
  engine::coordination::ActorNetwork network;
};

}  // namespace coordination_testing
