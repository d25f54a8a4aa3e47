// Spatial weights from geometry: lattices by hand, slivers and gaps, islands,
// and the real Yemen districts against GEOS (all pairs) and libpysal Queen.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "engine/priorities/weights.hpp"
#include "fixtures.hpp"
#include "support/test_support.hpp"

using namespace engine::priorities;
using priorities_testing::lattice;
using priorities_testing::unit_from_wkt;

namespace {

std::vector<const geo::Geometry*> shapes_of(const engine::AdminLevel& level) {
  std::vector<const geo::Geometry*> s;
  for (const auto& u : level.units) s.push_back(&u.shape);
  return s;
}

}  // namespace

TEST(Weights, QueenOnLatticeByHand) {
  const auto level = lattice(3, 3);
  const SpatialWeights w = queen_weights(shapes_of(level), 0);
  // Corners 3, edges 5, centre 8 neighbours.
  const std::vector<std::size_t> expected = {3, 5, 3, 5, 8, 5, 3, 5, 3};
  for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(w.neighbours[i].size(), expected[i]) << level.units[i].code;
  EXPECT_EQ(w.neighbours[0], (std::vector<std::int32_t>{1, 3, 4}));
  EXPECT_TRUE(w.islands.empty());
  EXPECT_EQ(w.links(), 40u);
}

TEST(Weights, SliversGapsAndIslands) {
  engine::AdminLevel level;
  // A and B are separated by a 0.0001 degree gap (about 10.7 m at 14 N);
  // C overlaps B by a sliver; D is far away (an island).
  level.units.push_back(unit_from_wkt("A", "POLYGON((44 14,44.1 14,44.1 14.1,44 14.1,44 14))"));
  level.units.push_back(unit_from_wkt("B", "POLYGON((44.1001 14,44.2 14,44.2 14.1,44.1001 14.1,44.1001 14))"));
  level.units.push_back(unit_from_wkt("C", "POLYGON((44.19995 14.02,44.3 14.02,44.3 14.08,44.19995 14.08,44.19995 14.02))"));
  level.units.push_back(unit_from_wkt("D", "POLYGON((45 15,45.1 15,45.1 15.1,45 15.1,45 15))"));
  const auto strict = queen_weights(shapes_of(level), 5);
  EXPECT_TRUE(strict.neighbours[0].empty());  // 10.7 m gap > 5 m
  EXPECT_EQ(strict.neighbours[1], (std::vector<std::int32_t>{2}));
  EXPECT_EQ(strict.islands, (std::vector<std::int32_t>{0, 3}));
  const auto tolerant = queen_weights(shapes_of(level), 20);
  EXPECT_EQ(tolerant.neighbours[0], (std::vector<std::int32_t>{1}));
  EXPECT_EQ(tolerant.neighbours[1], (std::vector<std::int32_t>{0, 2}));
  EXPECT_EQ(tolerant.islands, (std::vector<std::int32_t>{3}));
}

TEST(Weights, DistanceBandAndCentroid) {
  const auto level = lattice(1, 3, 0.1, 44.0, 14.0);
  const geo::Point c = polygon_centroid(level.units[1].shape);
  EXPECT_NEAR(c.x, 44.15, 1e-12);
  EXPECT_NEAR(c.y, 14.05, 1e-12);
  std::vector<geo::Point> centroids;
  for (const auto& u : level.units) centroids.push_back(polygon_centroid(u.shape));
  // Centroids 0.1 degree of longitude apart at 14.05 N: about 10.8 km.
  const auto near = distance_band_weights(centroids, 11000);
  EXPECT_EQ(near.neighbours[0], (std::vector<std::int32_t>{1}));
  EXPECT_EQ(near.neighbours[1], (std::vector<std::int32_t>{0, 2}));
  const auto far = distance_band_weights(centroids, 22000);
  EXPECT_EQ(far.neighbours[0], (std::vector<std::int32_t>{1, 2}));
  const auto none = distance_band_weights(centroids, 10000);
  EXPECT_EQ(none.islands.size(), 3u);
}

