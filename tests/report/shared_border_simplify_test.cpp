// geo::simplify_shared_borders: shared borders stay shared, on a small
// hand-made tiling and on the real Yemen districts with their governorates.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <utility>

#include "geo/shared_border_simplify.hpp"
#include "support/test_support.hpp"

namespace {

using geo::Point;

geo::Geometry rebuild(const std::vector<geo::PolygonRings>& shape) {
  std::vector<geo::Geometry> parts;
  for (const auto& rings : shape) parts.push_back(geo::Geometry::polygon(rings));
  return geo::Geometry::multi_polygon(std::move(parts));
}

// Undirected edges with how many rings use them.
std::map<std::pair<std::pair<double, double>, std::pair<double, double>>, int> edge_uses(
    const std::vector<std::vector<geo::PolygonRings>>& shapes) {
  std::map<std::pair<std::pair<double, double>, std::pair<double, double>>, int> uses;
  for (const auto& shape : shapes)
    for (const auto& rings : shape)
      for (const auto& ring : rings)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
          auto a = std::make_pair(ring[i].x, ring[i].y), b = std::make_pair(ring[i + 1].x, ring[i + 1].y);
          if (b < a) std::swap(a, b);
          ++uses[{a, b}];
        }
  return uses;
}

// Two squares sharing a wiggly border of many vertices.
std::vector<geo::Geometry> two_neighbours() {
  std::vector<Point> border;  // from (1,0) up to (1,1), wiggling by 1e-4
  for (int i = 0; i <= 100; ++i) border.push_back({1 + (i % 2 ? 1e-4 : -1e-4) * (i % 7 == 0 ? 0 : 1), i / 100.0});
  border.front().x = border.back().x = 1;
  geo::Ring west{{0, 0}};
  for (const Point& p : border) west.push_back(p);
  west.push_back({0, 1});
  west.push_back({0, 0});
  geo::Ring east{{2, 0}, {2, 1}};
  for (auto it = border.rbegin(); it != border.rend(); ++it) east.push_back(*it);
  east.push_back({2, 0});
  std::vector<geo::Geometry> out;
  out.push_back(geo::Geometry::polygon({west}));
  out.push_back(geo::Geometry::polygon({east}));
  return out;
}

TEST(SharedBorderSimplify, NeighboursKeepOneCommonBorder) {
  const auto squares = two_neighbours();
  const auto result = geo::simplify_shared_borders(testing_support::pointers(squares), 0.01);
  ASSERT_EQ(result.shapes.size(), 2u);
  // The wiggles are below the tolerance: the border becomes the straight
  // segment between its two junctions, in both squares.
  const auto& west = result.shapes[0][0][0];
  const auto& east = result.shapes[1][0][0];
  EXPECT_EQ(west.size(), 5u);
  EXPECT_EQ(east.size(), 5u);
  for (const auto& [edge, count] : edge_uses(result.shapes))
    if (edge.first.first == 1 && edge.second.first == 1) {
      EXPECT_EQ(count, 2) << "the shared border is in both rings";
    }
  EXPECT_NEAR(rebuild(result.shapes[0]).planar_area() + rebuild(result.shapes[1]).planar_area(), 2.0, 1e-12);
  EXPECT_EQ(result.distinct_arcs, 3u);  // the border, the west outline, the east outline
}

TEST(SharedBorderSimplify, ToleranceZeroDropsOnlyCollinearVertices) {
  const geo::Geometry square = geo::Geometry::polygon({{{0, 0}, {0.5, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}});
  const auto result = geo::simplify_shared_borders({&square}, 0);
  EXPECT_EQ(result.shapes[0][0][0].size(), 5u);
  EXPECT_DOUBLE_EQ(rebuild(result.shapes[0]).planar_area(), 1.0);
}

TEST(SharedBorderSimplify, SmallRingsKeepThreeVertices) {
  // An island far below the tolerance stays a triangle, not a line.
  const geo::Geometry island =
      geo::Geometry::polygon({{{0, 0}, {1e-5, 0}, {1e-5, 1e-5}, {0.5e-5, 1.5e-5}, {0, 1e-5}, {0, 0}}});
  const auto result = geo::simplify_shared_borders({&island}, 1);
  ASSERT_EQ(result.shapes[0].size(), 1u);
  EXPECT_EQ(result.shapes[0][0][0].size(), 4u);
  EXPECT_GT(rebuild(result.shapes[0]).planar_area(), 0);
}

TEST(SharedBorderSimplify, RealYemenDistrictsStayATiling) {
  const auto districts = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  const auto governorates = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm1.gpkg"));
  ASSERT_EQ(districts.size(), 335u);
  std::vector<const geo::Geometry*> all = testing_support::pointers(districts);
  for (const auto& g : governorates) all.push_back(&g);
  const double tolerance = 0.0006;  // what the report chooses for Yemen (1/20,000 of 12.7 degrees)
  const auto result = geo::simplify_shared_borders(all, tolerance);
  EXPECT_EQ(result.vertices_before, 214743u);
  EXPECT_LT(result.vertices_after, result.vertices_before / 4);

  std::vector<std::vector<geo::PolygonRings>> district_shapes(result.shapes.begin(), result.shapes.begin() + 335);
  // Shared borders stay shared: no edge is used by more than two districts,
  // the districts do not overlap (their areas add up to their union's) and
  // no gap opens between them (the union has as many holes as the input's).
  for (const auto& [edge, count] : edge_uses(district_shapes)) ASSERT_LE(count, 2);
  std::vector<geo::Geometry> simplified;
  double sum = 0;
  for (const auto& shape : district_shapes) {
    ASSERT_FALSE(shape.empty());
    simplified.push_back(rebuild(shape));
    sum += simplified.back().planar_area();
  }
  const geo::Geometry simplified_union = geo::Geometry::union_all(testing_support::pointers(simplified));
  const geo::Geometry input_union = geo::Geometry::union_all(testing_support::pointers(districts));
  EXPECT_NEAR(sum, simplified_union.planar_area(), 1e-9 * sum);
  std::size_t holes_in = 0, holes_out = 0;
  for (const auto& rings : input_union.polygons()) holes_in += rings.size() - 1;
  for (const auto& rings : simplified_union.polygons()) holes_out += rings.size() - 1;
  EXPECT_EQ(holes_out, holes_in);
  // Governorate outlines run along the simplified district borders: every
  // outline edge is an edge of some district.
  const auto district_edges = edge_uses(district_shapes);
  std::vector<std::vector<geo::PolygonRings>> outline_shapes(result.shapes.begin() + 335, result.shapes.end());
  for (const auto& [edge, count] : edge_uses(outline_shapes)) ASSERT_TRUE(district_edges.count(edge));
}

TEST(SharedBorderSimplify, PerPolygonSimplificationWouldOpenSlivers) {
  // Why the report does not simplify each district alone: GEOS's
  // topology-preserving simplifier, one polygon at a time, makes neighbours
  // overlap.  This is the failure the shared-arc simplifier exists to avoid.
  const auto districts = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  std::vector<geo::Geometry> alone;
  double sum = 0;
  for (const auto& d : districts) {
    alone.push_back(d.simplify_preserving_topology(0.0006));
    sum += alone.back().planar_area();
  }
  const double union_area = geo::Geometry::union_all(testing_support::pointers(alone)).planar_area();
  EXPECT_GT(sum - union_area, 1e-6 * sum);
}

}  // namespace
