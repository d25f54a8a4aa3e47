// The analysis end to end on hand-built lattices: location quotients, the
// exact test and BH by hand, change between periods, the index by hand,
// sensitivity determinism, bad input, and the output tables.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/error.hpp"
#include "engine/priorities/priorities.hpp"
#include "engine/priorities/priorities_outputs.hpp"
#include "engine/priorities/stats.hpp"
#include "fixtures.hpp"
#include "support/test_support.hpp"

using namespace engine::priorities;
using priorities_testing::lattice;

namespace {

double binom_pmf(int k, int n, double p) {
  return std::exp(std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1)) * std::pow(p, k) * std::pow(1 - p, n - k);
}
double upper(int k, int n, double p) {
  double s = 0;
  for (int x = k; x <= n; ++x) s += binom_pmf(x, n, p);
  return s;
}

std::int32_t day(const char* text) { return *parse_date(text); }

// Two units: unit 0 has 6 drugs and 2 arms, unit 1 has 2 drugs and 10 arms.
IssueRecords two_unit_issues() {
  IssueRecords issues;
  for (int k = 0; k < 6; ++k) issues.add(0, "Drugs", 2, day(k < 2 ? "2023-03-01" : "2024-03-01"));
  for (int k = 0; k < 2; ++k) issues.add(0, "arms", 4, day("2024-05-05"));
  for (int k = 0; k < 2; ++k) issues.add(1, "drugs", NAN, day("2023-06-01"));
  for (int k = 0; k < 10; ++k) issues.add(1, "Arms", 3, day(k < 5 ? "2023-07-01" : "2024-07-01"));
  issues.add(-1, "drugs");  // outside every unit: reported, not counted
  return issues;
}

PrioritiesOptions quiet_options() {
  PrioritiesOptions o;
  o.hotspots.permutations = 99;
  o.sensitivity.draws = 200;
  o.sensitivity.top_k = 1;
  o.periods.baseline = DateRange{day("2023-01-01"), day("2023-12-31")};
  o.periods.review = DateRange{day("2024-01-01"), day("2024-12-31")};
  return o;
}

