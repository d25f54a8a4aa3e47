// localmap report DIR : the offline HTML report and the PNG map of an
// earlier run, written into its output directory.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/report/report.hpp"
#include "engine/report/report_options.hpp"
#include "shared_options.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

// The project file a run recorded in its run.json, if it still exists.
std::optional<std::string> recorded_project(const std::string& run_dir) {
  std::ifstream in(std::filesystem::path(run_dir) / "run.json");
  if (!in) return std::nullopt;
  const nlohmann::json run = nlohmann::json::parse(in, nullptr, false);
  if (run.is_discarded() || !run.contains("project") || !run["project"].contains("file")) return std::nullopt;
  const std::string file = run["project"]["file"].get<std::string>();
  if (file.empty() || !std::filesystem::exists(file)) return std::nullopt;
  return file;
}

class ReportVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Write report.html (an interactive map, one file that works offline: click a unit to read its numbers) and "
        "map.png (a static choropleth) into DIR, from the outputs of `localmap run PROJECT --out DIR`. Options not "
        "given here come from the project file's `report:` section.");
    command.add_option("dir", dir_, "Output directory of an earlier `localmap run`")->required();
    command.add_option("--lang", lang_, "Language of labels: en (default) or ar");
    command.add_option("--field", field_,
                       "Numeric field of the units that colours the maps (default: priority score, coverage share, issue "
                       "rate or issue count, whichever exists)");
    command.add_option("--tiles", tiles_,
                       "Basemap tile URL template (https://.../{z}/{x}/{y}.png) for online use; by default the report "
                       "uses no basemap and makes no network request");
    command.add_flag("--precise-points", precise_,
                     "Embed individual issue locations (sensitive); by default issues are shown per unit only");
    command.add_option("--png-width", png_width_, "Width of map.png in pixels (at least 1600; default 1800)");
    chatter_.add_to(command);
  }

  void validate() const override { overridden(engine::report::ReportOptions{}).validate(); }

  int run() override {
    engine::report::ReportOptions options;
    if (const auto project = recorded_project(dir_)) options = engine::report::report_options_from_project(*project);
    options = overridden(options);
    const engine::report::ReportFiles files = engine::report::write_report(dir_, options);
    if (!chatter_.quiet) {
      std::printf("localmap report: %zu units coloured by %s\n", files.units,
                  files.field.empty() ? "(no numeric field)" : files.field.c_str());
      std::printf("  %s  (%.1f kB, boundaries %zu -> %zu vertices for display)\n", files.html.c_str(),
                  files.html_bytes / 1000.0, files.vertices_before, files.vertices_after);
      std::printf("  %s  (%.1f kB)\n", files.png.c_str(), files.png_bytes / 1000.0);
    }
    return 0;
  }

 private:
  // The options with what the command line says on top.
  engine::report::ReportOptions overridden(engine::report::ReportOptions options) const {
    if (lang_) options.lang = *lang_;
    if (field_) options.field = *field_;
    if (tiles_) options.tiles_url = *tiles_;
    if (precise_) options.precise_points = true;
    if (png_width_) options.png_width = *png_width_;
    return options;
  }

  std::string dir_;
  std::optional<std::string> lang_, field_, tiles_;
  std::optional<int> png_width_;
  bool precise_ = false;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_report_verb() { return std::make_unique<ReportVerb>(); }

}  // namespace localmap_cli
