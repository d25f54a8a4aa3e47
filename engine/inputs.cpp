#include "engine/inputs.hpp"

#include <atomic>

#include "engine/parallel.hpp"
#include "engine/stopwatch.hpp"

namespace engine {

Inputs load_inputs(const std::vector<AdminLevelSpec>& levels, const std::vector<PointLayerSpec>& layers,
                   Progress& progress, const LoadOptions& options, AdminIndex::Nearest nearest) {
  Inputs in;
  std::atomic<bool> boundaries_failed{false};
  LoadOptions load = options;
  load.stop = &boundaries_failed;
  side_by_side(
      [&] {
        try {
          SilentProgress quiet;  // progress is the other thread's
          Stopwatch own;
          in.boundaries = load_boundaries(levels, quiet);
          in.boundaries_s = own.lap();
          // The vector of levels is only moved from here on, so the level
          // the index refers to stays where it is.
          in.index = std::make_unique<AdminIndex>(in.boundaries.finest(), nearest);
          in.index_s = own.lap();
        } catch (...) {
          boundaries_failed = true;
          throw;
        }
      },
      [&] {
        Stopwatch own;
        progress.begin("loading point layers", layers.size());
        for (const PointLayerSpec& spec : layers) {
          in.layers.push_back(load_point_layer(spec, load));
          progress.update(in.layers.size());
        }
        progress.end();
        in.points_s = own.lap();
      });
  return in;
}

}  // namespace engine
