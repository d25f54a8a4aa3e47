// compute_coverage on a small hand-made region where every figure can be
// worked out by hand: three square districts, facilities of several types
// and statuses, partners of several sectors, issues near and far.

#include "engine/coverage/coverage.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/coverage/coverage_outputs.hpp"
#include "geo/geodesic.hpp"

namespace {

using geo::Point;
namespace cov = engine::coverage;

struct Record {
  Point at;
  std::string id, type, status;
};

// A point layer as load_point_layer would give it, with fields id, name,
// type, status (roles mapped onto them).
engine::PointLayer make_layer(const std::string& name, const std::string& role, const std::vector<Record>& records) {
  engine::PointLayer layer;
  layer.spec.name = name;
  layer.spec.role = role;
  layer.spec.fields.id = "id";
  layer.spec.fields.name_en = "name";
  layer.spec.fields.type = "type";
  layer.spec.fields.status = "status";
  layer.source = name + ".csv";
  layer.set_fields({{"id", geo::FieldType::String}, {"name", geo::FieldType::String}, {"type", geo::FieldType::String},
                    {"status", geo::FieldType::String}});
  for (const Record& r : records) {
    layer.values.push_row({r.id, "Name " + r.id, r.type, r.status});
    layer.points.push_back(r.at);
    layer.records.push_back(static_cast<std::int64_t>(layer.records.size() + 1));
    layer.rejection.push_back(std::isfinite(r.at.x) ? "" : "no coordinates");
    layer.notes.emplace_back();
  }
  return layer;
}

geo::Geometry square(double x0) {
  return geo::Geometry::polygon({{{x0, 15.0}, {x0 + 0.2, 15.0}, {x0 + 0.2, 15.2}, {x0, 15.2}, {x0, 15.0}}});
}

struct Region {
  engine::Boundaries boundaries;
  engine::PointLayer facilities, partners, issues;
  engine::LayerJoin facilities_join, partners_join, issues_join;

  Region(std::vector<Record> facility_records) {
    engine::AdminLevel level;
    level.spec.name = "districts";
    level.spec.level = 2;
    level.spec.population = "pop";
    for (int i = 0; i < 3; ++i) {
      engine::AdminUnit unit;
      unit.code = "D" + std::to_string(i + 1);
      unit.name_en = "District " + std::to_string(i + 1);
      unit.shape = square(44.0 + 0.2 * i);
      unit.area_km2 = geo::geodesic_area_m2(unit.shape) / 1e6;
      unit.population = 1000.0 * (i + 1);
      level.units.push_back(std::move(unit));
    }
    boundaries.levels.push_back(std::move(level));
    facilities = make_layer("facilities", "facilities", facility_records);
    partners = make_layer("partners", "partners",
                          {{{44.05, 15.05}, "P1", "Security", ""},
                           {{44.15, 15.15}, "P2", "advocacy", ""},
                           {{44.5, 15.1}, "P3", "women", ""},
                           {{44.06, 15.06}, "P4", "security", ""}});
    issues = make_layer("issues", "issues",
                        {{{44.1, 15.1}, "I1", "", ""},
                         {{44.11, 15.1}, "I2", "", ""},
                         {{44.1, 15.12}, "I3", "", ""},
                         {{44.01, 15.01}, "I4", "", ""},
                         {{44.19, 15.19}, "I5", "", ""},
                         {{44.25, 15.1}, "I6", "", ""},
                         {{44.3, 15.1}, "I7", "", ""},
                         {{44.35, 15.05}, "I8", "", ""},
                         {{44.39, 15.19}, "I9", "", ""},
                         {{44.5, 15.15}, "I10", "", ""},
                         {{NAN, NAN}, "I11", "", ""}});
    const engine::AdminIndex index(boundaries.finest());
    engine::SilentProgress quiet;
    facilities_join = engine::join_layer(index, facilities, {0}, quiet);
    partners_join = engine::join_layer(index, partners, {0}, quiet);
    issues_join = engine::join_layer(index, issues, {0}, quiet);
  }

