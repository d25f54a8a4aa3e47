#include "engine/coverage/coverage.hpp"

#include <cmath>
#include <map>

#include "engine/parallel.hpp"
#include "engine/error.hpp"

namespace engine::coverage {
namespace {

std::string layer_where(const PointLayer& layer) { return geo::Where{.file = layer.source, .layer = layer.spec.name}.describe(); }

void warn_about_facilities(const CoverageInputs& in, const CoverageOptions& options, const FacilityClasses& classes,
                           std::vector<std::string>& warnings) {
  if (in.facilities.layer == nullptr) {
    warnings.push_back("the project has no facilities layer (role facilities): nothing is covered");
    return;
  }
  const PointLayer& layer = *in.facilities.layer;
  if (classes.operational_count == 0) {
    std::map<std::string, int> statuses;
    for (std::size_t r = 0; r < classes.size(); ++r) ++statuses[classes.status[r]];
    std::string seen, wanted;
    for (const auto& [status, n] : statuses) seen += (seen.empty() ? "" : ", ") + std::to_string(n) + " " + status;
    for (const std::string& s : options.operational) wanted += (wanted.empty() ? "" : ", ") + s;
    warnings.push_back(layer_where(layer) + ": no located facility is operational (statuses: " + seen +
                       "; operational means: " + wanted + "); no issue has a nearest operational facility");
  }
  if (classes.covering_count == 0)
    warnings.push_back(layer_where(layer) + ": no facility has a coverage radius (see coverage.radius_m); nothing is covered");
}

CoverageTotals totals_of(const CoverageResult& r, const CoverageInputs& in, const AdminLevel& level) {
  CoverageTotals t;
  t.facilities = static_cast<std::int64_t>(r.facilities.size());
  t.operational = static_cast<std::int64_t>(r.facilities.operational_count);
  t.covering = static_cast<std::int64_t>(r.facilities.covering_count);
  std::vector<double> distances;
  bool any_population = false;
  double population = 0, covered = 0;
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    const DistrictCoverage& d = r.units[u];
    t.issues += d.issues;
    t.issues_covered += d.issues_covered;
    t.issues_over_capacity += d.issues_over_capacity;
    t.issues_partner_in_reach += d.issues_partner_in_reach;
    t.partners += d.partners;
    t.area_km2 += level.units[u].area_km2;
    t.uncovered_km2 += d.uncovered_km2;
    if (!std::isnan(d.population)) {
      any_population = true;
      population += d.population;
      covered += d.population_covered;
    }
  }
  if (any_population) t.population = population, t.population_covered = covered;
  if (in.issues.layer != nullptr)
    for (std::size_t i = 0; i < in.issues.layer->size(); ++i)
      if (in.issues.join->unit[i] >= 0 && r.issues.facility[i] >= 0) distances.push_back(r.issues.facility_m[i]);
  t.nearest_median_m = quantile(distances, 0.5);
  t.nearest_p90_m = quantile(distances, 0.9);
  return t;
}

// Serves the issues within reach under the facilities' capacities; an issue
// is covered when it is served.  The pairs within reach are an independent
// second computation of radius coverage (per facility, not per issue), so
// they must agree with CoverageIndex issue by issue.
void assign_to_facilities(const CoverageInputs& in, const CoverageOptions& options, unsigned threads, CoverageResult& r) {
  const PointLayer& issues = *in.issues.layer;
  r.load = assign_issues(issues.points, in.facilities.layer->points, r.facilities.radius_m,
                         facility_capacities(in.facilities.layer, options.facility_capacity_field, r.warnings), threads);
  for (std::size_t i = 0; i < issues.size(); ++i) {
    if (r.load.reached[i] != r.issues.covered[i])
      throw Error("internal check failed: " + where_in_layer(issues, issues.records[i], "") + " is " +
                      (r.issues.covered[i] ? "" : "not ") + "within a facility's radius by the coverage index but " +
                      (r.load.reached[i] ? "" : "not ") + "by the facility pairs",
                  {}, "please report this with the project file");
    r.issues.covered[i] = r.load.served_by[i] >= 0 ? 1 : 0;
  }
}

// People left uncovered, as demand points, when population comes from the
// units' field: each unit's uncovered people spread evenly over a grid in
// its uncovered area (or one point in it when the area is smaller than a cell).
std::vector<DemandPoint> field_demand(const CoverageResult& r, double cell_m) {
  std::vector<DemandPoint> out;
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    const DistrictCoverage& d = r.units[u];
    const double people = std::isnan(d.population) ? 0 : d.population - d.population_covered;
    const geo::Geometry& area = r.uncovered.shape[u];
    if (people <= 0 || area.is_empty()) continue;
    std::vector<geo::Point> points = grid_points_inside(area, cell_m);
    if (points.empty()) points.push_back(area.point_on_surface());
    for (const geo::Point& p : points)
      out.push_back({p, people / static_cast<double>(points.size()), static_cast<std::int32_t>(u)});
  }
  return out;
}

}  // namespace

