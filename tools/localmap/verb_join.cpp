// localmap join --polygons SRC --points SRC --out FILE : the spatial join
// alone, for GIS users.  Every input point appears exactly once in FILE with
// the attributes of the polygon holding it, `match` and `match_note`.

#include <cstdio>
#include <memory>

#include "engine/boundaries.hpp"
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
    io_.add_to(command, ".geojson, .gpkg or .csv");
    chatter_.add_to(command);
  }

  void validate() const override { io_.validate(); }

  int run() override {
    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;

    const engine::AdminLevelSpec polygons = io_.polygon_spec("polygons");
    engine::PointLayerSpec points = io_.point_spec();
    points.export_all_fields = true;  // the user's own file, joined as asked

    const engine::Inputs inputs = engine::load_inputs({polygons}, {points}, progress);  // polygons beside the points
    const engine::AdminLevel& level = inputs.boundaries.finest();
    const engine::AdminIndex& index = *inputs.index;
    const engine::PointLayer& layer = inputs.layers.front();
    const engine::LayerJoin join = engine::join_layer(index, layer, engine::JoinOptions{io_.snap_m}, progress);
    geo::LayerData out = engine::joined_points(layer, join, engine::polygon_columns(level), level);
    out.name = points.name;
    geo::WriteOptions write;
    write.precision = io_.precision;
    geo::write_layer(io_.out, out, write);

    if (!chatter_.quiet) {
      std::printf("localmap join: %zu polygons (%s), %zu points (%s)\n", level.units.size(), level.source.c_str(),
                  layer.size(), layer.located_by.c_str());
      print_accounting_header(stdout);
      print_accounting(points.name, join.counts, stdout);
      std::printf("written: %s\n", io_.out.c_str());
    }
    return 0;
  }

 private:
  PointsOnPolygons io_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_join_verb() { return std::make_unique<JoinVerb>(); }

}  // namespace localmap_cli
