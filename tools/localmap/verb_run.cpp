// localmap run PROJECT.yaml --out DIR : the whole pipeline of a project.
// localmap run PROJECT.yaml --out PG:... --schema NAME : the same outputs as PostGIS tables.

#include <cstdio>
#include <optional>

#include "engine/interrupt.hpp"
#include "engine/pipeline.hpp"
#include "engine/project.hpp"
#include "run_summary.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

class RunVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Run everything a project file defines: load the boundaries and point layers, join every record to its "
        "admin units (by location, or by admin names for layers with admin_names:), count per unit, run the "
        "analyses whose sections the project has (coverage:, coordination:, priorities:), and write GeoJSON and CSV "
        "layers, localmap.gpkg, summary.csv, run.json, report.html and map.png to --out. "
        "With --out PG:... --schema NAME the same layers, summary and run report become tables of that PostGIS "
        "schema, replacing the previous run's tables in one transaction. "
        "Data responsibility: each layer has a sensitivity (layers.<name>.sensitivity: public, restricted or "
        "confidential; reported issues are restricted unless the project says otherwise). Restricted layers are "
        "published only as counts per unit with small counts suppressed; confidential layers not at all; only the "
        "fields mapped in `fields:`, the admin-name fields and those listed in `export_fields:` are exported.");
    command.add_option("project", project_, "Project file (YAML); see data/demo/project.yaml")->required();
    command.add_option("-o,--out", options_.out_dir,
                       "Output directory (created if missing), or a PostgreSQL database as a PG: connection string "
                       "(password from PGPASSWORD, ~/.pgpass or PG:service=NAME rather than on the command line)")
        ->required();
    command.add_option("--schema", options_.schema, "With --out PG:...: the schema that receives the tables");
    command.add_option("--lock-wait-s", options_.lock_wait_s,
                       "With --out PG:...: seconds to wait while another run writes the same schema")
        ->capture_default_str();
    command.add_option("--snap-m", snap_m_,
                       "Snap points outside every unit to the nearest one within this many metres (geodesic); "
                       "overrides join.snap_m of the project; 0 = off");
    precise_.add_to(command);
    chatter_.add_to(command);
  }

  void validate() const override {
    engine::RunOptions o = options_;
    if (snap_m_) o.snap_m = *snap_m_;
    o.validate();
  }

  int run() override {
    const engine::Project project = engine::load_project(project_);
    if (snap_m_) options_.snap_m = *snap_m_;
    options_.allow_precise = precise_.layers;
    // Ctrl-C / SIGTERM stop the run between steps and keep the previous outputs.
    engine::install_interrupt_handlers();
    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;
    const engine::RunSummary summary = engine::run_project(project, options_, progress);
    if (!chatter_.quiet) print_run_summary(summary, stdout);
    return 0;
  }

 private:
  std::string project_;
  engine::RunOptions options_;
  std::optional<double> snap_m_;
  PreciseLayers precise_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_run_verb() { return std::make_unique<RunVerb>(); }

}  // namespace localmap_cli
