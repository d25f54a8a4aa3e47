#pragma once
// The priorities analysis: local drivers, change between review periods,
// hotspots and a transparent priority index with a sensitivity analysis and
// a starter local action plan, for the units of one admin level (the finest:
// districts or sub-districts).
//
// Inputs are plain: the units (engine::AdminLevel), one entry per issue
// record (unit, category, severity, date) and a table of extra per-unit
// indicators (coverage, coordination, ...) by name.  compute_priorities()
// prints nothing and touches no file; priorities_outputs.hpp turns the result
// into layers and tables.
//
// Example (the pipeline):
//   using namespace engine::priorities;
//   IssueRecords issues = issue_records(issue_layer, issue_join);
//   IndicatorTable extra;
//   extra.add("uncovered_share", uncovered_share_per_unit);           // higher = worse
//   extra.add("partners", partners_per_unit, Direction::Lower);        // fewer partners = worse
//   ActionContext context;
//   context.add("coverage_gap", gap_text_per_unit);
//   PrioritiesResult r = compute_priorities(boundaries.finest(), issues, extra, context, options);
//   write_layer(out / "drivers.csv", drivers_table(r, boundaries.finest()));
//
// Definitions:
//  * profile: count c_ij of category j in unit i, share c_ij / c_i, rate per
//    10,000 people c_ij / pop_i * 1e4 (NaN without population), and the
//    severity-weighted count (sum of severities; a missing severity counts as
//    the mean of the known ones).
//  * location quotient LQ_ij = (c_ij / c_i) / (C_j / C) over the study area;
//    one-sided exact binomial test of over-representation
//    p = P(X >= c_ij), X ~ Binomial(c_i, C_j / C); Benjamini–Hochberg across
//    every unit x category with c_i > 0.  A driver: LQ > 1 and q <= drivers.fdr.
//  * change: counts a (baseline) and b (review), rate ratio
//    RR = (b / T_review) / (a / T_baseline) with T the period lengths in days
//    (population cancels), exact conditional test: b ~ Binomial(a + b, T_r /
//    (T_b + T_r)) under RR = 1 (two-sided, scipy binomtest), Clopper–Pearson
//    interval turned into an RR interval; BH across all tests; rising: RR > 1
//    and q <= periods.fdr, falling: RR < 1 and q <= periods.fdr.
//  * hotspots: Gi* and Local Moran (local_stats.hpp) of the issue rate (or
//    count) in total and per category; classes hot/cold 99/95/90 when the
//    chosen p is <= 0.01/0.05/0.10 (sign of z): the permutation pseudo p
//    p_sim, compared as PySAL users do (it is esda's folded one-sided value),
//    or the two-sided normal p = 2 * p_norm (|z| > 2.576/1.960/1.645, as
//    ArcGIS Hot Spot Analysis); with hotspots.fdr each level is replaced by
//    the BH threshold at that level (esda.fdr).  Islands are class "island".
//    LISA clusters: the quadrant where Local Moran's p_sim <= 0.05.
//  * index: every indicator is normalised (min-max to [0, 1], rank to
//    [0, 1] with average ties, or z-score), reversed for direction lower
//    (1 - x for min-max and rank, -x for z-score), weighted by w_k / sum w;
//    the contribution of indicator k is w_k x_k and the score is their sum.
//    A missing value takes the indicator's mean normalised value (counted in
//    a warning).  Rank 1 = highest score, ties broken by P-code; tiers by the
//    cumulative rank shares in index.tiers (the first ceil(share x n) ranks).
//  * sensitivity: `draws` weight vectors from Dirichlet(concentration x w),
//    each re-scoring and re-ranking every unit; per unit the median rank, the
//    5 % and 95 % ranks (nearest-rank), P(rank <= top_k); unstable when
//    0.1 < P(top k) < 0.9 (neither reliably in nor out of the top k) or when
//    the 5–95 % rank interval reaches into another tier.  Draw d uses the
//    stream (seed, d), so results are identical for a seed whatever the
//    number of threads.
//
// Thread-safety: compute_priorities may be called from several threads on
// distinct inputs.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/priorities/local_stats.hpp"
#include "engine/priorities/priorities_options.hpp"
#include "engine/priorities/weights.hpp"
#include "engine/unit_table.hpp"

namespace engine::priorities {

constexpr std::int32_t kNoDate = INT32_MIN;

// One entry per issue record.
struct IssueRecords {
  std::vector<std::int32_t> unit;       // finest-level unit, -1 = none (not counted)
  std::vector<std::string> category;    // as given; compared as value slugs, "" = "unknown"
  std::vector<double> severity;         // NaN = none
  std::vector<std::int32_t> day;        // days since 1970-01-01, kNoDate = none
  std::int64_t bad_dates = 0;           // dates present but not readable (reported)
  std::int64_t bad_severities = 0;      // severities present but not numbers (reported)

