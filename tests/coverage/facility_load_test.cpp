// Facilities with capacities: which facility serves which issue (nearest
// pair first), checked by hand on a line of issues, against a brute-force
// double loop over every issue and facility on the real Yemen districts, and
// through compute_coverage (over-capacity counts, gap reasons, site demand).

#include "engine/coverage/facility_load.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

#include "engine/coverage/coverage.hpp"
#include "engine/coverage/coverage_outputs.hpp"
#include "engine/error.hpp"
#include "geo/geodesic.hpp"
#include "random_points.hpp"

namespace {

using geo::Point;
namespace cov = engine::coverage;

// Four issues on the parallel 15N between facilities A (44.00E) and B
// (44.03E), 0.005 degrees apart: A is 0.54, 1.07, 1.61, 2.15 km from them,
// B the same in reverse, both reach all four (5 km).
const std::vector<Point> kIssues{{44.005, 15}, {44.01, 15}, {44.015, 15}, {44.02, 15}};
const std::vector<Point> kFacilities{{44.0, 15}, {44.03, 15}};
const std::vector<double> kRadii{5000, 5000};

TEST(FacilityLoad, UnlimitedCapacitiesServeFromTheNearestFacilityInReach) {
  const cov::FacilityLoad load = cov::assign_issues(kIssues, kFacilities, kRadii, {INFINITY, INFINITY}, 2);
  EXPECT_FALSE(load.limited);
  // Issue 2 is 1.61 km from both (mirror images on one parallel): the lower facility record wins.
  EXPECT_EQ(load.served_by, (std::vector<std::int32_t>{0, 0, 0, 1}));
  EXPECT_EQ(load.in_reach, (std::vector<std::int64_t>{4, 4}));
  EXPECT_EQ(load.served, (std::vector<std::int64_t>{3, 1}));
  EXPECT_EQ(load.reached, (std::vector<std::uint8_t>{1, 1, 1, 1}));
}

TEST(FacilityLoad, CapacitiesByHand) {
  // Pairs by distance: (0,A) 0.54 km; then (1,A) and (3,B) both 1.07 km, issue
  // 1 first; (2,A), (2,B) 1.61 km; (0,B)... A takes issue 0 and is full, so
  // (1,A) is refused; B takes issue 3 and is full; issues 1 and 2 stay unserved.
  const cov::FacilityLoad load = cov::assign_issues(kIssues, kFacilities, kRadii, {1, 1}, 1);
  EXPECT_TRUE(load.limited);
  EXPECT_EQ(load.served_by, (std::vector<std::int32_t>{0, -1, -1, 1}));
  EXPECT_EQ(load.served, (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(load.in_reach, (std::vector<std::int64_t>{4, 4}));

  // A capacity of 2 for A: it takes issue 0, then issue 1; issue 2 goes to B
  // (A is full when the 1.61 km pairs come), issue 3 to B.  B unlimited.
  const cov::FacilityLoad more = cov::assign_issues(kIssues, kFacilities, kRadii, {2, INFINITY}, 1);
  EXPECT_EQ(more.served_by, (std::vector<std::int32_t>{0, 0, 1, 1}));

  // Capacity 0: a facility that serves nothing; a radius of 0: one that reaches nothing.
  const cov::FacilityLoad none = cov::assign_issues(kIssues, kFacilities, {5000, 0}, {0, INFINITY}, 1);
  EXPECT_EQ(none.served_by, (std::vector<std::int32_t>{-1, -1, -1, -1}));
  EXPECT_EQ(none.in_reach, (std::vector<std::int64_t>{4, 0}));
}

// The rule restated as a double loop over every issue and facility, with no
// index: the oracle for the real-boundary test.
cov::FacilityLoad brute_force(const std::vector<Point>& issues, const std::vector<Point>& facilities,
                              const std::vector<double>& radii, const std::vector<double>& capacity) {
  std::vector<std::tuple<double, std::int32_t, std::int32_t>> pairs;
  for (std::size_t i = 0; i < issues.size(); ++i)
    for (std::size_t f = 0; f < facilities.size(); ++f) {
      const double d = geo::geodesic_distance_m(issues[i], facilities[f]);
      if (d <= radii[f]) pairs.emplace_back(d, static_cast<std::int32_t>(i), static_cast<std::int32_t>(f));
    }
  std::sort(pairs.begin(), pairs.end());
  cov::FacilityLoad out;
  out.served_by.assign(issues.size(), -1);
  out.reached.assign(issues.size(), 0);
  out.in_reach.assign(facilities.size(), 0);
  out.served.assign(facilities.size(), 0);
  for (const auto& [d, i, f] : pairs) {
    out.reached[static_cast<std::size_t>(i)] = 1;
    ++out.in_reach[static_cast<std::size_t>(f)];
    if (out.served_by[static_cast<std::size_t>(i)] < 0 && out.served[static_cast<std::size_t>(f)] < capacity[static_cast<std::size_t>(f)]) {
      out.served_by[static_cast<std::size_t>(i)] = f;
      ++out.served[static_cast<std::size_t>(f)];
    }
  }
  return out;
}

TEST(FacilityLoad, AgreesWithBruteForceOnYemenDistricts) {
  const auto& districts = coverage_testing::yemen_districts();
  // Facilities crowd into the west (Taiz-Ibb-Sana'a box) so catchments overlap.
  std::vector<Point> facilities;
  for (const Point& p : coverage_testing::points_inside(districts, 3000, 81))
    if (p.x < 45 && p.y < 16 && facilities.size() < 150) facilities.push_back(p);
  std::vector<Point> issues;
  for (const Point& p : coverage_testing::points_inside(districts, 60000, 82))
    if (p.x < 45.2 && p.y < 16.2 && issues.size() < 8000) issues.push_back(p);
  ASSERT_EQ(facilities.size(), 150u);
  ASSERT_EQ(issues.size(), 8000u);
  std::mt19937_64 rng(83);
  std::uniform_real_distribution<double> radius(2000, 30000);
  std::uniform_int_distribution<int> capacity(0, 40);
  std::vector<double> radii, capacities;
  for (std::size_t f = 0; f < facilities.size(); ++f) {
    radii.push_back(f % 17 == 0 ? 0 : radius(rng));
    capacities.push_back(f % 5 == 0 ? INFINITY : capacity(rng));
  }

  const cov::FacilityLoad want = brute_force(issues, facilities, radii, capacities);
  for (unsigned threads : {1u, 2u}) {
    const cov::FacilityLoad got = cov::assign_issues(issues, facilities, radii, capacities, threads);
    EXPECT_EQ(got.served_by, want.served_by) << threads;
    EXPECT_EQ(got.reached, want.reached);
    EXPECT_EQ(got.in_reach, want.in_reach);
    EXPECT_EQ(got.served, want.served);
  }
  // The instance is not trivial: some issues are refused by full facilities.
  std::int64_t refused = 0, served = 0;
  for (std::size_t i = 0; i < issues.size(); ++i) {
    refused += want.reached[i] && want.served_by[i] < 0;
    served += want.served_by[i] >= 0;
  }
  EXPECT_GT(refused, 100);
  EXPECT_GT(served, 1000);
}

// --- through compute_coverage -------------------------------------------

engine::PointLayer layer_with_capacity(const std::string& name, const std::string& role, const std::vector<Point>& at,
                                       const std::vector<std::string>& capacity) {
  engine::PointLayer layer;
  layer.spec.name = name;
  layer.spec.role = role;
  layer.spec.fields.id = "id";
  layer.spec.fields.type = "type";
  layer.source = name + ".csv";
  layer.set_fields({{"id", geo::FieldType::String}, {"type", geo::FieldType::String}, {"cap", geo::FieldType::String}});
  for (std::size_t r = 0; r < at.size(); ++r) {
    layer.values.push_row({name + std::to_string(r + 1), std::string("police_station"), r < capacity.size() ? capacity[r] : ""});
    layer.points.push_back(at[r]);
    layer.records.push_back(static_cast<std::int64_t>(r + 1));
    layer.rejection.emplace_back();
    layer.notes.emplace_back();
  }
  return layer;
}

struct Line {
  engine::Boundaries boundaries;
  engine::PointLayer facilities, issues;
  engine::LayerJoin facilities_join, issues_join;

  explicit Line(const std::vector<std::string>& capacities) {
    engine::AdminLevel level;
    level.spec.name = "districts";
    engine::AdminUnit unit;
    unit.code = "D1";
    unit.name_en = "District 1";
    unit.shape = geo::Geometry::polygon({{{43.9, 14.9}, {44.2, 14.9}, {44.2, 15.1}, {43.9, 15.1}, {43.9, 14.9}}});
    unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
    level.units.push_back(std::move(unit));
    boundaries.levels.push_back(std::move(level));
    facilities = layer_with_capacity("facilities", "facilities", kFacilities, capacities);
    issues = layer_with_capacity("issues", "issues", kIssues, {});
    const engine::AdminIndex index(boundaries.finest());
    engine::SilentProgress quiet;
    facilities_join = engine::join_layer(index, facilities, {0}, quiet);
    issues_join = engine::join_layer(index, issues, {0}, quiet);
  }
  cov::CoverageInputs inputs() const {
    cov::CoverageInputs in;
    in.boundaries = &boundaries;
    in.facilities = {&facilities, &facilities_join};
    in.issues = {&issues, &issues_join};
    return in;
  }
};

cov::CoverageOptions capacity_options() {
  cov::CoverageOptions o;
  o.radius_m["police_station"].operational_m = 5000;
  o.facility_capacity_field = "cap";
  o.sites.k = 1;
  o.sites.radius_m = 1000;
  o.sites.grid_as_candidates = true;  // a grid inside the uncovered area: there is none (all in reach)
  o.sites.grid_spacing_m = 1000;
  o.sites.partners_as_candidates = false;
  return o;
}

TEST(FacilityLoad, CapacitiesShapeCoverageGapsAndNewSites) {
  const Line line({"1", " 1 "});
  engine::SilentProgress quiet;
  const cov::CoverageResult r = cov::compute_coverage(line.inputs(), capacity_options(), quiet);
  EXPECT_EQ(r.issues.covered, (std::vector<std::uint8_t>{1, 0, 0, 1}));
  EXPECT_EQ(r.units[0].issues_covered, 2);
  EXPECT_EQ(r.units[0].issues_over_capacity, 2);
  EXPECT_EQ(r.totals.issues_over_capacity, 2);
  ASSERT_EQ(r.gaps.size(), 1u);
  EXPECT_EQ(r.gaps[0].reasons, (std::vector<std::string>{"facilities_at_capacity"}));
  EXPECT_EQ(r.gaps[0].explanation, "2 issues within reach only of facilities at capacity");
  // The refused issues are the demand new sites are chosen for.
  ASSERT_EQ(r.demand.size(), 2u);
  EXPECT_EQ(r.demand[0].at.x, kIssues[1].x);
  EXPECT_EQ(r.demand[1].at.x, kIssues[2].x);
  EXPECT_EQ(r.sites.baseline, 2);

  const engine::UnitTable table = cov::coverage_unit_table(r, line.boundaries.finest());
  const auto over = std::find_if(table.fields.begin(), table.fields.end(), [](const auto& f) { return f.name == "issues_over_capacity"; });
  ASSERT_NE(over, table.fields.end());
  EXPECT_EQ(std::get<std::int64_t>(table.rows[0][static_cast<std::size_t>(over - table.fields.begin())]), 2);

  const geo::LayerData load = cov::facility_load_layer(r, line.boundaries, line.inputs().facilities);
  ASSERT_EQ(load.rows.size(), 2u);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(
        std::find_if(load.fields.begin(), load.fields.end(), [&](const auto& f) { return f.name == name; }) - load.fields.begin());
  };
  EXPECT_EQ(std::get<std::int64_t>(load.rows[0][column("issues_in_reach")]), 4);
  EXPECT_EQ(std::get<std::int64_t>(load.rows[0][column("issues_served")]), 1);
  EXPECT_EQ(std::get<double>(load.rows[0][column("load_share")]), 1.0);
}

TEST(FacilityLoad, WithoutCapacitiesCoverageIsRadiusCoverage) {
  const Line line({"", ""});  // empty values: unlimited
  engine::SilentProgress quiet;
  const cov::CoverageResult r = cov::compute_coverage(line.inputs(), capacity_options(), quiet);
  EXPECT_FALSE(r.load.limited);
  EXPECT_EQ(r.issues.covered, (std::vector<std::uint8_t>{1, 1, 1, 1}));
  EXPECT_EQ(r.units[0].issues_over_capacity, 0);
  EXPECT_TRUE(r.gaps.empty());
  const engine::UnitTable table = cov::coverage_unit_table(r, line.boundaries.finest());
  for (const auto& f : table.fields) EXPECT_NE(f.name, "issues_over_capacity");
}

TEST(FacilityLoad, BadCapacityValuesAreNamedAndMissingFieldIsAnError) {
  engine::SilentProgress quiet;
  const Line bad({"many", "-3"});
  const cov::CoverageResult r = cov::compute_coverage(bad.inputs(), capacity_options(), quiet);
  std::string all;
  for (const auto& w : r.warnings) all += w + "\n";
  EXPECT_NE(all.find("facilities.csv, layer 'facilities', record 1, field 'cap': capacity 'many' is not a number of 0 or more "
                     "(2 facilities); treated as unlimited"),
            std::string::npos)
      << all;
  EXPECT_EQ(r.issues.covered, (std::vector<std::uint8_t>{1, 1, 1, 1}));

  cov::CoverageOptions o = capacity_options();
  o.facility_capacity_field = "beds";
  try {
    cov::compute_coverage(bad.inputs(), o, quiet);
    FAIL() << "no error for a missing capacity field";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'beds' (coverage.facility_capacity_field)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("facilities.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
