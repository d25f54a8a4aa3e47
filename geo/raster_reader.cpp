#include "geo/raster_reader.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "geo/detail/gdal_errors.hpp"
#include "geo/error.hpp"

namespace geo {

struct RasterReader::Impl {
  std::string path, driver, crs_wkt;
  std::unique_ptr<GDALDataset> dataset;
  GDALRasterBand* band = nullptr;
  double transform[6] = {0, 1, 0, 0, 0, 1};
  bool has_transform = false;
  std::optional<double> nodata;
  bool uses_mask = false;  // a real mask band (not "all valid" or "nodata")
  int block_cols = 0, block_rows = 0;
};

RasterReader::RasterReader(const std::string& path, int band) : impl_(std::make_unique<Impl>()) {
  static const bool registered = [] {
    GDALAllRegister();
    return true;
  }();
  (void)registered;
  Impl& r = *impl_;
  r.path = path;
  detail::GdalErrorCapture errors;
  r.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  if (!r.dataset)
    throw Error("cannot open as a raster" + (errors.last_error().empty() ? std::string() : ": " + errors.last_error()),
                {.file = path}, "give a GeoTIFF (or another raster GDAL reads)");
  if (band < 1 || band > r.dataset->GetRasterCount())
    throw Error("the raster has " + std::to_string(r.dataset->GetRasterCount()) + " band(s); band " + std::to_string(band) +
                    " does not exist",
                {.file = path}, "choose a band between 1 and the number of bands");
  r.driver = r.dataset->GetDriverName();
  r.band = r.dataset->GetRasterBand(band);
  r.has_transform = r.dataset->GetGeoTransform(r.transform) == CE_None;
  if (const OGRSpatialReference* srs = r.dataset->GetSpatialRef()) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    r.crs_wkt = wkt ? wkt : "";
    CPLFree(wkt);
  }
  int has_nodata = 0;
  const double nodata = r.band->GetNoDataValue(&has_nodata);
  if (has_nodata) r.nodata = nodata;
  r.uses_mask = (r.band->GetMaskFlags() & (GMF_ALL_VALID | GMF_NODATA)) == 0;
  r.band->GetBlockSize(&r.block_cols, &r.block_rows);
  r.block_cols = std::max(1, r.block_cols);
  r.block_rows = std::max(1, r.block_rows);
}

RasterReader::~RasterReader() = default;

const std::string& RasterReader::path() const { return impl_->path; }
const std::string& RasterReader::driver() const { return impl_->driver; }
int RasterReader::width() const { return impl_->dataset->GetRasterXSize(); }
int RasterReader::height() const { return impl_->dataset->GetRasterYSize(); }
const std::string& RasterReader::crs_wkt() const { return impl_->crs_wkt; }
std::optional<double> RasterReader::nodata() const { return impl_->nodata; }
bool RasterReader::has_geotransform() const { return impl_->has_transform; }

Point RasterReader::pixel_to_crs(double col, double row) const {
  const double* t = impl_->transform;
  return {t[0] + col * t[1] + row * t[2], t[3] + col * t[4] + row * t[5]};
}

RasterWindow RasterReader::window_covering(const Envelope& extent) const {
  if (extent.empty()) return {};
  // Invert the affine transform for the four corners of the extent.
  const double* t = impl_->transform;
  const double det = t[1] * t[5] - t[2] * t[4];
  if (det == 0) return {};
  double min_c = INFINITY, min_r = INFINITY, max_c = -INFINITY, max_r = -INFINITY;
  for (double x : {extent.min_x, extent.max_x})
    for (double y : {extent.min_y, extent.max_y}) {
      const double dx = x - t[0], dy = y - t[3];
      const double c = (t[5] * dx - t[2] * dy) / det, r = (-t[4] * dx + t[1] * dy) / det;
      min_c = std::min(min_c, c), max_c = std::max(max_c, c);
      min_r = std::min(min_r, r), max_r = std::max(max_r, r);
    }
  const double c0 = std::max(0.0, std::floor(min_c) - 1), r0 = std::max(0.0, std::floor(min_r) - 1);
  const double c1 = std::min<double>(width(), std::ceil(max_c) + 1), r1 = std::min<double>(height(), std::ceil(max_r) + 1);
  if (!(c1 > c0) || !(r1 > r0)) return {};
  return {static_cast<int>(c0), static_cast<int>(r0), static_cast<int>(c1 - c0), static_cast<int>(r1 - r0)};
}

void RasterReader::for_each_block(const RasterWindow& window, const std::function<void(const RasterBlock&)>& visit) const {
  const Impl& r = *impl_;
  if (window.empty()) return;
  std::vector<double> values;
  std::vector<std::uint8_t> mask;
  const int row_end = window.row + window.rows, col_end = window.col + window.cols;
  // Blocks aligned to the band's own blocks, so each is read from disk once.
  for (int row = window.row - window.row % r.block_rows; row < row_end; row += r.block_rows) {
    for (int col = window.col - window.col % r.block_cols; col < col_end; col += r.block_cols) {
      RasterWindow w;
      w.col = std::max(col, window.col);
      w.row = std::max(row, window.row);
      w.cols = std::min(col + r.block_cols, col_end) - w.col;
      w.rows = std::min(row + r.block_rows, row_end) - w.row;
      values.resize(static_cast<std::size_t>(w.cells()));
      detail::GdalErrorCapture errors;
      if (r.band->RasterIO(GF_Read, w.col, w.row, w.cols, w.rows, values.data(), w.cols, w.rows, GDT_Float64, 0, 0) !=
          CE_None)
        throw Error("cannot read cells " + std::to_string(w.col) + "," + std::to_string(w.row) + ": " + errors.last_error(),
                    {.file = r.path}, "check that the file is complete and readable");
      if (r.uses_mask) {
        mask.resize(values.size());
        if (r.band->GetMaskBand()->RasterIO(GF_Read, w.col, w.row, w.cols, w.rows, mask.data(), w.cols, w.rows, GDT_Byte,
                                            0, 0) != CE_None)
          throw Error("cannot read the mask band: " + errors.last_error(), {.file = r.path});
        for (std::size_t i = 0; i < values.size(); ++i)
          if (mask[i] == 0) values[i] = NAN;
      }
      if (r.nodata)
        for (double& v : values)
          if (v == *r.nodata) v = NAN;
      visit({w, values});
    }
  }
}

}  // namespace geo