  std::size_t size() const { return unit.size(); }
  void add(std::int32_t unit_index, std::string category_text, double severity_value = NAN,
           std::int32_t day_value = kNoDate);
};

// From a joined issue layer: matched, snapped and name-matched records carry
// their unit, unmatched and rejected ones -1.  Category, severity and date come from the
// layer's role fields (any may be absent).
IssueRecords issue_records(const PointLayer& layer, const LayerJoin& join);

// Extra per-unit indicators by name (NaN = missing), in unit order.
struct IndicatorTable {
  struct Column {
    std::string name;
    std::vector<double> values;
    Direction direction = Direction::Higher;  // used when the project file lists no indicators
  };
  std::vector<Column> columns;
  void add(std::string name, std::vector<double> values, Direction default_direction = Direction::Higher);
  // Every numeric (Integer / Real) column of another analysis's per-unit
  // table (coverage_unit_table, coordination_table), named prefix + field.
  // These are available to the project file's indicators but not part of
  // the default index.  Skips names already present; a column named like a
  // built-in indicator (coverage's `issues`) is ignored by the analysis.
  void add_unit_table(const UnitTable& table, const std::string& prefix = {});
  const Column* find(const std::string& name) const;
  std::vector<std::string> optional;  // names added by add_unit_table (not in the default index)
};

// Text facts per unit from other analyses, copied into action_plan.csv in
// the order added (coverage gap, missing links, suggested sites, partners
// present, ...).
struct ActionContext {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // [column][unit]
  void add(std::string name, std::vector<std::string> per_unit);
  // One column of a per-unit table as text (numbers as typed, nulls empty);
  // throws engine::Error when the table has no such field.
  void add_from(const UnitTable& table, const std::string& field, const std::string& as_name = {});
};

// ---- results ---------------------------------------------------------------

struct CategoryCell {  // one unit x category
  std::int64_t count = 0;
  double share = NAN, rate = NAN, severity_weighted = 0;
  double lq = NAN, expected = NAN, p = NAN, q = NAN;
  bool driver = false;
  // change between periods (NaN / 0 when periods are off)
  std::int64_t baseline = 0, review = 0;
  double rate_ratio = NAN, rr_low = NAN, rr_high = NAN, p_change = NAN, q_change = NAN;
  int trend = 0;  // +1 rising, -1 falling, 0 neither
};

struct UnitProfile {
  std::int64_t issues = 0;
  double rate = NAN;               // per 10,000 people
  double severity_weighted = 0;
  double severity_rate = NAN;      // severity-weighted per 10,000 people
  int drivers = 0, rising = 0, falling = 0;
};

enum class HotClass : std::int8_t { None = 0, Hot90, Hot95, Hot99, Cold90, Cold95, Cold99, Island };
const char* to_string(HotClass c);  // "hot_99", "cold_90", "not_significant", "island"

struct HotspotSeries {
  std::string name;                // "total" or a category slug
  std::vector<double> values;      // the analysed variable per unit
  LocalStatistic gi, moran;
  std::vector<double> p_used;      // the p classifying gi (permutation or two-sided analytic)
  std::vector<HotClass> classes;
  std::vector<int> lisa_cluster;   // quadrant where moran p_sim <= 0.05, else 0
};

struct IndicatorResult {
  std::string name, source;        // source: built-in, caller, field
  Direction direction = Direction::Higher;
  Normalisation normalisation = Normalisation::MinMax;
  double weight = 0;               // normalised to sum 1
  std::vector<double> raw, normalised, contribution;
  std::int64_t missing = 0;
};

struct IndexResult {
  std::vector<IndicatorResult> indicators;
  std::vector<double> score;
  std::vector<std::int32_t> rank;  // 1 = highest priority
  std::vector<std::string> tier;   // high, medium, low
  std::vector<std::int32_t> order; // units by rank
};

struct SensitivityResult {
  int draws = 0, top_k = 0;
  std::vector<double> median_rank, rank_p05, rank_p95, p_top_k;
  std::vector<bool> unstable;
};

struct PrioritiesResult {
  std::vector<std::string> categories;              // slugs, sorted
  std::vector<std::vector<CategoryCell>> cells;     // [unit][category]
  std::vector<UnitProfile> units;
  std::vector<std::int64_t> category_totals;
  std::int64_t issues_total = 0, issues_outside = 0;
  bool has_population = false, has_severity = false;
  // The issues leave only as protected counts (engine/disclosure.hpp): the
  // action plan's texts name drivers, rising categories and indicators
  // without their counts, ratios and contributions.
  bool figures_withheld = false;
  bool has_periods = false;
  DateRange baseline, review;
  SpatialWeights weights;
  std::string weights_description;                  // "queen (tolerance 100 m)"
  std::vector<HotspotSeries> hotspots;              // [0] = total
  std::string hotspot_variable;                     // "issues_per_10k" or "issues"
  IndexResult index;
  SensitivityResult sensitivity;
  std::vector<std::string> context_names;
  std::vector<std::vector<std::string>> context;    // [column][unit]
  int driver_top = 3, plan_units = 0;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, double>> timings;  // step, seconds
};

// Throws engine::Error for input that cannot give a meaningful result
// (an indicator naming an unknown field, extra tables of the wrong length);
// anything it can work around is a warning in the result.
PrioritiesResult compute_priorities(const AdminLevel& units, const IssueRecords& issues, const IndicatorTable& extra,
                                    const ActionContext& context, const PrioritiesOptions& options);

// The pieces, for tests and the benchmark.
std::vector<double> normalise(const std::vector<double>& raw, Normalisation how, Direction direction);
SensitivityResult rank_sensitivity(const std::vector<std::vector<double>>& normalised, const std::vector<double>& weights,
                                   const std::vector<std::string>& tie_keys, const SensitivityOptions& options,
                                   int threads);

}  // namespace engine::priorities
