#include "engine/pipeline.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>

#include "engine/boundaries.hpp"
#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/pipeline_analyses.hpp"
#include "engine/point_layer.hpp"
#include "engine/postgis_output.hpp"
#include "engine/report/report.hpp"
#include "engine/run_report.hpp"
#include "geo/atomic_file.hpp"
#include "geo/vector_writer.hpp"

namespace fs = std::filesystem;

namespace engine {
namespace {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// "latitude '13.5N' is not a number" -> "latitude '…' is not a number": a
// reason's kind, for counting rejections by kind.
std::string reason_kind(const std::string& reason) {
  static const std::regex quoted("'[^']*'");
  static const std::regex number(R"(-?\d+(\.\d+)?(e[-+]?\d+)?)");
  return std::regex_replace(std::regex_replace(reason, quoted, "'…'"), number, "#");
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
    summary.stale_partials_removed = geo::remove_stale_partials(options.out_dir);
  }
  Stopwatch clock;

  const Boundaries boundaries = load_boundaries(project.levels, progress);
  for (const AdminLevel& level : boundaries.levels)
    summary.levels.push_back({level.spec.name, level.source, level.driver, level.crs, level.encoding, level.units.size(),
                              level.repaired, level.warnings});
  summary.timings_s.emplace_back("load_boundaries", clock.lap());

  std::vector<PointLayer> layers;
  progress.begin("loading point layers", project.layers.size());
  for (const PointLayerSpec& spec : project.layers) {
    layers.push_back(load_point_layer(spec));
    progress.update(layers.size());
  }
  progress.end();
  summary.timings_s.emplace_back("load_points", clock.lap());

  const AdminIndex index(boundaries.finest());
  summary.timings_s.emplace_back("build_index", clock.lap());
  std::vector<LayerJoin> joins;
  const JoinOptions join_options{summary.snap_m};
  for (const PointLayer& layer : layers) joins.push_back(join_layer(index, layer, join_options, progress));
  match_admin_names(project, boundaries, layers, joins, progress);
  summary.timings_s.emplace_back("join", clock.lap());

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
      RejectionKind& k = kinds[reason_kind(reason)];
      if (k.count++ == 0) k.example = reason, k.example_record = layers[i].records[r];
    }
    for (auto& [kind, k] : kinds) {
      k.kind = kind;
      o.rejections.push_back(k);
    }
    summary.layers.push_back(std::move(o));
  }

  std::vector<geo::LayerData> point_outputs;
  const UnitColumns units = admin_columns(boundaries);
  for (std::size_t i = 0; i < layers.size(); ++i)
    point_outputs.push_back(joined_points(layers[i], joins[i], units, boundaries.finest()));
  summary.timings_s.emplace_back("count", clock.lap());

  const JoinedProject joined{project, boundaries, index, layers, joins, summary.snap_m};
  AnalysisOutputs analyses = run_analyses(joined, point_outputs, progress);
  summary.analyses = std::move(analyses.report);
  summary.analysis_lines = std::move(analyses.summary_lines);
  summary.timings_s.emplace_back("analyses", clock.lap());

  // Build every output layer first, then write: a failure while building
  // leaves the previous outputs untouched.
  const std::size_t finest = boundaries.levels.size() - 1;
  std::vector<const UnitTable*> unit_columns;
  for (const UnitTable& table : analyses.unit_columns) unit_columns.push_back(&table);
  const UnitCounts finest_counts = count_by_unit(boundaries, finest, layer_ptrs, join_ptrs);
  std::vector<geo::LayerData> outputs;
  for (std::size_t l = 0; l < finest; ++l)
    outputs.push_back(admin_layer(boundaries, l, count_by_unit(boundaries, l, layer_ptrs, join_ptrs)));
  outputs.push_back(admin_layer(boundaries, finest, finest_counts, true, unit_columns));
  for (geo::LayerData& layer : point_outputs) outputs.push_back(std::move(layer));
  outputs.push_back(unmatched_points(layer_ptrs, join_ptrs, boundaries.finest()));
  for (geo::LayerData& layer : analyses.layers) outputs.push_back(std::move(layer));
  check_unique_names(outputs, project);
  geo::LayerData summary_table = admin_layer(boundaries, finest, finest_counts, false, unit_columns);

  if (to_database) {  // the same layers as tables, replaced in one transaction
    write_outputs_to_postgis(options, outputs, std::move(summary_table), summary, progress);
    summary.timings_s.emplace_back("write", clock.lap());
    return summary;
  }

  geo::WriteOptions write;
  write.precision = project.output.precision;
  if (project.synthetic) write.description = "SYNTHETIC data: " + project.title;
  progress.begin("writing outputs", outputs.size() + analyses.files.size() + 3);
  std::uint64_t written = 0;
  auto in_out_dir = [&](const std::string& file) { return (fs::path(options.out_dir) / file).string(); };
  for (const geo::LayerData& layer : outputs) {
    const bool table = layer.geometry == geo::GeometryKind::None;
    const std::string path = in_out_dir(layer.name + (table ? ".csv" : ".geojson"));
    if (table)
      geo::write_csv(path, layer, write);
    else
      geo::write_geojson(path, layer, write);
    summary.outputs.push_back(path);
    progress.update(++written);
  }
  for (const auto& [file, content] : analyses.files) {
    geo::write_file_atomically(in_out_dir(file), content);
    summary.outputs.push_back(in_out_dir(file));
    progress.update(++written);
  }
  std::vector<const geo::LayerData*> all;
  for (const geo::LayerData& layer : outputs) all.push_back(&layer);
  const std::string gpkg = in_out_dir("localmap.gpkg");
  geo::write_geopackage(gpkg, all);
  summary.outputs.push_back(gpkg);
  progress.update(++written);
  const std::string csv = in_out_dir("summary.csv");
  geo::write_csv(csv, summary_table, write);
  summary.outputs.push_back(csv);
  progress.update(++written);
  summary.timings_s.emplace_back("write", clock.lap());

  // The report reads run.json and the layers written above; its own files
  // are listed in run.json before they exist.
  summary.outputs.push_back(in_out_dir("report.html"));
  summary.outputs.push_back(in_out_dir("map.png"));
  const std::string run_json = in_out_dir("run.json");
  summary.outputs.push_back(run_json);
  geo::write_file_atomically(run_json, run_report(summary).dump(2) + "\n");
  progress.update(++written);
  progress.end();
  report::write_report(options.out_dir, report_options);
  summary.timings_s.emplace_back("report", clock.lap());
  return summary;
}

}  // namespace engine
