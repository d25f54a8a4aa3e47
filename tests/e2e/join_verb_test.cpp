// `localmap join` and `localmap inspect` end to end.

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>

#include "cli_support.hpp"
#include "geo/vector_reader.hpp"
#include "support/rfc7946.hpp"

namespace fs = std::filesystem;

namespace {

TEST(JoinVerb, EveryPointOnceWithPolygonFieldsInEachFormat) {
  const fs::path dir = testing_support::scratch_dir();
  {
    std::ofstream out(dir / "pts.csv");
    out << "id,x,y,note\n";
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> lon(35, 39.5), lat(29, 33.5);  // Jordan's extent
    for (int i = 0; i < 3000; ++i) out << i << "," << lon(rng) << "," << lat(rng) << ",n" << i << "\n";
    out << "3000,bad,31,n\n";
  }
  for (const char* ext : {"geojson", "gpkg", "csv"}) {
    const fs::path target = dir / (std::string("joined.") + ext);
    const auto r = e2e::localmap("join --polygons " + testing_support::shared_data("boundaries/jor_adm2.gpkg") +
                                 " --points " + (dir / "pts.csv").string() + " --out " + target.string() + " --snap-m 100");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("3001"), std::string::npos) << r.out;
    geo::VectorReader reader(target.string());
    ASSERT_GE(reader.field_index("admin2Pcod"), 0);  // the polygon layer's own fields
    ASSERT_GE(reader.field_index("match"), 0);
    ASSERT_GE(reader.field_index("match_note"), 0);
    std::set<std::string> ids;
    std::map<std::string, int> by_match;
    reader.for_each([&](const geo::FeatureView& f) {
      ids.insert(f.text(reader.field_index("id")));
      const std::string match = f.text(reader.field_index("match"));
      ++by_match[match];
      if (match == "matched") { EXPECT_FALSE(f.text(reader.field_index("admin2Pcod")).empty()); }
      if (match == "unmatched") { EXPECT_TRUE(f.text(reader.field_index("admin2Pcod")).empty()); }
      return true;
    });
    EXPECT_EQ(ids.size(), 3001u) << ext;  // every point exactly once
    EXPECT_EQ(by_match["rejected"], 1) << ext;
    EXPECT_EQ(by_match["matched"] + by_match["snapped"] + by_match["unmatched"] + by_match["rejected"], 3001) << ext;
    if (std::string(ext) == "geojson") {
      const auto problems = testing_support::rfc7946_problems(target.string(), 7);
      EXPECT_TRUE(problems.empty()) << problems.front();
    }
  }
}

TEST(InspectVerb, DescribesARealLayer) {
  const auto r = e2e::localmap("inspect " + testing_support::shared_data("boundaries/yem_adm3.gpkg"));
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* part : {"layer yem_adm3", "polygon", "EPSG:4326", "2149", "ADM3_PCODE", "invalid"})
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
}

}  // namespace
