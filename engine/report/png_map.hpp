#pragma once
// map.png: a static choropleth of the units (the report's chosen field: the
// priority score when there is one) with the coarser level's outlines, a
// legend, a title and a scale bar, drawn with Cairo from the display
// geometries of the report (shared borders kept shared) in Web Mercator.
// Text is shaped by Pango, so Arabic labels (`lang: ar`) join and run right
// to left.  The same model gives the same bytes.

#include <string>

#include "engine/report/report_model.hpp"

namespace engine::report {

// Where the map sits in the image and how lon/lat become pixels.
struct MapFrame {
  int image_width = 0, image_height = 0;
  double left = 0, top = 0, width = 0, height = 0;  // the map area, pixels
  double scale = 1;                                 // pixels per Web Mercator metre
  double origin_x = 0, origin_y = 0;                // Web Mercator metres at the area's top-left

  geo::Point to_pixel(geo::Point lonlat) const;
};

// The frame of a map `width` pixels wide for the model's units.
MapFrame png_map_frame(const ReportModel& model, int width);

// The PNG file's bytes.
std::string render_png_map(const ReportModel& model, int width);

// Writes the PNG to `path` atomically.
void write_png_map(const ReportModel& model, const ReportOptions& options, const std::string& path);

}  // namespace engine::report
