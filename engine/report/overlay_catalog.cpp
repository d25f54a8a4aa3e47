#include "engine/report/overlay_catalog.hpp"

namespace engine::report {

// The coverage, coordination and priorities analyses write these files; the
// names are the contract between them and the report.  The order is the
// order of layers in the switcher and of tables under the map.
const std::vector<OverlaySpec>& overlay_catalog() {
  static const std::vector<OverlaySpec> catalog{
      {"uncovered_areas", {"uncovered.geojson", "uncovered_areas.geojson"}, OverlayKind::Areas, false,
       "Uncovered areas", "مناطق غير مغطاة", "#6a3d9a", ""},
      {"coordination_links", {"links.geojson", "coordination_links.geojson"}, OverlayKind::Lines, false,
       "Coordination links", "روابط التنسيق", "#1f78b4", ""},
      {"coordination_actors", {"actors.geojson"}, OverlayKind::Sites, false, "Coordination actors", "جهات التنسيق",
       "#a6cee3", ""},
      {"gaps", {"gaps.geojson", "gaps.csv"}, OverlayKind::Table, true, "Coverage gaps", "فجوات التغطية", "#e31a1c", ""},
      {"suggested_sites", {"suggested_sites.geojson", "suggested_sites.csv"}, OverlayKind::Sites, true,
       "Suggested sites", "مواقع مقترحة", "#33a02c", ""},
      {"suggested_links", {"suggested_links.geojson", "suggested_links.csv"}, OverlayKind::Lines, true,
       "Suggested links", "روابط مقترحة", "#ff7f00", ""},
  };
  return catalog;
}

}  // namespace engine::report
