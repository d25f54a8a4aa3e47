#include "engine/report/report.hpp"

#include <filesystem>

#include "engine/report/html_report.hpp"
#include "engine/report/png_map.hpp"
#include "engine/report/report_model.hpp"
#include "geo/atomic_file.hpp"

namespace fs = std::filesystem;

namespace engine::report {

ReportFiles write_report(const std::string& run_dir, const ReportOptions& options) {
  options.validate();
  const ReportModel model = build_report_model(run_dir, options);
  ReportFiles files;
  files.html = (fs::path(run_dir) / "report.html").string();
  files.png = (fs::path(run_dir) / "map.png").string();
  // Render both before writing either, so a failure leaves both old files.
  const std::string html = render_html_report(model, options);
  const std::string png = render_png_map(model, options.png_width);
  geo::write_file_atomically(files.html, html);
  geo::write_file_atomically(files.png, png);
  files.html_bytes = fs::file_size(files.html);
  files.png_bytes = fs::file_size(files.png);
  if (const Choropleth* c = model.chosen_choropleth()) files.field = c->field;
  files.units = model.unit_shapes.size();
  files.vertices_before = model.vertices_before;
  files.vertices_after = model.vertices_after;
  files.simplify_deg = model.simplify_deg;
  return files;
}

}  // namespace engine::report
