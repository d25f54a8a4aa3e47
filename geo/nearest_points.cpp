#include "geo/nearest_points.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include "geo/geodesic.hpp"

namespace geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180;
constexpr std::uint32_t kLeafSize = 12;

// WGS84, as in geo/geodesic.cpp.
constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;
constexpr double kE2 = kF * (2 - kF);

// Slack that covers floating-point rounding in unit vectors, chords and
// angles (about 1e-15 of a unit vector, i.e. nanometres on the ground), so a
// bound never excludes a site it should not.
constexpr double kRelativeSlack = 1e-12;
constexpr double kChordSlack = 1e-12;      // on the unit sphere
constexpr double kDistanceSlackM = 1e-6 + kGeodesicDistanceErrorM;  // rounding + geodesic_distance_m's error

double geodesic_m(Point a, Point b) { return geodesic_distance_m(a, b); }

bool finite(Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

void unit_vector(Point p, double out[3]) {
  const double lat = p.y * kDegree, lon = p.x * kDegree;
  const double c = std::cos(lat);
  out[0] = c * std::cos(lon);
  out[1] = c * std::sin(lon);
  out[2] = std::sin(lat);
}

// Central angle (radians) from a squared chord of the unit sphere.
double angle_of_chord2(double c2) { return 2 * std::asin(std::min(1.0, std::sqrt(c2) / 2)); }

// Squared chord bound for a central angle: every pair at most `angle` apart
// has a squared chord at most this.
double chord2_bound(double angle) {
  if (!(angle < kPi)) return std::numeric_limits<double>::infinity();
  const double c = 2 * std::sin(angle / 2) * (1 + kRelativeSlack) + kChordSlack;
  return c * c;
}

struct Candidate {
  double chord2;
  std::int32_t index;  // original site index
  std::uint32_t slot;  // position in tree order
};

}  // namespace

double NearestPoints::min_metres_per_radian() { return kA * (1 - kE2); }
double NearestPoints::max_metres_per_radian() { return kA / std::sqrt(1 - kE2); }

NearestPoints::NearestPoints(std::span<const Point> sites) : site_count_(sites.size()) {
  // Unit vectors of the finite sites, in input order; the tree is built over
  // a permutation of them and the arrays are laid out in tree order after.
  std::vector<std::uint32_t> order;
  std::vector<double> xyz;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (!finite(sites[i])) continue;
    order.push_back(static_cast<std::uint32_t>(i));
    xyz.resize(xyz.size() + 3);
    unit_vector(sites[i], &xyz[xyz.size() - 3]);
  }
  std::vector<std::uint32_t> perm(order.size());
  std::iota(perm.begin(), perm.end(), 0u);
  if (!perm.empty()) {
    nodes_.reserve(2 * perm.size() / kLeafSize + 2);
    build(xyz, perm, 0, static_cast<std::uint32_t>(perm.size()));
  }
  xyz_.resize(perm.size() * 3);
  lonlat_.resize(perm.size());
  index_.resize(perm.size());
  for (std::size_t k = 0; k < perm.size(); ++k) {
    std::copy_n(&xyz[3 * perm[k]], 3, &xyz_[3 * k]);
    index_[k] = static_cast<std::int32_t>(order[perm[k]]);
    lonlat_[k] = sites[order[perm[k]]];
  }
}

// Median split on the widest axis of the node's box.  `perm` lists the
// sites (positions in `xyz`) in tree order once the build is done; every node
// covers a contiguous range of it.  Ties are ordered by position, so the tree
// does not depend on the standard library's nth_element.
std::uint32_t NearestPoints::build(const std::vector<double>& xyz, std::vector<std::uint32_t>& perm,
                                   std::uint32_t begin, std::uint32_t end) {
  const std::uint32_t id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back({});
  Node node;
  node.begin = begin;
  node.end = end;
  if (end - begin > kLeafSize) {
    double lo[3], hi[3];
    for (int k = 0; k < 3; ++k) lo[k] = std::numeric_limits<double>::infinity(), hi[k] = -lo[k];
    for (std::uint32_t i = begin; i < end; ++i)
      for (int k = 0; k < 3; ++k) {
        lo[k] = std::min(lo[k], xyz[3 * perm[i] + k]);
        hi[k] = std::max(hi[k], xyz[3 * perm[i] + k]);
      }
    std::uint32_t axis = 0;
    for (std::uint32_t k = 1; k < 3; ++k)
      if (hi[k] - lo[k] > hi[axis] - lo[axis]) axis = k;
    const std::uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(perm.begin() + begin, perm.begin() + mid, perm.begin() + end, [&](std::uint32_t a, std::uint32_t b) {
      const double va = xyz[3 * a + axis], vb = xyz[3 * b + axis];
      return va < vb || (va == vb && a < b);
    });
    node.axis = axis;
    node.split = xyz[3 * perm[mid] + axis];
    node.left = build(xyz, perm, begin, mid);
    node.right = build(xyz, perm, mid, end);
  }
  nodes_[id] = node;
  return id;
}

