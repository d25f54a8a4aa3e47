#pragma once
// The priorities result as layers and tables (engine::UnitTable, geo::LayerData):
//
//   drivers.csv      one row per unit x category (unit order, categories sorted):
//                    ADM<k>_PCODE, ADM<k>_EN, ADM<k>_AR, category, count, share,
//                    rate_10k, severity_weighted, expected, lq, p_value, q_value,
//                    driver (1/0), baseline, review, rate_ratio, rr_low, rr_high,
//                    p_change, q_change, trend (rising/falling/""), gi_z, hotspot
//   hotspots.geojson one polygon per unit: n_neighbours, island, variable, value,
//                    gi, gi_z, gi_p_norm, gi_p_sim, gi_p, hotspot, lisa_i,
//                    lisa_p_sim, lisa_quadrant, lisa_cluster, then per category
//                    gi_z_<cat> and hotspot_<cat>
//   priorities.csv   one row per unit in rank order: rank, tier, score, per
//                    indicator <name>, <name>_norm, <name>_contrib (the
//                    contributions sum to score), median_rank, rank_p05,
//                    rank_p95, p_top_k, unstable, top_indicators
//   action_plan.csv  one row per unit in rank order (action_plan.units limits
//                    it): rank, tier, score, why, issues, top_drivers, rising,
//                    hotspot, lisa_cluster, the caller's context columns, stability
//
// Empty cells are nulls (NaN, or a rate ratio with no baseline issue).
// Rows and columns are in a fixed order: the same result gives the same bytes.

#include <nlohmann/json.hpp>

#include "engine/boundaries.hpp"
#include "engine/priorities/priorities.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine::priorities {

geo::LayerData drivers_table(const PrioritiesResult& result, const AdminLevel& level);
geo::LayerData hotspots_layer(const PrioritiesResult& result, const AdminLevel& level);
geo::LayerData priorities_table(const PrioritiesResult& result, const AdminLevel& level);
geo::LayerData action_plan_table(const PrioritiesResult& result, const AdminLevel& level);

// Fields for the finest level's layer (districts.geojson) and summary:
// issue_rate, severity_weighted, n_drivers, drivers, rising, hotspot, gi_z,
// lisa_cluster, priority_score, priority_rank, priority_tier, rank_p05,
// rank_p95, p_top_k, rank_unstable.
UnitTable priorities_unit_table(const PrioritiesResult& result);

// Per-run facts for run.json / the report: weights, islands, periods,
// counts of drivers, hot spots and unstable units, warnings.
struct PrioritiesSummary {
  std::string weights;
  std::int64_t units = 0, islands = 0, links = 0, issues = 0, issues_outside = 0, categories = 0;
  std::int64_t drivers = 0, rising = 0, falling = 0, hot = 0, cold = 0, unstable = 0;
  std::string baseline, review;  // "" when periods are skipped
};
PrioritiesSummary summarise(const PrioritiesResult& result);

// Parameters, the summary, indicator weights, warnings and step timings, for
// run.json (timings are the only part that changes between identical runs).
nlohmann::json priorities_summary(const PrioritiesResult& result, const PrioritiesOptions& options);

}  // namespace engine::priorities
