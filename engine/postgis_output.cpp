#include "engine/postgis_output.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include "engine/error.hpp"
#include "engine/run_report.hpp"
#include "engine/version.hpp"
#include "geo/postgis_writer.hpp"
#include "geo/vector_reader.hpp"

namespace engine {
namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// What every table's comment says: which run wrote it, with which
// parameters, so a colleague opening a table in QGIS can tell.
std::string table_comment(const RunSummary& summary, const nlohmann::json& report) {
  return std::string("localmap ") + kVersion + " run of '" + summary.title + "'" +
         (summary.synthetic ? " [SYNTHETIC data]" : "") + ", project " + summary.project + ", written " + utc_now() +
         "; parameters " + report["parameters"].dump() + "; the run's full report is in table run";
}

geo::LayerData run_table(const RunSummary& summary, const std::string& report) {
  geo::LayerData run;
  run.name = "run";
  run.fields = {{"project", geo::FieldType::String}, {"title", geo::FieldType::String}, {"report", geo::FieldType::String}};
  run.rows.push_back({summary.project, summary.title, report});
  return run;
}

}  // namespace

void validate_output_destination(const RunOptions& options) {
  if (!geo::is_database_source(options.out_dir)) {
    if (!options.schema.empty())
      throw Error("--schema applies only when --out is a database (PG:...)", {}, "drop --schema, or give --out PG:...");
    return;
  }
  if (options.schema.empty())
    throw Error("--out is a database but no --schema says where the tables go", {.file = database_output_label(options)},
                "add --schema NAME (for example --schema localmap_results)");
  geo::check_schema_name(options.schema);
  if (!std::isfinite(options.lock_wait_s) || options.lock_wait_s < 0)
    throw Error("--lock-wait-s must be a number of seconds >= 0", {}, "for example --lock-wait-s 60");
}

void prepare_database_output(const RunOptions& options) { geo::check_postgis_destination(options.out_dir, options.schema); }

std::string database_output_label(const RunOptions& options) { return geo::describe_connection(options.out_dir); }

void write_outputs_to_postgis(const RunOptions& options, const std::vector<geo::LayerData>& layers,
                              geo::LayerData summary_table, RunSummary& summary, Progress& progress) {
  summary_table.name = "summary";
  std::vector<const geo::LayerData*> tables;
  for (const geo::LayerData& layer : layers) tables.push_back(&layer);
  tables.push_back(&summary_table);
  summary.out_dir = database_output_label(options);
  for (const geo::LayerData* table : tables) summary.outputs.push_back(options.schema + "." + table->name);
  summary.outputs.push_back(options.schema + ".run");

  const nlohmann::json report = run_report(summary);
  const geo::LayerData run = run_table(summary, report.dump(2));
  tables.push_back(&run);

  geo::PostgisWriteOptions write;
  write.comment = table_comment(summary, report);
  write.lock_wait_s = options.lock_wait_s;
  write.progress = [&progress](std::size_t staged) { progress.update(staged); };
  progress.begin("writing tables", tables.size());
  geo::write_postgis(options.out_dir, options.schema, tables, write);
  progress.end();
}

}  // namespace engine