bool has_warning(const PrioritiesResult& r, const std::string& text) {
  for (const auto& w : r.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const engine::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Priorities, LocationQuotientsExactTestAndBhByHand) {
  const auto level = lattice(1, 2);
  auto options = quiet_options();
  const auto r = compute_priorities(level, two_unit_issues(), {}, {}, options);
  ASSERT_EQ(r.categories, (std::vector<std::string>{"arms", "drugs"}));
  EXPECT_EQ(r.issues_total, 20);
  EXPECT_EQ(r.issues_outside, 1);
  EXPECT_TRUE(has_warning(r, "1 issues lie in no unit"));
  const auto& drugs0 = r.cells[0][1];
  const auto& arms1 = r.cells[1][0];
  EXPECT_EQ(drugs0.count, 6);
  EXPECT_DOUBLE_EQ(drugs0.share, 0.75);
  EXPECT_DOUBLE_EQ(drugs0.rate, 6.0);  // per 10,000 of 10,000 people
  EXPECT_NEAR(drugs0.lq, 0.75 / 0.4, 1e-15);
  EXPECT_NEAR(drugs0.expected, 3.2, 1e-12);
  EXPECT_NEAR(drugs0.p, upper(6, 8, 0.4), 1e-13);
  EXPECT_NEAR(drugs0.p, 0.04980736, 1e-8);
  EXPECT_NEAR(arms1.lq, (10.0 / 12) / 0.6, 1e-15);
  EXPECT_NEAR(arms1.p, upper(10, 12, 0.6), 1e-13);
  // BH over the four tests: sorted p1 < p2 < p3 < p4; q1 = q2 = min(4 p1, 2 p2).
  const double p[4] = {drugs0.p, arms1.p, r.cells[1][1].p, r.cells[0][0].p};
  EXPECT_NEAR(r.cells[1][1].p, upper(2, 12, 0.4), 1e-13);
  EXPECT_NEAR(r.cells[0][0].p, upper(2, 8, 0.6), 1e-13);
  const double q12 = std::min(4 * p[0], 2 * p[1]);
  EXPECT_NEAR(drugs0.q, q12, 1e-13);
  EXPECT_NEAR(arms1.q, q12, 1e-13);
  EXPECT_NEAR(r.cells[0][0].q, p[3], 1e-13);
  EXPECT_NEAR(r.cells[1][1].q, std::min(p[3], 4.0 / 3 * p[2]), 1e-13);
  // At FDR 0.05 nothing survives (q = 0.167); at 0.2 both over-represented cells are drivers.
  EXPECT_FALSE(drugs0.driver);
  options.drivers.fdr = 0.2;
  const auto loose = compute_priorities(level, two_unit_issues(), {}, {}, options);
  EXPECT_TRUE(loose.cells[0][1].driver);
  EXPECT_TRUE(loose.cells[1][0].driver);
  EXPECT_FALSE(loose.cells[0][0].driver);
  EXPECT_EQ(loose.units[0].drivers, 1);
  // Severity: unit 1's two drugs issues have none and count with the mean severity.
  const double mean_severity = (6 * 2 + 2 * 4 + 10 * 3) / 18.0;
  EXPECT_NEAR(r.units[1].severity_weighted, 2 * mean_severity + 30, 1e-12);
  EXPECT_TRUE(has_warning(r, "2 issues have no severity"));
}

TEST(Priorities, ChangeBetweenPeriods) {
  const auto level = lattice(1, 2);
  const auto r = compute_priorities(level, two_unit_issues(), {}, {}, quiet_options());
  ASSERT_TRUE(r.has_periods);
  const auto& drugs0 = r.cells[0][1];
  EXPECT_EQ(drugs0.baseline, 2);
  EXPECT_EQ(drugs0.review, 4);
  // 2023 has 365 days, 2024 has 366.
  EXPECT_NEAR(drugs0.rate_ratio, (4.0 / 366) / (2.0 / 365), 1e-12);
  EXPECT_NEAR(drugs0.p_change, binomial_two_sided(4, 6, 366.0 / 731), 1e-15);
  const Interval ci = clopper_pearson(4, 6, 0.05);
  EXPECT_NEAR(drugs0.rr_low, ci.low / (1 - ci.low) * 365 / 366, 1e-12);
  EXPECT_NEAR(drugs0.rr_high, ci.high / (1 - ci.high) * 365 / 366, 1e-12);
  EXPECT_LT(drugs0.rr_low, drugs0.rate_ratio);
  EXPECT_GT(drugs0.rr_high, drugs0.rate_ratio);
  // Arms in unit 0: none before, 2 after -> infinite ratio, no trend at these counts.
  EXPECT_TRUE(std::isinf(r.cells[0][0].rate_ratio));
  EXPECT_EQ(r.cells[0][0].trend, 0);

  // A clear rise survives BH and is flagged.
  IssueRecords many;
  for (int k = 0; k < 5; ++k) many.add(0, "drugs", NAN, day("2023-05-01"));
  for (int k = 0; k < 60; ++k) many.add(0, "drugs", NAN, day("2024-05-01"));
  for (int k = 0; k < 30; ++k) many.add(1, "arms", NAN, day(k < 15 ? "2023-05-01" : "2024-05-01"));
  const auto rising = compute_priorities(level, many, {}, {}, quiet_options());
  EXPECT_EQ(rising.cells[0][1].trend, 1);
  EXPECT_EQ(rising.units[0].rising, 1);
  EXPECT_EQ(rising.cells[1][0].trend, 0);
}

TEST(Priorities, DefaultPeriodsAndPeriodsOutsideTheData) {
  const auto level = lattice(1, 2);
  auto options = quiet_options();
  options.periods.baseline.reset();
  options.periods.review.reset();
  const auto r = compute_priorities(level, two_unit_issues(), {}, {}, options);
  ASSERT_TRUE(r.has_periods);
  EXPECT_EQ(format_date(r.review.to), "2024-07-01");
  EXPECT_EQ(r.review.to - r.review.from, 364);
  EXPECT_EQ(r.baseline.to, r.review.from - 1);

  options.periods.baseline = DateRange{day("2030-01-01"), day("2030-12-31")};
  options.periods.review = DateRange{day("2031-01-01"), day("2031-12-31")};
  const auto outside = compute_priorities(level, two_unit_issues(), {}, {}, options);
  EXPECT_FALSE(outside.has_periods);
  EXPECT_TRUE(has_warning(outside, "baseline period 2030-01-01..2030-12-31 holds no issue (the issues' dates run 2023-03-01..2024-07-01)"));
  // rising_drivers is then unavailable as an indicator, with the reason.
  options.index.indicators = {{"rising_drivers"}};
  EXPECT_NE(error_of([&] { compute_priorities(level, two_unit_issues(), {}, {}, options); })
                .find("indicator 'rising_drivers' cannot be computed: change between review periods was skipped"),
            std::string::npos);
}

TEST(Priorities, IndexReproducesAManualCalculation) {
  const auto level = lattice(1, 3);
  IndicatorTable extra;
  extra.add("need", {10, 20, 40});
  extra.add("partners", {5, 0, 5}, Direction::Lower);
  auto options = quiet_options();
  options.index.indicators = {{"need", Direction::Higher, 3}, {"partners", Direction::Lower, 1}};
  IssueRecords none;
  auto r = compute_priorities(level, none, extra, {}, options);
  ASSERT_EQ(r.index.indicators.size(), 2u);
  // min-max: need -> 0, 1/3, 1; partners (lower is worse) -> 0, 1, 0; weights 0.75 / 0.25.
  const double expected[3] = {0, 0.75 / 3 + 0.25, 0.75};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.index.score[i], expected[i], 1e-15);
    EXPECT_DOUBLE_EQ(r.index.indicators[0].contribution[i] + r.index.indicators[1].contribution[i], r.index.score[i]);
  }
  EXPECT_EQ(r.index.rank, (std::vector<std::int32_t>{3, 2, 1}));
  // Tiers: the first ceil(0.2 x 3) = 1 rank is high, up to ceil(0.5 x 3) = 2 medium.
  EXPECT_EQ(r.index.tier, (std::vector<std::string>{"low", "medium", "high"}));
  EXPECT_TRUE(has_warning(r, "no issue lies in any unit"));

  // Rank normalisation with ties (average ranks) and z-scores.
  options.index.normalisation = Normalisation::Rank;
  r = compute_priorities(level, none, extra, {}, options);
  EXPECT_NEAR(r.index.score[0], 0.75 * 0 + 0.25 * (1 - 0.75), 1e-15);
  EXPECT_NEAR(r.index.score[1], 0.75 * 0.5 + 0.25 * 1, 1e-15);
  EXPECT_NEAR(r.index.score[2], 0.75 * 1 + 0.25 * (1 - 0.75), 1e-15);
  options.index.normalisation = Normalisation::ZScore;
  r = compute_priorities(level, none, extra, {}, options);
  const double mean = 70.0 / 3, sd = std::sqrt(((10 - mean) * (10 - mean) + (20 - mean) * (20 - mean) + (40 - mean) * (40 - mean)) / 3);
  const double psd = std::sqrt((25.0 / 9 * 2 + 100.0 / 9) / 3);  // partners mean 10/3
  EXPECT_NEAR(r.index.score[2], 0.75 * (40 - mean) / sd - 0.25 * (5 - 10.0 / 3) / psd, 1e-12);
  double sum = 0;
  for (std::size_t i = 0; i < 3; ++i) sum += r.index.score[i];
  EXPECT_NEAR(sum, 0, 1e-12);
}

