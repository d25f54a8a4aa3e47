// localmap count --polygons SRC --points SRC --out FILE : points counted per
// polygon (QGIS's "Count points in polygon"), optionally per value of a
// field.  The polygons are written with their own attributes and the counts.

#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/count_points.hpp"
#include "engine/error.hpp"
#include "engine/join.hpp"
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
    polygons_.add_to(command, "polygons", "polygons-", "Polygon layer (e.g. districts)", false);
    command.add_option("--code-field", code_field_,
                       "Unique id field of the polygons (default: the most detailed ADMn_PCODE, else record numbers)");
    points_.add_to(command, "points", "points-", "Point layer or table with coordinates", true);
    command.add_option("--by", by_, "Also count per value of this field of the points (e.g. category)");
    command.add_option("-o,--out", out_, "Output file: .csv, .geojson or .gpkg")->required();
    command.add_option("--snap-m", snap_m_, "Snap distance in metres (geodesic); 0 = off")->capture_default_str();
    command.add_option("--precision", precision_, "Coordinate decimals in GeoJSON output")->capture_default_str();
    chatter_.add_to(command);
  }

  void validate() const override {
    engine::JoinOptions{snap_m_}.validate();
    geo::output_format_for(out_);
    if (precision_ < 1 || precision_ > 15) throw engine::Error("--precision must be between 1 and 15");
  }

  int run() override {
    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;

    engine::AdminLevelSpec polygons;
    polygons.name = std::filesystem::path(polygons_.spec.source).stem().string();
    polygons.source = polygons_.spec;
    polygons.code = code_field_;
    engine::PointLayerSpec points;
    points.name = std::filesystem::path(points_.spec.source).stem().string();
    points.role = "other";
    points.source = points_.spec;
    if (!by_.empty()) {
      points.fields.category = by_;
      points.count_by = {"category"};
    }

    const engine::PointCounts counted = engine::count_points(polygons, points, snap_m_, progress);
    const bool with_geometry = geo::output_format_for(out_) != geo::OutputFormat::CSV;
    geo::LayerData out = engine::counted_polygons(counted, with_geometry);
    geo::WriteOptions write;
    write.precision = precision_;
    geo::write_layer(out_, out, write);

    if (!chatter_.quiet) {
      std::printf("localmap count: %zu polygons (%s), %zu points (%s)\n", counted.polygons().units.size(),
                  counted.polygons().source.c_str(), counted.points().size(), counted.points().located_by.c_str());
      print_accounting_header(stdout);
      print_accounting(points.name, counted.join.counts, stdout);
      std::printf("written: %s (%zu polygons, %zu count columns)\n", out_.c_str(), out.rows.size(),
                  counted.counts.columns.size());
    }
    return 0;
  }

 private:
  InputOptions polygons_, points_;
  std::string code_field_, by_, out_;
  double snap_m_ = 0;
  int precision_ = 7;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_count_verb() { return std::make_unique<CountVerb>(); }

}  // namespace localmap_cli