// Depth-first search, nearer side first.  `cell2` is the squared distance
// from q to the node's cell (the intersection of the half-spaces above it),
// kept incrementally through `offset`, q's distance to the cell along each
// axis (Arya & Mount 1993); a subtree is skipped when it exceeds `limit2`.
// Returns false when the visitor asked to stop.
template <class Visit>
bool NearestPoints::descend(std::uint32_t id, const double q[3], double cell2, double offset[3], double& limit2,
                            Visit& visit) const {
  const Node& node = nodes_[id];
  if (node.left == 0) {
    for (std::uint32_t i = node.begin; i < node.end; ++i) {
      const double dx = xyz_[3 * i] - q[0], dy = xyz_[3 * i + 1] - q[1], dz = xyz_[3 * i + 2] - q[2];
      const double c2 = dx * dx + dy * dy + dz * dz;
      if (c2 <= limit2 && !visit(i, c2)) return false;
    }
    return true;
  }
  const double d = q[node.axis] - node.split;
  const std::uint32_t near = d < 0 ? node.left : node.right, far = d < 0 ? node.right : node.left;
  if (!descend(near, q, cell2, offset, limit2, visit)) return false;
  const double old = offset[node.axis];
  const double far2 = cell2 - old * old + d * d;
  if (far2 > limit2) return true;
  offset[node.axis] = d;
  const bool go_on = descend(far, q, far2, offset, limit2, visit);
  offset[node.axis] = old;
  return go_on;
}

// Calls visit(slot, chord2) for every site whose squared chord to q is at
// most `limit2`, nearer subtrees first.  `visit` may lower `limit2` and
// returns false to stop.
template <class Visit>
void NearestPoints::visit_in_range(const double q[3], double& limit2, Visit&& visit) const {
  if (nodes_.empty()) return;
  double offset[3] = {0, 0, 0};
  descend(0, q, 0.0, offset, limit2, visit);
}

NearestPoints::Nearest NearestPoints::nearest(Point p, double max_distance_m) const {
  Nearest best;
  if (nodes_.empty() || !finite(p) || !(max_distance_m >= 0)) return best;
  double q[3];
  unit_vector(p, q);
  const double m_min = min_metres_per_radian(), m_max = max_metres_per_radian();
  const double ratio2 = (m_max / m_min) * (m_max / m_min) * (1 + kRelativeSlack);
  const double cap2 = chord2_bound((max_distance_m + kDistanceSlackM) / m_min);

  // Collect every site that may beat the chord-nearest one: within ratio x
  // its chord (sin is concave, so ratio x chord bounds ratio x angle).
  thread_local std::vector<Candidate> candidates;
  candidates.clear();
  double best_chord2 = std::numeric_limits<double>::infinity();
  double limit2 = cap2;
  visit_in_range(q, limit2, [&](std::uint32_t slot, double c2) {
    candidates.push_back({c2, index_[slot], slot});
    if (c2 < best_chord2) {
      best_chord2 = c2;
      const double c = std::sqrt(ratio2 * c2) + kChordSlack;
      limit2 = std::min(cap2, c * c);
    }
    return true;
  });
  std::erase_if(candidates, [&](const Candidate& c) { return c.chord2 > limit2; });
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.chord2 < b.chord2 || (a.chord2 == b.chord2 && a.index < b.index);
  });
  double best_m = std::numeric_limits<double>::infinity();
  for (const Candidate& c : candidates) {
    const double lower = m_min * angle_of_chord2(c.chord2) * (1 - kRelativeSlack) - kDistanceSlackM;
    if (lower > best_m || lower > max_distance_m) break;
    const double d = geodesic_m(p, lonlat_[c.slot]);
    if (d > max_distance_m) continue;
    if (d < best_m || (d == best_m && c.index < best.index)) {
      best_m = d;
      best.index = c.index;
      best.distance_m = d;
    }
  }
  return best;
}

void NearestPoints::nearest_all(std::span<const Point> queries, std::span<Nearest> out, double max_distance_m,
                                unsigned threads) const {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t n = std::min(queries.size(), out.size());
  if (n < 4096) threads = 1;
  auto work = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = nearest(queries[i], max_distance_m);
  };
  if (threads == 1) return work(0, n);
  // Contiguous chunks: each result depends only on its own query, so the
  // output is the same whatever the number of threads.
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(n, t * chunk), end = std::min(n, begin + chunk);
    if (begin < end) pool.emplace_back(work, begin, end);
  }
  for (std::thread& t : pool) t.join();
}

bool NearestPoints::any_within(Point p, double radius_m) const {
  if (nodes_.empty() || !finite(p) || !(radius_m >= 0)) return false;
  double q[3];
  unit_vector(p, q);
  const double m_min = min_metres_per_radian(), m_max = max_metres_per_radian();
  double limit2 = chord2_bound((radius_m + kDistanceSlackM) / m_min);
  bool found = false;
  visit_in_range(q, limit2, [&](std::uint32_t slot, double c2) {
    const double angle = angle_of_chord2(c2);
    if (m_max * angle * (1 + kRelativeSlack) + kDistanceSlackM <= radius_m) found = true;  // surely inside
    else if (m_min * angle * (1 - kRelativeSlack) - kDistanceSlackM <= radius_m)
      found = geodesic_m(p, lonlat_[slot]) <= radius_m;
    return !found;
  });
  return found;
}

void NearestPoints::within(Point p, double radius_m, std::vector<std::int32_t>& out) const {
  out.clear();
  if (nodes_.empty() || !finite(p) || !(radius_m >= 0)) return;
  double q[3];
  unit_vector(p, q);
  const double m_min = min_metres_per_radian(), m_max = max_metres_per_radian();
  double limit2 = chord2_bound((radius_m + kDistanceSlackM) / m_min);
  visit_in_range(q, limit2, [&](std::uint32_t slot, double c2) {
    const double angle = angle_of_chord2(c2);
    if (m_max * angle * (1 + kRelativeSlack) + kDistanceSlackM <= radius_m ||
        (m_min * angle * (1 - kRelativeSlack) - kDistanceSlackM <= radius_m &&
         geodesic_m(p, lonlat_[slot]) <= radius_m))
      out.push_back(index_[slot]);
    return true;
  });
  std::sort(out.begin(), out.end());
}

}  // namespace geo
