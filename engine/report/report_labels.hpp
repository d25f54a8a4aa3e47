#pragma once
// The words of the report and the PNG map, in English and Arabic: interface
// text, names of layers and levels, and labels for fields.  Fields nobody
// has named yet (a new analysis's output) get a label made from their name,
// so they appear in the report without code changes here.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace engine::report {

// Every interface string of the page, {key: text}, in `lang` ("en" or "ar").
nlohmann::json interface_strings(const std::string& lang);
std::string interface_string(const std::string& key, const std::string& lang);

// "districts" -> "Districts" / "المديريات".
std::string level_label(const std::string& level, const std::string& lang);
// "districts" -> "District" / "المديرية": one unit of the level.
std::string unit_label(const std::string& level, const std::string& lang);
// A point layer by its role: facilities -> "Security facilities".
std::string layer_label(const std::string& layer, const std::string& role, const std::string& lang);

// Which group of the district panel a field belongs to:
//   ADM<k>_* -> "names"; population, area_km2 -> "unit";
//   n_<layer>... and issue_rate_per_10k -> the layer's name;
//   anything else -> the text before its first '_' ("coverage_share" -> "coverage").
// `layers` are the run's point layer names (longest match wins).
std::string field_group(const std::string& field, const std::vector<std::string>& layers);
std::string group_label(const std::string& group, const std::vector<std::string>& layers,
                        const std::vector<std::string>& roles, const std::string& lang);
std::string field_label(const std::string& field, const std::vector<std::string>& layers, const std::string& lang);

// A field named on its own (legend titles, table headings): a layer's total
// count is named by the layer ("n_facilities" -> "Security facilities"),
// other fields by field_label().
std::string headline_label(const std::string& field, const std::vector<std::string>& layers,
                           const std::vector<std::string>& roles, const std::string& lang);

// An indicator of the priority index: "issue_rate" -> "Issues per 10,000 people".
std::string indicator_label(const std::string& name, const std::string& lang);
// A column of action_plan.csv: "missing_links" -> "Missing coordination links".
std::string plan_column_label(const std::string& column, const std::string& lang);

// "women_s_safety" -> "women s safety", translated when it is a common value.
std::string value_label(const std::string& slug, const std::string& lang);

}  // namespace engine::report
