#include "network_fixture.hpp"

#include <stdexcept>

#include "engine/coordination/calendar_date.hpp"

namespace coordination_testing {

using namespace engine::coordination;

NetworkFixture::NetworkFixture() {
  engine::AdminLevel governorates, districts;
  governorates.spec.name = "governorates";
  governorates.spec.level = 1;
  districts.spec.name = "districts";
  districts.spec.level = 2;
  for (const char* code : {"G1", "G2"}) {
    engine::AdminUnit u;
    u.code = code;
    governorates.units.push_back(std::move(u));
  }
  const std::pair<const char*, std::int32_t> ds[] = {{"D0", 0}, {"D1", 0}, {"D2", 1}};
  for (const auto& [code, parent] : ds) {
    engine::AdminUnit u;
    u.code = code;
    u.name_en = std::string("District ") + code;
    u.parent = parent;
    districts.units.push_back(std::move(u));
  }
  boundaries.levels.push_back(std::move(governorates));
  boundaries.levels.push_back(std::move(districts));
  network.vocabulary = Vocabulary::standard();
}

std::int32_t NetworkFixture::actor(const std::string& id, const std::string& type, std::int32_t district, geo::Point at,
                                   std::int32_t governorate) {
  Actor a;
  a.id = id;
  a.name_en = id;
  a.type_value = type;
  a.type = network.vocabulary.actor_type_index(type);
  if (a.type < 0) throw std::invalid_argument("no actor type " + type);
  a.placement = Placement::Coordinates;
  a.match = engine::Match::Matched;
  a.location = at;
  a.units = {district >= 0 ? boundaries.levels[1].units[static_cast<std::size_t>(district)].parent : governorate, district};
  a.record = static_cast<std::int64_t>(network.actors.size() + 1);
  network.actors.push_back(std::move(a));
  return static_cast<std::int32_t>(network.actors.size() - 1);
}

std::int32_t NetworkFixture::link(std::int32_t a, std::int32_t b, double strength, std::optional<std::string> start,
                                  std::optional<std::string> end) {
  Link l;
  l.source = a;
  l.target = b;
  l.source_id = network.actors[static_cast<std::size_t>(a)].id;
  l.target_id = network.actors[static_cast<std::size_t>(b)].id;
  l.strength = strength;
  if (start) l.start = parse_date(*start);
  if (end) l.end = parse_date(*end);
  l.status = LinkStatus::Used;
  l.record = static_cast<std::int64_t>(network.links.size() + 1);
  network.links.push_back(std::move(l));
  return static_cast<std::int32_t>(network.links.size() - 1);
}

}  // namespace coordination_testing