  cov::CoverageInputs inputs() const {
    cov::CoverageInputs in;
    in.boundaries = &boundaries;
    in.facilities = {&facilities, &facilities_join};
    in.partners = {&partners, &partners_join};
    in.issues = {&issues, &issues_join};
    return in;
  }
};

cov::CoverageOptions options() {
  cov::CoverageOptions o;
  o.radius_m["police_station"].operational_m = 5000;
  o.radius_m["operations_room"].operational_m = 15000;
  o.partner_reach_m = 3000;
  o.threads = 2;
  return o;
}

const std::vector<Record> kFacilities{{{44.1, 15.1}, "F1", "Police Station", "operational"},
                                      {{44.3, 15.1}, "F2", "police_station", "damaged"}};

TEST(Coverage, PerDistrictFiguresByHand) {
  const Region region(kFacilities);
  engine::SilentProgress quiet;
  const cov::CoverageResult r = cov::compute_coverage(region.inputs(), options(), quiet);
  ASSERT_EQ(r.units.size(), 3u);
  // Issues I1-I3 lie within 5 km of F1; I4, I5 (corners of D1) do not.
  const Point f1{44.1, 15.1};
  for (std::size_t i = 0; i < 10; ++i) {
    const double d = geo::geodesic_distance_m(region.issues.points[i], f1);
    EXPECT_EQ(r.issues.facility[i], 0);
    EXPECT_EQ(r.issues.facility_m[i], d);
    EXPECT_EQ(r.issues.covered[i], d <= 5000 ? 1 : 0) << i;
  }
  EXPECT_EQ(r.issues.facility[10], -1);  // no location
  EXPECT_TRUE(std::isnan(r.issues.facility_m[10]));

  const cov::DistrictCoverage& d1 = r.units[0];
  EXPECT_EQ(d1.issues, 5);
  EXPECT_EQ(d1.issues_covered, 3);
  EXPECT_EQ(d1.partners, 3);
  EXPECT_EQ(d1.facilities, 1);
  EXPECT_EQ(d1.facilities_operational, 1);
  EXPECT_EQ(d1.facilities_by_type_status.at("police_station_operational"), 1);
  std::vector<double> distances;
  for (int i = 0; i < 5; ++i) distances.push_back(geo::geodesic_distance_m(region.issues.points[static_cast<std::size_t>(i)], f1));
  std::sort(distances.begin(), distances.end());
  EXPECT_EQ(d1.nearest_median_m, distances[2]);
  EXPECT_DOUBLE_EQ(d1.nearest_p90_m, distances[3] + 0.6 * (distances[4] - distances[3]));
  // A 5 km disc (an inscribed 128-gon) lies wholly inside D1 (22 x 21 km).
  EXPECT_NEAR(d1.area_km2 - d1.uncovered_km2, 64 * 25 * std::sin(2 * M_PI / 128), 0.01);
  EXPECT_NEAR(d1.population_covered, 1000 * (1 - d1.uncovered_km2 / d1.area_km2), 1e-9);

  const cov::DistrictCoverage& d2 = r.units[1];
  EXPECT_EQ(d2.issues, 4);
  EXPECT_EQ(d2.issues_covered, 0);  // F2 is damaged: it covers nothing
  EXPECT_EQ(d2.facilities_operational, 0);
  EXPECT_DOUBLE_EQ(d2.uncovered_km2, d2.area_km2);  // F1's disc ends 5 km short of D2
  EXPECT_EQ(r.units[2].issues, 1);

  // Issues of D1 with a partner within 3 km, counted here by brute force.
  std::int64_t in_reach = 0;
  for (int i = 0; i < 5; ++i) {
    double nearest = INFINITY;
    for (const Point& p : region.partners.points) nearest = std::min(nearest, geo::geodesic_distance_m(region.issues.points[static_cast<std::size_t>(i)], p));
    in_reach += nearest <= 3000;
  }
  EXPECT_EQ(d1.issues_partner_in_reach, in_reach);

  // Gaps: D2 (4 uncovered, only damaged, no partner), D1 (2 beyond reach), D3 (1, no facility).
  ASSERT_EQ(r.gaps.size(), 3u);
  EXPECT_EQ(r.gaps[0].unit, 1);
  EXPECT_EQ(r.gaps[0].reasons, (std::vector<std::string>{"only_damaged_facilities", "no_partner"}));
  EXPECT_EQ(r.gaps[0].explanation, "only damaged facilities (1 damaged); no partner CSO");
  EXPECT_EQ(r.gaps[1].unit, 0);
  EXPECT_EQ(r.gaps[1].reasons, (std::vector<std::string>{"issues_beyond_reach"}));
  EXPECT_EQ(r.gaps[2].unit, 2);
  EXPECT_EQ(r.gaps[2].reasons, (std::vector<std::string>{"no_operational_facility"}));

  // 3W: sectors as slugs, names sorted.
  EXPECT_EQ(r.three_w.sectors, (std::vector<std::string>{"advocacy", "security", "women"}));
  ASSERT_EQ(r.three_w.rows.size(), 3u);
  EXPECT_EQ(r.three_w.rows[1].unit, 0);
  EXPECT_EQ(r.three_w.rows[1].sector, "security");
  EXPECT_EQ(r.three_w.rows[1].partners, (std::vector<std::string>{"Name P1", "Name P4"}));

  EXPECT_EQ(r.totals.issues, 10);
  EXPECT_EQ(r.totals.issues_covered, 3);
  EXPECT_EQ(r.totals.population, 6000);

  const cov::CoverageResult again = cov::compute_coverage(region.inputs(), [] {
    cov::CoverageOptions o = options();
    o.threads = 1;
    return o;
  }(), quiet);
  EXPECT_EQ(again.units[0].uncovered_km2, r.units[0].uncovered_km2);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(again.issues.facility_m[i], r.issues.facility_m[i]);
}

TEST(Coverage, OutputTablesCarryTheFigures) {
  const Region region(kFacilities);
  engine::SilentProgress quiet;
  const cov::CoverageResult r = cov::compute_coverage(region.inputs(), options(), quiet);
  const engine::UnitTable table = cov::coverage_unit_table(r, region.boundaries.finest());
  ASSERT_EQ(table.rows.size(), 3u);
  auto column = [&](const std::string& name) {
    for (std::size_t i = 0; i < table.fields.size(); ++i)
      if (table.fields[i].name == name) return i;
    ADD_FAILURE() << "no field " << name;
    return std::size_t{0};
  };
  EXPECT_EQ(std::get<std::int64_t>(table.rows[0][column("issues_uncovered")]), 2);
  EXPECT_EQ(std::get<std::int64_t>(table.rows[0][column("partners_security")]), 2);
  EXPECT_EQ(std::get<std::string>(table.rows[0][column("partners_security_names")]), "Name P1; Name P4");
  EXPECT_EQ(std::get<std::int64_t>(table.rows[1][column("gap_rank")]), 1);
  EXPECT_EQ(std::get<std::string>(table.rows[1][column("gap_reasons")]), "only_damaged_facilities;no_partner");
  EXPECT_EQ(std::get<std::int64_t>(table.rows[1][column("facilities_police_station_damaged")]), 1);
  const geo::LayerData gaps = cov::gaps_table(r, region.boundaries);
  EXPECT_EQ(gaps.rows.size(), 3u);
  const geo::LayerData uncovered = cov::uncovered_layer(r, region.boundaries);
  EXPECT_EQ(uncovered.rows.size(), 3u);  // D1 with a hole, D2 and D3 whole
}

TEST(Coverage, NoOperationalFacilityIsAWarningNotACrash) {
  const Region region({{{44.1, 15.1}, "F1", "police_station", "damaged"}, {{44.3, 15.1}, "F2", "checkpoint", "operational"}});
  engine::SilentProgress quiet;
  cov::CoverageOptions o = options();
  o.operational = {"functional"};
  const cov::CoverageResult r = cov::compute_coverage(region.inputs(), o, quiet);
  EXPECT_EQ(r.totals.issues_covered, 0);
  EXPECT_EQ(r.totals.operational, 0);
  EXPECT_EQ(r.issues.facility[0], -1);
  std::string all;
  for (const auto& w : r.warnings) all += w + "\n";
  EXPECT_NE(all.find("no located facility is operational"), std::string::npos) << all;
  // The unknown type is named with file, layer, record and field.
  EXPECT_NE(all.find("facilities.csv, layer 'facilities', record 2, field 'type': facility type 'checkpoint' is not in "
                     "coverage.radius_m (1 facilities); they cover nothing"),
            std::string::npos)
      << all;
}

TEST(Coverage, NoFacilityLayerAtAll) {
  const Region region(kFacilities);
  cov::CoverageInputs in = region.inputs();
  in.facilities = {};
  engine::SilentProgress quiet;
  const cov::CoverageResult r = cov::compute_coverage(in, options(), quiet);
  EXPECT_EQ(r.totals.issues_covered, 0);
  EXPECT_NEAR(r.totals.uncovered_km2, r.totals.area_km2, 1e-6);
  EXPECT_FALSE(r.warnings.empty());
}

TEST(Coverage, DefaultRadiusOnlyWhenTheProjectSaysSo) {
  const Region region({{{44.1, 15.1}, "F1", "checkpoint", "operational"}});
  engine::SilentProgress quiet;
  cov::CoverageOptions o = options();
  EXPECT_EQ(cov::compute_coverage(region.inputs(), o, quiet).totals.issues_covered, 0);
  o.default_radius_m = 5000;
  const cov::CoverageResult r = cov::compute_coverage(region.inputs(), o, quiet);
  EXPECT_EQ(r.totals.issues_covered, 3);
  EXPECT_NE(r.warnings.front().find("the default radius of 5000 m is used"), std::string::npos);
}

TEST(Coverage, SuggestedSitesFromPartnersAndGrid) {
  const Region region(kFacilities);
  engine::SilentProgress quiet;
  cov::CoverageOptions o = options();
  o.sites.k = 2;
  o.sites.grid_spacing_m = 2000;
  const cov::CoverageResult r = cov::compute_coverage(region.inputs(), o, quiet);
  EXPECT_EQ(r.candidates.from_partners, 4u);
  EXPECT_GT(r.candidates.from_grid, 100u);
  ASSERT_EQ(r.sites.picks.size(), 2u);
  EXPECT_EQ(r.sites.baseline, 3);
  EXPECT_EQ(r.sites.total, 10);
  // Some 5 km disc holds two of D2's issues (I6 and I7 are 5.4 km apart).
  EXPECT_GE(r.sites.picks[0].gain, 2);
  EXPECT_EQ(r.sites.picks[1].covered, 3 + r.sites.picks[0].gain + r.sites.picks[1].gain);
  for (const auto& pick : r.sites.picks) EXPECT_GE(r.candidates.sites[pick.candidate].unit, 0);
}

}  // namespace
