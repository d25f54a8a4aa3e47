#pragma once
// What of each point layer may leave a run (issue 9, data responsibility).
// An exact point of a report about drugs, arms or detention can endanger the
// person who made it, so restricted layers (the default for reported issues)
// leave only as counts per admin unit, with small counts suppressed; precise
// points need an explicit --allow-precise LAYER, which run.json records.
//
//   public        points, with the allow-listed fields (PointLayerSpec::exports_field)
//   restricted    counts per unit; 1 .. min_count-1 withheld, plus complementary
//                 cells so that no total minus the shown parts gives them away
//   confidential  nothing: no points, no counts; the analyses still use it
//
// The rules are applied to the layers a run is about to write, so files,
// localmap.gpkg, PostGIS tables and the report (which reads the files) obey
// the same rules.

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/project.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

struct LayerRelease {
  const PointLayerSpec* spec = nullptr;
  std::string layer;
  Sensitivity sensitivity = Sensitivity::Public;
  bool precise = false;       // records exported as points (public, or --allow-precise)
  bool counts = true;         // counts per unit exported (not confidential)
  bool allowed_precise = false;  // precise because of --allow-precise
  std::vector<std::string> withheld_fields;  // source fields left out of every output
  std::size_t suppressed_cells = 0, complementary_cells = 0, unprotectable_cells = 0;
  // Finest-level units whose count of this layer is withheld, and the
  // (unit, category slug) cells withheld ("drugs" for n_issues_category_drugs).
  std::vector<bool> withheld_units;
  std::set<std::pair<std::size_t, std::string>> withheld_categories;
  // Sub-counts (RecordUse::splits) withheld in published rows.
  std::size_t sub_counts_withheld = 0, sub_counts_complementary = 0, sub_counts_unprotectable = 0;
};

// Values of analysis outputs computed from the records of a point layer.  In
// the rows of units whose count of that layer is withheld they are withheld
// too: an issue count in the coverage table would otherwise give away the
// suppressed n_issues.
struct RecordUse {
  std::string output;  // an analysis layer's name; "" = columns added to the finest level's layer
  std::string layer;   // the point layer whose records the values come from
  std::vector<std::string> fields;  // the fields concerned; empty = all but ADM* and `keep`
  std::vector<std::string> keep;    // ordinal fields left as they are (ranks, tiers); "hotspot_*" = a prefix
  std::string category;  // field holding the category a row counts (per-category tables)
  // > 0: rows of point features (a facility's catchment, not a unit) where a
  // listed field holds a count from 1 to small_below - 1 are withheld too.
  int small_below = 0;
  // Statistics pooled over every unit (z-scores, ...): a published unit's
  // value depends on the withheld ones, so the fields are withheld in every row.
  bool every_row = false;

  // Sub-counts: counts in a published row that split another count of the
  // same row (`whole` = sum of `parts`, plus a remainder printed nowhere
  // unless `complete`).  Small ones are withheld with complementary cells so
  // that neither a row nor the national sums of a column give them away.
  struct Split {
    std::string whole;
    std::vector<std::string> parts;
    bool complete = false;
  };
  std::vector<Split> splits;
  // Fields withheld along with a withheld sub-count `field`: in the same row
  // (output "") or in another output's rows of the same unit.
  struct Echo {
    std::string output, field;
    std::vector<std::string> fields;
  };
  std::vector<Echo> echoes;
};

// Throws engine::Error when --allow-precise names no layer of the project or
// a confidential one.
void check_allow_precise(const Project& project, const std::vector<std::string>& allow_precise);
// What may leave of one loaded layer (refers to the layer's spec).
LayerRelease release_of(const PointLayer& layer, const std::vector<std::string>& allow_precise);
// Both, for every layer, in project order.
std::vector<LayerRelease> plan_release(const Project& project, const std::vector<PointLayer>& layers,
                                       const std::vector<std::string>& allow_precise);

// Applies the count rules to the admin layers (the project's last
// levels.size() levels, coarse to fine, as engine::admin_layer builds them,
// counts in "n_<layer>..." columns) and to the summary table (the finest
// level without geometry, or null): confidential
// layers' columns are dropped; restricted layers' cells are withheld (null)
// and every row gets "n_<layer>_suppressed", the number of its withheld cells.
void protect_counts(const Boundaries& boundaries, const std::vector<geo::LayerData*>& levels, geo::LayerData* summary,
                    std::vector<LayerRelease>& releases, int min_count);

// protect_counts for a command that writes only the finest level's layer
// (`finest`, with counts): the coarser levels' counts are built, not
// written, because their sums decide which cells must be withheld, so the
// command withholds exactly the cells `localmap run` withholds.
void protect_finest_counts(const Boundaries& boundaries, const std::vector<const PointLayer*>& layers,
                           const std::vector<const LayerJoin*>& joins, geo::LayerData& finest,
                           std::vector<LayerRelease>& releases, int min_count);

// Withholds the RecordUse values in `outputs` (the finest level's layer,
// the summary table and the analyses' layers, found by name).  Rows are
// matched to units by the finest level's ADM<k>_PCODE field; an output
// without it loses the fields in every row.  Sub-count figures go to the releases.
void withhold_record_uses(const std::vector<RecordUse>& uses, std::vector<LayerRelease>& releases,
                          const AdminLevel& finest, const std::vector<geo::LayerData*>& outputs, int min_count);

// run.json's "release" member.
nlohmann::json release_report(const std::vector<LayerRelease>& releases, int min_count);

}  // namespace engine
