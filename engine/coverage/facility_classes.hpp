#pragma once
// What each facility record is for coverage: its type and status (as value
// slugs), whether it is operational, and the radius it covers.
//
// A facility counts as operational when its status slug is one of
// CoverageOptions::operational; a layer without a status field makes every
// facility operational.  Radii come from CoverageOptions::radius_for; a type
// missing from the radius table covers nothing unless default_radius_m is
// set, and either way a warning names the type, the file, layer, first record
// and field.  Rejected records (no location) cover nothing.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/coverage/coverage_options.hpp"
#include "engine/point_layer.hpp"

namespace engine::coverage {

struct FacilityClasses {
  std::vector<std::string> type, status;  // slugs, one per record
  std::vector<std::uint8_t> operational;  // 1 = operational and located
  std::vector<double> radius_m;           // 0 = covers nothing
  std::size_t operational_count = 0, covering_count = 0;
  std::size_t size() const { return type.size(); }
};

// `layer` may be null (no facility layer): an empty result.
FacilityClasses classify_facilities(const PointLayer* layer, const CoverageOptions& options,
                                    std::vector<std::string>& warnings);

// "file, layer 'x', record 12, field 'type'" for a record of a point layer.
std::string where_in_layer(const PointLayer& layer, std::int64_t record, const std::string& role);

}  // namespace engine::coverage