TEST(Priorities, TiersMissingValuesAndBreakdownSums) {
  const auto level = lattice(2, 5);
  IndicatorTable extra;
  extra.add("a", {1, 2, 3, 4, 5, 6, 7, 8, 9, NAN});
  extra.add("b", {9, 3, 4, 1, 0, 2, 8, 7, 6, 5}, Direction::Lower);
  auto options = quiet_options();
  options.index.indicators = {{"a", Direction::Higher, 2}, {"b", Direction::Lower, 1}, {"issues", Direction::Higher, 1}};
  options.sensitivity.top_k = 3;
  const auto r = compute_priorities(level, two_unit_issues(), extra, {}, options);
  EXPECT_TRUE(has_warning(r, "indicator 'a' is missing in 1 units"));
  // The missing value takes the mean normalised value of the others: (0 + 1/8 + ... + 1) / 9 = 0.5.
  EXPECT_NEAR(r.index.indicators[0].normalised[9], 0.5, 1e-15);
  int high = 0, medium = 0, low = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    double s = 0;
    for (const auto& ind : r.index.indicators) s += ind.contribution[i];
    EXPECT_DOUBLE_EQ(s, r.index.score[i]);
    high += r.index.tier[i] == "high";
    medium += r.index.tier[i] == "medium";
    low += r.index.tier[i] == "low";
  }
  EXPECT_EQ(high, 2);
  EXPECT_EQ(medium, 3);
  EXPECT_EQ(low, 5);
  // The table repeats the breakdown: contributions add up to the score column.
  const auto table = priorities_table(r, level);
  const int score = table.field_index("score");
  ASSERT_GE(score, 0);
  for (const auto& row : table.rows) {
    double s = 0;
    for (const char* name : {"a_contrib", "b_contrib", "issues_contrib"})
      s += std::get<double>(row[static_cast<std::size_t>(table.field_index(name))]);
    EXPECT_NEAR(s, std::get<double>(row[static_cast<std::size_t>(score)]), 1e-15);
  }
  EXPECT_EQ(std::get<std::int64_t>(table.rows[0][static_cast<std::size_t>(table.field_index("rank"))]), 1);
}

