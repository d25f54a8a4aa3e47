#include "engine/pipeline.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "engine/boundaries.hpp"
#include "engine/counts.hpp"
#include "engine/disclosure.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/interrupt.hpp"
#include "engine/inputs.hpp"
#include "engine/pipeline_analyses.hpp"
#include "engine/point_layer.hpp"
#include "engine/postgis_output.hpp"
#include "engine/report/report.hpp"
#include "engine/run_report.hpp"
#include "engine/stopwatch.hpp"
#include "geo/atomic_file.hpp"
#include "geo/vector_writer.hpp"

namespace fs = std::filesystem;

namespace engine {
namespace {

// "latitude '13.5N' is not a number" -> "latitude '…' is not a number": a
// reason's kind, for counting rejections by kind.
std::string reason_kind(const std::string& reason) {
  static const std::regex quoted("'[^']*'");
  static const std::regex number(R"(-?\d+(\.\d+)?(e[-+]?\d+)?)");
  return std::regex_replace(std::regex_replace(reason, quoted, "'…'"), number, "#");
}

// A reason without the values that could locate a record: quoted text,
// decimals and long integers (projected metres) become "…"; small integers
// such as the bounds of a range stay ("latitude 95 is outside [-90, 90]").
std::string masked_reason(const std::string& reason) {
  static const std::regex quoted("'[^']*'");
  static const std::regex locating(R"(-?\d+\.\d+|-?\d{4,})");
  return std::regex_replace(std::regex_replace(reason, quoted, "'…'"), locating, "…");
}

// Output layers become files and tables by name: two of one name would
// overwrite each other.
void check_unique_names(const std::vector<geo::LayerData>& outputs, const Project& project) {
  std::map<std::string, int> seen;
  for (const geo::LayerData& layer : outputs)
    if (++seen[layer.name] == 2)
      throw Error("two outputs would both be named '" + layer.name + "'", {.file = project.path},
                  "rename the boundary level or layer called '" + layer.name +
                      "' (an analysis writes a layer of that name, or two project names clash)");
}

// The file names a previous run in `dir` wrote (its run.json's outputs):
// those this run does not write again are removed when it commits, so a
// folder never mixes two runs (nor keeps points a later run withholds).
std::vector<std::string> previous_run_outputs(const std::string& dir) {
  std::vector<std::string> names;
  try {
    std::ifstream in(fs::path(dir) / "run.json");
    if (!in) return names;
    const nlohmann::json previous = nlohmann::json::parse(in);
    for (const auto& path : previous.at("outputs")) names.push_back(fs::path(path.get<std::string>()).filename().string());
  } catch (const std::exception&) {
    // Not a run.json of ours: leave the folder's other files alone.
  }
  return names;
}

}  // namespace

void RunOptions::validate() const {
  if (out_dir.empty()) throw Error("no output directory given", {}, "pass --out DIR");
  if (snap_m) JoinOptions{*snap_m}.validate();
  validate_output_destination(*this);
}

void prepare_output_directory(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw Error("cannot create the output directory: " + (ec ? ec.message() : "a file of that name exists"), {.file = dir},
                "choose another --out");
  try {
    const std::string probe = (fs::path(dir) / ".localmap-write-test").string();
    geo::write_file_atomically(probe, "");
    fs::remove(probe, ec);
  } catch (const geo::Error&) {
    throw Error("the output directory is not writable", {.file = dir}, "choose another --out or fix its permissions");
  }
}

RunSummary run_project(const Project& project, const RunOptions& options, Progress& progress) {
  project.validate();
  options.validate();
  check_analysis_sections(project);
  const report::ReportOptions report_options = report::report_options(project.analysis("report"), project.path);
  RunSummary summary;
  summary.project = project.path;
  summary.title = project.title;
  summary.synthetic = project.synthetic;
  summary.snap_m = options.snap_m.value_or(project.join.snap_m);
  summary.precision = project.output.precision;
  const bool to_database = geo::is_database_source(options.out_dir);
  summary.out_dir = to_database ? database_output_label(options) : options.out_dir;
  if (to_database) {
    prepare_database_output(options);
  } else {
    prepare_output_directory(options.out_dir);
    summary.stale = geo::remove_stale_partials(options.out_dir);
  }
  Stopwatch clock;

  const Inputs inputs = load_inputs(project.levels, project.layers, progress);  // boundaries beside the points
  const Boundaries& boundaries = inputs.boundaries;
  const AdminIndex& index = *inputs.index;
  const std::vector<PointLayer>& layers = inputs.layers;
  for (const AdminLevel& level : boundaries.levels)
    summary.levels.push_back({level.spec.name, level.source, level.driver, level.crs, level.encoding, level.units.size(),
                              level.repaired, level.warnings});
  // Each side's own time, then both together.
  summary.timings_s.emplace_back("load_boundaries", inputs.boundaries_s);
  summary.timings_s.emplace_back("build_index", inputs.index_s);
  summary.timings_s.emplace_back("load_points", inputs.points_s);
  summary.timings_s.emplace_back("load_boundaries_and_points", clock.lap());
  stop_if_interrupted();
  std::vector<LayerJoin> joins;
  const JoinOptions join_options{summary.snap_m};
  for (const PointLayer& layer : layers) joins.push_back(join_layer(index, layer, join_options, progress));
  match_admin_names(project, boundaries, layers, joins, progress);
  summary.timings_s.emplace_back("join", clock.lap());
  std::vector<LayerRelease> releases = plan_release(project, layers, options.allow_precise);
  stop_if_interrupted();

  std::vector<const PointLayer*> layer_ptrs;
  std::vector<const LayerJoin*> join_ptrs;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    layer_ptrs.push_back(&layers[i]);
    join_ptrs.push_back(&joins[i]);
    LayerOutcome o{layers[i].spec.name, layers[i].spec.role, layers[i].source, layers[i].driver, layers[i].crs,
                   layers[i].encoding, layers[i].located_by, layers[i].hxl_tags, joins[i].counts, layers[i].warnings, {}};
    std::map<std::string, RejectionKind> kinds;
    for (std::size_t r = 0; r < layers[i].size(); ++r) {
      const std::string& reason = layers[i].rejection[r];
      if (reason.empty() || joins[i].match[r] != Match::Rejected) continue;  // placed by its admin names
      const std::string kind = reason_kind(reason);
      RejectionKind& k = kinds[kind];
      // A rejected coordinate can still be a real place (swapped lat/lon):
      // layers that are not exported as points show it masked.
      if (k.count++ == 0) k.example = releases[i].precise ? reason : masked_reason(reason), k.example_record = layers[i].records[r];
    }
    for (auto& [kind, k] : kinds) {
      k.kind = kind;
      o.rejections.push_back(k);
    }
    summary.layers.push_back(std::move(o));
  }

