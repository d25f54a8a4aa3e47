#pragma once
// Points counted per polygon, as QGIS's "Count points in polygon" and a
// GeoPandas sjoin + groupby do it: the whole of `localmap count`, and the
// end-to-end figure the join benchmark holds against GeoPandas.
//
// The join is engine::join_layer's, so every record is accounted for as in
// `localmap run` (matched, snapped, unmatched, rejected), but unmatched
// records are not measured to their nearest polygon (JoinOptions::
// nearest_unmatched off): nothing here lists them, and on points spread
// over a wide area that measurement is most of the join's time.

#include <string>

#include "engine/counts.hpp"
#include "engine/inputs.hpp"
#include "engine/join.hpp"
#include "engine/progress.hpp"
#include "engine/project.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

struct PointCounts {
  Inputs inputs;      // the polygons as one level, and the point layer
  LayerJoin join;     // nearest of unmatched records not measured
  UnitCounts counts;  // "n_<layer>", and per value of the layer's count_by roles
  const AdminLevel& polygons() const { return inputs.boundaries.finest(); }
  const PointLayer& points() const { return inputs.layers.front(); }
};

// Loads `polygons` beside `points` (engine::load_inputs), joins on all
// cores, and counts the records in each polygon (snapped ones included).
PointCounts count_points(const AdminLevelSpec& polygons, const PointLayerSpec& points, double snap_m,
                         Progress& progress);

// The polygons with their own attributes, then the count columns; with
// their shapes or without (for CSV).
geo::LayerData counted_polygons(const PointCounts& counted, bool with_geometry);

}  // namespace engine
