#pragma once
// The data the report page draws, as one JSON document embedded in
// report.html.  The page's code (assets/report.js) only presents it: every
// decision about fields, classes, labels and groups is made here, once, in
// the language of the report.
//
// Shape (coordinates are [lat, lon], as Leaflet takes them, rounded to
// kDisplayDecimals):
//   lang, dir, title, synthetic, strings{}, tiles{url, attribution}
//   units{name, label, code, name_en, name_ar, parent_en, parent_ar, parent_label,
//         features[{props{}, shape[[[ring]...]...], label_point}]}
//   outlines[{name, label, features[{code, name, shape}]}]
//   choropleths[{field, label, breaks, colours, class_labels}], chosen, no_data_colour
//   labels{field: label}, groups[{key, label, fields[]}]
//   categories[{field, label}]              issue categories for the chart
//   issue_field, issue_label, issue_layer_label   the per-unit issue count ("" if none)
//   points[{name, role, label, type_field, status_field, name_field, types[], statuses[],
//           features[{at, props{}}]}]
//   overlays[{id, label, kind, colour, table, fields[], sort_field, features[{shape|at|line, props{}}]}]
//   table{columns[], labels{}, sort, descending}
//   priorities   null, or from priorities.csv: {indicators[{name, label, weight, direction}], top_k,
//                units{code: {unit, rank, tier, tier_label, score, median_rank, rank_p05, rank_p95,
//                             p_top_k, unstable, breakdown[{name, value, norm, contrib}] largest first}}}
//   action_plan  null, or from action_plan.csv in priority order:
//                {columns[{key, label, numeric}], panel[keys], rows[{unit, code, name, values[]}]}

#include <nlohmann/json.hpp>

#include "engine/report/report_model.hpp"

namespace engine::report {

// 5 decimals of a degree: about a metre, far below what a screen shows.
inline constexpr int kDisplayDecimals = 5;

nlohmann::json report_data(const ReportModel& model, const ReportOptions& options);

}  // namespace engine::report
