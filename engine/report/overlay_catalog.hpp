#pragma once
// Analysis outputs the report shows when a run directory holds them: which
// file, drawn how, listed in a table or not, and labelled how.  The report
// works without any of them; adding a view for a new analysis output is one
// entry here.

#include <string>
#include <vector>

namespace engine::report {

enum class OverlayKind {
  Areas,  // polygons drawn over the units (uncovered areas)
  Lines,  // links between two places (coordination links, suggested links)
  Sites,  // points (suggested sites)
  Table,  // no geometry: a table under the map only (gaps)
};

struct OverlaySpec {
  std::string id;                  // stable id in the page ("uncovered_areas")
  std::vector<std::string> files;  // candidate file names in the run directory; the first present is used
  OverlayKind kind;
  bool table;                      // also listed as a table under the map
  std::string label_en, label_ar;
  std::string colour;              // CSS colour of its symbols
  std::string sort_field;          // table order, descending; "" = file order
};

const std::vector<OverlaySpec>& overlay_catalog();

}  // namespace engine::report