CoverageResult compute_coverage(const CoverageInputs& in, const CoverageOptions& options, Progress& progress) {
  options.validate();
  if (in.boundaries == nullptr || in.boundaries->levels.empty()) throw Error("coverage needs boundaries");
  const AdminLevel& level = in.boundaries->finest();
  const unsigned threads = thread_count(options.threads);
  CoverageResult r;

  r.facilities = classify_facilities(in.facilities.layer, options, r.warnings);
  warn_about_facilities(in, options, r.facilities, r.warnings);
  if (in.issues.layer == nullptr) r.warnings.push_back("the project has no issues layer (role issues): issue figures are empty");

  progress.begin("coverage: nearest facilities", 0);
  const SiteIndexes indexes = build_site_indexes(in.facilities.layer, r.facilities, in.partners.layer, options.nearest_by_type);
  if (in.issues.layer != nullptr) r.issues = nearest_columns(*in.issues.layer, indexes, in.partners.layer != nullptr, threads);
  if (in.partners.layer != nullptr) r.partners = nearest_columns(*in.partners.layer, indexes, false, threads);
  progress.end();

  if (in.facilities.layer != nullptr && in.issues.layer != nullptr) {
    progress.begin("coverage: facility load", 0);
    assign_to_facilities(in, options, threads, r);
    progress.end();
  }

  r.units = district_coverage(level.units.size(), in.facilities, r.facilities, in.partners, in.issues, r.issues,
                              options.partner_reach_m);

  if (!r.load.served_by.empty())
    for (std::size_t i = 0; i < in.issues.layer->size(); ++i) {
      const std::int32_t u = in.issues.join->unit[i];
      if (u >= 0 && r.load.reached[i] && r.load.served_by[i] < 0) ++r.units[static_cast<std::size_t>(u)].issues_over_capacity;
    }

  progress.begin("coverage: uncovered areas", level.units.size());
  const std::vector<geo::Point> no_points;
  const std::vector<double> no_radii;
  r.uncovered = in.facilities.layer != nullptr
                    ? uncovered_areas(level, in.facilities.layer->points, r.facilities.radius_m, options.disc_vertices, threads)
                    : uncovered_areas(level, no_points, no_radii, options.disc_vertices, threads);
  progress.end();
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    r.units[u].area_km2 = level.units[u].area_km2;
    r.units[u].uncovered_km2 = r.uncovered.area_km2[u];
  }

  if (in.population != nullptr) {
    const AdminIndex units(level);
    r.population = population_from_source(*in.population, units, indexes.coverage, options.population.demand_cell_m, threads,
                                          progress);
    if (r.population.outside > 0)
      r.warnings.push_back("population raster: " + std::to_string(static_cast<long long>(std::llround(r.population.outside))) +
                           " people lie in cells outside all " + level.spec.name + " and are not counted");
  } else {
    r.population = population_from_field(level, r.uncovered.area_km2);
  }
  r.warnings.insert(r.warnings.end(), r.population.warnings.begin(), r.population.warnings.end());
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    r.units[u].population = r.population.total[u];
    r.units[u].population_covered = r.population.covered[u];
  }

  r.three_w = three_w(in.partners.layer, in.partners.join);
  r.gaps = rank_gaps(level, r.units, in.partners.layer != nullptr);
  r.totals = totals_of(r, in, level);

  const SiteOptions& s = options.sites;
  if (s.k > 0) {
    progress.begin("coverage: new sites", static_cast<std::uint64_t>(s.k));
    double total = 0, baseline = 0;
    bool have_demand = true;
    if (s.objective == Objective::Issues) {
      if (in.issues.layer != nullptr)
        for (std::size_t i = 0; i < in.issues.layer->size(); ++i) {
          const std::int32_t u = in.issues.join->unit[i];
          if (u < 0 || !std::isfinite(in.issues.layer->points[i].x)) continue;  // placed by name only
          total += 1;
          if (r.issues.covered[i]) baseline += 1;
          else r.demand.push_back({in.issues.layer->points[i], 1, u});
        }
    } else if (r.population.source.empty()) {
      have_demand = false;
      r.warnings.push_back("coverage.sites.objective is population, but there is no population (no coverage.population.raster and no "
                           "population field on " + level.spec.name + "): no site is suggested");
    } else {
      total = r.totals.population;
      baseline = r.totals.population_covered;
      r.demand = in.population != nullptr ? r.population.uncovered_demand : field_demand(r, options.population.demand_cell_m);
    }
    if (have_demand) {
      r.candidates = candidate_sites(options, in.candidates, in.partners, r.uncovered.shape, r.warnings);
      r.sites = select_sites(r.demand, baseline, total, r.candidates.sites, s.k, threads, s.exact_time_limit_s);
      if (!r.sites.stopped.empty())
        r.warnings.push_back("only " + std::to_string(r.sites.picks.size()) + " of " + std::to_string(s.k) +
                             " new sites suggested: " + r.sites.stopped);
    }
    progress.end();
  }
  return r;
}

}  // namespace engine::coverage
