#include "engine/pipeline_analyses.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include "engine/activities/activities.hpp"
#include "engine/activities/activities_outputs.hpp"
#include "engine/coordination/analysis.hpp"
#include "engine/coordination/coordination_project.hpp"
#include "engine/coordination/network_loader.hpp"
#include "engine/coordination/outputs.hpp"
#include "engine/coordination/summary.hpp"
#include "engine/coverage/coverage.hpp"
#include "engine/coverage/coverage_outputs.hpp"
#include "engine/coverage/coverage_project.hpp"
#include "engine/coverage/population_raster.hpp"
#include "engine/error.hpp"
#include "engine/names/layer_names.hpp"
#include "engine/names/name_match_options.hpp"
#include "engine/priorities/priorities.hpp"
#include "engine/priorities/priorities_outputs.hpp"
#include "engine/yaml_section.hpp"
#include "geo/csv_text.hpp"

namespace engine {
namespace {

std::string format(const char* pattern, auto... values) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, pattern, values...);
  return buffer;
}

double percent(double part, double whole) { return whole > 0 ? 100 * part / whole : 0; }

std::size_t layer_position(const Project& project, const std::string& name) {
  for (std::size_t i = 0; i < project.layers.size(); ++i)
    if (project.layers[i].name == name) return i;
  return project.layers.size();
}

// Per-unit tables of the analyses that ran, for the priority index, and the
// coordination network, whose actors tell which partners are women-/youth-led.
struct UnitTables {
  std::optional<UnitTable> coverage, coordination, activities;
  std::optional<coordination::ActorNetwork> network;
};

}  // namespace

JoinedLayers load_and_join_layers(const Project& project, const Boundaries& boundaries, const AdminIndex& index,
                                  Progress& progress) {
  JoinedLayers out;
  for (const PointLayerSpec& spec : project.layers) {
    out.layers.push_back(load_point_layer(spec));
    out.joins.push_back(join_layer(index, out.layers.back(), JoinOptions{project.join.snap_m}, progress));
  }
  match_admin_names(project, boundaries, out.layers, out.joins, progress);
  return out;
}

std::vector<RecordUse> coverage_record_uses(const std::string& issues, int min_count) {
  RecordUse units{"", issues,
                  {"issues", "issues_covered", "issues_uncovered", "issues_covered_share", "issues_partner_in_reach",
                   "issues_over_capacity", "nearest_facility_median_m", "nearest_facility_p90_m", "gap_rank", "gap_reasons"}, {}, ""};
  // Inside a published district: covered + uncovered = issues; some of them
  // with a partner in reach; some uncovered ones only near full facilities,
  // the rest beyond reach (a remainder gaps.csv's explanation prints).
  units.splits = {{"issues", {"issues_covered", "issues_uncovered"}, true},
                  {"issues", {"issues_partner_in_reach"}, false},
                  {"issues_uncovered", {"issues_over_capacity"}, false}};
  for (const char* field : {"issues_covered", "issues_uncovered"})
    units.echoes.push_back({"", field, {"issues_covered_share"}});
  for (const char* field : {"issues_uncovered", "issues_over_capacity"}) {
    units.echoes.push_back({"gaps", field, {"issues_uncovered", "explanation"}});
    units.echoes.push_back({"reach", field, {"issues_uncovered"}});
  }
  for (const char* field : {"issues_covered", "issues_uncovered", "issues_partner_in_reach", "issues_over_capacity"})
    units.echoes.push_back({"priorities", field, {field, std::string(field) + "_norm", std::string(field) + "_contrib"}});
  return {units,
          {"gaps", issues, {"issues", "issues_uncovered", "nearest_facility_median_m", "reasons", "explanation"}, {}, ""},
          {"facility_load", issues, {"issues_in_reach", "issues_served", "load_share"}, {}, "", min_count}};
}

