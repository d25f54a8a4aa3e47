#pragma once
// The fictional region: an irregular island outline in the Arabian Sea cut
// into districts (ADM2) grouped into governorates (ADM1).
//
// Districts are Voronoi cells of random sites clipped to the outline, so
// neighbours share borders exactly.  Two districts are deliberately awkward,
// because real boundary sets have them and the engine must cope:
//   - one coastal district also owns a small offshore island (MultiPolygon);
//   - one inland district has a hole filled exactly by an enclave "city"
//     district (the city polygon is cut out with difference()).
// All vertices lie on the 1e-7 degree grid (see grid.hpp).

#include <cstdint>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "names.hpp"

namespace make_demo {

struct Governorate {
  std::string pcode;  // ZZ01..ZZ04, north to south
  Name name;
  geo::Geometry shape;  // union of its districts
};

struct District {
  std::string pcode;  // ZZ0101.., governorate code + 2 digits
  Name name;
  std::size_t governorate = 0;  // index into Region::governorates
  std::int64_t population = 0;
  geo::Geometry shape;
  geo::Point site;  // its Voronoi site (for the city: its centre, inside the host's hole)
  bool coastal = false;
};

struct Region {
  geo::Point centre;
  geo::Ring coast;                        // the outline, closed
  std::vector<Governorate> governorates;  // in P-code order
  std::vector<District> districts;        // in P-code order, grouped by governorate
  std::size_t island_district = 0;        // owns the offshore island
  std::size_t host_district = 0;          // has the hole
  std::size_t city_district = 0;          // fills the hole
  geo::Point island_centre;
};

inline const std::string kCountryCode = "ZZ";
inline const Name kCountry = {"Demo Region (synthetic)", "منطقة تجريبية (بيانات مصطنعة)"};

// Deterministic for a seed; throws geo::Error if no valid layout is found.
Region make_region(std::uint64_t seed);

}  // namespace make_demo
