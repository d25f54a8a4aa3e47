#pragma once
// `localmap run PROJECT --out PG:... --schema NAME`: a run's outputs as
// PostGIS tables in one schema instead of files in a directory.
//
// The tables are the layers of localmap.gpkg (one per boundary level, one per
// point layer, `unmatched`), with the same fields, plus
//   summary  one row per finest-level unit, as summary.csv (no geometry)
//   run      one row: `project`, `title` and `report`, the text of run.json
// Every table carries the run's parameters in its comment.  All of them
// replace the previous run's tables in one transaction (geo::write_postgis),
// so a reader never sees a mixture, and a run that fails leaves the previous
// tables as they were.

#include <string>
#include <vector>

#include "engine/pipeline.hpp"
#include "engine/progress.hpp"
#include "geo/vector_writer.hpp"

namespace engine {

// Checks the destination options without I/O: a database --out needs a valid
// --schema; a directory --out takes none.
void validate_output_destination(const RunOptions& options);

// Before any work: the database answers, has PostGIS and lets the user write
// the schema.
void prepare_database_output(const RunOptions& options);

// How a database destination appears in messages and the run summary
// (password masked).
std::string database_output_label(const RunOptions& options);

// Writes `layers`, `summary_table` (renamed `summary`) and the `run` table;
// records the tables in summary.outputs first, so the run report lists them.
void write_outputs_to_postgis(const RunOptions& options, const std::vector<geo::LayerData>& layers,
                              geo::LayerData summary_table, RunSummary& summary, Progress& progress);

}  // namespace engine
