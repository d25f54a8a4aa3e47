#include "engine/coverage/population.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "engine/parallel.hpp"

namespace engine::coverage {
namespace {

// Pools people into cells of about `cell_m` metres: the cell size in degrees
// is fixed at the latitude of the first cell seen, so cells are a plain
// longitude/latitude grid (exact size does not matter, only that it is small
// against coverage radii).
class DemandPool {
 public:
  explicit DemandPool(double cell_m) : cell_m_(cell_m) {}

  void add(geo::Point at, double people, std::int32_t unit) {
    if (dlat_ == 0) {
      dlat_ = cell_m_ / 110574.0;
      dlon_ = cell_m_ / (111320.0 * std::max(0.01, std::cos(at.y * 3.14159265358979323846 / 180)));
    }
    Sum& s = cells_[{unit, static_cast<std::int64_t>(std::floor(at.x / dlon_)), static_cast<std::int64_t>(std::floor(at.y / dlat_))}];
    s.people += people;
    s.x += people * at.x;
    s.y += people * at.y;
  }

  std::vector<DemandPoint> points() const {
    std::vector<DemandPoint> out;
    out.reserve(cells_.size());
    for (const auto& [key, s] : cells_) out.push_back({{s.x / s.people, s.y / s.people}, s.people, std::get<0>(key)});
    return out;
  }

 private:
  struct Sum {
    double people = 0, x = 0, y = 0;
  };
  double cell_m_, dlat_ = 0, dlon_ = 0;
  std::map<std::tuple<std::int32_t, std::int64_t, std::int64_t>, Sum> cells_;  // ordered: deterministic output
};

}  // namespace

PopulationCoverage population_from_source(PopulationSource& source, const AdminIndex& units, const CoverageIndex& coverage,
                                          double demand_cell_m, unsigned threads, Progress& progress) {
  const std::size_t n = units.level().units.size();
  PopulationCoverage out;
  out.source = "raster " + source.describe() + "; a cell counts where its centre lies";
  out.total.assign(n, 0);
  out.covered.assign(n, 0);
  DemandPool pool(demand_cell_m);
  std::vector<std::int32_t> unit;
  std::vector<std::uint8_t> covered;
  std::uint64_t cells = 0;
  progress.begin("population cells", 0);
  source.for_each_batch([&](std::span<const PopulationCell> batch) {
    unit.assign(batch.size(), -1);
    covered.assign(batch.size(), 0);
    parallel_chunks(batch.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        unit[i] = units.locate(batch[i].at);
        if (unit[i] >= 0) covered[i] = coverage.covers(batch[i].at) ? 1 : 0;
      }
    }, 512);
    // Sums in cell order, on one thread: the same bits every run.
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (unit[i] < 0) {
        out.outside += batch[i].people;
        continue;
      }
      const auto u = static_cast<std::size_t>(unit[i]);
      out.total[u] += batch[i].people;
      if (covered[i]) out.covered[u] += batch[i].people;
      else pool.add(batch[i].at, batch[i].people, unit[i]);
    }
    cells += batch.size();
    progress.update(cells);
  });
  progress.end();
  out.uncovered_demand = pool.points();
  out.warnings = source.warnings();
  return out;
}

PopulationCoverage population_from_field(const AdminLevel& level, std::span<const double> uncovered_km2) {
  const std::size_t n = level.units.size();
  PopulationCoverage out;
  out.total.assign(n, std::nan(""));
  out.covered.assign(n, std::nan(""));
  bool any = false;
  for (std::size_t u = 0; u < n; ++u) {
    const AdminUnit& unit = level.units[u];
    if (std::isnan(unit.population)) continue;
    any = true;
    out.total[u] = unit.population;
    const double covered_share = unit.area_km2 > 0 ? std::clamp(1 - uncovered_km2[u] / unit.area_km2, 0.0, 1.0) : 0;
    out.covered[u] = unit.population * covered_share;
  }
  if (any)
    out.source = "field '" + level.spec.population + "' of " + level.spec.name +
                 ", spread evenly over each unit (covered = population x covered share of the area)";
  return out;
}

}  // namespace engine::coverage
