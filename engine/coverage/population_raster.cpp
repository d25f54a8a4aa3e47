#include "engine/coverage/population_raster.hpp"

#include <cmath>
#include <vector>

#include "engine/error.hpp"
#include "geo/crs_transform.hpp"
#include "geo/raster_reader.hpp"

namespace engine::coverage {
namespace {

std::string count(std::int64_t n) { return std::to_string(n); }

class RasterPopulation final : public PopulationSource {
 public:
  RasterPopulation(const PopulationOptions& options, const geo::Envelope& study_area)
      : options_(options), raster_(options.raster, options.band), where_{.file = options.raster} {
    std::string crs = options.crs.empty() ? raster_.crs_wkt() : options.crs;
    if (crs.empty())
      throw Error("the population raster declares no CRS", {.file = options.raster, .field = "coverage.population.crs"},
                  "set coverage.population.crs (WorldPop rasters are EPSG:4326)");
    if (!raster_.has_geotransform())
      throw Error("the population raster has no georeferencing (no geotransform)", where_,
                  "give a GeoTIFF with its position, or a .vrt/.aux.xml that adds it");
    try {
      to_wgs84_ = std::make_unique<geo::CrsTransform>(crs, "EPSG:4326");
      crs_name_ = geo::crs_display_name(crs);
    } catch (const geo::Error& e) {
      throw Error("the population raster's CRS cannot be used: " + e.problem(),
                  {.file = options.raster, .field = options.crs.empty() ? "" : "coverage.population.crs"}, e.hint());
    }
    window_ = raster_.window_covering(study_area_in_raster_crs(study_area));
    if (window_.empty())
      throw Error("the population raster does not overlap the districts", where_,
                  "check that the raster covers the study area and that its CRS is right");
  }

  std::string describe() const override {
    return options_.raster + " (" + raster_.driver() + ", " + crs_name_ + ", band " + std::to_string(options_.band) + ")";
  }

  void for_each_batch(const std::function<void(std::span<const PopulationCell>)>& visit) override {
    std::vector<PopulationCell> cells;
    std::vector<geo::Point> centres;
    std::vector<double> people;
    std::int64_t data_cells = 0, negative = 0, untransformable = 0;
    raster_.for_each_block(window_, [&](const geo::RasterBlock& block) {
      centres.clear();
      people.clear();
      for (int r = 0; r < block.window.rows; ++r)
        for (int c = 0; c < block.window.cols; ++c) {
          const double v = block.values[static_cast<std::size_t>(r) * block.window.cols + c];
          if (std::isnan(v)) continue;
          ++data_cells;
          if (v < 0) {
            ++negative;
            continue;
          }
          if (v == 0) continue;
          centres.push_back(raster_.pixel_to_crs(block.window.col + c + 0.5, block.window.row + r + 0.5));
          people.push_back(v);
        }
      to_wgs84_->forward(centres);
      cells.clear();
      for (std::size_t i = 0; i < centres.size(); ++i) {
        if (!std::isfinite(centres[i].x)) {
          ++untransformable;
          continue;
        }
        cells.push_back({centres[i], people[i]});
      }
      if (!cells.empty()) visit(cells);
    });
    if (data_cells == 0)
      throw Error("the population raster holds only nodata over the districts (" + count(window_.cells()) + " cells read)",
                  where_, "check the raster's nodata value and that it covers the study area");
    if (negative > 0)
      warnings_.push_back(where_.describe() + ": " + count(negative) +
                          " cells hold negative values that are not the nodata value; they were skipped");
    if (untransformable > 0)
      warnings_.push_back(where_.describe() + ": " + count(untransformable) +
                          " populated cells could not be transformed to WGS84; they were skipped");
  }

  std::vector<std::string> warnings() const override { return warnings_; }

 private:
  // The study area's WGS84 extent in the raster's CRS: the envelope of its
  // densified outline, transformed (edges curve in most projections).
  geo::Envelope study_area_in_raster_crs(const geo::Envelope& e) const {
    std::vector<geo::Point> outline;
    const int steps = 64;
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      const double x = e.min_x + t * e.width(), y = e.min_y + t * e.height();
      outline.insert(outline.end(), {{x, e.min_y}, {x, e.max_y}, {e.min_x, y}, {e.max_x, y}});
    }
    to_wgs84_->inverse(outline);
    geo::Envelope out;
    for (const geo::Point& p : outline)
      if (std::isfinite(p.x)) out.expand(p);
    return out;
  }

  PopulationOptions options_;
  geo::RasterReader raster_;
  geo::Where where_;
  std::unique_ptr<geo::CrsTransform> to_wgs84_;
  std::string crs_name_;
  geo::RasterWindow window_;
  std::vector<std::string> warnings_;
};

}  // namespace

std::unique_ptr<PopulationSource> open_population_raster(const PopulationOptions& options, const geo::Envelope& study_area) {
  return std::make_unique<RasterPopulation>(options, study_area);
}

}  // namespace engine::coverage
