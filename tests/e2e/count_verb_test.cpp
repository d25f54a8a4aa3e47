// `localmap count` end to end, against a brute-force count: GEOS Covers of
// every point against every polygon, no index.

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "geo/vector_reader.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

const char* const kCategories[] = {"drugs", "arms", "Women's safety"};
const char* const kSlugs[] = {"drugs", "arms", "women_s_safety"};

// Random points over Jordan's extent with a category each, written as CSV
// with one row of bad coordinates and one without any.
struct Points {
  std::vector<geo::Point> located;
  std::vector<int> category;
};
Points write_points(const fs::path& csv) {
  Points p;
  std::ofstream out(csv);
  out << "id,x,y,category\n";
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> lon(34.8, 39.4), lat(29.1, 33.4);
  for (int i = 0; i < 4000; ++i) {
    p.located.push_back({lon(rng), lat(rng)});
    p.category.push_back(i % 3);
    out << i << "," << p.located.back().x << "," << p.located.back().y << "," << kCategories[i % 3] << "\n";
  }
  out << "4000,bad,31,drugs\n4001,,,arms\n";
  return p;
}

// The polygons' code -> count, and -> count per category, by brute force.
struct Expected {
  std::map<std::string, std::int64_t> total;
  std::map<std::string, std::array<std::int64_t, 3>> by_category;
  std::int64_t outside = 0;
};
Expected brute_force(const std::string& polygons, const Points& points) {
  std::vector<std::string> codes;
  {
    geo::VectorReader reader(polygons);
    const int code = reader.field_index("admin2Pcod");
    reader.for_each([&](const geo::FeatureView& f) {
      codes.push_back(f.text(code));
      return true;
    });
  }
  const std::vector<geo::Geometry> shapes = testing_support::load_polygons(polygons);
  Expected e;
  for (const std::string& c : codes) e.total[c] = 0, e.by_category[c] = {0, 0, 0};
  for (std::size_t i = 0; i < points.located.size(); ++i) {
    int holders = 0;
    for (std::size_t s = 0; s < shapes.size(); ++s) {
      if (!shapes[s].envelope().contains(points.located[i]) || !shapes[s].covers(points.located[i])) continue;
      ++holders;
      ++e.total[codes[s]];
      ++e.by_category[codes[s]][static_cast<std::size_t>(points.category[i])];
    }
    EXPECT_LE(holders, 1) << "a random point on a shared border: pick another seed";
    e.outside += holders == 0;
  }
  return e;
}

TEST(CountVerb, CountsPerPolygonAndCategoryEqualABruteForceCountInEachFormat) {
  const fs::path dir = testing_support::scratch_dir();
  const Points points = write_points(dir / "pts.csv");
  const std::string polygons = testing_support::shared_data("boundaries/jor_adm2.gpkg");
  const Expected expected = brute_force(polygons, points);
  ASSERT_GT(expected.outside, 100);  // the summary's unmatched row is exercised
  for (const char* ext : {"csv", "gpkg", "geojson"}) {
    const fs::path target = dir / (std::string("counts.") + ext);
    const auto r = e2e::localmap("count --polygons " + polygons + " --points " + (dir / "pts.csv").string() +
                                 " --by category --out " + target.string());
    ASSERT_EQ(r.status, 0) << r.err;
    // The summary accounts for every record: 4,002 in, 2 rejected.
    EXPECT_NE(r.out.find("4002"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(std::to_string(expected.outside)), std::string::npos) << r.out;
    geo::VectorReader reader(target.string());
    EXPECT_EQ(reader.declared_geometry() == geo::GeometryKind::None, std::string(ext) == "csv") << ext;
    const int code = reader.field_index("admin2Pcod"), total = reader.field_index("n_pts");
    ASSERT_GE(code, 0) << ext;  // the polygons' own fields
    ASSERT_GE(total, 0) << ext;
    std::vector<int> by_category;
    for (const char* slug : kSlugs) by_category.push_back(reader.field_index(std::string("n_pts_category_") + slug));
    for (const int f : by_category) ASSERT_GE(f, 0) << ext;
    std::size_t rows = 0;
    reader.for_each([&](const geo::FeatureView& f) {
      const std::string c = f.text(code);
      EXPECT_EQ(std::stoll(f.text(total)), expected.total.at(c)) << ext << " " << c;
      for (std::size_t k = 0; k < 3; ++k)
        EXPECT_EQ(std::stoll(f.text(by_category[k])), expected.by_category.at(c)[k]) << ext << " " << c << " " << k;
      EXPECT_EQ(f.has_geometry(), std::string(ext) != "csv") << ext;
      ++rows;
      return true;
    });
    EXPECT_EQ(rows, expected.total.size()) << ext;  // every polygon, empty ones too
  }
}

// A count column named like one of the polygons' own fields gets a prefix;
// the polygons' field keeps its values.
TEST(CountVerb, ACountNamedLikeAPolygonFieldIsPrefixed) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(
      dir / "areas.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"west","n_pts":"mine"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[35,31],[36,31],[36,32],[35,32],[35,31]]]}},)"
      R"({"type":"Feature","properties":{"name":"east","n_pts":"theirs"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[36,31],[37,31],[37,32],[36,32],[36,31]]]}}]})");
  testing_support::write_text(dir / "pts.csv", "x,y\n35.5,31.5\n36.5,31.5\n36.6,31.2\n38,31\n");
  const auto r = e2e::localmap("count --polygons " + (dir / "areas.geojson").string() + " --points " +
                               (dir / "pts.csv").string() + " --out " + (dir / "out.csv").string());
  ASSERT_EQ(r.status, 0) << r.err;
  geo::VectorReader reader((dir / "out.csv").string());
  const int name = reader.field_index("name"), own = reader.field_index("n_pts"), count = reader.field_index("count_n_pts");
  ASSERT_GE(count, 0);
  std::map<std::string, std::pair<std::string, std::string>> got;
  reader.for_each([&](const geo::FeatureView& f) {
    got[f.text(name)] = {f.text(own), f.text(count)};
    return true;
  });
  EXPECT_EQ(got["west"], (std::pair<std::string, std::string>{"mine", "1"}));
  EXPECT_EQ(got["east"], (std::pair<std::string, std::string>{"theirs", "2"}));
}

TEST(CountVerb, AnUnknownByFieldIsAnErrorNamingIt) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "pts.csv", "x,y,kind\n35.5,31.5,a\n");
  const auto r = e2e::localmap("count --polygons " + testing_support::shared_data("boundaries/jor_adm2.gpkg") +
                               " --points " + (dir / "pts.csv").string() + " --by category --out " +
                               (dir / "out.csv").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("'category'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kind"), std::string::npos) << r.err;  // the fields it has
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
}

}  // namespace
