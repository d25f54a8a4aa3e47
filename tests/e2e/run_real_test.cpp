// `localmap run` end to end on the real Yemen boundaries with generated
// points: every record accounted for, per-district counts equal to an
// independent brute-force count, RFC 7946 GeoJSON, outputs GDAL opens, and
// byte-identical outputs on a second run.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>

#include "cli_support.hpp"
#include "geo/vector_reader.hpp"
#include "support/rfc7946.hpp"

namespace fs = std::filesystem;

namespace {

struct Generated {
  std::size_t inside = 0, outside = 0, bad = 0;
};

// Random points over Yemen's extent plus a few bad records, as CSV.
Generated write_points(const fs::path& path, int n) {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> lon(41.9, 54.4), lat(12.2, 18.9);
  std::ofstream out(path);
  out << "id,longitude,latitude,category\n";
  const char* categories[] = {"drugs", "arms", "checkpoints"};
  for (int i = 0; i < n; ++i)
    out << "P" << i << "," << lon(rng) << "," << lat(rng) << "," << categories[i % 3] << "\n";
  out << "B1,,,drugs\nB2,44.1,abc,arms\nB3,44.1,-91,arms\n";
  return {0, 0, 3};
}

TEST(RunReal, YemenDistrictsWithGeneratedPoints) {
  const fs::path dir = testing_support::scratch_dir();
  write_points(dir / "issues.csv", 30000);
  const std::string project = e2e::yemen_project(
      dir, "  issues:\n    source: issues.csv\n    fields: {id: id, category: category}\n", "join:\n  snap_m: 250\n");
  const auto result = e2e::localmap("run " + project + " --out " + (dir / "out").string() + " --allow-precise issues");
  ASSERT_EQ(result.status, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("issues"), std::string::npos);

  // Accounting in run.json.
  const auto report = e2e::read_json(dir / "out" / "run.json");
  const auto& counts = report["layers"][0]["counts"];
  EXPECT_EQ(counts["input"].get<int>(), 30003);
  EXPECT_EQ(counts["matched"].get<int>() + counts["snapped"].get<int>() + counts["unmatched"].get<int>() +
                counts["rejected"].get<int>(),
            30003);
  EXPECT_EQ(counts["rejected"].get<int>(), 3);
  EXPECT_EQ(report["boundaries"][1]["units"].get<int>(), 335);
  EXPECT_FALSE(report["libraries"]["gdal"].get<std::string>().empty());

  // Independent oracle: brute-force GEOS Covers over every district for every
  // point the run matched (not snapped), counted per district.
  const auto districts = testing_support::load_polygons(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
  std::vector<std::string> codes;
  {
    geo::VectorReader r(testing_support::shared_data("boundaries/yem_adm2.gpkg"));
    r.for_each([&](const geo::FeatureView& f) {
      codes.push_back(f.text(r.field_index("ADM2_PCODE")));
      return true;
    });
  }
  std::vector<geo::Envelope> envelopes;
  for (const auto& g : districts) envelopes.push_back(g.envelope());
  std::map<std::string, int> oracle, snapped;
  geo::VectorReader points((dir / "out" / "issues.geojson").string());
  int features = 0, matched = 0;
  points.for_each([&](const geo::FeatureView& f) {
    ++features;
    const std::string match = f.text(points.field_index("match"));
    if (match == "snapped") ++snapped[f.text(points.field_index("ADM2_PCODE"))];
    if (match != "matched") return true;
    ++matched;
    const geo::Point p = *f.point();
    for (std::size_t i = 0; i < districts.size(); ++i)
      if (envelopes[i].contains(p) && districts[i].covers(p)) {
        ++oracle[codes[i]];
        EXPECT_EQ(f.text(points.field_index("ADM2_PCODE")), codes[i]);
        break;
      }
    return true;
  });
  EXPECT_EQ(features, 30003);  // every input record once
  EXPECT_EQ(matched, counts["matched"].get<int>());

  // districts.geojson counts = matched + snapped per district; summed = placed.
  geo::VectorReader d((dir / "out" / "districts.geojson").string());
  int total = 0;
  d.for_each([&](const geo::FeatureView& f) {
    const int n = static_cast<int>(std::get<std::int64_t>(f.value(d.field_index("n_issues"))));
    const std::string code = f.text(d.field_index("ADM2_PCODE"));
    EXPECT_EQ(n, oracle[code] + snapped[code]) << code;
    total += n;
    return true;
  });
  EXPECT_EQ(total, counts["matched"].get<int>() + counts["snapped"].get<int>());

  for (const char* file : {"districts.geojson", "governorates.geojson", "issues.geojson", "unmatched.geojson"}) {
    const auto problems = testing_support::rfc7946_problems((dir / "out" / file).string(), 7);
    EXPECT_TRUE(problems.empty()) << file << ": " << problems.front();
  }
  const auto gpkg = geo::describe_source((dir / "out" / "localmap.gpkg").string());
  std::map<std::string, std::int64_t> layer_counts;
  for (const auto& l : gpkg.layers) layer_counts[l.name] = l.feature_count;
  EXPECT_EQ(layer_counts["districts"], 335);
  EXPECT_EQ(layer_counts["governorates"], 22);
  EXPECT_EQ(layer_counts["issues"], 30003);
  EXPECT_EQ(layer_counts["unmatched"], counts["unmatched"].get<int>());
  EXPECT_EQ(geo::describe_source((dir / "out" / "summary.csv").string()).layers[0].feature_count, 335);

  // Same inputs, same bytes (run.json holds timings, so it is left out).
  const auto again = e2e::localmap("run " + project + " --out " + (dir / "again").string() + " --quiet --allow-precise issues");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_TRUE(again.out.empty());  // --quiet
  for (const char* file : {"districts.geojson", "governorates.geojson", "issues.geojson", "unmatched.geojson",
                           "localmap.gpkg", "summary.csv"})
    EXPECT_EQ(testing_support::read_text(dir / "out" / file), testing_support::read_text(dir / "again" / file)) << file;
}

}  // namespace

namespace {

// Three admin levels (governorates, districts, sub-districts): records are
// joined to the finest and carry all three P-codes; every level's counts add
// up to the same total.
// run.json's peak memory against GNU time's maximum resident set size of
// the same process (an independent measurement from outside): run.json is
// written just before the end, so it may be a little lower, never higher.
TEST(RunReal, PeakMemoryMatchesGnuTime) {
  if (!fs::exists("/usr/bin/time")) GTEST_SKIP() << "GNU time (Debian package time) is not installed";
  const fs::path dir = testing_support::scratch_dir();
  write_points(dir / "issues.csv", 200000);
  const std::string project = e2e::yemen_project(dir, "  issues:\n    source: issues.csv\n    fields: {id: id, category: category}\n");
  const auto result = testing_support::run_command("/usr/bin/time -f 'maxrss_kib %M' -o " + (dir / "time.txt").string() + " " +
                                                   LOCALMAP_CLI + std::string(" run ") + project + " --out " + (dir / "out").string() +
                                                   " --quiet");
  ASSERT_EQ(result.status, 0) << result.err << result.out;
  std::ifstream time_file(dir / "time.txt");
  std::string label;
  double maxrss_kib = 0;
  ASSERT_TRUE(time_file >> label >> maxrss_kib);
  const double measured_mib = maxrss_kib / 1024;
  const double reported_mib = e2e::read_json(dir / "out" / "run.json")["peak_memory_mib"].get<double>();
  EXPECT_LE(reported_mib, measured_mib + 0.1);
  // What runs after run.json (the moves into place) may raise the peak a
  // little; under AddressSanitizer much more: freed memory waits in its
  // quarantine while new blocks take fresh pages, and the leak check at exit
  // scans the heap (with restricted issues, which leave no joined copy, 36 %
  // above the run's own peak on 200,000 points).
#ifdef __SANITIZE_ADDRESS__
  EXPECT_GE(reported_mib, 0.6 * measured_mib);
#else
  EXPECT_GE(reported_mib, 0.75 * measured_mib);
#endif
  EXPECT_GT(reported_mib, 20.0);  // 200,000 points and 335 districts do not fit in less
}

TEST(RunReal, ThreeAdminLevels) {
  const fs::path dir = testing_support::scratch_dir();
  {
    std::ofstream out(dir / "issues.csv");
    out << "lon,lat\n";
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> lon(43, 46), lat(13, 16);
    for (int i = 0; i < 5000; ++i) out << lon(rng) << "," << lat(rng) << "\n";
  }
  testing_support::write_text(
      dir / "project.yaml",
      "boundaries:\n"
      "  governorates: {source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") + "}\n"
      "  districts: {source: " + testing_support::shared_data("boundaries/yem_adm2.gpkg") + ", parent: ADM1_PCODE}\n"
      "  subdistricts: {source: " + testing_support::shared_data("boundaries/yem_adm3.gpkg") + ", parent: ADM2_PCODE}\n"
      "layers:\n  issues: {source: issues.csv}\n");
  const auto r = e2e::localmap("run " + (dir / "project.yaml").string() + " --out " + (dir / "out").string() + " --allow-precise issues");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = e2e::read_json(dir / "out" / "run.json");
  const int placed = report["layers"][0]["counts"]["matched"].get<int>();
  for (const char* level : {"governorates", "districts", "subdistricts"}) {
    geo::VectorReader reader((dir / "out" / (std::string(level) + ".geojson")).string());
    int total = 0;
    reader.for_each([&](const geo::FeatureView& f) {
      total += static_cast<int>(std::get<std::int64_t>(f.value(reader.field_index("n_issues"))));
      return true;
    });
    EXPECT_EQ(total, placed) << level;
  }
  geo::VectorReader points((dir / "out" / "issues.geojson").string());
  points.for_each([&](const geo::FeatureView& f) {
    if (f.text(points.field_index("match")) != "matched") return true;
    const std::string adm3 = f.text(points.field_index("ADM3_PCODE"));
    const std::string adm2 = f.text(points.field_index("ADM2_PCODE"));
    const std::string adm1 = f.text(points.field_index("ADM1_PCODE"));
    EXPECT_EQ(adm3.substr(0, adm2.size()), adm2);  // Yemen sub-district codes extend their district's
    EXPECT_EQ(adm2.substr(0, adm1.size()), adm1);
    return true;
  });
}

}  // namespace
