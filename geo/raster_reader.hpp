#pragma once
// Reading one band of a GDAL raster (GeoTIFF, COG, VRT, ...) block by block,
// so a national grid never has to fit in memory.
//
// Cell values come out as doubles; cells equal to the band's nodata value,
// or masked by the dataset's mask band, or NaN come out as NaN.  The affine
// geotransform maps cell corners (col, row) to CRS coordinates; cell (c, r)
// has its centre at pixel coordinates (c + 0.5, r + 0.5).
//
// Not thread-safe: one reader per thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "geo/envelope.hpp"
#include "geo/orientation.hpp"

namespace geo {

// A rectangle of cells: columns [col, col + cols), rows [row, row + rows).
struct RasterWindow {
  int col = 0, row = 0, cols = 0, rows = 0;
  bool empty() const { return cols <= 0 || rows <= 0; }
  std::int64_t cells() const { return empty() ? 0 : std::int64_t{cols} * rows; }
};

// The cells of one block, row-major: values[(r - window.row) * window.cols + (c - window.col)].
struct RasterBlock {
  RasterWindow window;
  std::span<const double> values;
};

class RasterReader {
 public:
  // Opens `path` read-only; throws geo::Error naming the file when it is not
  // a raster GDAL reads or has no band `band` (1-based).
  explicit RasterReader(const std::string& path, int band = 1);
  ~RasterReader();
  RasterReader(const RasterReader&) = delete;
  RasterReader& operator=(const RasterReader&) = delete;

  const std::string& path() const;
  const std::string& driver() const;
  int width() const;
  int height() const;
  // The CRS as WKT, "" when the raster declares none.
  const std::string& crs_wkt() const;
  std::optional<double> nodata() const;
  // Whether the raster has a real geotransform (not GDAL's identity default).
  bool has_geotransform() const;

  // CRS coordinates of a pixel position (corners at whole numbers).
  Point pixel_to_crs(double col, double row) const;
  // The cells whose centres may lie in `extent` (CRS coordinates), grown by
  // one cell and clipped to the raster.
  RasterWindow window_covering(const Envelope& extent) const;
  RasterWindow full_window() const { return {0, 0, width(), height()}; }

  // Calls `visit` for the window, one block (the band's natural block, clipped
  // to the window) at a time, rows of blocks from the top.
  void for_each_block(const RasterWindow& window, const std::function<void(const RasterBlock&)>& visit) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace geo
