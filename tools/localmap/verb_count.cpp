// localmap count --polygons SRC --points SRC --out FILE : points counted per
// polygon (QGIS's "Count points in polygon"), optionally per value of a
// field.  The polygons are written with their own attributes and the counts.

#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/count_points.hpp"
#include "geo/vector_writer.hpp"
#include "run_summary.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

class CountVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Count the points in each polygon, like QGIS's \"Count points in polygon\". Every polygon is written, with its "
        "own attributes and n_<points> (the points file's name), plus n_<points>_category_<value> per value of --by. "
        "Points on a border shared by two polygons count once (semi-open rule, see README); points outside every "
        "polygon are snapped within --snap-m metres or counted as unmatched in the summary. Counts are not "
        "suppressed: for restricted data use `localmap run`, which hides small counts. Output format by extension: "
        ".csv (no shapes), .geojson or .gpkg.\n\n"
        "Example:  localmap count --polygons adm2.gpkg --points events.csv --by event_type --out counts.csv");
    io_.add_to(command, ".csv (no shapes), .geojson or .gpkg");
    command.add_option("--by", by_, "Also count per value of this field of the points (e.g. category)");
    chatter_.add_to(command);
  }

  void validate() const override { io_.validate(); }

  int run() override {
    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;

    const engine::AdminLevelSpec polygons = io_.polygon_spec(std::filesystem::path(io_.polygons.spec.source).stem().string());
    engine::PointLayerSpec points = io_.point_spec();
    if (!by_.empty()) {
      points.fields.category = by_;
      points.count_by = {"category"};
    }

    const engine::PointCounts counted = engine::count_points(polygons, points, io_.snap_m, progress);
    const bool with_geometry = geo::output_format_for(io_.out) != geo::OutputFormat::CSV;
    geo::LayerData out = engine::counted_polygons(counted, with_geometry);
    geo::WriteOptions write;
    write.precision = io_.precision;
    geo::write_layer(io_.out, out, write);

    if (!chatter_.quiet) {
      std::printf("localmap count: %zu polygons (%s), %zu points (%s)\n", counted.polygons().units.size(),
                  counted.polygons().source.c_str(), counted.points().size(), counted.points().located_by.c_str());
      print_accounting_header(stdout);
      print_accounting(points.name, counted.join.counts, stdout);
      std::printf("written: %s (%zu polygons, %zu count columns)\n", io_.out.c_str(), out.rows.size(),
                  counted.counts.columns.size());
    }
    return 0;
  }

 private:
  PointsOnPolygons io_;
  std::string by_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_count_verb() { return std::make_unique<CountVerb>(); }

}  // namespace localmap_cli
