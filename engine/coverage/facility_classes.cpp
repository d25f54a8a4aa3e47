#include "engine/coverage/facility_classes.hpp"

#include <cmath>
#include <map>

#include "engine/counts.hpp"
#include "engine/error.hpp"

namespace engine::coverage {

std::string where_in_layer(const PointLayer& layer, std::int64_t record, const std::string& role) {
  const int field = role.empty() ? -1 : layer.role_field(role);
  geo::Where where{.file = layer.source, .layer = layer.spec.name, .record = record};
  if (field >= 0) where.field = layer.fields[static_cast<std::size_t>(field)].name;
  return where.describe();
}

FacilityClasses classify_facilities(const PointLayer* layer, const CoverageOptions& options,
                                    std::vector<std::string>& warnings) {
  FacilityClasses out;
  if (layer == nullptr) return out;
  const std::size_t n = layer->size();
  out.type.resize(n);
  out.status.resize(n);
  out.operational.assign(n, 0);
  out.radius_m.assign(n, 0);
  const bool has_status = layer->role_field("status") >= 0;
  struct Unknown {
    std::size_t count = 0;
    std::int64_t first_record = 0;
  };
  std::map<std::string, Unknown> unknown_types;
  for (std::size_t r = 0; r < n; ++r) {
    out.type[r] = value_slug(layer->role_text("type", r));
    out.status[r] = has_status ? value_slug(layer->role_text("status", r)) : "operational";
    const bool located = layer->rejection[r].empty();
    const bool operational = located && (!has_status || options.is_operational(out.status[r]));
    out.operational[r] = operational ? 1 : 0;
    out.operational_count += operational;
    // Without a status field every facility is operational; ask for the
    // radius of an operational one.
    const std::string status_for_radius =
        has_status ? out.status[r] : (options.operational.empty() ? std::string("operational") : options.operational.front());
    const auto radius = options.radius_for(out.type[r], status_for_radius);
    if (options.radius_m.count(out.type[r]) == 0) {
      Unknown& u = unknown_types[out.type[r]];
      if (u.count++ == 0) u.first_record = layer->records[r];
    }
    out.radius_m[r] = located ? radius.value_or(0) : 0;
    out.covering_count += out.radius_m[r] > 0;
  }
  for (const auto& [type, u] : unknown_types) {
    std::string text = where_in_layer(*layer, u.first_record, "type") + ": facility type '" + type +
                       "' is not in coverage.radius_m (" + std::to_string(u.count) + " facilities); ";
    text += options.default_radius_m ? "the default radius of " + std::to_string(static_cast<long long>(*options.default_radius_m)) +
                                           " m is used"
                                     : "they cover nothing (add the type to coverage.radius_m or set coverage.default_radius_m)";
    warnings.push_back(text);
  }
  return out;
}

}  // namespace engine::coverage