TEST(Priorities, SensitivityIsSeededAndThreadIndependent) {
  const auto level = lattice(4, 5);
  IndicatorTable extra;
  std::vector<double> a(20), b(20), c(20);
  for (std::size_t i = 0; i < 20; ++i) {  // values with no ties in any weighting
    a[i] = static_cast<double>(i);
    b[i] = 10 * std::sin(static_cast<double>(i));
    c[i] = i == 19 ? 100 : std::log(static_cast<double>(i) + 2) * 3;
  }
  a[19] = b[19] = 100;  // unit 19 leads on every indicator
  extra.add("a", a);
  extra.add("b", b);
  extra.add("c", c);
  auto options = quiet_options();
  options.sensitivity.draws = 500;
  options.sensitivity.top_k = 3;
  options.sensitivity.concentration = 3;  // wide draws, so seeds differ visibly
  options.threads = 1;
  const auto one = compute_priorities(level, {}, extra, {}, options);
  options.threads = 3;
  const auto three = compute_priorities(level, {}, extra, {}, options);
  EXPECT_EQ(one.sensitivity.median_rank, three.sensitivity.median_rank);
  EXPECT_EQ(one.sensitivity.rank_p05, three.sensitivity.rank_p05);
  EXPECT_EQ(one.sensitivity.rank_p95, three.sensitivity.rank_p95);
  EXPECT_EQ(one.sensitivity.p_top_k, three.sensitivity.p_top_k);
  EXPECT_EQ(one.sensitivity.unstable, three.sensitivity.unstable);
  EXPECT_EQ(one.sensitivity.p_top_k[19], 1.0);
  EXPECT_EQ(one.sensitivity.median_rank[19], 1.0);
  EXPECT_FALSE(one.sensitivity.unstable[19]);
  double total = 0;  // exactly top_k units are in the top k in every draw
  for (double p : one.sensitivity.p_top_k) total += p;
  EXPECT_NEAR(total, 3.0, 1e-12);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_LE(one.sensitivity.rank_p05[i], one.sensitivity.median_rank[i]);
    EXPECT_GE(one.sensitivity.rank_p95[i], one.sensitivity.median_rank[i]);
  }
  options.sensitivity.seed = 777;
  const auto other = compute_priorities(level, {}, extra, {}, options);
  EXPECT_NE(one.sensitivity.p_top_k, other.sensitivity.p_top_k);
  // Very concentrated draws reproduce the baseline ranks.
  options.sensitivity.concentration = 1e7;
  const auto tight = compute_priorities(level, {}, extra, {}, options);
  int checked = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    bool tied = false;  // tied scores are ordered by P-code in the baseline but by noise in the draws
    for (std::size_t j = 0; j < 20; ++j) tied |= j != i && std::fabs(tight.index.score[i] - tight.index.score[j]) < 1e-9;
    if (tied) continue;
    EXPECT_EQ(tight.sensitivity.median_rank[i], tight.index.rank[i]) << i;
    ++checked;
  }
  EXPECT_GE(checked, 18);
}

