#include "engine/report/report_options.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"

namespace engine::report {

void ReportOptions::validate() const {
  if (lang != "en" && lang != "ar")
    throw Error("report language '" + lang + "' is not supported", {.field = "lang"}, "use en or ar");
  for (char c : field)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      throw Error("'" + field + "' is not a field name", {.field = "field"},
                  "give a numeric field of districts.geojson, e.g. n_issues");
  if (!tiles_url.empty()) {
    const bool web = tiles_url.rfind("https://", 0) == 0 || tiles_url.rfind("http://", 0) == 0;
    const bool xyz = tiles_url.find("{z}") != std::string::npos && tiles_url.find("{x}") != std::string::npos &&
                     tiles_url.find("{y}") != std::string::npos;
    if (!web || !xyz)
      throw Error("'" + tiles_url + "' is not a tile URL template", {.field = "tiles"},
                  "give an http(s) URL with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    // The URL goes into a Content-Security-Policy and a script: keep it plain.
    for (char c : tiles_url)
      if (c == '"' || c == '\'' || c == '<' || c == '>' || c == ';' || c == ' ' || c == '\\')
        throw Error("the tile URL holds the character '" + std::string(1, c) + "'", {.field = "tiles"},
                    "percent-encode it");
  }
  if (!(simplify_deg >= 0) || simplify_deg > 1)
    throw Error("simplify_deg must be between 0 and 1 degree", {.field = "simplify_deg"}, "0 chooses it from the extent");
  if (png_width < 1600 || png_width > 10000)
    throw Error("the PNG width must be between 1600 and 10,000 pixels", {.field = "png_width"});
}

ReportOptions parse_report_options(Section& report) {
  ReportOptions options;
  options.lang = report.text("lang", options.lang);
  options.field = report.text("field", options.field);
  options.tiles_url = report.text("tiles", options.tiles_url);
  options.tiles_attribution = report.text("tiles_attribution", options.tiles_attribution);
  options.precise_points = report.boolean("precise_points", options.precise_points);
  options.simplify_deg = report.number("simplify_deg", options.simplify_deg);
  options.png_width = report.integer("png_width", options.png_width);
  report.finish();
  return options;
}

ReportOptions report_options(const YAML::Node& section, const std::string& project_file) {
  if (!section) return {};
  Section report(section, "report", project_file);
  ReportOptions options = parse_report_options(report);
  try {
    options.validate();
  } catch (const Error& e) {
    throw Error(e.problem(), {.file = project_file, .field = "report." + e.where().field}, e.hint());
  }
  return options;
}

ReportOptions report_options_from_project(const std::string& project_file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(project_file);
  } catch (const YAML::BadFile&) {
    throw Error("cannot read the project file", {.file = project_file}, "check the path");
  } catch (const YAML::ParserException& e) {
    throw Error("line " + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg, {.file = project_file});
  }
  return report_options(root.IsMap() ? root["report"] : YAML::Node(), project_file);
}

}  // namespace engine::report
