#pragma once
// Options of the offline HTML report and the PNG map, with their defaults.
//
// The same options come from three places, later ones winning: the defaults
// here, the project file's optional `report:` section, and the command line
// of `localmap report`.
//
//   report:
//     lang: ar                     # en (default) or ar: labels of the page and the PNG
//     field: priority_score        # choropleth field; default: the first that exists of
//                                  # priority score, coverage share, issue rate, issue count
//     tiles: https://tile.example.org/{z}/{x}/{y}.png   # optional basemap for online use
//     tiles_attribution: "© OpenStreetMap contributors"
//     precise_points: false        # true embeds individual issue points (sensitive)

#include <yaml-cpp/yaml.h>

#include <string>

namespace engine::report {

struct ReportOptions {
  std::string lang = "en";        // DEFAULT: "en"; "ar" for Arabic labels, right to left
  std::string field;              // DEFAULT: "" = first existing of priority_score, coverage share,
                                  //   issue rate per 10,000 people, n_issues, other counts
  std::string tiles_url;          // DEFAULT: "" = no basemap, the report makes no network request
  std::string tiles_attribution;  // DEFAULT: "" (shown on the map when tiles are used)
  bool precise_points = false;    // DEFAULT: false: issues are shown per unit only, never as points
  // Display simplification of boundaries, in degrees; 0 = automatic
  // (1/20,000 of the larger side of the units' extent: about 60 m for Yemen).
  double simplify_deg = 0;        // DEFAULT: 0 (automatic)
  int png_width = 1800;           // DEFAULT: 1800 pixels (at least 1600)

  // Checks the options before any I/O; throws engine::Error naming the option.
  void validate() const;
};

// The options of a `report:` section (defaults for an undefined node).
ReportOptions report_options(const YAML::Node& section, const std::string& project_file);

// Reads the `report:` section of a project file (defaults when it has none).
// Other sections are not looked at.  Throws engine::Error naming the key and
// line for unknown keys or wrong types.
ReportOptions report_options_from_project(const std::string& project_file);

}  // namespace engine::report
