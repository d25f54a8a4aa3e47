// The localmap command line: local mapping and local-priority analysis of
// community safety.  Parses arguments, wires verbs to the engine, prints
// errors in one or two lines.  No analysis happens here.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

#include "engine/interrupt.hpp"
#include "engine/version.hpp"
#include "geo/error.hpp"
#include "verb.hpp"

int main(int argc, char** argv) {
  using namespace localmap_cli;
  CLI::App app{
      "localmap: put boundaries, security facilities, partner CSOs and reported community issues on one map, join "
      "them to admin units, and export layers that GIS tools open directly.\n\n"
      "Start with the demo:  localmap run data/demo/project.yaml --out out/demo\n"
      "Look inside a file:   localmap inspect districts.gpkg\n"
      "Join points alone:    localmap join --polygons adm2.gpkg --points issues.csv --out joined.gpkg\n"
      "Count per polygon:    localmap count --polygons adm2.gpkg --points issues.csv --out counts.csv",
      "localmap"};
  app.set_version_flag("--version", std::string("localmap ") + engine::kVersion);
  app.require_subcommand(1);
  std::map<CLI::App*, std::unique_ptr<Verb>> verbs;
  auto add = [&](const char* name, const char* summary, std::unique_ptr<Verb> verb) {
    CLI::App* command = app.add_subcommand(name, summary);
    verb->setup(*command);
    verbs.emplace(command, std::move(verb));
  };
  add("run", "Run a whole project: load, join, count, export", make_run_verb());
  add("join", "Join a point layer to a polygon layer", make_join_verb());
  add("count", "Count points per polygon (and per value of a field)", make_count_verb());
  add("inspect", "Describe the layers of a source", make_inspect_verb());
  add("graph", "Coordination graph: who works with whom, chain gaps, suggested links", make_graph_verb());
  add("match-names", "Match records without coordinates to admin units by name or P-code", make_match_names_verb());
  add("report", "Write the offline HTML report and PNG map of a run directory", make_report_verb());
  add("coverage", "Coverage gaps: nearest facilities, uncovered areas and people, 3W, gap list, new sites", make_coverage_verb());
  add("priorities", "Local drivers, hotspots, the priority index and a starter action plan", make_priorities_verb());
  add("activities", "Programme activities: 4W/5W tables, reach against need, inclusion, facilities benefited",
      make_activities_verb());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (auto& [command, verb] : verbs) {
      if (!command->parsed()) continue;
      verb->validate();
      return verb->run();
    }
  } catch (const engine::Interrupted& e) {
    std::fprintf(stderr, "localmap: %s\n", e.what());
    return 128 + e.signal();  // as a shell reports a process ended by that signal
  } catch (const geo::Error& e) {  // engine::Error too
    std::fprintf(stderr, "localmap: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localmap: error: %s\n", e.what());
    return 1;
  }
  return 2;
}
