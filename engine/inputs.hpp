#pragma once
// A run's inputs, loaded side by side: the boundaries and the finest level's
// indexes on a second thread while the point layers load on this one.  A
// point loader leaves part of the machine idle, and on a million points both
// take about as long (0.13 s and 0.1 s alone).  Used by `localmap run`,
// `localmap join` and the join benchmark, so the benchmark times the
// product's own code.

#include <memory>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "engine/project.hpp"

namespace engine {

struct Inputs {
  Boundaries boundaries;
  std::unique_ptr<AdminIndex> index;  // of boundaries.finest()
  std::vector<PointLayer> layers;     // in the order of their specs
  // Each side's own time (they overlap).
  double boundaries_s = 0, index_s = 0, points_s = 0;
};

// Errors come out as if the boundaries had loaded first: a boundary error is
// the one reported, and it stops the point layers between parts, so it is
// not held back until a large file has been read.  Progress is drawn for
// the point layers only.  `nearest`: whether the index's nearest-unit
// search is built now, beside the rest, or only if a join asks for it.
Inputs load_inputs(const std::vector<AdminLevelSpec>& levels, const std::vector<PointLayerSpec>& layers,
                   Progress& progress, const LoadOptions& options = {},
                   AdminIndex::Nearest nearest = AdminIndex::Nearest::BuiltNow);

}  // namespace engine
