#pragma once
// report.html: one self-contained page — Leaflet, the report's styles and
// code, and the data (report_data.hpp) all inlined — that opens from a file
// in any current browser and makes no network request.  A
// Content-Security-Policy in the page forbids every request except to the
// optional tile server, so a mistake cannot leak data to the network either.

#include <string>

#include "engine/report/report_model.hpp"

namespace engine::report {

// The page as text.
std::string render_html_report(const ReportModel& model, const ReportOptions& options);

// Writes the page to `path` atomically.
void write_html_report(const ReportModel& model, const ReportOptions& options, const std::string& path);

}  // namespace engine::report
