#pragma once
// Loading one point layer two ways (a fast reader and GDAL feature by
// feature) and checking the two layers, or the two errors, are the same.

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>

#include "engine/point_layer.hpp"

namespace testing_support {

struct LoadedLayer {
  std::optional<engine::PointLayer> layer;
  std::string error;
};

// A point layer named "points" (role issues) read from `path`.
inline engine::PointLayerSpec points_spec(const std::string& path) {
  engine::PointLayerSpec s;
  s.name = "points";
  s.role = "issues";
  s.source.source = path;
  return s;
}

inline LoadedLayer load_layer(const std::string& path, const engine::LoadOptions& options) {
  LoadedLayer out;
  try {
    out.layer = engine::load_point_layer(points_spec(path), options);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

inline bool same_point(geo::Point a, geo::Point b) {
  auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  return same(a.x, b.x) && same(a.y, b.y);
}

// Fields, values, points, rejections, record numbers, notes, warnings and
// descriptions; or the errors.
inline void expect_same_layers(const LoadedLayer& fast, const LoadedLayer& gdal) {
  EXPECT_EQ(fast.error, gdal.error);
  EXPECT_EQ(fast.layer.has_value(), gdal.layer.has_value());
  if (!fast.layer || !gdal.layer) return;
  const engine::PointLayer &a = *fast.layer, &b = *gdal.layer;
  EXPECT_FALSE(b.read_without_gdal || b.read_by_arrow_stream);
  EXPECT_EQ(a.fields.size(), b.fields.size());
  for (std::size_t f = 0; f < a.fields.size() && f < b.fields.size(); ++f) {
    EXPECT_EQ(a.fields[f].name, b.fields[f].name);
    EXPECT_EQ(a.fields[f].type, b.fields[f].type);
  }
  EXPECT_TRUE(a.values == b.values);
  for (std::size_t r = 0; r < a.values.size() && r < b.values.size(); ++r)
    if (a.values.row(r) != b.values.row(r)) {
      std::string fast_row, gdal_row;
      for (const geo::Value& v : a.values.row(r)) fast_row += "|" + geo::to_text(v) + (geo::is_null(v) ? "(null)" : "");
      for (const geo::Value& v : b.values.row(r)) gdal_row += "|" + geo::to_text(v) + (geo::is_null(v) ? "(null)" : "");
      ADD_FAILURE() << "the first differing record is " << r << ": " << fast_row << " against " << gdal_row;
      break;
    }
  EXPECT_EQ(a.records, b.records);
  EXPECT_TRUE(a.rejection == b.rejection);
  for (std::size_t r = 0; r < a.size() && r < b.size(); ++r) EXPECT_EQ(a.rejection[r], b.rejection[r]) << "record " << r;
  EXPECT_TRUE(a.notes == b.notes);
  EXPECT_EQ(a.warnings, b.warnings);
  EXPECT_EQ(a.located_by, b.located_by);
  EXPECT_EQ(a.location_fields, b.location_fields);
  EXPECT_EQ(a.hxl_tags, b.hxl_tags);
  EXPECT_EQ(a.driver, b.driver);
  EXPECT_EQ(a.crs, b.crs);
  EXPECT_EQ(a.encoding, b.encoding);
  EXPECT_EQ(a.points.size(), b.points.size());
  for (std::size_t i = 0; i < a.points.size() && i < b.points.size(); ++i)
    EXPECT_TRUE(same_point(a.points[i], b.points[i])) << "record " << i;
}

// Loads `path` with the fast reader's options and with GDAL feature by
// feature, checks the two are the same, and returns the fast one.
inline LoadedLayer expect_same_loads(const std::string& path, const engine::LoadOptions& fast,
                                     const engine::LoadOptions& gdal) {
  SCOPED_TRACE(path);
  LoadedLayer out = load_layer(path, fast);
  expect_same_layers(out, load_layer(path, gdal));
  return out;
}

}  // namespace testing_support
