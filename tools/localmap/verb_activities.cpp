// localmap activities PROJECT.yaml --out DIR : the programme's activities
// alone: 4W/5W tables, reach against need, inclusion indicators and the
// facilities they benefited.  Coverage and coordination run too when the
// project has their sections, because reach reads the coverage gap and the
// inclusion indicators read the actors' women-/youth-led attributes; only
// the activities' outputs are written.

#include <cstdio>
#include <filesystem>

#include "engine/boundaries.hpp"
#include "engine/counts.hpp"
#include "engine/disclosure.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/pipeline.hpp"
#include "engine/pipeline_analyses.hpp"
#include "geo/atomic_file.hpp"
#include "geo/vector_writer.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace fs = std::filesystem;

namespace localmap_cli {
namespace {

class ActivitiesVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Where did the programme act, for whom, and did it reach the districts with the highest need? Reads the "
        "layer with role: activities (grants, works, local forums, community dialogues, round tables, trainings, "
        "campaigns; any GDAL source, located by coordinates or by admin names) through the project's activities: "
        "section, which maps its fields (type, partner, donor, start, end, budget, currency, facility, total, male, "
        "female, groups such as youth or displaced, resolutions) and sets the period (year, quarter, month or "
        "explicit periods), the currency rates, the inclusion thresholds and the need measure.\n\n"
        "Writes to --out: activities.csv (every input record with its unit, period and checks), four_w.csv (per unit "
        "of every boundary level, governorates and districts, x type x period: activities, partners, budget per currency, participants by sex "
        "and group, resolutions), reach.csv (per district: activities and participants against issues and the "
        "coverage gap; flags high_need_no_activity and activity_no_need), inclusion.csv (women's and youth share "
        "per district x type, flagged below the thresholds; activities of women-/youth-led partners when the "
        "coordination actors name them), facility_activities.csv (per facility: activities, budget; security "
        "departments), the boundary levels as GeoJSON with the activity fields, and activities.json.\n\n"
        "Bad records are kept and reported, never corrected: male + female not equal to the total (the difference "
        "is shown; the total is counted), negative or non-numeric counts (left out), end before start, unknown "
        "types (counted as 'unknown'), budgets in several currencies (totalled per currency unless "
        "activities.currency.rates converts them). Keys: engine/activities/activities_options.hpp.\n\n"
        "Example: localmap activities data/demo/project.yaml --out out/activities");
    command.add_option("project", project_, "Project file (YAML) with an activities: section")->required();
    command.add_option("-o,--out", out_, "Output directory (created if missing)")->required();
    chatter_.add_to(command);
  }

  int run() override {
    const engine::Project project = engine::load_project(project_);
    if (!project.analysis("activities"))
      throw engine::Error("the project has no 'activities:' section", {.file = project_},
                          "add one naming the activities layer and its fields; see data/demo/project.yaml");
    engine::check_analysis_sections(project);
    engine::prepare_output_directory(out_);
    geo::remove_stale_partials(out_);

    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;
    const engine::Boundaries boundaries = engine::load_boundaries(project.levels, progress);
    const engine::AdminIndex index(boundaries.finest());
    const engine::JoinedLayers loaded = engine::load_and_join_layers(project, boundaries, index, progress);
    const std::vector<engine::PointLayer>& layers = loaded.layers;
    const std::vector<engine::LayerJoin>& joins = loaded.joins;
    const engine::UnitColumns units = engine::admin_columns(boundaries);
    std::vector<geo::LayerData> point_outputs;
    for (std::size_t i = 0; i < layers.size(); ++i)
      point_outputs.push_back(engine::joined_points(layers[i], joins[i], units, boundaries.finest()));
    // Only the analyses the activities read run besides them.
    engine::Project inputs = project;
    inputs.analyses.erase("priorities");
    const engine::JoinedProject joined{inputs, boundaries, index, layers, joins, project.join.snap_m};
    engine::AnalysisOutputs analyses = engine::run_analyses(joined, point_outputs, progress);

    // The boundary levels with the activity fields only: no per-layer counts,
    // which belong to `localmap run` and its rules for sensitive layers.
    std::vector<geo::LayerData> levels;
    const std::size_t finest = boundaries.levels.size() - 1;
    for (std::size_t l = 0; l <= finest; ++l) {
      std::vector<const engine::UnitTable*> columns;
      for (const auto& [level, table] : analyses.level_columns)
        if (level == l) columns.push_back(&table);
      if (l == finest && !analyses.unit_columns.empty()) columns.push_back(&activity_columns(analyses));
      const engine::UnitCounts none{{}, std::vector<std::vector<std::int64_t>>(boundaries.levels[l].units.size())};
      levels.push_back(engine::admin_layer(boundaries, l, none, true, columns));
    }

    // The units whose counts of a restricted layer `localmap run` withholds
    // (engine/disclosure.hpp): reach.csv withholds their issue counts too.
    std::vector<const engine::PointLayer*> layer_ptrs;
    std::vector<const engine::LayerJoin*> join_ptrs;
    for (std::size_t i = 0; i < layers.size(); ++i) layer_ptrs.push_back(&layers[i]), join_ptrs.push_back(&joins[i]);
    // Only to find the withheld cells; not written.
    geo::LayerData counted =
        engine::admin_layer(boundaries, finest, engine::count_by_unit(boundaries, finest, layer_ptrs, join_ptrs), false);
    std::vector<engine::LayerRelease> releases = engine::plan_release(project, layers, {});
    engine::protect_finest_counts(boundaries, layer_ptrs, join_ptrs, counted, releases, project.output.min_count);
    std::vector<geo::LayerData*> derived{&levels.back()};
    for (geo::LayerData& layer : analyses.layers) derived.push_back(&layer);
    engine::withhold_record_uses(analyses.record_uses, releases, boundaries.finest(), derived, project.output.min_count);

    geo::WriteOptions write;
    write.precision = project.output.precision;
    if (project.synthetic) write.description = "SYNTHETIC data: " + project.title;
    std::vector<std::string> written;
    auto write_layer = [&](const geo::LayerData& layer) {
      const std::string file = layer.name + (layer.geometry == geo::GeometryKind::None ? ".csv" : ".geojson");
      geo::write_layer((fs::path(out_) / file).string(), layer, write);
      written.push_back(file);
    };
    for (const geo::LayerData& layer : levels) write_layer(layer);
    for (const auto& [file, content] : analyses.files)
      if (file == "activities.csv") {
        geo::write_file_atomically((fs::path(out_) / file).string(), content);
        written.push_back(file);
      }
    for (const geo::LayerData& layer : analyses.layers)
      for (const char* name : {"four_w", "reach", "inclusion", "facility_activities"})
        if (layer.name == name) write_layer(layer);
    nlohmann::json summary = analyses.report.at("activities");
    summary["project"] = project.path;
    summary["synthetic"] = project.synthetic;
    summary["release"] = engine::release_report(releases, project.output.min_count);
    geo::write_file_atomically((fs::path(out_) / "activities.json").string(), summary.dump(2) + "\n");
    written.push_back("activities.json");

    if (!chatter_.quiet) {
      std::printf("localmap activities: %s%s\n", project.title.c_str(), project.synthetic ? "  [SYNTHETIC data]" : "");
      for (const std::string& line : analyses.summary_lines)
        if (line.rfind("activities:", 0) == 0) std::printf("%s\n", line.c_str());
      std::printf("outputs in %s:", out_.c_str());
      for (const std::string& file : written) std::printf(" %s", file.c_str());
      std::printf("\n");
    }
    return 0;
  }

 private:
  // The activities' finest-level table: the last one run_analyses added,
  // since priorities (which would come after it) do not run here.
  static const engine::UnitTable& activity_columns(const engine::AnalysisOutputs& analyses) {
    return analyses.unit_columns.back();
  }

  std::string project_, out_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_activities_verb() { return std::make_unique<ActivitiesVerb>(); }

}  // namespace localmap_cli