  // Only layers released as points leave as points: the others get no
  // joined copy (for a million restricted issues it cost seconds and a gigabyte).
  std::vector<geo::LayerData> point_outputs;
  const UnitColumns units = admin_columns(boundaries);
  for (std::size_t i = 0; i < layers.size(); ++i)
    point_outputs.push_back(releases[i].precise ? joined_points(layers[i], joins[i], units, boundaries.finest()) : geo::LayerData{});
  summary.timings_s.emplace_back("count", clock.lap());

  const JoinedProject joined{project, boundaries, index, layers, joins, summary.snap_m, options.allow_precise};
  AnalysisOutputs analyses = run_analyses(joined, point_outputs, progress);
  summary.analyses = std::move(analyses.report);
  summary.analysis_lines = std::move(analyses.summary_lines);
  summary.timings_s.emplace_back("analyses", clock.lap());
  stop_if_interrupted();

  // Build every output layer first, then write: a failure while building
  // leaves the previous outputs untouched.
  const std::size_t finest = boundaries.levels.size() - 1;
  std::vector<const UnitTable*> unit_columns;
  for (const UnitTable& table : analyses.unit_columns) unit_columns.push_back(&table);
  const UnitCounts finest_counts = count_by_unit(boundaries, finest, layer_ptrs, join_ptrs);
  std::vector<geo::LayerData> outputs;
  for (std::size_t l = 0; l < finest; ++l) {
    std::vector<const UnitTable*> level_columns;  // analyses' fields for a coarser level (activities)
    for (const auto& [level, table] : analyses.level_columns)
      if (level == l) level_columns.push_back(&table);
    outputs.push_back(admin_layer(boundaries, l, count_by_unit(boundaries, l, layer_ptrs, join_ptrs), true, level_columns));
  }
  outputs.push_back(admin_layer(boundaries, finest, finest_counts, true, unit_columns));
  geo::LayerData summary_table = admin_layer(boundaries, finest, finest_counts, false, unit_columns);
  std::vector<geo::LayerData*> level_outputs;
  for (geo::LayerData& level : outputs) level_outputs.push_back(&level);
  protect_counts(boundaries, level_outputs, &summary_table, releases, project.output.min_count);
  std::vector<geo::LayerData*> derived{level_outputs.back(), &summary_table};
  for (geo::LayerData& layer : analyses.layers) derived.push_back(&layer);
  withhold_record_uses(analyses.record_uses, releases, boundaries.finest(), derived, project.output.min_count);
  summary.release = release_report(releases, project.output.min_count);
  // Only layers released as points leave as points, here and in `unmatched`.
  std::vector<const PointLayer*> precise_layers;
  std::vector<const LayerJoin*> precise_joins;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (!releases[i].precise) continue;
    outputs.push_back(std::move(point_outputs[i]));
    precise_layers.push_back(&layers[i]);
    precise_joins.push_back(&joins[i]);
  }
  outputs.push_back(unmatched_points(precise_layers, precise_joins, boundaries.finest()));
  for (geo::LayerData& layer : analyses.layers) outputs.push_back(std::move(layer));
  check_unique_names(outputs, project);

  if (to_database) {  // the same layers as tables, replaced in one transaction
    write_outputs_to_postgis(options, outputs, std::move(summary_table), summary, progress);
    summary.timings_s.emplace_back("write", clock.lap());
    return summary;
  }

  // Everything is written into a staging directory and moved into place at
  // the end: an error or an interrupt on the way leaves the previous run's
  // outputs as they were, never a mixture of two runs.
  geo::StagingDirectory staging(options.out_dir);
  const std::vector<std::string> previous_outputs = previous_run_outputs(options.out_dir);
  geo::WriteOptions write;
  write.precision = project.output.precision;
  if (project.synthetic) write.description = "SYNTHETIC data: " + project.title;
  progress.begin("writing outputs", outputs.size() + analyses.files.size() + 3);
  std::uint64_t written = 0;
  // Written to the staging directory, listed at their final place.
  auto stage = [&](const std::string& file) {
    stop_if_interrupted();
    summary.outputs.push_back((fs::path(options.out_dir) / file).string());
    return staging.staged(file);
  };
  for (const geo::LayerData& layer : outputs) {
    const bool table = layer.geometry == geo::GeometryKind::None;
    const std::string path = stage(layer.name + (table ? ".csv" : ".geojson"));
    if (table)
      geo::write_csv(path, layer, write);
    else
      geo::write_geojson(path, layer, write);
    progress.update(++written);
  }
  for (const auto& [file, content] : analyses.files) {
    geo::write_file_atomically(stage(file), content);
    progress.update(++written);
  }
  std::vector<const geo::LayerData*> all;
  for (const geo::LayerData& layer : outputs) all.push_back(&layer);
  geo::write_geopackage(stage("localmap.gpkg"), all);
  progress.update(++written);
  geo::write_csv(stage("summary.csv"), summary_table, write);
  progress.update(++written);
  summary.timings_s.emplace_back("write", clock.lap());

  // The report reads run.json and the layers written above; its own files
  // are listed in run.json before they exist.
  stage("report.html");
  stage("map.png");
  const std::string run_json = stage("run.json");
  geo::write_file_atomically(run_json, run_report(summary).dump(2) + "\n");
  progress.update(++written);
  progress.end();
  report::write_report(staging.path(), report_options);
  stop_if_interrupted();
  staging.commit(previous_outputs, "run.json");  // last: a new run.json means a whole new set
  summary.timings_s.emplace_back("report", clock.lap());
  return summary;
}

}  // namespace engine