TEST(Priorities, BadInputGivesClearErrorsOrWarnings) {
  const auto level = lattice(1, 3);
  auto options = quiet_options();
  options.index.indicators = {{"displaced_shar"}};
  const std::string unknown = error_of([&] { compute_priorities(level, two_unit_issues(), {}, {}, options); });
  EXPECT_NE(unknown.find("unknown indicator 'displaced_shar'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("issue_rate"), std::string::npos) << unknown;
  options.index.indicators = {{"issues", Direction::Higher, -1}};
  EXPECT_NE(error_of([&] { options.validate(); }).find("weights must be >= 0"), std::string::npos);
  options.index.indicators = {{"issues", Direction::Higher, 0}, {"issue_rate", Direction::Higher, 0}};
  EXPECT_NE(error_of([&] { options.validate(); }).find("sum to 0"), std::string::npos);
  options.index.indicators.clear();
  IndicatorTable short_table;
  short_table.add("uncovered_share", {0.1, 0.2});
  EXPECT_NE(error_of([&] { compute_priorities(level, two_unit_issues(), short_table, {}, options); })
                .find("has 2 values for 3 units"),
            std::string::npos);
  IndicatorTable clash;
  clash.add("issues", {1, 2, 3});
  EXPECT_NE(error_of([&] { compute_priorities(level, two_unit_issues(), clash, {}, options); }).find("clashes"),
            std::string::npos);
  // Declared categories without issues, islands, no population.
  engine::AdminLevel spread = lattice(1, 2);
  spread.units.push_back(priorities_testing::unit_from_wkt("FAR", "POLYGON((50 10,50.1 10,50.1 10.1,50 10.1,50 10))", NAN));
  options.drivers.categories = {"weapons", "drugs"};
  const auto r = compute_priorities(spread, two_unit_issues(), {}, {}, options);
  EXPECT_TRUE(has_warning(r, "categories with no issue at all: weapons")) << testing::PrintToString(r.warnings);
  EXPECT_TRUE(has_warning(r, "1 units of 'districts' have no neighbour")) << testing::PrintToString(r.warnings);
  EXPECT_TRUE(has_warning(r, "FAR"));
  EXPECT_TRUE(has_warning(r, "1 units of 'districts' have no population"));
  EXPECT_EQ(r.hotspots[0].classes[2], HotClass::Island);
  EXPECT_EQ(r.hotspot_variable, "issues");  // not every unit has a population
  options.hotspots.variable = HotspotVariable::Rate;
  EXPECT_NE(error_of([&] { compute_priorities(spread, two_unit_issues(), {}, {}, options); }).find("have no population"),
            std::string::npos);
}

TEST(Priorities, OutputsAreCompleteAndDeterministic) {
  const auto level = lattice(3, 3);
  IssueRecords issues;
  for (int i = 0; i < 9; ++i)
    for (int k = 0; k <= i * 3; ++k) issues.add(i, k % 3 ? "drugs" : "checkpoints", 1 + k % 5, day(k % 2 ? "2023-04-04" : "2024-04-04"));
  ActionContext context;
  context.add("coverage_gap", std::vector<std::string>(9, "no police station within 5 km"));
  auto options = quiet_options();
  const auto r = compute_priorities(level, issues, {}, context, options);
  const auto drivers = drivers_table(r, level);
  EXPECT_EQ(drivers.size(), 9u * 2);
  EXPECT_GE(drivers.field_index("ADM2_PCODE"), 0);
  const auto hot = hotspots_layer(r, level);
  EXPECT_EQ(hot.size(), 9u);
  EXPECT_EQ(hot.shapes.size(), 9u);
  EXPECT_GE(hot.field_index("hotspot_drugs"), 0);
  const auto plan = action_plan_table(r, level);
  EXPECT_EQ(plan.size(), 9u);
  const int gap = plan.field_index("coverage_gap");
  ASSERT_GE(gap, 0);
  EXPECT_EQ(std::get<std::string>(plan.rows[0][static_cast<std::size_t>(gap)]), "no police station within 5 km");
  const auto table = priorities_unit_table(r);
  EXPECT_EQ(table.rows.size(), 9u);
  EXPECT_EQ(table.rows[0].size(), table.fields.size());
  const auto dir = testing_support::scratch_dir();
  geo::write_layer((dir / "a.csv").string(), drivers);
  geo::write_layer((dir / "a.geojson").string(), hot);
  const auto again = compute_priorities(level, issues, {}, context, options);
  geo::write_layer((dir / "b.csv").string(), drivers_table(again, level));
  geo::write_layer((dir / "b.geojson").string(), hotspots_layer(again, level));
  EXPECT_EQ(testing_support::read_text(dir / "a.csv"), testing_support::read_text(dir / "b.csv"));
  EXPECT_EQ(testing_support::read_text(dir / "a.geojson"), testing_support::read_text(dir / "b.geojson"));
  const auto s = summarise(r);
  EXPECT_EQ(s.units, 9);
  EXPECT_EQ(s.links, 20);
  EXPECT_EQ(s.islands, 0);
  const auto json = priorities_summary(r, options);
  EXPECT_EQ(json["units"], 9);
  EXPECT_EQ(json["categories"].size(), 2u);
  EXPECT_EQ(json["indicators"].size(), r.index.indicators.size());
  EXPECT_EQ(json["baseline"], "2023-01-01..2023-12-31");
}

TEST(Priorities, HotspotClassesAnalyticPermutationAndFdr) {
  // A 12 x 12 lattice with a planted cluster of issues in one corner.
  const auto level = lattice(12, 12);
  IssueRecords issues;
  for (int r = 0; r < 12; ++r)
    for (int c = 0; c < 12; ++c) {
      const int n = (r < 3 && c < 3) ? 40 : 3 + (r * 7 + c * 3) % 5;
      for (int k = 0; k < n; ++k) issues.add(r * 12 + c, "drugs", NAN, day("2024-01-01"));
    }
  auto options = quiet_options();
  options.hotspots.permutations = 999;
  options.hotspots.p = PSource::Analytic;
  const auto analytic = compute_priorities(level, issues, {}, {}, options);
  const auto& t = analytic.hotspots[0];
  EXPECT_EQ(analytic.hotspot_variable, "issues_per_10k");
  for (std::size_t i = 0; i < t.classes.size(); ++i) {
    // Analytic classes follow |z| > 2.576 / 1.960 / 1.645 (two-sided normal).
    const double z = t.gi.z[i];
    const HotClass expected = std::fabs(z) > 2.5758293035489 ? (z > 0 ? HotClass::Hot99 : HotClass::Cold99)
                              : std::fabs(z) > 1.9599639845401 ? (z > 0 ? HotClass::Hot95 : HotClass::Cold95)
                              : std::fabs(z) > 1.6448536269515 ? (z > 0 ? HotClass::Hot90 : HotClass::Cold90)
                                                               : HotClass::None;
    EXPECT_EQ(t.classes[i], expected) << i << " z " << z;
  }
  EXPECT_EQ(t.classes[0], HotClass::Hot99);
  EXPECT_EQ(t.lisa_cluster[13], 1);  // inside the cluster: HH
  options.hotspots.p = PSource::Permutation;
  const auto perm = compute_priorities(level, issues, {}, {}, options);
  EXPECT_EQ(perm.hotspots[0].classes[13], HotClass::Hot99);
  for (std::size_t i = 0; i < t.classes.size(); ++i) EXPECT_EQ(perm.hotspots[0].p_used[i], perm.hotspots[0].gi.p_sim[i]);
  options.hotspots.fdr = true;
  const auto fdr = compute_priorities(level, issues, {}, {}, options);
  auto significant = [](const HotspotSeries& h) {
    int n = 0;
    for (HotClass c : h.classes) n += c != HotClass::None && c != HotClass::Island;
    return n;
  };
  EXPECT_LE(significant(fdr.hotspots[0]), significant(perm.hotspots[0]));
  EXPECT_GE(significant(fdr.hotspots[0]), 4);
  // Distance band weights through the whole analysis.
  options.hotspots.weights = WeightsKind::DistanceBand;
  options.hotspots.band_m = 11500;  // rook-like: 0.1 degree neighbours only
  const auto band = compute_priorities(level, issues, {}, {}, options);
  EXPECT_EQ(band.weights.neighbours[13].size(), 4u);
  EXPECT_NE(band.weights_description.find("distance band"), std::string::npos);
}

TEST(Priorities, TablesOfOtherAnalysesFeedTheIndexAndThePlan) {
  const auto level = lattice(1, 3);
  engine::UnitTable coverage;
  coverage.fields = {{"uncovered_share", geo::FieldType::Real}, {"partners", geo::FieldType::Integer},
                     {"gap_reasons", geo::FieldType::String}, {"issues", geo::FieldType::Integer}};
  coverage.rows = {{0.5, std::int64_t{0}, std::string("no facility"), std::int64_t{99}},
                   {0.1, std::int64_t{3}, std::string(""), std::int64_t{99}},
                   {geo::Value(), std::int64_t{1}, std::string("far"), std::int64_t{99}}};
  IndicatorTable extra;
  extra.add_unit_table(coverage);
  ASSERT_NE(extra.find("uncovered_share"), nullptr);
  EXPECT_TRUE(std::isnan(extra.find("uncovered_share")->values[2]));
  EXPECT_EQ(extra.find("gap_reasons"), nullptr);
  ActionContext context;
  context.add_from(coverage, "gap_reasons", "coverage_gap");
  EXPECT_NE(error_of([&] { context.add_from(coverage, "nope"); }).find("no field 'nope'"), std::string::npos);
  auto options = quiet_options();
  // Default index: table columns are available but not included.
  const auto r = compute_priorities(level, two_unit_issues(), extra, context, options);
  for (const auto& ind : r.index.indicators) EXPECT_NE(ind.name, "uncovered_share");
  options.index.indicators = {{"uncovered_share", Direction::Higher, 1}, {"partners", Direction::Lower, 1}};
  const auto named = compute_priorities(level, two_unit_issues(), extra, context, options);
  EXPECT_EQ(named.index.indicators[0].source, "caller");
  EXPECT_EQ(named.index.rank[0], 1);  // most uncovered, no partners
  // The table's `issues` column does not replace the built-in issue count.
  options.index.indicators = {{"issues"}};
  const auto counted = compute_priorities(level, two_unit_issues(), extra, context, options);
  EXPECT_EQ(counted.index.indicators[0].source, "built-in");
  EXPECT_EQ(counted.index.indicators[0].raw[1], 12);
  const auto plan = action_plan_table(named, level);
  EXPECT_EQ(std::get<std::string>(plan.rows[0][static_cast<std::size_t>(plan.field_index("coverage_gap"))]), "no facility");
}