// Touching pairs of the real districts, computed independently by GEOS
// (intersects over every pair with overlapping envelopes).
TEST(Weights, YemenDistrictsMatchGeosAllPairs) {
  const auto level = priorities_testing::yemen(2);
  ASSERT_EQ(level.units.size(), 335u);
  const auto w = queen_weights(shapes_of(level), 0);
  std::set<std::pair<int, int>> ours, geos;
  for (std::size_t i = 0; i < w.size(); ++i)
    for (std::int32_t j : w.neighbours[i])
      if (static_cast<int>(i) < j) ours.insert({static_cast<int>(i), j});
  const std::size_t n = level.units.size();
  std::vector<geo::Envelope> env(n);
  for (std::size_t i = 0; i < n; ++i) env[i] = level.units[i].shape.envelope();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      if (env[i].min_x > env[j].max_x || env[j].min_x > env[i].max_x || env[i].min_y > env[j].max_y ||
          env[j].min_y > env[i].max_y)
        continue;
      if (level.units[i].shape.intersects(level.units[j].shape)) geos.insert({static_cast<int>(i), static_cast<int>(j)});
    }
  std::vector<std::string> only_ours, only_geos;
  for (const auto& p : ours)
    if (!geos.count(p)) only_ours.push_back(level.units[p.first].code + "-" + level.units[p.second].code);
  for (const auto& p : geos)
    if (!ours.count(p)) only_geos.push_back(level.units[p.first].code + "-" + level.units[p.second].code);
  EXPECT_GT(ours.size(), 700u);
  // A pair we call touching with tolerance 1 mm must intersect, except when the gap is under a millimetre.
  EXPECT_LE(only_ours.size(), 2u) << testing::PrintToString(only_ours);
  EXPECT_TRUE(only_geos.empty()) << testing::PrintToString(only_geos);
  RecordProperty("queen_pairs", static_cast<int>(ours.size()));
}

// libpysal's Queen (shared vertices only) must be a subset of ours; the
// difference is T-junctions, which GEOS confirms as touching.
TEST(Weights, YemenDistrictsAgainstLibpysalQueen) {
  if (!priorities_testing::python_has("libpysal") || !priorities_testing::python_has("geopandas"))
    GTEST_SKIP() << "python3-libpysal / python3-geopandas are not installed";
  const std::string path = testing_support::shared_data("boundaries/yem_adm2.gpkg");
  const std::string out = priorities_testing::python(
      "import warnings\nwarnings.filterwarnings('ignore')\n"
      "import geopandas, libpysal\n"
      "df = geopandas.read_file('" + path + "')\n"
      "w = libpysal.weights.Queen.from_dataframe(df, silence_warnings=True)\n"
      "codes = list(df['ADM2_PCODE'])\n"
      "for i, nb in w.neighbors.items():\n"
      "    for j in nb:\n"
      "        if i < j: print(codes[i], codes[j])\n"
      "print('ISLANDS', len(w.islands))\n");
  const auto level = priorities_testing::yemen(2);
  const auto w = queen_weights(shapes_of(level), 0);
  std::set<std::pair<std::string, std::string>> ours;
  for (std::size_t i = 0; i < w.size(); ++i)
    for (std::int32_t j : w.neighbours[i]) {
      std::string a = level.units[i].code, b = level.units[static_cast<std::size_t>(j)].code;
      ours.insert({std::min(a, b), std::max(a, b)});
    }
  std::istringstream in(out);
  std::string a, b;
  std::size_t pysal_pairs = 0;
  std::vector<std::string> missing;
  while (in >> a >> b) {
    if (a == "ISLANDS") {
      EXPECT_EQ(std::stoul(b), w.islands.size());
      break;
    }
    ++pysal_pairs;
    if (!ours.count({std::min(a, b), std::max(a, b)})) missing.push_back(a + "-" + b);
  }
  EXPECT_GT(pysal_pairs, 700u);
  EXPECT_TRUE(missing.empty()) << testing::PrintToString(missing);
  // Report how many T-junction pairs we add beyond libpysal.
  RecordProperty("libpysal_pairs", static_cast<int>(pysal_pairs));
  RecordProperty("our_pairs", static_cast<int>(ours.size()));
  std::cout << "libpysal Queen pairs " << pysal_pairs << ", ours (tolerance 0) " << ours.size() << "\n";
}
