// engine::load_inputs (boundaries and indexes beside the point layers) gives
// what each loader gives alone, reports errors as if the boundaries had
// loaded first, and stops a point layer between parts once asked.

#include "engine/inputs.hpp"

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "cod_level.hpp"
#include "engine/error.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

using testing_support::cod_level;
using testing_support::error_of;
using testing_support::shared_data;
using testing_support::write_text;

engine::PointLayerSpec layer(const std::string& name, const fs::path& source) {
  engine::PointLayerSpec s;
  s.name = name;
  s.role = "issues";
  s.source.source = source.string();
  return s;
}

// Random points over Yemen and the sea around it, one line per record.
std::string points_csv(int rows, char separator, std::mt19937& rng) {
  std::uniform_real_distribution<double> lon(41.0, 55.0), lat(11.0, 20.0);
  std::string text = std::string("id") + separator + "lon" + separator + "lat\n";
  for (int r = 0; r < rows; ++r)
    text += std::to_string(r) + separator + std::to_string(lon(rng)) + separator + std::to_string(lat(rng)) + "\n";
  return text;
}

fs::path points_gpkg(const fs::path& dir, int rows, std::mt19937& rng) {
  const fs::path path = dir / "points.gpkg";
  GDALAllRegister();  // when this test runs alone, nothing has opened a source yet
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* out = ds->CreateLayer("points", &wgs84, wkbPoint, nullptr);
  OGRFieldDefn id("id", OFTInteger);
  out->CreateField(&id);
  std::uniform_real_distribution<double> lon(41.0, 55.0), lat(11.0, 20.0);
  ds->StartTransaction();
  for (int r = 0; r < rows; ++r) {
    OGRFeature feature(out->GetLayerDefn());
    feature.SetField("id", r);
    OGRPoint p(lon(rng), lat(rng));
    feature.SetGeometry(&p);
    if (out->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("cannot write " + path.string());
  }
  ds->CommitTransaction();
  return path;
}

TEST(Inputs, GiveWhatEachLoaderGivesAlone) {
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(7);
  write_text(dir / "a.csv", points_csv(20000, ',', rng));
  write_text(dir / "b.csv", points_csv(3000, ';', rng));  // read by GDAL's driver
  const std::vector<engine::AdminLevelSpec> levels{
      cod_level("governorates", 1, shared_data("boundaries/yem_adm1.gpkg")),
      cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"))};
  const std::vector<engine::PointLayerSpec> layers{layer("a", dir / "a.csv"), layer("b", dir / "b.csv")};
  engine::LoadOptions small_parts;
  small_parts.csv_part_bytes = 64 * 1024;  // many parts, each a chance to stop
  engine::SilentProgress progress;
  const engine::Inputs in = engine::load_inputs(levels, layers, progress, small_parts);

  const engine::Boundaries alone = engine::load_boundaries(levels, progress);
  ASSERT_EQ(in.boundaries.levels.size(), 2u);
  for (std::size_t l = 0; l < 2; ++l) {
    ASSERT_EQ(in.boundaries.levels[l].units.size(), alone.levels[l].units.size());
    for (std::size_t u = 0; u < alone.levels[l].units.size(); ++u) {
      EXPECT_EQ(in.boundaries.levels[l].units[u].code, alone.levels[l].units[u].code);
      EXPECT_EQ(in.boundaries.levels[l].units[u].parent, alone.levels[l].units[u].parent);
      EXPECT_EQ(in.boundaries.levels[l].units[u].area_km2, alone.levels[l].units[u].area_km2);
    }
  }
  EXPECT_EQ(&in.index->level(), &in.boundaries.finest());

  ASSERT_EQ(in.layers.size(), 2u);
  EXPECT_TRUE(in.layers[0].read_without_gdal);
  EXPECT_FALSE(in.layers[1].read_without_gdal);
  const engine::AdminIndex fresh(alone.finest());  // nearest() built on first use
  for (std::size_t i = 0; i < 2; ++i) {
    const engine::PointLayer one = engine::load_point_layer(layers[i], small_parts);
    ASSERT_EQ(in.layers[i].size(), one.size());
    std::size_t outside = 0;
    for (std::size_t r = 0; r < one.size(); ++r) {
      ASSERT_EQ(in.layers[i].points[r], one.points[r]) << r;
      ASSERT_EQ(in.layers[i].records[r], one.records[r]) << r;
      const geo::Point p = one.points[r];
      const std::int32_t unit = in.index->locate(p);
      ASSERT_EQ(unit, fresh.locate(p)) << r;
      if (unit >= 0) continue;
      ++outside;
      const auto built_now = in.index->nearest(p), on_first_use = fresh.nearest(p);
      ASSERT_EQ(built_now.polygon, on_first_use.polygon) << r;
      ASSERT_EQ(built_now.distance_m, on_first_use.distance_m) << r;
    }
    EXPECT_GT(outside, one.size() / 10) << "the sea and the neighbours are in the box";
  }
}

TEST(Inputs, ABoundaryErrorIsReportedBeforeAPointError) {
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(8);
  write_text(dir / "good.csv", points_csv(100, ',', rng));
  const engine::AdminLevelSpec missing = cod_level("districts", 2, (dir / "no_such_districts.gpkg").string());
  const engine::AdminLevelSpec districts = cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"));
  const engine::PointLayerSpec bad_points = layer("absent", dir / "no_such_points.csv");
  engine::SilentProgress progress;

  const std::string both = error_of([&] { engine::load_inputs({missing}, {bad_points}, progress); });
  EXPECT_NE(both.find("no_such_districts.gpkg"), std::string::npos) << both;
  const std::string boundary_only = error_of([&] { engine::load_inputs({missing}, {layer("good", dir / "good.csv")}, progress); });
  EXPECT_NE(boundary_only.find("no_such_districts.gpkg"), std::string::npos) << boundary_only;
  const std::string points_only = error_of([&] { engine::load_inputs({districts}, {bad_points}, progress); });
  EXPECT_NE(points_only.find("no_such_points.csv"), std::string::npos) << points_only;
}

// Each reader (plain CSV, GDAL's Arrow stream, GDAL feature by feature) asks
// whether to stop; asked, it stops with an error naming the layer.
TEST(Inputs, EveryPointReaderStopsWhenAsked) {
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(9);
  write_text(dir / "plain.csv", points_csv(5000, ',', rng));
  write_text(dir / "semicolons.csv", points_csv(5000, ';', rng));
  const fs::path gpkg = points_gpkg(dir, 5000, rng);
  struct Reader {
    engine::PointLayerSpec spec;
    bool plain, arrow;
  };
  const Reader readers[] = {{layer("plain", dir / "plain.csv"), true, false},
                            {layer("semicolons", dir / "semicolons.csv"), false, false},
                            {layer("gpkg", gpkg), false, true}};
  for (const Reader& reader : readers) {
    std::atomic<bool> stop{false};
    engine::LoadOptions options;
    options.csv_part_bytes = 16 * 1024;
    options.stop = &stop;
    const engine::PointLayer whole = engine::load_point_layer(reader.spec, options);
    EXPECT_EQ(whole.size(), 5000u) << reader.spec.name;
    EXPECT_EQ(whole.read_without_gdal, reader.plain) << reader.spec.name;
    EXPECT_EQ(whole.read_by_arrow_stream, reader.arrow) << reader.spec.name;
    stop = true;
    const std::string error = error_of([&] { engine::load_point_layer(reader.spec, options); });
    EXPECT_NE(error.find("loading layer '" + reader.spec.name + "' stopped"), std::string::npos) << error;
  }
}

}  // namespace
