#pragma once
// The choropleth of the units: which fields can colour them, in which order
// of preference, how values fall into classes, and the colours of the
// classes.  One implementation for the HTML map and the PNG map, so both
// show the same classes.
//
// Classes are quantiles (up to five, nearest-rank, equal breaks merged), so
// every class holds about as many units; units without a value are "no
// data" (grey).  Colours are ColorBrewer YlOrRd, darker = more of a problem;
// for fields where more is better (coverage shares) the ramp is reversed.

#include <string>
#include <vector>

#include "geo/vector_writer.hpp"

namespace engine::report {

inline constexpr const char* kIssueRateField = "issue_rate_per_10k";
inline constexpr const char* kNoDataColour = "#d9d9d9";

struct Choropleth {
  std::string field;
  std::vector<double> values;        // per unit; NaN = no data
  std::vector<double> breaks;        // ascending; class i holds values <= breaks[i], the last class the rest
  std::vector<std::string> colours;  // one per class ("#rrggbb")
  bool more_is_better = false;

  std::size_t class_count() const { return colours.size(); }
  // Class of a value, -1 for no data.
  int class_of(double value) const;
  std::string colour_of(double value) const;
  // "≤ 12", "12 – 30", "> 30" (numbers as in the legend).
  std::vector<std::string> class_labels() const;
};

// Adds `issue_rate_per_10k` = n_<issue layer> / population * 10,000 to the
// units when they have both fields and no such field yet.
void add_issue_rate(geo::LayerData& units, const std::string& issue_layer);

// Numeric fields that can colour the units, best first: priority score,
// other scores, shares (coverage), uncovered counts, the issue rate, issue
// counts, other rates, other layers' counts.
std::vector<std::string> choropleth_candidates(const geo::LayerData& units, const std::vector<std::string>& layer_names,
                                               const std::vector<std::string>& layer_roles);

// The field to use: `requested` if given (an error naming the available
// fields if it is not a numeric field of the units), else the first candidate,
// else "" (units drawn without colour classes).
std::string choose_field(const geo::LayerData& units, const std::vector<std::string>& candidates,
                         const std::string& requested, const std::string& file);

Choropleth classify(const geo::LayerData& units, const std::string& field);

// A number as the legend and panels show it: up to 3 significant decimals,
// no trailing zeros ("12", "0.25", "1234.5").
std::string format_number(double value);

}  // namespace engine::report
