#include "engine/coverage/uncovered_areas.hpp"

#include <cmath>

#include "engine/parallel.hpp"
#include "geo/geodesic.hpp"
#include "geo/geodesic_disc.hpp"

namespace engine::coverage {

UncoveredAreas uncovered_areas(const AdminLevel& level, std::span<const geo::Point> sites,
                               std::span<const double> radius_m, int disc_vertices, unsigned threads) {
  std::vector<std::size_t> covering;
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (radius_m[i] > 0 && std::isfinite(sites[i].x)) covering.push_back(i);
  std::vector<geo::Geometry> discs(covering.size());
  std::vector<geo::Envelope> envelopes(covering.size());
  parallel_chunks(covering.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t d = begin; d < end; ++d) {
      discs[d] = geo::geodesic_disc(sites[covering[d]], radius_m[covering[d]], disc_vertices);
      envelopes[d] = discs[d].envelope();
    }
  }, 64);

  const std::size_t n = level.units.size();
  UncoveredAreas out;
  out.shape.resize(n);
  out.area_km2.assign(n, 0);
  parallel_chunks(n, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t u = begin; u < end; ++u) {
      const geo::Geometry& shape = level.units[u].shape;
      const geo::Envelope extent = shape.envelope();
      std::vector<const geo::Geometry*> reaching;
      for (std::size_t d = 0; d < discs.size(); ++d)
        if (envelopes[d].intersects(extent)) reaching.push_back(&discs[d]);
      geo::Geometry rest = reaching.empty() ? shape.clone() : shape.difference(geo::Geometry::union_all(reaching));
      // Overlay may leave lower-dimension debris (lines, points) where a disc
      // touches the border; only area counts.
      if (!rest.is_empty() && !rest.is_polygonal()) rest = rest.make_valid_polygonal();
      out.area_km2[u] = rest.is_empty() ? 0 : geo::geodesic_area_m2(rest) / 1e6;
      out.shape[u] = std::move(rest);
    }
  }, 1);
  return out;
}

}  // namespace engine::coverage
