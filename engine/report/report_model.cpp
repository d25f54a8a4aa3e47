#include "engine/report/report_model.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace engine::report {
namespace {

// 1/20,000 of the extent's larger side: well under a pixel on a full-screen
// map of the whole area, a few pixels when zoomed in on one unit.
constexpr double kAutomaticToleranceFraction = 1.0 / 20000;

}  // namespace

ReportModel build_report_model(const std::string& run_dir, const ReportOptions& options) {
  options.validate();
  ReportModel model;
  model.run = read_run_outputs(run_dir, options.precise_points);
  model.lang = options.lang;
  RunOutputs& run = model.run;
  for (std::size_t i = 0; i < run.layer_names.size(); ++i)
    if (run.layer_roles[i] == "issues") {
      add_issue_rate(run.units.layer, run.layer_names[i]);
      break;
    }

  std::vector<const geo::Geometry*> all;
  for (const geo::Geometry& g : run.units.layer.shapes) {
    all.push_back(&g);
    if (!g.is_null() && !g.is_empty()) model.extent.expand(g.envelope());
  }
  for (const BoundaryOutput& level : run.coarser)
    for (const geo::Geometry& g : level.layer.shapes) all.push_back(&g);
  model.simplify_deg = options.simplify_deg > 0
                           ? options.simplify_deg
                           : (model.extent.empty() ? 0 : std::max(model.extent.width(), model.extent.height()) *
                                                             kAutomaticToleranceFraction);
  // Units and coarser levels together, so an outline follows the simplified
  // unit borders exactly.
  std::vector<const geo::Geometry*> drawable;
  for (const geo::Geometry* g : all)
    if (!g->is_null()) drawable.push_back(g);
  geo::SimplifiedCoverage simplified = geo::simplify_shared_borders(drawable, model.simplify_deg);
  model.vertices_before = simplified.vertices_before;
  model.vertices_after = simplified.vertices_after;
  std::size_t next = 0;
  auto take = [&](const geo::Geometry& g) {
    return g.is_null() ? std::vector<geo::PolygonRings>{} : std::move(simplified.shapes[next++]);
  };
  for (const geo::Geometry& g : run.units.layer.shapes) {
    model.unit_shapes.push_back(take(g));
    model.label_points.push_back(g.is_null() || g.is_empty() ? geo::Point{std::nan(""), std::nan("")}
                                                               : g.point_on_surface());
  }
  for (const BoundaryOutput& level : run.coarser) {
    model.coarser_shapes.emplace_back();
    for (const geo::Geometry& g : level.layer.shapes) model.coarser_shapes.back().push_back(take(g));
  }

  const std::string units_file = (std::filesystem::path(run_dir) / (run.units.name + ".geojson")).string();
  std::vector<std::string> candidates = choropleth_candidates(run.units.layer, run.layer_names, run.layer_roles);
  const std::string field = choose_field(run.units.layer, candidates, options.field, units_file);
  if (!field.empty() && std::find(candidates.begin(), candidates.end(), field) == candidates.end())
    candidates.insert(candidates.begin(), field);
  for (const std::string& f : candidates) {
    model.choropleths.push_back(classify(run.units.layer, f));
    if (f == field) model.chosen = model.choropleths.size() - 1;
  }
  return model;
}

}  // namespace engine::report
