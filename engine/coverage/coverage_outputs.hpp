#pragma once
// The coverage result as output layers and tables (geo::LayerData, ready for
// GeoJSON, GeoPackage or CSV) and as fields on the finest level's layer
// (engine::UnitTable, for engine::admin_layer):
//
//   districts fields   issues, issues_covered, issues_uncovered, issues_covered_share,
//                      issues_over_capacity (when facilities have capacities),
//                      issues_partner_in_reach, nearest_facility_median_m, nearest_facility_p90_m,
//                      partners, facilities, facilities_operational, facilities_<type>_<status>,
//                      uncovered_km2, uncovered_share, pop_total, pop_covered, pop_uncovered,
//                      pop_covered_share (when population is known), partners_<sector>,
//                      partners_<sector>_names, gap_rank, gap_reasons
//   issue / partner    nearest_facility_id, nearest_facility_type, nearest_facility_m, covered,
//   point fields       (issues) nearest_partner_id, nearest_partner_m, partner_in_reach,
//                      (nearest_by_type) nearest_<type>_m
//   uncovered          one polygon feature per connected uncovered part: unit codes and names,
//                      part, area_km2, unit_area_km2
//   three_w            one row per unit x partner sector: unit codes and names, sector,
//                      partners, names
//   gaps               one row per gap, worst first: rank, unit codes and names, issues,
//                      issues_uncovered, pop_uncovered, facilities, facilities_operational,
//                      partners, nearest_facility_median_m, reasons, explanation
//   facility_load      one point per located facility: id, type, status, unit codes and
//                      names, radius_m, capacity, issues_in_reach, issues_served, load_share
//                      (served / capacity)
//   suggested_sites    one point per chosen site, in pick order: rank, origin, id, name,
//                      unit codes and names, radius_m, capacity, objective, gain, covered,
//                      covered_share
//
// Distances are rounded to 0.01 m, areas to 0.001 km2, shares to 4 decimals.

#include <nlohmann/json.hpp>

#include "engine/boundaries.hpp"
#include "engine/coverage/coverage.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine::coverage {

UnitTable coverage_unit_table(const CoverageResult& result, const AdminLevel& finest);

// Appends the nearest-facility columns to a joined point layer built by
// engine::joined_points from the same PointLayer.  Names that clash with the
// layer's own fields get a "coverage_" prefix.
void append_nearest_columns(geo::LayerData& joined, const NearestColumns& nearest, const PointLayer* facilities,
                            const PointLayer* partners, double partner_reach_m);

geo::LayerData uncovered_layer(const CoverageResult& result, const Boundaries& boundaries);
geo::LayerData three_w_table(const CoverageResult& result, const Boundaries& boundaries);
geo::LayerData gaps_table(const CoverageResult& result, const Boundaries& boundaries);
geo::LayerData facility_load_layer(const CoverageResult& result, const Boundaries& boundaries, PointLayerRef facilities);
geo::LayerData suggested_sites_layer(const CoverageResult& result, const Boundaries& boundaries,
                                     const CoverageOptions& options);

// One line on the exact check of the site choice ("" when none was made).
std::string exact_check_sentence(const SiteSelection& sites);

// Parameters, totals, site picks and warnings, for run.json.
nlohmann::json coverage_summary(const CoverageResult& result, const CoverageOptions& options);

}  // namespace engine::coverage
