#pragma once
// Options of the priorities analysis (local drivers, review periods,
// hotspots, the priority index and its sensitivity) and the `priorities:`
// section of the project file that sets them.  Every key is optional: an
// empty section (`priorities: {}`) runs everything with the defaults below.
//
//   priorities:
//     drivers:
//       fdr: 0.05                 # Benjamini–Hochberg level over all district x category tests
//       categories: [drugs, arms] # categories expected; DEFAULT every category present.
//                                 #   One with no issue is reported, not an error.
//       top: 3                    # drivers named per district in the action plan
//     periods:                    # change between two review periods (dates inclusive)
//       baseline: [2023-01-01, 2023-12-31]
//       review: [2024-01-01, 2024-12-31]
//                                 # DEFAULT: review = the last 365 days of the issues' dates,
//                                 #   baseline = the 365 days before it
//       fdr: 0.05                 # BH level for rising / falling flags
//       confidence: 0.95          # of the rate-ratio interval
//     hotspots:
//       weights: queen            # queen or distance_band
//       tolerance_m: 100          # queen: boundaries this close count as shared (slivers, gaps)
//       band_m: 50000             # distance_band: centroid distance threshold (required for it)
//       variable: auto            # rate (per 10,000 people), count, or auto = rate when every
//                                 #   unit has a population, else count
//       permutations: 999         # conditional permutations for pseudo p-values; 0 = analytic only
//       seed: 12345
//       p: auto                   # which p classifies hot/cold spots: permutation, analytic
//                                 #   (two-sided normal), auto = permutation when permutations > 0
//       fdr: false                # BH correction of the 90/95/99 % classes (esda.fdr style)
//       per_category: true        # also Gi* per issue category
//     index:
//       normalisation: min-max    # min-max, rank or z-score (per indicator override below)
//       indicators:               # DEFAULT: issue_rate (or issues without population),
//         issue_rate: 0.4         #   severity_weighted when issues have a severity,
//         uncovered_share: {weight: 0.3}                   #   rising_drivers when periods
//         partners: {weight: 0.1, direction: lower}        #   exist, and every extra indicator
//         displaced_share: {weight: 0.2, normalisation: rank}  # given by the caller, weight 1
//       tiers: [0.2, 0.5]         # cumulative rank shares: top 20 % high, next 30 % medium, rest low
//     sensitivity:
//       draws: 1000               # Dirichlet weight draws; 0 = none
//       concentration: 50         # Dirichlet alpha = concentration x normalised weight
//       top_k: 10                 # report P(rank <= top_k)
//       seed: 12345
//     action_plan:
//       units: 0                  # rows in action_plan.csv; 0 = every unit
//     threads: 0                  # 0 = one per core; results never depend on it
//
// Indicator names: the built-ins issues, issue_rate, severity_weighted,
// severity_rate, drivers, rising_drivers, hotspot_z; any indicator the caller
// passes (coverage and coordination figures); any numeric field of the
// finest boundary level (population, area_km2 and the source's attributes).
// Direction `higher` (DEFAULT) means a higher value raises the priority.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace engine {
class Section;
struct Project;
}

namespace engine::priorities {

enum class Normalisation { MinMax, Rank, ZScore };
enum class Direction { Higher, Lower };
enum class WeightsKind { Queen, DistanceBand };
enum class HotspotVariable { Auto, Rate, Count };
enum class PSource { Auto, Permutation, Analytic };

const char* to_string(Normalisation n);
const char* to_string(Direction d);

// A calendar date as days since 1970-01-01.
struct DateRange {
  std::int32_t from = 0, to = 0;  // inclusive
  std::string text() const;       // "2023-01-01..2023-12-31"
};
// "2024-03-05" (also "2024-03-05T10:00", "2024/03/05") -> days; nullopt when not a date.
std::optional<std::int32_t> parse_date(const std::string& text);
std::string format_date(std::int32_t day);

struct DriverOptions {
  double fdr = 0.05;                    // DEFAULT: 0.05
  std::vector<std::string> categories;  // value slugs; DEFAULT: every category present
  int top = 3;                          // DEFAULT: 3
};

struct PeriodOptions {
  std::optional<DateRange> baseline, review;  // DEFAULT: last 365 days vs the 365 before
  double fdr = 0.05;                          // DEFAULT: 0.05
  double confidence = 0.95;                   // DEFAULT: 0.95
};

struct HotspotOptions {
  WeightsKind weights = WeightsKind::Queen;  // DEFAULT: queen
  double tolerance_m = 100;                  // DEFAULT: 100
  double band_m = 0;                         // required for distance_band
  HotspotVariable variable = HotspotVariable::Auto;
  int permutations = 999;                    // DEFAULT: 999
  std::uint64_t seed = 12345;                // DEFAULT: 12345
  PSource p = PSource::Auto;
  bool fdr = false;                          // DEFAULT: false
  bool per_category = true;                  // DEFAULT: true
};

struct IndicatorSpec {
  std::string name;
  Direction direction = Direction::Higher;
  double weight = 1;
  std::optional<Normalisation> normalisation;  // DEFAULT: the index's
  int line = 0;
};

struct IndexOptions {
  Normalisation normalisation = Normalisation::MinMax;  // DEFAULT: min-max
  std::vector<IndicatorSpec> indicators;                // DEFAULT: see above
  std::vector<double> tiers = {0.2, 0.5};               // DEFAULT: high 20 %, medium 30 %, low the rest
};

struct SensitivityOptions {
  int draws = 1000;            // DEFAULT: 1000
  double concentration = 50;   // DEFAULT: 50
  int top_k = 10;              // DEFAULT: 10
  std::uint64_t seed = 12345;  // DEFAULT: 12345
};

struct ActionPlanOptions {
  int units = 0;  // DEFAULT: 0 = every unit
};

struct PrioritiesOptions {
  DriverOptions drivers;
  PeriodOptions periods;
  HotspotOptions hotspots;
  IndexOptions index;
  SensitivityOptions sensitivity;
  ActionPlanOptions action_plan;
  int threads = 0;     // DEFAULT: 0 = one per core
  int line = 0;        // of the section, for messages
  std::string label;   // the project file, for messages

  // Throws engine::Error naming the key; touches no file.
  void validate() const;
};

// Reads the `priorities:` section (strict keys), calls s.finish() and
// validates.  `base_dir` is unused today (no paths in this section) and kept
// for the same signature as the other analyses.
PrioritiesOptions parse_priorities_options(engine::Section& s, const std::string& base_dir);

// The options of a project: its `priorities:` section parsed (an absent or
// empty section gives the defaults), labelled with the project file.
PrioritiesOptions priorities_options(const Project& project);

}  // namespace engine::priorities