namespace {

void run_coverage(const JoinedProject& in, std::vector<geo::LayerData>& point_outputs, AnalysisOutputs& out,
                  UnitTables& tables, Progress& progress) {
  namespace cov = coverage;
  const cov::CoverageOptions options = cov::coverage_options(in.project);
  options.validate();
  const cov::CoverageLayerNames names = cov::coverage_layer_names(in.project, options);
  const std::size_t facilities = layer_position(in.project, names.facilities);
  const std::size_t partners = layer_position(in.project, names.partners);
  const std::size_t issues = layer_position(in.project, names.issues);
  auto ref = [&](std::size_t i) {
    return i < in.layers.size() ? cov::PointLayerRef{&in.layers[i], &in.joins[i]} : cov::PointLayerRef{};
  };
  const auto candidates = cov::load_candidate_layer(options, in.index, progress);
  std::unique_ptr<cov::PopulationSource> raster;
  if (!options.population.raster.empty())
    raster = cov::open_population_raster(options.population, cov::study_area(in.boundaries.finest()));

  cov::CoverageInputs inputs;
  inputs.boundaries = &in.boundaries;
  inputs.facilities = ref(facilities);
  inputs.partners = ref(partners);
  inputs.issues = ref(issues);
  if (candidates) inputs.candidates = {&candidates->layer, &candidates->join};
  inputs.population = raster.get();
  cov::CoverageResult result = cov::compute_coverage(inputs, options, progress);
  if (inputs.issues.layer != nullptr && options.sites.objective == cov::Objective::Issues)
    if (const LayerRelease release = release_of(*inputs.issues.layer, in.allow_precise); !release.precise)
      cov::withhold_small_gains(result.sites, in.project.output.min_count, !release.counts);

  tables.coverage = cov::coverage_unit_table(result, in.boundaries.finest());
  out.unit_columns.push_back(*tables.coverage);
  const PointLayer* facility_layer = inputs.facilities.layer;
  const PointLayer* partner_layer = inputs.partners.layer;
  if (issues < point_outputs.size())
    cov::append_nearest_columns(point_outputs[issues], result.issues, facility_layer, partner_layer, options.partner_reach_m);
  if (partners < point_outputs.size())
    cov::append_nearest_columns(point_outputs[partners], result.partners, facility_layer, partner_layer,
                                options.partner_reach_m);
  out.layers.push_back(cov::uncovered_layer(result, in.boundaries));
  out.layers.push_back(cov::three_w_table(result, in.boundaries));
  out.layers.push_back(cov::gaps_table(result, in.boundaries));
  if (inputs.facilities.layer != nullptr && inputs.issues.layer != nullptr)
    out.layers.push_back(cov::facility_load_layer(result, in.boundaries, inputs.facilities));
  if (options.sites.k > 0) out.layers.push_back(cov::suggested_sites_layer(result, in.boundaries, options));
  out.report["coverage"] = cov::coverage_summary(result, options);
  for (RecordUse& use : coverage_record_uses(names.issues, in.project.output.min_count)) out.record_uses.push_back(std::move(use));

  const cov::CoverageTotals& t = result.totals;
  out.summary_lines.push_back(format("coverage: %lld of %lld issues within reach of an operational facility (%.1f %%); "
                                     "nearest facility median %.1f km, 90th percentile %.1f km",
                                     static_cast<long long>(t.issues_covered), static_cast<long long>(t.issues),
                                     percent(double(t.issues_covered), double(t.issues)), t.nearest_median_m / 1000,
                                     t.nearest_p90_m / 1000));
  out.summary_lines.push_back(format("coverage: uncovered area %.0f of %.0f km2 (%.1f %%); %zu gaps; %zu suggested sites",
                                     t.uncovered_km2, t.area_km2, percent(t.uncovered_km2, t.area_km2), result.gaps.size(),
                                     result.sites.picks.size()));
  if (const std::string exact = cov::exact_check_sentence(result.sites); !exact.empty())
    out.summary_lines.push_back("coverage: new sites: " + exact);
  if (result.load.limited)
    out.summary_lines.push_back(format("coverage: facility capacities (field '%s'): %lld issues within reach only of full facilities",
                                       options.facility_capacity_field.c_str(), static_cast<long long>(t.issues_over_capacity)));
  if (!std::isnan(t.population))
    out.summary_lines.push_back(format("coverage: population %.0f, covered %.0f (%.1f %%)", t.population,
                                       t.population_covered, percent(t.population_covered, t.population)));
  for (const std::string& w : result.warnings) out.summary_lines.push_back("coverage: warning: " + w);
}

void run_coordination(const JoinedProject& in, AnalysisOutputs& out, UnitTables& tables, Progress& progress) {
  namespace co = coordination;
  co::CoordinationOptions options = co::coordination_options(in.project);
  options.validate();
  const co::ActorNetwork network = co::load_network(options, in.boundaries, in.index, JoinOptions{in.snap_m}, progress);
  const co::CoordinationResult result = co::analyse_coordination(network, in.boundaries, options);

  tables.coordination = co::coordination_table(network, result);
  out.unit_columns.push_back(*tables.coordination);
  out.layers.push_back(co::actors_layer(network, result, in.boundaries));
  out.layers.push_back(co::links_layer(network, result));
  out.layers.push_back(co::suggestions_layer(network, result, in.boundaries));
  if (result.review) {
    out.layers.push_back(co::review_links_layer(network, *result.review));
    out.layers.push_back(co::review_gaps_layer(*result.review, in.boundaries));
  }
  out.files.emplace_back("coordination.graphml", co::coordination_graphml(network, result, in.boundaries));
  const co::CoordinationSummary s = co::summarise_coordination(network, result);
  tables.network = network;
  out.report["coordination"] = co::coordination_report(s);

  out.summary_lines.push_back(format("coordination: %lld actors (%lld rejected), %lld links used (%lld rejected); "
                                     "%lld components, %lld isolated actors, %lld articulation points",
                                     static_cast<long long>(s.actors.input), static_cast<long long>(s.actors.rejected),
                                     static_cast<long long>(s.links.used), static_cast<long long>(s.links.rejected),
                                     static_cast<long long>(s.graph.components), static_cast<long long>(s.graph.isolated),
                                     static_cast<long long>(s.graph.articulation_points)));
  std::string gaps;
  for (const co::ChainStep step : co::kChain)
    gaps += format("%s%s %lld", gaps.empty() ? "" : ", ", co::to_string(step),
                   static_cast<long long>(s.districts_with_gap[static_cast<std::size_t>(step)]));
  out.summary_lines.push_back(format("coordination: of %lld units with community actors, no path within %d links to: %s; "
                                     "%lld suggested links",
                                     static_cast<long long>(s.districts_with_community_actors), s.k_hops, gaps.c_str(),
                                     static_cast<long long>(s.suggestions)));
  for (const std::string& w : s.warnings) out.summary_lines.push_back("coordination: warning: " + w);
}

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

void run_activities(const JoinedProject& in, std::vector<geo::LayerData>& point_outputs, AnalysisOutputs& out,
                    UnitTables& tables, Progress& progress) {
  namespace act = activities;
  const act::ActivitiesOptions options = act::activities_options(in.project);
  const act::ActivityLayerNames names = act::activity_layer_names(in.project, options);
  const std::size_t a = layer_position(in.project, names.activities);
  const std::size_t f = layer_position(in.project, names.facilities);
  const std::size_t i = layer_position(in.project, names.issues);
  act::ActivitiesInputs inputs;
  inputs.boundaries = &in.boundaries;
  inputs.activities = &in.layers[a];
  inputs.join = &in.joins[a];
  if (f < in.layers.size()) inputs.facilities = &in.layers[f], inputs.facilities_join = &in.joins[f];
  if (i < in.layers.size()) inputs.issues = &in.layers[i], inputs.issues_join = &in.joins[i];
  if (tables.coverage) inputs.coverage = &*tables.coverage;
  if (tables.network) inputs.network = &*tables.network;
  progress.begin("activities: 4W tables, reach, inclusion", 1);
  const act::ActivitiesResult result = act::compute_activities(inputs, options);
  progress.end();

  const std::size_t finest = in.boundaries.levels.size() - 1;
  for (std::size_t l = 0; l < finest; ++l) out.level_columns.emplace_back(l, act::activities_unit_table(result, in.boundaries, l));
  tables.activities = act::activities_unit_table(result, in.boundaries, finest);
  out.unit_columns.push_back(*tables.activities);
  if (a < point_outputs.size()) act::append_activity_columns(point_outputs[a], result);
  // The records table is a file beside the point layer of the same records
  // (which carries the same checks into localmap.gpkg), not a second layer.
  geo::WriteOptions csv;
  csv.precision = in.project.output.precision;
  out.files.emplace_back("activities.csv", geo::csv_text(act::activities_table(result, in.boundaries), csv));
  out.layers.push_back(act::four_w_table(result, in.boundaries));
  out.layers.push_back(act::reach_table(result, in.boundaries));
  out.layers.push_back(act::inclusion_table(result, in.boundaries));
  if (inputs.facilities)
    out.layers.push_back(act::facility_activities_table(result, *inputs.facilities, *inputs.facilities_join, in.boundaries));
  out.report["activities"] = act::activities_summary(result);
  // Issue counts and rates per district come from the issues layer's records
  // (as coverage's do); need ranks and flags are orders and stay.
  if (inputs.issues)
    out.record_uses.push_back({"reach", names.issues, {"issues", "need", "issues_uncovered", "gap_rank"}, {}, ""});

  const act::ActivityCounts& c = result.counts;
  const act::Tally& t = result.total;
  std::int64_t districts = 0;
  for (const act::Tally& u : result.units.back()) districts += u.activities > 0;
  out.summary_lines.push_back(format("activities: %lld records, %lld counted (%lld by name), %lld not counted; "
                                     "%lld of %zu units with activity, %zu partners",
                                     static_cast<long long>(c.input), static_cast<long long>(c.counted),
                                     static_cast<long long>(c.by_name), static_cast<long long>(c.not_counted),
                                     static_cast<long long>(districts), result.units.back().size(), t.partners.size()));
  std::string budget;
  for (const auto& [currency, sum] : t.budget)
    budget += (budget.empty() ? "" : ", ") + currency + " " + thousands(std::llround(sum));
  if (options.currency.converts() && !t.budget.empty())
    budget += "; converted " + options.currency.to + " " + (t.unconvertible ? std::string("incomplete (a currency has no rate)")
                                                                            : thousands(std::llround(t.converted)));
  out.summary_lines.push_back("activities: participants " + thousands(t.participants) + " (male " + thousands(t.male) +
                              ", female " + thousands(t.female) + "); resolutions " + thousands(t.resolutions) +
                              (budget.empty() ? "" : "; budget " + budget));
  const nlohmann::json& reach = out.report["activities"]["reach"];
  if (!result.reach.need_measure.empty()) {
    const act::Concentration& k = result.reach.concentration;
    out.summary_lines.push_back(format("activities: reach: high-need units without activity %lld, units with activity but no "
                                       "reported issue %lld; %.1f %% of activities in the top %.0f %% of need (%lld units)",
                                       static_cast<long long>(reach["high_need_no_activity"].get<std::int64_t>()),
                                       static_cast<long long>(reach["activity_no_need"].get<std::int64_t>()),
                                       100 * k.activity_share, 100 * options.reach.top_share,
                                       static_cast<long long>(k.top_units)));
  }
  const nlohmann::json& inclusion = out.report["activities"]["inclusion"];
  std::string line = format("activities: inclusion: %lld rows below the women's share %.2f, %lld below the youth share %.2f",
                            static_cast<long long>(inclusion["women_below"].get<std::int64_t>()), options.inclusion.women_share,
                            static_cast<long long>(inclusion["youth_below"].get<std::int64_t>()), options.inclusion.youth_share);
  if (result.leads_available)
    line += format("; %lld activities by women-led and %lld by youth-led partners (partners of %lld activities found among the actors)",
                   static_cast<long long>(t.women_led), static_cast<long long>(t.youth_led),
                   static_cast<long long>(c.partner_matched));
  if (inputs.facilities)
    line += format("; %zu facilities benefited, %lld of %lld security departments", result.facilities.size(),
                   static_cast<long long>(result.departments_benefited), static_cast<long long>(result.departments));
  out.summary_lines.push_back(line);
  std::string problems;
  for (const auto& p : out.report["activities"]["problems"])
    problems += (problems.empty() ? "" : ", ") + std::to_string(p["count"].get<std::int64_t>()) + " " + p["kind"].get<std::string>();
  if (!problems.empty())
    out.summary_lines.push_back(format("activities: %lld records with problems (kept, never corrected): %s",
                                       static_cast<long long>(c.with_problems), problems.c_str()));
  for (const std::string& w : result.warnings) out.summary_lines.push_back("activities: warning: " + w);
}

void run_priorities(const JoinedProject& in, AnalysisOutputs& out, const UnitTables& tables, Progress& progress) {
  namespace pr = priorities;
  const pr::PrioritiesOptions options = pr::priorities_options(in.project);
  std::size_t issues = in.layers.size();
  for (std::size_t i = 0; i < in.layers.size() && issues == in.layers.size(); ++i)
    if (in.layers[i].spec.role == "issues") issues = i;
  if (issues == in.layers.size())
    throw Error("the priorities need a layer of reported issues", {.file = in.project.path},
                "give a layer role: issues, or remove the priorities: section");

  // Coverage and coordination columns are indicators the project may name
  // (uncovered_share, pop_uncovered, police_reachable, ...) and facts for
  // the action plan.
  pr::IndicatorTable extra;
  pr::ActionContext context;
  if (tables.coverage) {
    extra.add_unit_table(*tables.coverage);
    context.add_from(*tables.coverage, "gap_reasons", "coverage_gap");
    context.add_from(*tables.coverage, "partners", "partners_present");
  }
  if (tables.coordination) {
    extra.add_unit_table(*tables.coordination);
    context.add_from(*tables.coordination, "chain_gaps", "missing_links");
  }
  if (tables.activities) extra.add_unit_table(*tables.activities);  // activities, beneficiaries, ... as indicators
  progress.begin("priorities: drivers, hotspots, index", 1);
  const AdminLevel& finest = in.boundaries.finest();
  pr::PrioritiesResult result =
      pr::compute_priorities(finest, pr::issue_records(in.layers[issues], in.joins[issues]), extra, context, options);
  result.figures_withheld = !release_of(in.layers[issues], in.allow_precise).precise;
  progress.end();

  out.unit_columns.push_back(pr::priorities_unit_table(result));
  out.layers.push_back(pr::drivers_table(result, finest));
  out.layers.push_back(pr::hotspots_layer(result, finest));
  out.layers.push_back(pr::priorities_table(result, finest));
  out.layers.push_back(pr::action_plan_table(result, finest));
  out.report["priorities"] = pr::priorities_summary(result, options);
  // Ranks, tiers and hot/cold classes stay: an order or a class gives no count away.
  const std::string& layer = in.layers[issues].spec.name;
  out.record_uses.push_back({"", layer, {"issue_rate", "severity_weighted", "n_drivers", "drivers", "rising", "gi_z", "priority_score"}, {}, ""});
  RecordUse drivers{"drivers", layer, {}, {"category"}, "category"};
  drivers.splits = {{"count", {"baseline", "review"}, false}};  // the review periods' counts of a category in a unit
  for (const char* period : {"baseline", "review"})  // the change between them is their ratio
    drivers.echoes.push_back({"", period, {"baseline", "review", "rate_ratio", "rr_low", "rr_high", "p_change", "q_change"}});
  out.record_uses.push_back(std::move(drivers));
  out.record_uses.push_back({"hotspots", layer, {}, {"n_neighbours", "island", "variable", "hotspot*", "lisa_quadrant", "lisa_cluster"}, ""});
  out.record_uses.push_back({"priorities", layer, {}, {"rank", "tier", "median_rank", "rank_p05", "rank_p95", "p_top_k", "unstable", "top_indicators"}, ""});
  out.record_uses.push_back({"action_plan", layer, {"score", "why", "issues", "top_drivers", "rising"}, {}, ""});
  // Statistics pooled over all units, withheld ones included, give withheld
  // counts back when solved together: Gi* and local Moran statistics (a
  // unit's neighbours' counts, the mean and spread of all), and the index's
  // normalised values, contributions and scores (a min-max scale ends at the
  // largest rate, which may be a withheld district's).  Ranks, tiers and
  // classes stay.
  const std::vector<std::pair<const char*, std::vector<std::string>>> pooled_fields{
      {"hotspots", {"gi", "gi_z", "gi_p_norm", "gi_p_sim", "gi_p", "lisa_i", "lisa_p_sim", "gi_z_*"}},
      {"", {"gi_z", "priority_score"}},
      {"drivers", {"gi_z"}},
      {"priorities", {"score", "*_norm", "*_contrib", "hotspot_z"}},
      {"action_plan", {"score"}}};
  for (const auto& [output, fields] : pooled_fields) {
    RecordUse pooled{output, layer, fields, {}, ""};
    pooled.every_row = true;
    out.record_uses.push_back(std::move(pooled));
  }

  const pr::PrioritiesSummary s = pr::summarise(result);
  out.summary_lines.push_back(format("priorities: %lld local drivers (%lld rising, %lld falling); %lld hot and %lld cold "
                                     "spots (%s weights); %lld units with an unstable rank",
                                     static_cast<long long>(s.drivers), static_cast<long long>(s.rising),
                                     static_cast<long long>(s.falling), static_cast<long long>(s.hot),
                                     static_cast<long long>(s.cold), s.weights.c_str(), static_cast<long long>(s.unstable)));
  for (const std::string& w : result.warnings) out.summary_lines.push_back("priorities: warning: " + w);
}

}  // namespace

