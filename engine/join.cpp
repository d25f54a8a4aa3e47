#include "engine/join.hpp"

#include <cmath>
#include <cstdio>

#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "geo/huge_pages.hpp"

namespace engine {
namespace {

std::string metres(double m) {
  char buffer[48];
  if (m >= 10000) std::snprintf(buffer, sizeof buffer, "%.1f km", m / 1000);
  else std::snprintf(buffer, sizeof buffer, "%.1f m", m);
  return buffer;
}

std::vector<const geo::Geometry*> shapes_of(const AdminLevel& level) {
  std::vector<const geo::Geometry*> shapes;
  for (const AdminUnit& u : level.units) shapes.push_back(&u.shape);
  return shapes;
}

}  // namespace

void JoinOptions::validate() const {
  if (!(snap_m >= 0) || snap_m > 1e6)
    throw Error("the snap distance must be between 0 and 1,000,000 metres, not " + std::to_string(snap_m), {},
                "0 turns snapping off");
  if (threads < 0 || threads > 256) throw Error("the join's thread count must be between 0 (one per core) and 256");
}

const char* to_string(Match m) {
  switch (m) {
    case Match::Matched: return "matched";
    case Match::Snapped: return "snapped";
    case Match::NameMatched: return "name-matched";
    case Match::Unmatched: return "unmatched";
    case Match::Rejected: return "rejected";
  }
  return "?";
}

AdminIndex::AdminIndex(const AdminLevel& level, Nearest nearest) : level_(level) {
  const auto build_locator = [&] { locator_ = geo::make_grid_locator(shapes_of(level)); };
  if (nearest == Nearest::BuiltNow)
    side_by_side([&] { distance(); }, build_locator);
  else
    build_locator();
}

const geo::BoundaryDistance& AdminIndex::distance() const {
  std::call_once(distance_once_, [&] { distance_ = std::make_unique<geo::BoundaryDistance>(shapes_of(level_)); });
  return *distance_;
}

geo::BoundaryDistance::Nearest AdminIndex::nearest(geo::Point p) const { return distance().nearest(p); }

geo::Point LayerJoin::location(std::size_t r, const PointLayer& layer) const {
  if (match[r] == Match::NameMatched) return placed_by_name.at(r);
  return layer.points[r];
}

std::string LayerJoin::note(std::size_t r, const AdminLevel& level, const PointLayer& layer) const {
  std::string text;
  switch (match[r]) {
    case Match::Matched: break;
    case Match::Snapped:
      text = "snapped " + metres(distance_m[r]) + " to " + level.units[static_cast<std::size_t>(unit[r])].code;
      break;
    case Match::Unmatched:
      text = "outside every " + level.spec.name;
      if (nearest[r] >= 0)
        text += "; nearest " + level.units[static_cast<std::size_t>(nearest[r])].code + " at " + metres(distance_m[r]);
      if (swapped[r]) text += "; inside " + level.spec.name + " with latitude and longitude swapped";
      break;
    case Match::NameMatched: break;
    case Match::Rejected: text = layer.rejection[r]; break;
  }
  if (const auto it = name_notes.find(r); it != name_notes.end()) text += (text.empty() ? "" : "; ") + it->second;
  if (!layer.notes[r].empty()) text += (text.empty() ? "" : "; ") + layer.notes[r];
  return text;
}

LayerJoin join_layer(const AdminIndex& index, const PointLayer& layer, const JoinOptions& options, Progress& progress) {
  options.validate();
  const std::size_t n = layer.size();
  LayerJoin out;
  geo::fill_fresh(out.unit, n, std::int32_t{-1});
  geo::fill_fresh(out.match, n, Match::Rejected);
  geo::fill_fresh(out.distance_m, n, std::nan(""));
  geo::fill_fresh(out.nearest, n, std::int32_t{-1});
  geo::fill_fresh(out.swapped, n, std::uint8_t{0});
  out.counts.input = static_cast<std::int64_t>(n);
  progress.begin("joining " + layer.spec.name, n);
  // Each record's outcome depends on that record alone: the records are
  // split over the threads, each index written by one of them, and the
  // counts are summed afterwards in record order, so the result does not
  // depend on the number of threads.  Within a block, every point is
  // located first; the points outside every unit then ask for their nearest
  // unit in the distance index's cell order, so that consecutive searches
  // walk the same part of its tree.  Progress moves between blocks, from
  // this thread only.
  const unsigned threads = thread_count(options.threads);
  constexpr std::size_t kBlock = 1 << 20;
  std::vector<std::uint32_t> outside;  // positions in the block
  for (std::size_t block = 0; block < n; block += kBlock) {
    const std::size_t block_end = std::min(n, block + kBlock);
    const auto points = std::span(layer.points).subspan(block, block_end - block);
    parallel_chunks(points.size(), threads, [&](std::size_t begin, std::size_t end) {
      // Located all at once (rejected records too, whatever their point),
      // so the index can overlap the memory accesses of many points.
      index.locate_all(points.subspan(begin, end - begin), std::span(out.unit).subspan(block + begin, end - begin));
      for (std::size_t i = block + begin; i < block + end; ++i) {
        if (!layer.rejection[i].empty()) out.unit[i] = -1;  // stays Rejected
        else if (out.unit[i] >= 0) out.match[i] = Match::Matched;
      }
    }, 1024);
    outside.clear();
    for (std::size_t i = block; i < block_end; ++i)
      if (out.unit[i] < 0 && layer.rejection[i].empty()) outside.push_back(static_cast<std::uint32_t>(i - block));
    const bool measure = options.nearest_unmatched || options.snap_m > 0;
    if (measure && !outside.empty()) index.sort_for_nearest(points, outside);
    parallel_chunks(outside.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::size_t i = block + outside[k];
        const geo::Point p = layer.points[i];
        if (measure) {
          const auto near = index.nearest(p);
          out.distance_m[i] = near.distance_m;
          // snap_m 0 is off: not even a point whose nearest boundary point
          // rounds to itself (distance 0) is snapped.
          if (near.polygon >= 0 && options.snap_m > 0 && near.distance_m <= options.snap_m) {
            out.unit[i] = near.polygon;
            out.match[i] = Match::Snapped;
            continue;
          }
          out.nearest[i] = near.polygon;
        }
        out.match[i] = Match::Unmatched;
        out.swapped[i] = std::fabs(p.x) <= 90 && index.locate({p.y, p.x}) >= 0;
      }
    }, 256);
    progress.update(block_end);
  }
  for (std::size_t i = 0; i < n; ++i) {
    out.counts.approximate += !layer.notes[i].empty();
    out.counts.likely_swapped += out.swapped[i];
    switch (out.match[i]) {
      case Match::Matched: ++out.counts.matched; break;
      case Match::Snapped: ++out.counts.snapped; break;
      case Match::Unmatched: ++out.counts.unmatched; break;
      case Match::Rejected: ++out.counts.rejected; break;
      case Match::NameMatched: break;  // set later, by name matching
    }
  }
  progress.update(n);
  progress.end();
  return out;
}

}  // namespace engine
