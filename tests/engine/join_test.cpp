#include "engine/join.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/counts.hpp"
#include "geo/geodesic.hpp"
#include "support/test_support.hpp"

namespace {

// Two unit squares side by side (A: lon 44..45, B: 45..46, lat 15..16).
engine::AdminLevel two_squares() {
  engine::AdminLevel level;
  level.spec.name = "districts";
  level.spec.level = 2;
  for (int i = 0; i < 2; ++i) {
    engine::AdminUnit u;
    u.code = i == 0 ? "A" : "B";
    const double x = 44 + i;
    u.shape = geo::Geometry::polygon({{{x, 15}, {x + 1, 15}, {x + 1, 16}, {x, 16}, {x, 15}}});
    level.units.push_back(std::move(u));
  }
  level.by_code = {{"A", 0}, {"B", 1}};
  return level;
}

engine::PointLayer layer_of(const std::vector<geo::Point>& points) {
  engine::PointLayer layer;
  layer.spec.name = "issues";
  for (std::size_t i = 0; i < points.size(); ++i) {
    layer.points.push_back(points[i]);
    layer.records.push_back(static_cast<std::int64_t>(i + 1));
    layer.rejection.push_back(std::isnan(points[i].x) ? "no coordinates" : "");
    layer.notes.emplace_back();
  }
  return layer;
}

TEST(Join, FourOutcomesAndTheirAccounting) {
  const engine::AdminLevel level = two_squares();
  const engine::AdminIndex index(level);
  // 1 km east of B's east edge at lat 15.5 is about 0.00933 degrees.
  const double one_km = 1000 / (geo::geodesic_distance_m({46, 15.5}, {47, 15.5}));
  const engine::PointLayer layer = layer_of({
      {44.5, 15.5},                    // inside A
      {45.0, 15.5},                    // shared edge: B by the semi-open rule
      {46 + 0.5 * one_km, 15.5},       // 500 m outside B
      {46 + 3 * one_km, 15.5},         // 3 km outside B
      {15.5, 44.5},                    // lat/lon swapped: inside A when swapped
      {std::nan(""), std::nan("")},    // rejected
  });
  engine::SilentProgress progress;
  const engine::LayerJoin join = engine::join_layer(index, layer, engine::JoinOptions{1000}, progress);
  EXPECT_EQ(join.unit[0], 0);
  EXPECT_EQ(join.unit[1], 1);
  EXPECT_EQ(join.match[2], engine::Match::Snapped);
  EXPECT_EQ(join.unit[2], 1);
  EXPECT_NEAR(join.distance_m[2], 500, 0.5);
  EXPECT_EQ(join.match[3], engine::Match::Unmatched);
  EXPECT_EQ(join.nearest[3], 1);
  EXPECT_NEAR(join.distance_m[3], 3000, 1);
  EXPECT_EQ(join.match[4], engine::Match::Unmatched);
  EXPECT_EQ(join.swapped[4], 1);
  EXPECT_EQ(join.match[5], engine::Match::Rejected);
  const auto& c = join.counts;
  EXPECT_EQ(c.input, 6);
  EXPECT_EQ(c.matched, 2);
  EXPECT_EQ(c.snapped, 1);
  EXPECT_EQ(c.unmatched, 2);
  EXPECT_EQ(c.rejected, 1);
  EXPECT_EQ(c.likely_swapped, 1);
  EXPECT_EQ(c.matched + c.snapped + c.unmatched + c.rejected, c.input);
  EXPECT_EQ(join.note(2, level, layer), "snapped 500.0 m to B");
  EXPECT_NE(join.note(4, level, layer).find("swapped"), std::string::npos);
  EXPECT_EQ(join.note(5, level, layer), "no coordinates");
}

TEST(Join, SnapOffLeavesNearPointsUnmatched) {
  const engine::AdminLevel level = two_squares();
  const engine::AdminIndex index(level);
  engine::SilentProgress progress;
  const auto join = engine::join_layer(index, layer_of({{46.001, 15.5}}), engine::JoinOptions{0}, progress);
  EXPECT_EQ(join.match[0], engine::Match::Unmatched);
  EXPECT_THROW(engine::JoinOptions{-1}.validate(), std::runtime_error);
}

// snap_m 0 turns snapping off, also for a point a rounding error outside a
// unit, whose nearest boundary point is the point itself (distance 0): such
// points are found among points computed along a slanted outer edge (the
// bench's border distribution found them on the Yemen coast).
TEST(Join, SnapOffLeavesPointsARoundingErrorOutsideUnmatched) {
  engine::AdminLevel level;
  level.spec.name = "districts";
  engine::AdminUnit u;
  u.code = "T";
  const geo::Point a{44, 15}, b{45.3, 15.7};
  u.shape = geo::Geometry::polygon({{a, b, {44, 16}, a}});
  level.units.push_back(std::move(u));
  level.by_code = {{"T", 0}};
  const engine::AdminIndex index(level);
  std::vector<geo::Point> at_zero;
  for (int k = 1; k < 20000 && at_zero.size() < 20; ++k) {
    const double t = k / 20000.0;
    const geo::Point p{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
    if (index.locate(p) < 0 && index.nearest(p).distance_m == 0) at_zero.push_back(p);
  }
  ASSERT_FALSE(at_zero.empty());
  engine::SilentProgress progress;
  const engine::PointLayer layer = layer_of(at_zero);
  const auto off = engine::join_layer(index, layer, engine::JoinOptions{0}, progress);
  const auto on = engine::join_layer(index, layer, engine::JoinOptions{1}, progress);
  for (std::size_t i = 0; i < at_zero.size(); ++i) {
    EXPECT_EQ(off.match[i], engine::Match::Unmatched) << i;
    EXPECT_EQ(off.nearest[i], 0) << i;
    EXPECT_EQ(off.distance_m[i], 0) << i;
    EXPECT_EQ(on.match[i], engine::Match::Snapped) << i;
  }
  EXPECT_EQ(off.counts.snapped, 0);
  EXPECT_EQ(off.note(0, level, layer), "outside every districts; nearest T at 0.0 m");
}

// Counts per unit add up, per level, to the matched + snapped records, and
// class columns add up to the layer column.
TEST(Join, CountsAddUpOnRealDistricts) {
  engine::SilentProgress progress;
  engine::AdminLevelSpec gov, dist;
  gov.name = "governorates";
  gov.level = 1;
  gov.from = "districts";
  gov.code = "ADM1_PCODE";
  gov.name_en = "ADM1_EN";
  dist.name = "districts";
  dist.level = 2;
  dist.code = "ADM2_PCODE";
  dist.source.source = testing_support::shared_data("boundaries/yem_adm2.gpkg");
  const engine::Boundaries b = engine::load_boundaries({gov, dist}, progress);
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> lon(42, 54), lat(12.5, 19);
  std::vector<geo::Point> points;
  for (int i = 0; i < 20000; ++i) points.push_back({lon(rng), lat(rng)});
  engine::PointLayer layer = layer_of(points);
  layer.set_fields({{"category", geo::FieldType::String}});
  layer.spec.fields.category = "category";
  layer.spec.count_by = {"category"};
  for (std::size_t i = 0; i < layer.size(); ++i) layer.values.push_row({std::string(i % 3 == 0 ? "drugs" : "Arms ")});
  const engine::AdminIndex index(b.finest());
  const auto join = engine::join_layer(index, layer, engine::JoinOptions{2000}, progress);
  const std::int64_t placed = join.counts.matched + join.counts.snapped;
  EXPECT_GT(join.counts.snapped, 0);
  for (std::size_t level = 0; level < 2; ++level) {
    const auto counts = engine::count_by_unit(b, level, {&layer}, {&join});
    ASSERT_EQ(counts.columns, (std::vector<std::string>{"n_issues", "n_issues_category_arms", "n_issues_category_drugs"}));
    std::int64_t total = 0, by_class = 0;
    for (const auto& row : counts.values) {
      total += row[0];
      by_class += row[1] + row[2];
      EXPECT_EQ(row[0], row[1] + row[2]);
    }
    EXPECT_EQ(total, placed) << "level " << level;
    EXPECT_EQ(by_class, placed);
  }

  // The same join on one thread and on three (more threads than cores): every
  // record's outcome and every count identical, swapped lat/lon flags
  // included (points with x and y exchanged, and a few rejected records).
  for (int i = 0; i < 3000; ++i) points.push_back({lat(rng), lon(rng)});
  for (int i = 0; i < 50; ++i) points.push_back({NAN, NAN});
  const engine::PointLayer more = layer_of(points);
  const auto one = engine::join_layer(index, more, engine::JoinOptions{2000, 1}, progress);
  const auto three = engine::join_layer(index, more, engine::JoinOptions{2000, 3}, progress);
  EXPECT_EQ(one.unit, three.unit);
  EXPECT_EQ(one.match, three.match);
  EXPECT_EQ(one.nearest, three.nearest);
  EXPECT_EQ(one.swapped, three.swapped);
  for (std::size_t i = 0; i < points.size(); ++i)
    ASSERT_TRUE(one.distance_m[i] == three.distance_m[i] || (std::isnan(one.distance_m[i]) && std::isnan(three.distance_m[i])));
  EXPECT_EQ(one.counts.matched, three.counts.matched);
  EXPECT_EQ(one.counts.snapped, three.counts.snapped);
  EXPECT_EQ(one.counts.unmatched, three.counts.unmatched);
  EXPECT_EQ(one.counts.rejected, 50);
  EXPECT_EQ(three.counts.rejected, 50);
  EXPECT_GT(three.counts.likely_swapped, 1000);
  EXPECT_EQ(one.counts.likely_swapped, three.counts.likely_swapped);
}

// Every record's outcome as locate() and nearest() give it one point at a
// time, on a layer of more than one block (2^20 records), so that the
// points outside, asked in cell order, land back on their own records on
// both sides of the block's end.
TEST(Join, EveryRecordAsLocateAndNearestOneByOneAcrossBlocks) {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.source.source = testing_support::shared_data("boundaries/yem_adm2.gpkg");
  const engine::AdminLevel level = engine::load_admin_level(spec);
  const engine::AdminIndex index(level);
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> lon(41, 55), lat(11.5, 19.5);
  const std::size_t n = (std::size_t{1} << 20) + 30000;
  std::vector<geo::Point> points(n, geo::Point{44.2, 15.35});  // Sana'a: inside, cheap
  for (std::size_t i = 0; i < n; ++i) {
    const bool near_block_end = i + 20000 > (std::size_t{1} << 20) && i < (std::size_t{1} << 20) + 20000;
    if (i % 64 == 0 || near_block_end) points[i] = {lon(rng), lat(rng)};
    if (i % 1000 == 7) points[i] = {NAN, NAN};
  }
  const engine::PointLayer layer = layer_of(points);
  engine::SilentProgress progress;
  const double snap_m = 3000;
  const auto join = engine::join_layer(index, layer, engine::JoinOptions{snap_m, 2}, progress);
  std::int64_t unmatched = 0, snapped = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const geo::Point p = points[i];
    if (std::isnan(p.x)) {
      ASSERT_EQ(join.match[i], engine::Match::Rejected) << i;
      continue;
    }
    const std::int32_t unit = index.locate(p);
    if (unit >= 0) {
      ASSERT_EQ(join.match[i], engine::Match::Matched) << i;
      ASSERT_EQ(join.unit[i], unit) << i;
      continue;
    }
    const auto near = index.nearest(p);
    ASSERT_EQ(join.distance_m[i], near.distance_m) << i;
    if (near.distance_m <= snap_m) {
      ++snapped;
      ASSERT_EQ(join.match[i], engine::Match::Snapped) << i;
      ASSERT_EQ(join.unit[i], near.polygon) << i;
    } else {
      ++unmatched;
      ASSERT_EQ(join.match[i], engine::Match::Unmatched) << i;
      ASSERT_EQ(join.nearest[i], near.polygon) << i;
      ASSERT_EQ(join.swapped[i], std::fabs(p.x) <= 90 && index.locate({p.y, p.x}) >= 0) << i;
    }
  }
  EXPECT_GT(snapped, 20);
  EXPECT_GT(unmatched, 10000);
  EXPECT_EQ(join.counts.snapped, snapped);
  EXPECT_EQ(join.counts.unmatched, unmatched);
}

// Without the nearest unit of unmatched records (a count needs none), every
// record ends in the same state and every count is the same; only the
// unmatched records lose their nearest unit and distance.  With snapping on,
// the option changes nothing, since snapping needs every distance.
TEST(Join, WithoutTheNearestUnitEveryOutcomeAndCountIsTheSame) {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.source.source = testing_support::shared_data("boundaries/yem_adm2.gpkg");
  const engine::AdminLevel level = engine::load_admin_level(spec);
  const engine::AdminIndex index(level);
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> lon(41, 55), lat(11.5, 19.5);
  std::vector<geo::Point> points;
  for (int i = 0; i < 20000; ++i) points.push_back({lon(rng), lat(rng)});
  for (int i = 0; i < 2000; ++i) points.push_back({lat(rng), lon(rng)});  // swapped
  for (int i = 0; i < 30; ++i) points.push_back({NAN, NAN});
  const engine::PointLayer layer = layer_of(points);
  engine::SilentProgress progress;
  for (const double snap_m : {0.0, 5000.0}) {
    engine::JoinOptions without;
    without.snap_m = snap_m;
    without.nearest_unmatched = false;
    const auto full = engine::join_layer(index, layer, engine::JoinOptions{snap_m}, progress);
    const auto bare = engine::join_layer(index, layer, without, progress);
    EXPECT_EQ(bare.unit, full.unit) << snap_m;
    EXPECT_EQ(bare.match, full.match) << snap_m;
    EXPECT_EQ(bare.swapped, full.swapped) << snap_m;
    for (const auto field : {&engine::JoinCounts::input, &engine::JoinCounts::matched, &engine::JoinCounts::snapped,
                             &engine::JoinCounts::unmatched, &engine::JoinCounts::rejected,
                             &engine::JoinCounts::likely_swapped})
      EXPECT_EQ(bare.counts.*field, full.counts.*field) << snap_m;
    EXPECT_GT(full.counts.unmatched, 5000);
    EXPECT_GT(full.counts.likely_swapped, 500);
    std::size_t checked = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (full.match[i] == engine::Match::Snapped) {
        ASSERT_EQ(bare.distance_m[i], full.distance_m[i]) << i;
        ++checked;
      } else if (full.match[i] == engine::Match::Unmatched) {
        ASSERT_GE(full.nearest[i], 0) << i;
        if (snap_m > 0) {  // measured anyway, for the snap
          ASSERT_EQ(bare.nearest[i], full.nearest[i]) << i;
          ASSERT_EQ(bare.distance_m[i], full.distance_m[i]) << i;
        } else {
          ASSERT_EQ(bare.nearest[i], -1) << i;
          ASSERT_TRUE(std::isnan(bare.distance_m[i])) << i;
          const std::string note = bare.note(i, level, layer);
          ASSERT_EQ(note.rfind("outside every districts", 0), 0u) << note;
          ASSERT_EQ(note.find("nearest"), std::string::npos) << note;
          ASSERT_EQ(note.find("swapped") != std::string::npos, bare.swapped[i] != 0) << note;
        }
        ++checked;
      }
    }
    EXPECT_EQ(checked, static_cast<std::size_t>(full.counts.unmatched + full.counts.snapped));
  }
}

}  // namespace
