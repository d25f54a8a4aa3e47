#pragma once
// The spatial join: every record of a point layer gets the finest admin unit
// that holds it (and through it every coarser unit).
//
// Each record ends in exactly one state:
//   matched    inside a unit (border rule: geo/point_locator.hpp, semi-open)
//   snapped    outside every unit but within `snap_m` metres (geodesic) of
//              one; attributed to the nearest unit, location unchanged
//   unmatched  outside every unit and farther than `snap_m`; the nearest unit
//              and its distance are reported (unless JoinOptions::
//              nearest_unmatched is off, for counts that do not list them)
//   name-matched  no coordinates, but admin names or P-codes that name one
//              unit of the finest level (engine/names/layer_names.hpp); placed
//              at that unit's point on surface
//   rejected   no usable location (see PointLayer::rejection)
// Unmatched points that would fall inside a unit with latitude and longitude
// swapped are flagged: a common data-entry error, reported, never "fixed".
//
// The join runs on JoinOptions::threads threads (one per core by default);
// every record's outcome depends on that record alone, so the result is the
// same whatever the number of threads.

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "geo/boundary_distance.hpp"
#include "geo/point_locator.hpp"

namespace engine {

struct JoinOptions {
  double snap_m = 0;  // DEFAULT: 0 = no snapping
  int threads = 0;    // DEFAULT: 0 = one per core; the result never depends on it
  // Whether unmatched records get their nearest unit and its distance.  Off,
  // they are still counted as unmatched (and checked for swapped latitude and
  // longitude), but with nearest -1 and distance NaN: what a count per unit
  // needs, at a fraction of the cost when many points lie outside (the
  // nearest unit is most of the join's time for them).  Snapping needs the
  // distance, so with snap_m > 0 every outside point is measured anyway.
  bool nearest_unmatched = true;  // DEFAULT: true
  void validate() const;
};

enum class Match : std::uint8_t { Matched, Snapped, NameMatched, Unmatched, Rejected };
const char* to_string(Match m);

struct JoinCounts {
  // input = matched + snapped + name_matched + unmatched + rejected
  std::int64_t input = 0, matched = 0, snapped = 0, name_matched = 0, unmatched = 0, rejected = 0;
  std::int64_t name_conflicts = 0;  // located records whose admin names name another unit
  std::int64_t likely_swapped = 0;  // unmatched points inside a unit when swapped
  std::int64_t approximate = 0;     // records whose location is flagged approximate
};

struct LayerJoin {
  std::vector<std::int32_t> unit;   // finest-level unit, -1 when none
  std::vector<Match> match;
  std::vector<double> distance_m;   // snapped / unmatched: to the nearest unit; NaN otherwise (and see
                                    // JoinOptions::nearest_unmatched)
  std::vector<std::int32_t> nearest;  // unmatched: the nearest unit (-1 when not measured)
  std::vector<std::uint8_t> swapped;  // unmatched and inside a unit when lat/lon are swapped
  JoinCounts counts;
  // From name matching: where name-matched records are placed, and a note
  // for any record whose names were looked at (match, conflict, or why not).
  std::unordered_map<std::size_t, geo::Point> placed_by_name;
  std::unordered_map<std::size_t, std::string> name_notes;
  geo::Point location(std::size_t record, const PointLayer& layer) const;

  // The match_note text for one record.
  std::string note(std::size_t record, const AdminLevel& level, const PointLayer& layer) const;
};

// The finest level's point index, built once and used for every layer.
class AdminIndex {
 public:
  // When nearest()'s index is built: at its first call, or now, on a second
  // thread beside the point index (each only reads the shapes).
  enum class Nearest { OnFirstUse, BuiltNow };
  explicit AdminIndex(const AdminLevel& level, Nearest nearest = Nearest::OnFirstUse);
  std::int32_t locate(geo::Point p) const { return locator_->locate(p); }
  // locate() for many points at once (faster: see geo::PointLocator).
  void locate_all(std::span<const geo::Point> points, std::span<std::int32_t> units) const {
    locator_->locate_all(points, units);
  }
  geo::BoundaryDistance::Nearest nearest(geo::Point p) const;
  // The order in which to ask nearest() about points[indices[...]] (see
  // geo::BoundaryDistance::sort_by_cell).
  void sort_for_nearest(std::span<const geo::Point> points, std::span<std::uint32_t> indices) const {
    distance().sort_by_cell(points, indices);
  }
  const AdminLevel& level() const { return level_; }

 private:
  const geo::BoundaryDistance& distance() const;  // built once
  const AdminLevel& level_;
  std::unique_ptr<geo::PointLocator> locator_;
  mutable std::once_flag distance_once_;                      // joins query from several threads
  mutable std::unique_ptr<geo::BoundaryDistance> distance_;
};

LayerJoin join_layer(const AdminIndex& index, const PointLayer& layer, const JoinOptions& options, Progress& progress);

}  // namespace engine
