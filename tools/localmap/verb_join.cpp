// localmap join --polygons SRC --points SRC --out FILE : the spatial join
// alone, for GIS users.  Every input point appears exactly once in FILE with
// the attributes of the polygon holding it, `match` and `match_note`.

#include <cstdio>
#include <filesystem>
#include <memory>

#include "engine/boundaries.hpp"
#include "engine/error.hpp"
#include "engine/exports.hpp"
#include "engine/inputs.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "geo/vector_writer.hpp"
#include "run_summary.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

class JoinVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Join points to the polygons that contain them. Points on a border shared by two polygons go to exactly one "
        "(semi-open rule, see README); points outside every polygon are snapped within --snap-m metres or reported "
        "unmatched with the distance to the nearest polygon. Output format by extension: .geojson, .gpkg or .csv.");
    polygons_.add_to(command, "polygons", "polygons-", "Polygon layer (e.g. districts)", false);
    command.add_option("--code-field", code_field_,
                       "Unique id field of the polygons (default: the most detailed ADMn_PCODE, else record numbers)");
    points_.add_to(command, "points", "points-", "Point layer or table with coordinates", true);
    command.add_option("-o,--out", out_, "Output file: .geojson, .gpkg or .csv")->required();
    command.add_option("--snap-m", snap_m_, "Snap distance in metres (geodesic); 0 = off")->capture_default_str();
    command.add_option("--precision", precision_, "Coordinate decimals in GeoJSON/CSV output")->capture_default_str();
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
    polygons.name = "polygons";
    polygons.source = polygons_.spec;
    polygons.code = code_field_;
    engine::PointLayerSpec points;
    points.export_all_fields = true;  // the user's own file, joined as asked
    points.name = std::filesystem::path(points_.spec.source).stem().string();
    points.role = "other";
    points.source = points_.spec;

    const engine::Inputs inputs = engine::load_inputs({polygons}, {points}, progress);  // polygons beside the points
    const engine::AdminLevel& level = inputs.boundaries.finest();
    const engine::AdminIndex& index = *inputs.index;
    const engine::PointLayer& layer = inputs.layers.front();
    const engine::LayerJoin join = engine::join_layer(index, layer, engine::JoinOptions{snap_m_}, progress);
    geo::LayerData out = engine::joined_points(layer, join, engine::polygon_columns(level), level);
    out.name = points.name;
    geo::WriteOptions write;
    write.precision = precision_;
    geo::write_layer(out_, out, write);

    if (!chatter_.quiet) {
      std::printf("localmap join: %zu polygons (%s), %zu points (%s)\n", level.units.size(), level.source.c_str(),
                  layer.size(), layer.located_by.c_str());
      print_accounting_header(stdout);
      print_accounting(points.name, join.counts, stdout);
      std::printf("written: %s\n", out_.c_str());
    }
    return 0;
  }

 private:
  InputOptions polygons_, points_;
  std::string code_field_, out_;
  double snap_m_ = 0;
  int precision_ = 7;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_join_verb() { return std::make_unique<JoinVerb>(); }

}  // namespace localmap_cli
