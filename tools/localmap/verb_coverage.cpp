// localmap coverage PROJECT.yaml --out DIR : coverage gaps alone, for GIS
// users.  Loads the project's boundaries, facilities, partners and issues,
// joins them, runs engine::coverage and writes its layers and tables.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "engine/counts.hpp"
#include "engine/disclosure.hpp"
#include "engine/coverage/coverage.hpp"
#include "engine/coverage/coverage_outputs.hpp"
#include "engine/coverage/coverage_project.hpp"
#include "engine/coverage/population_raster.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/pipeline.hpp"
#include "engine/pipeline_analyses.hpp"
#include "geo/atomic_file.hpp"
#include "geo/vector_writer.hpp"
#include "run_summary.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace fs = std::filesystem;
namespace cov = engine::coverage;

namespace localmap_cli {
namespace {

std::string km(double m) {
  char buffer[32];
  if (!std::isfinite(m)) return "-";
  std::snprintf(buffer, sizeof buffer, m >= 10000 ? "%.0f km" : "%.1f km", m / 1000);
  return buffer;
}

std::string percent(double part, double whole) {
  char buffer[32];
  if (!(whole > 0)) return "-";
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100 * part / whole);
  return buffer;
}

std::string whole(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", v);
  return buffer;
}

class CoverageVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Coverage gaps of a project: for every issue and partner the nearest operational facility (geodesic metres), "
        "which issues lie within a facility's coverage radius (coverage.radius_m, per type and status), per district "
        "the covered share, median and 90th-percentile distance, uncovered area and population, the 3W table of "
        "partners, the gap list, and with coverage.sites.k the k new sites that would cover the most. Writes "
        "<districts>.geojson, <issues>.geojson, <partners>.geojson, uncovered.geojson, three_w.csv, gaps.csv, "
        "suggested_sites.geojson and coverage.json to --out. See engine/coverage/coverage_options.hpp for the "
        "project-file keys.");
    command.add_option("project", project_, "Project file (YAML) with a coverage: section")->required();
    command.add_option("-o,--out", out_, "Output directory (created if missing)")->required();
    command.add_option("--k", k_, "Suggest this many new sites (overrides coverage.sites.k)");
    command.add_option("--objective", objective_, "What new sites should cover: issues or population")
        ->check(CLI::IsMember({"issues", "population"}));
    command.add_option("--snap-m", snap_m_, "Snap distance in metres for the join; overrides join.snap_m");
    command.add_option("--threads", threads_, "Threads (0 = one per core); results never depend on it");
    precise_.add_to(command);
    chatter_.add_to(command);
  }

  void validate() const override {
    if (k_ && (*k_ < 0 || *k_ > 1000)) throw engine::Error("--k must be between 0 and 1000");
    if (snap_m_) engine::JoinOptions{*snap_m_}.validate();
    if (threads_ && (*threads_ < 0 || *threads_ > 256)) throw engine::Error("--threads must be between 0 and 256");
  }

  int run() override {
    cov::CoverageProject loaded = cov::load_coverage_project(project_);
    const engine::Project& project = loaded.project;
    cov::CoverageOptions& options = loaded.options;
    if (k_) options.sites.k = *k_;
    if (objective_) options.sites.objective = *objective_ == "population" ? cov::Objective::Population : cov::Objective::Issues;
    if (threads_) options.threads = *threads_;
    options.validate();
    const cov::CoverageLayerNames names = cov::coverage_layer_names(project, options);
    engine::check_allow_precise(project, precise_.layers);
    engine::prepare_output_directory(out_);
    geo::remove_stale_partials(out_);

    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;

    const engine::Boundaries boundaries = engine::load_boundaries(project.levels, progress);
    const engine::AdminLevel& finest = boundaries.finest();
    const engine::AdminIndex index(finest);
    const engine::JoinOptions join{snap_m_.value_or(project.join.snap_m)};
    std::vector<std::string> notes;
    auto load = [&](const std::string& name) -> std::optional<cov::JoinedPointLayer> {
      if (name.empty()) return std::nullopt;
      for (const engine::PointLayerSpec& spec : project.layers) {
        if (spec.name != name) continue;
        try {
          engine::PointLayer layer = engine::load_point_layer(spec);
          engine::LayerJoin joined = engine::join_layer(index, layer, join, progress);
          return cov::JoinedPointLayer{std::move(layer), std::move(joined)};
        } catch (const engine::Error& e) {
          // An empty layer is a fact about the data, not a failure: coverage
          // goes on without it and says so.
          if (e.problem() != "layer '" + name + "' is empty") throw;
          notes.push_back(e.where().describe() + ": the layer is empty; coverage goes on without it");
          return std::nullopt;
        }
      }
      return std::nullopt;
    };
    const auto facilities = load(names.facilities), partners = load(names.partners), issues = load(names.issues);
    const auto candidates = cov::load_candidate_layer(options, index, progress);
    std::unique_ptr<cov::PopulationSource> raster;
    if (!options.population.raster.empty())
      raster = cov::open_population_raster(options.population, cov::study_area(finest));

    auto ref = [](const std::optional<cov::JoinedPointLayer>& l) {
      return l ? cov::PointLayerRef{&l->layer, &l->join} : cov::PointLayerRef{};
    };
    cov::CoverageInputs inputs;
    inputs.boundaries = &boundaries;
    inputs.facilities = ref(facilities);
    inputs.partners = ref(partners);
    inputs.issues = ref(issues);
    inputs.candidates = ref(candidates);
    inputs.population = raster.get();
    cov::CoverageResult result = cov::compute_coverage(inputs, options, progress);
    if (issues && options.sites.objective == cov::Objective::Issues)
      if (const engine::LayerRelease release = engine::release_of(issues->layer, precise_.layers); !release.precise)
        cov::withhold_small_gains(result.sites, project.output.min_count, !release.counts);
    result.warnings.insert(result.warnings.begin(), notes.begin(), notes.end());

    // Build every layer first, then write: a failure while building leaves
    // the previous outputs untouched.
    std::vector<const engine::PointLayer*> layer_ptrs;
    std::vector<const engine::LayerJoin*> join_ptrs;
    std::vector<engine::LayerRelease> releases;
    for (const auto* l : {&facilities, &partners, &issues})
      if (*l) {
        layer_ptrs.push_back(&(*l)->layer), join_ptrs.push_back(&(*l)->join);
        releases.push_back(engine::release_of((*l)->layer, precise_.layers));
      }
    // Points leave only for layers released as points (engine/disclosure.hpp).
    auto precise = [&](const std::optional<cov::JoinedPointLayer>& l) {
      return l && engine::release_of(l->layer, precise_.layers).precise;
    };
    const std::size_t finest_level = boundaries.levels.size() - 1;
    const engine::UnitTable fields = cov::coverage_unit_table(result, finest);
    std::vector<std::pair<std::string, geo::LayerData>> outputs;
    outputs.emplace_back(finest.spec.name + ".geojson",
                         engine::admin_layer(boundaries, finest_level,
                                             engine::count_by_unit(boundaries, finest_level, layer_ptrs, join_ptrs), true,
                                             {&fields}));
    engine::protect_finest_counts(boundaries, layer_ptrs, join_ptrs, outputs.back().second, releases, project.output.min_count);
    const std::vector<engine::RecordUse> uses = engine::coverage_record_uses(names.issues, project.output.min_count);
    const engine::UnitColumns units = engine::admin_columns(boundaries);
    const engine::PointLayer* facility_layer = facilities ? &facilities->layer : nullptr;
    const engine::PointLayer* partner_layer = partners ? &partners->layer : nullptr;
    if (precise(issues)) {
      geo::LayerData layer = engine::joined_points(issues->layer, issues->join, units, finest);
      cov::append_nearest_columns(layer, result.issues, facility_layer, partner_layer, options.partner_reach_m);
      outputs.emplace_back(layer.name + ".geojson", std::move(layer));
    }
    if (precise(partners)) {
      geo::LayerData layer = engine::joined_points(partners->layer, partners->join, units, finest);
      cov::append_nearest_columns(layer, result.partners, facility_layer, partner_layer, options.partner_reach_m);
      outputs.emplace_back(layer.name + ".geojson", std::move(layer));
    }
    outputs.emplace_back("uncovered.geojson", cov::uncovered_layer(result, boundaries));
    outputs.emplace_back("three_w.csv", cov::three_w_table(result, boundaries));
    outputs.emplace_back("gaps.csv", cov::gaps_table(result, boundaries));
    if (facilities && issues) outputs.emplace_back("facility_load.geojson", cov::facility_load_layer(result, boundaries, inputs.facilities));
    std::vector<geo::LayerData*> analysed;
    for (auto& [file, layer] : outputs)
      if (&layer == &outputs.front().second || layer.name == "gaps" || layer.name == "facility_load") analysed.push_back(&layer);
    engine::withhold_record_uses(uses, releases, finest, analysed, project.output.min_count);
    if (options.sites.k > 0)
      outputs.emplace_back("suggested_sites.geojson", cov::suggested_sites_layer(result, boundaries, options));

    geo::WriteOptions write;
    write.precision = project.output.precision;
    if (project.synthetic) write.description = "SYNTHETIC data: " + project.title;
    std::vector<std::string> written;
    for (const auto& [file, layer] : outputs) {
      const std::string path = (fs::path(out_) / file).string();
      geo::write_layer(path, layer, write);
      written.push_back(file);
    }
    nlohmann::json summary = cov::coverage_summary(result, options);
    summary["project"] = project.path;
    summary["synthetic"] = project.synthetic;
    summary["release"] = engine::release_report(releases, project.output.min_count);
    geo::write_file_atomically((fs::path(out_) / "coverage.json").string(), summary.dump(2) + "\n");
    written.push_back("coverage.json");

    if (!chatter_.quiet) print_summary(project, finest, result, options, facilities, issues, partners, written);
    return 0;
  }

 private:
  void print_summary(const engine::Project& project, const engine::AdminLevel& finest, const cov::CoverageResult& r,
                     const cov::CoverageOptions& options, const std::optional<cov::JoinedPointLayer>& facilities,
                     const std::optional<cov::JoinedPointLayer>& issues, const std::optional<cov::JoinedPointLayer>& partners,
                     const std::vector<std::string>& written) const {
    const cov::CoverageTotals& t = r.totals;
    std::printf("localmap coverage: %s%s\n", project.title.c_str(), project.synthetic ? "  [SYNTHETIC data]" : "");
    std::printf("boundaries: %s %zu\n", finest.spec.name.c_str(), finest.units.size());
    print_accounting_header(stdout);
    for (const auto* l : {&facilities, &partners, &issues})
      if (*l) print_accounting((*l)->layer.spec.name, (*l)->join.counts, stdout);
    std::printf("facilities: %lld, operational %lld, covering %lld; radius:", static_cast<long long>(t.facilities),
                static_cast<long long>(t.operational), static_cast<long long>(t.covering));
    for (const auto& [type, rule] : options.radius_m)
      std::printf(" %s %s", type.c_str(), rule.operational_m ? km(*rule.operational_m).c_str() : "(by status)");
    std::printf("\n");
    std::printf("issues in %s: %lld, covered %lld (%s); partner within %s: %lld (%s)\n", finest.spec.name.c_str(),
                static_cast<long long>(t.issues), static_cast<long long>(t.issues_covered),
                percent(double(t.issues_covered), double(t.issues)).c_str(), km(options.partner_reach_m).c_str(),
                static_cast<long long>(t.issues_partner_in_reach),
                percent(double(t.issues_partner_in_reach), double(t.issues)).c_str());
    if (r.load.limited)
      std::printf("facility capacities (field '%s'): %lld issues within reach only of full facilities (facility_load.geojson)\n",
                  options.facility_capacity_field.c_str(), static_cast<long long>(t.issues_over_capacity));
    std::printf("nearest operational facility: median %s, 90th percentile %s\n", km(t.nearest_median_m).c_str(),
                km(t.nearest_p90_m).c_str());
    std::printf("uncovered area: %s of %s km2 (%s)\n", whole(t.uncovered_km2).c_str(), whole(t.area_km2).c_str(),
                percent(t.uncovered_km2, t.area_km2).c_str());
    if (!std::isnan(t.population))
      std::printf("population: %s, covered %s (%s)\n  from %s\n", whole(t.population).c_str(),
                  whole(t.population_covered).c_str(), percent(t.population_covered, t.population).c_str(),
                  r.population.source.c_str());
    std::printf("3W: %zu partner sectors, %zu rows of %s x sector (three_w.csv)\n", r.three_w.sectors.size(),
                r.three_w.rows.size(), finest.spec.name.c_str());
    std::printf("gaps: %zu %s", r.gaps.size(), finest.spec.name.c_str());
    const std::size_t shown = std::min<std::size_t>(5, r.gaps.size());
    std::printf("%s\n", shown > 0 ? "; worst:" : "");
    for (std::size_t g = 0; g < shown; ++g) {
      const cov::Gap& gap = r.gaps[g];
      const auto& unit = finest.units[static_cast<std::size_t>(gap.unit)];
      const cov::DistrictCoverage& d = r.units[static_cast<std::size_t>(gap.unit)];
      std::printf("  %zu. %s %s: %lld of %lld issues uncovered; %s\n", g + 1, unit.code.c_str(), unit.name_en.c_str(),
                  static_cast<long long>(d.issues - d.issues_covered), static_cast<long long>(d.issues),
                  gap.explanation.c_str());
    }
    if (options.sites.k > 0) {
      std::printf("new sites (k %d, objective %s; candidates: %zu layer, %zu partners, %zu grid", options.sites.k,
                  cov::to_string(options.sites.objective), r.candidates.from_layer, r.candidates.from_partners,
                  r.candidates.from_grid);
      if (r.candidates.from_grid > 0) std::printf(" at %s", km(r.candidates.grid_spacing_m).c_str());
      std::printf("):\n  existing facilities cover %s of %s (%s)\n", whole(r.sites.baseline).c_str(),
                  whole(r.sites.total).c_str(), percent(r.sites.baseline, r.sites.total).c_str());
      for (std::size_t i = 0; i < r.sites.picks.size(); ++i) {
        const cov::SitePick& p = r.sites.picks[i];
        const cov::CandidateSite& c = r.candidates.sites[p.candidate];
        std::printf("  %zu. %-9s %s (%.5f, %.5f)  +%s  -> %s\n", i + 1, c.origin.c_str(),
                    finest.units[static_cast<std::size_t>(c.unit)].code.c_str(), c.at.x, c.at.y, whole(p.gain).c_str(),
                    percent(p.covered, r.sites.total).c_str());
      }
      if (r.sites.optimum_at_most)
        std::printf("  no %d sites can cover more than %s (%s)\n", options.sites.k, whole(*r.sites.optimum_at_most).c_str(),
                    percent(*r.sites.optimum_at_most, r.sites.total).c_str());
      if (const std::string exact = cov::exact_check_sentence(r.sites); !exact.empty()) std::printf("  %s\n", exact.c_str());
    }
    for (const std::string& w : r.warnings) std::printf("  warning: %s\n", w.c_str());
    std::printf("outputs in %s:", out_.c_str());
    for (const std::string& f : written) std::printf(" %s", f.c_str());
    std::printf("\n");
  }

  std::string project_, out_;
  std::optional<int> k_;
  std::optional<std::string> objective_;
  std::optional<double> snap_m_;
  std::optional<int> threads_;
  PreciseLayers precise_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_coverage_verb() { return std::make_unique<CoverageVerb>(); }

}  // namespace localmap_cli
