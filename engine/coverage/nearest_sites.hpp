#pragma once
// For every record of a point layer: the nearest operational facility and
// its geodesic distance, whether some facility covers it, the nearest
// partner CSO, and optionally the nearest operational facility of each type.
//
// Distances are WGS84 geodesics in metres (geo::NearestPoints: exact
// nearest, ties to the lower record).  Records without a location get -1 and
// NaN.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/coverage/coverage_index.hpp"
#include "engine/coverage/facility_classes.hpp"
#include "engine/point_layer.hpp"
#include "geo/nearest_points.hpp"

namespace engine::coverage {

// The indexes every layer is measured against, built once.
struct SiteIndexes {
  geo::NearestPoints operational{std::vector<geo::Point>{}};  // operational facilities, by facility record
  CoverageIndex coverage;                                      // every covering facility with its radius
  std::vector<std::pair<std::string, geo::NearestPoints>> by_type;  // operational, per type slug (sorted)
  geo::NearestPoints partners{std::vector<geo::Point>{}};      // located partners, by partner record
};

SiteIndexes build_site_indexes(const PointLayer* facilities, const FacilityClasses& classes, const PointLayer* partners,
                               bool by_type);

struct NearestColumns {
  std::vector<std::int32_t> facility;   // facility record index, -1 = none
  std::vector<double> facility_m;       // NaN = none
  std::vector<std::uint8_t> covered;    // within some covering facility's radius
  std::vector<std::int32_t> partner;    // partner record index, -1 = none (empty when not asked)
  std::vector<double> partner_m;
  std::vector<std::string> type_names;          // slugs, parallel to by_type_m
  std::vector<std::vector<double>> by_type_m;   // [type][record]
};

NearestColumns nearest_columns(const PointLayer& layer, const SiteIndexes& indexes, bool with_partner, unsigned threads);

}  // namespace engine::coverage
