// map.png: decoded with Cairo, its size checked, and the colour inside
// districts compared with their classes.

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>

#include "engine/report/png_map.hpp"
#include "engine/report/report.hpp"
#include "engine/report/report_model.hpp"
#include "report_test_support.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct DecodedPng {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{nullptr, &cairo_surface_destroy};
  int width() const { return cairo_image_surface_get_width(surface.get()); }
  int height() const { return cairo_image_surface_get_height(surface.get()); }
  std::string colour_at(geo::Point pixel) const {
    const int x = static_cast<int>(pixel.x), y = static_cast<int>(pixel.y);
    const unsigned char* row = cairo_image_surface_get_data(surface.get()) + y * cairo_image_surface_get_stride(surface.get());
    std::uint32_t argb;
    std::memcpy(&argb, row + 4 * x, 4);
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", (argb >> 16) & 255, (argb >> 8) & 255, argb & 255);
    return text;
  }
};

DecodedPng decode(const std::string& path) {
  DecodedPng png;
  png.surface.reset(cairo_image_surface_create_from_png(path.c_str()));
  EXPECT_EQ(cairo_surface_status(png.surface.get()), CAIRO_STATUS_SUCCESS) << path;
  cairo_surface_flush(png.surface.get());
  return png;
}

// The point inside each district, from the full-detail polygons of the run's
// own districts.geojson (independent of the report's simplification).
std::vector<geo::Point> inside_points(const fs::path& dir) {
  std::vector<geo::Point> out;
  for (const auto& g : testing_support::load_polygons((dir / "districts.geojson").string())) out.push_back(g.point_on_surface());
  return out;
}

void expect_colours_match_classes(const fs::path& dir, const engine::report::ReportOptions& options, std::size_t probes) {
  const auto files = engine::report::write_report(dir.string(), options);
  const engine::report::ReportModel model = engine::report::build_report_model(dir.string(), options);
  const engine::report::MapFrame frame = engine::report::png_map_frame(model, options.png_width);
  const DecodedPng png = decode(files.png);
  ASSERT_GE(png.width(), 1600);
  EXPECT_EQ(png.width(), options.png_width);
  EXPECT_EQ(png.height(), frame.image_height);

  const engine::report::Choropleth& c = *model.chosen_choropleth();
  const std::vector<geo::Point> inside = inside_points(dir);
  ASSERT_EQ(inside.size(), c.values.size());
  // Probe the largest districts (their inside point is far from any border
  // line) plus the district with the highest and the lowest value.
  const auto& units = model.run.units.layer;
  const int area = units.field_index("area_km2");
  std::vector<std::size_t> order(units.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::get<double>(units.rows[a][area]) > std::get<double>(units.rows[b][area]);
  });
  for (std::size_t i = 0; i < probes; ++i) {
    const std::size_t u = order[i];
    EXPECT_EQ(png.colour_at(frame.to_pixel(inside[u])), c.colour_of(c.values[u]))
        << "district " << geo::to_text(units.rows[u][units.field_index("ADM2_PCODE")]) << " value " << c.values[u];
  }
  // The largest district of the top class is drawn darkest, the largest of
  // the bottom class lightest.
  const int top = static_cast<int>(c.class_count()) - 1;
  const auto darkest = std::find_if(order.begin(), order.end(), [&](std::size_t u) { return c.class_of(c.values[u]) == top; });
  const auto lightest = std::find_if(order.begin(), order.end(), [&](std::size_t u) { return c.class_of(c.values[u]) == 0; });
  ASSERT_NE(darkest, order.end());
  ASSERT_NE(lightest, order.end());
  EXPECT_EQ(png.colour_at(frame.to_pixel(inside[*darkest])), c.more_is_better ? "#ffffb2" : "#bd0026");
  EXPECT_EQ(png.colour_at(frame.to_pixel(inside[*lightest])), c.more_is_better ? "#bd0026" : "#ffffb2");
  // Outside every district: the map's background.
  EXPECT_EQ(png.colour_at({frame.left + 3, frame.top + 3}), "#eef3f7");
}

TEST(PngMap, DemoColoursFollowTheClasses) {
  const fs::path dir = testing_support::scratch_dir() / "run";
  fs::copy(report_testing::demo_run_dir(), dir, fs::copy_options::recursive);
  expect_colours_match_classes(dir, {}, 8);
}

TEST(PngMap, FieldFromTheCommandLineAndArabicLabels) {
  const fs::path dir = testing_support::scratch_dir() / "run";
  fs::copy(report_testing::demo_run_dir(), dir, fs::copy_options::recursive);
  engine::report::ReportOptions options;
  options.field = "n_issues_category_drugs";
  options.lang = "ar";
  options.png_width = 1600;
  expect_colours_match_classes(dir, options, 8);
}

TEST(PngMap, RealYemenDistricts) {
  engine::report::ReportOptions options;
  const fs::path dir = testing_support::scratch_dir() / "run";
  fs::copy(report_testing::yemen_run_dir(), dir, fs::copy_options::recursive);
  expect_colours_match_classes(dir, options, 12);
}

}  // namespace
