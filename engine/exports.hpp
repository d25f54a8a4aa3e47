#pragma once
// Output layers of a run as geo::LayerData, ready for any writer (GeoJSON,
// GeoPackage, CSV).  Field names follow OCHA COD-AB: ADM<k>_PCODE, ADM<k>_EN,
// ADM<k>_AR for every admin level k of the project.

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/counts.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

// Attribute columns that describe a finest-level unit on a joined record.
struct UnitColumns {
  std::vector<geo::FieldDef> fields;
  // Values for a finest-level unit (nulls for -1).
  std::function<std::vector<geo::Value>(std::int32_t unit)> values;
};

// ADM<k>_PCODE/_EN/_AR of the unit and all its ancestors.
UnitColumns admin_columns(const Boundaries& boundaries);
// Every attribute of the polygon layer itself (for `localmap join`).
UnitColumns polygon_columns(const AdminLevel& level);

// One feature per input record, in input order: unit columns, the source's
// attributes on the layer's allow-list (PointLayerSpec::exports_field;
// renamed "src_<name>" where they clash), `match`, `match_note`.
// Rejected records have no geometry.
geo::LayerData joined_points(const PointLayer& layer, const LayerJoin& join, const UnitColumns& units,
                             const AdminLevel& finest);

// The units of one level with names, ancestors, area, population, counts
// and the fields of any analysis tables (`extra`, one row per unit).
geo::LayerData admin_layer(const Boundaries& boundaries, std::size_t level, const UnitCounts& counts,
                           bool with_geometry = true, const std::vector<const UnitTable*>& extra = {});

// Every unmatched record of every layer, with its layer, record, nearest unit
// and distance.
geo::LayerData unmatched_points(const std::vector<const PointLayer*>& layers, const std::vector<const LayerJoin*>& joins,
                                const AdminLevel& finest);

}  // namespace engine