void check_analysis_sections(const Project& project) {
  if (project.analysis("coverage")) coverage::coverage_options(project).validate();
  if (project.analysis("coordination")) coordination::coordination_options(project).validate();
  if (project.analysis("priorities")) priorities::priorities_options(project);
  if (project.analysis("activities")) activities::activity_layer_names(project, activities::activities_options(project));
  if (const YAML::Node node = project.analysis("names")) {
    Section section(node, "names", project.path);
    names::parse_name_match_options(section, project.base_dir);
  }
}

void match_admin_names(const Project& project, const Boundaries& boundaries, const std::vector<PointLayer>& layers,
                       std::vector<LayerJoin>& joins, Progress& progress) {
  // The section is checked even when no layer uses it, so a typo is never silent.
  names::NameMatchOptions options;
  if (const YAML::Node node = project.analysis("names")) {
    Section section(node, "names", project.path);
    options = names::parse_name_match_options(section, project.base_dir);
  }
  if (std::none_of(layers.begin(), layers.end(), [](const PointLayer& l) { return l.spec.has_admin_names(); })) return;
  const names::NameMatcher matcher(boundaries, options, names::load_name_tables(options));
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (layers[i].spec.has_admin_names()) names::match_layer_names(matcher, layers[i], joins[i], progress);
}

AnalysisOutputs run_analyses(const JoinedProject& joined, std::vector<geo::LayerData>& point_outputs, Progress& progress) {
  AnalysisOutputs out;
  UnitTables tables;
  if (joined.project.analysis("coverage")) run_coverage(joined, point_outputs, out, tables, progress);
  if (joined.project.analysis("coordination")) run_coordination(joined, out, tables, progress);
  if (joined.project.analysis("activities")) run_activities(joined, point_outputs, out, tables, progress);
  if (joined.project.analysis("priorities")) run_priorities(joined, out, tables, progress);
  return out;
}

}  // namespace engine
