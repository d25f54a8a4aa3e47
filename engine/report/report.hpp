#pragma once
// The offline report of a run: report.html (an interactive map with panel
// and tables, one self-contained file) and map.png (a static choropleth),
// written into the run's output directory from the files `localmap run`
// wrote there.  Prints nothing.
//
//   engine::report::ReportOptions options;            // or report_options_from_project(project file)
//   options.lang = "ar";
//   const auto files = engine::report::write_report("out/demo", options);
//
// Both files are written atomically; the same run directory and options give
// byte-identical files.

#include <cstdint>
#include <string>

#include "engine/report/report_options.hpp"

namespace engine::report {

struct ReportFiles {
  std::string html, png;                 // paths written
  std::uintmax_t html_bytes = 0, png_bytes = 0;
  std::string field;                     // the field colouring the units ("" = none)
  std::size_t units = 0;
  std::size_t vertices_before = 0, vertices_after = 0;  // boundary vertices before / after display simplification
  double simplify_deg = 0;
};

// Reads the outputs of a run in `run_dir` and writes report.html and
// map.png there.  Throws engine::Error (what, where, hint) when the directory
// holds no run, a boundary layer is missing, or an option is wrong.
ReportFiles write_report(const std::string& run_dir, const ReportOptions& options);

}  // namespace engine::report
