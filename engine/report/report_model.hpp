#pragma once
// What both the HTML report and the PNG map draw, prepared once from a run
// directory: the run's outputs, the boundaries simplified for display with
// shared borders kept shared, a label point per unit, and the choropleth
// classes of every field that can colour the units.

#include <string>
#include <vector>

#include "engine/report/choropleth.hpp"
#include "engine/report/report_options.hpp"
#include "engine/report/run_outputs.hpp"
#include "geo/shared_border_simplify.hpp"

namespace engine::report {

struct ReportModel {
  RunOutputs run;
  std::string lang;
  double simplify_deg = 0;  // the tolerance used
  // Display shapes: units first, then each coarser level's units in order.
  std::vector<std::vector<geo::PolygonRings>> unit_shapes;
  std::vector<std::vector<std::vector<geo::PolygonRings>>> coarser_shapes;
  std::vector<geo::Point> label_points;  // per unit, inside it (GEOS point on surface of the full shape)
  geo::Envelope extent;                  // of the units
  std::vector<Choropleth> choropleths;   // one per candidate field, best first
  std::size_t chosen = 0;                // index of the field shown first
  std::size_t vertices_before = 0, vertices_after = 0;

  const Choropleth* chosen_choropleth() const { return choropleths.empty() ? nullptr : &choropleths[chosen]; }
};

// Reads the run directory and prepares everything to draw.  Throws
// engine::Error for a missing or malformed run directory or an unknown field.
ReportModel build_report_model(const std::string& run_dir, const ReportOptions& options);

}  // namespace engine::report
