// localmap priorities PROJECT.yaml --out DIR : local drivers, hotspots, the
// priority index and the starter action plan alone.  Coverage and
// coordination run too when the project has their sections, because their
// per-district columns feed the index; only the priorities' outputs are
// written.

#include <cstdio>
#include <filesystem>

#include "engine/boundaries.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/counts.hpp"
#include "engine/disclosure.hpp"
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

class PrioritiesVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Which districts to act on first, and why: per district x category counts, rates and location quotients "
        "with an exact test and false-discovery-rate control (local drivers), change between two review periods, "
        "Getis-Ord Gi* and Local Moran's I hotspots on queen contiguity from the boundaries, a priority index whose "
        "indicators and weights come from the project's priorities: section (with every indicator's contribution), "
        "its stability under perturbed weights, and a starter local action plan. Writes <districts>.geojson with "
        "the priority fields, drivers.csv, hotspots.geojson, priorities.csv, action_plan.csv and priorities.json "
        "to --out. See engine/priorities/priorities_options.hpp for the keys.");
    command.add_option("project", project_, "Project file (YAML) with a priorities: section")->required();
    command.add_option("-o,--out", out_, "Output directory (created if missing)")->required();
    precise_.add_to(command);
    chatter_.add_to(command);
  }

  int run() override {
    const engine::Project project = engine::load_project(project_);
    if (!project.analysis("priorities"))
      throw engine::Error("the project has no 'priorities:' section", {.file = project_},
                          "add one (an empty `priorities: {}` uses the defaults); see data/demo/project.yaml");
    engine::check_allow_precise(project, precise_.layers);
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
    const engine::JoinedProject joined{project, boundaries, index, layers, joins, project.join.snap_m, precise_.layers};
    engine::AnalysisOutputs analyses = engine::run_analyses(joined, point_outputs, progress);

    // The districts with every analysis's columns (the index's inputs stay
    // visible next to the score), then the priorities' own outputs.
    std::vector<const engine::UnitTable*> columns;
    for (const engine::UnitTable& table : analyses.unit_columns) columns.push_back(&table);
    std::vector<const engine::PointLayer*> layer_ptrs;
    std::vector<const engine::LayerJoin*> join_ptrs;
    for (std::size_t i = 0; i < layers.size(); ++i) layer_ptrs.push_back(&layers[i]), join_ptrs.push_back(&joins[i]);
    const std::size_t finest = boundaries.levels.size() - 1;
    std::vector<const geo::LayerData*> outputs;
    geo::LayerData districts = engine::admin_layer(
        boundaries, finest, engine::count_by_unit(boundaries, finest, layer_ptrs, join_ptrs), true, columns);
    std::vector<engine::LayerRelease> releases = engine::plan_release(project, layers, precise_.layers);
    engine::protect_finest_counts(boundaries, layer_ptrs, join_ptrs, districts, releases, project.output.min_count);
    std::vector<geo::LayerData*> derived{&districts};
    for (geo::LayerData& layer : analyses.layers) derived.push_back(&layer);
    engine::withhold_record_uses(analyses.record_uses, releases, boundaries.finest(), derived, project.output.min_count);
    outputs.push_back(&districts);
    for (const geo::LayerData& layer : analyses.layers)
      for (const char* name : {"drivers", "hotspots", "priorities", "action_plan"})
        if (layer.name == name) outputs.push_back(&layer);

    geo::WriteOptions write;
    write.precision = project.output.precision;
    if (project.synthetic) write.description = "SYNTHETIC data: " + project.title;
    std::vector<std::string> written;
    for (const geo::LayerData* layer : outputs) {
      const std::string file = layer->name + (layer->geometry == geo::GeometryKind::None ? ".csv" : ".geojson");
      geo::write_layer((fs::path(out_) / file).string(), *layer, write);
      written.push_back(file);
    }
    nlohmann::json summary = analyses.report.at("priorities");
    summary["project"] = project.path;
    summary["synthetic"] = project.synthetic;
    summary["release"] = engine::release_report(releases, project.output.min_count);
    geo::write_file_atomically((fs::path(out_) / "priorities.json").string(), summary.dump(2) + "\n");
    written.push_back("priorities.json");

    if (!chatter_.quiet) {
      std::printf("localmap priorities: %s%s\n", project.title.c_str(), project.synthetic ? "  [SYNTHETIC data]" : "");
      for (const std::string& line : analyses.summary_lines) std::printf("%s\n", line.c_str());
      std::printf("outputs in %s:", out_.c_str());
      for (const std::string& file : written) std::printf(" %s", file.c_str());
      std::printf("\n");
    }
    return 0;
  }

 private:
  std::string project_, out_;
  PreciseLayers precise_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_priorities_verb() { return std::make_unique<PrioritiesVerb>(); }

}  // namespace localmap_cli
