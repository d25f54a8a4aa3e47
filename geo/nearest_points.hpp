#pragma once
// Exact nearest-neighbour and radius queries over a fixed set of points on
// the WGS84 ellipsoid, by geodesic distance in metres.
//
// Points are longitude/latitude in degrees (x = lon, y = lat).  Distances are
// the exact ellipsoidal geodesic (geo/geodesic.hpp, Karney's algorithm), so
// "nearest" means nearest on the ground, anywhere on earth (across the
// antimeridian and near the poles too).
//
// How it is fast and still exact.  Sites are stored as unit vectors of a
// sphere (the same longitude and latitude) in a 3-D k-d tree.  For two points
// at central angle s on that sphere, the ellipsoidal geodesic distance d obeys
//     m_min * s  <=  d  <=  m_max * s,
//     m_min = a (1 - e^2)          (meridian radius of curvature at the equator)
//     m_max = a / sqrt(1 - e^2)    (radius of curvature at the poles)
// because the ellipsoid's line element (M^2 dphi^2 + N^2 cos^2 phi dlambda^2)
// lies between m_min^2 and m_max^2 times the sphere's (dphi^2 + cos^2 phi
// dlambda^2).  A query therefore collects, by chord length alone, every site
// that could still beat the best upper bound (at most m_max/m_min = 1.0101
// times farther in angle than the chord-nearest site), then computes the
// geodesic to those candidates in order of angle and stops as soon as the
// lower bound of the next one exceeds the best distance found.  Usually one
// geodesic is computed per query.
//
// Ties: of sites at exactly the same distance, the lowest index wins.  Sites
// that are not finite (NaN) are kept in the numbering but never returned.
//
// Thread-safety: immutable after construction; every query may run from many
// threads at once.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "geo/orientation.hpp"

namespace geo {

class NearestPoints {
 public:
  explicit NearestPoints(std::span<const Point> sites);

  // Number of sites given (finite or not).
  std::size_t size() const { return site_count_; }

  struct Nearest {
    std::int32_t index = -1;  // -1: no site (none given, none within the limit, or the query is NaN)
    double distance_m = std::numeric_limits<double>::quiet_NaN();
  };

  // The geodesically nearest site to p, considering only sites at most
  // `max_distance_m` away.
  Nearest nearest(Point p, double max_distance_m = std::numeric_limits<double>::infinity()) const;

  // nearest() for many queries, split over `threads` threads (0 = all cores).
  // out.size() must equal queries.size(); results do not depend on `threads`.
  void nearest_all(std::span<const Point> queries, std::span<Nearest> out,
                   double max_distance_m = std::numeric_limits<double>::infinity(), unsigned threads = 0) const;

  // Whether some site lies within `radius_m` (closed: distance <= radius_m).
  // Most answers come from the bounds alone, without a geodesic.
  bool any_within(Point p, double radius_m) const;

  // Indices of every site within `radius_m` of p (closed), ascending.
  void within(Point p, double radius_m, std::vector<std::int32_t>& out) const;

  // The bounds above, in metres per radian of central angle.
  static double min_metres_per_radian();
  static double max_metres_per_radian();

  // ---- implementation details below ----
 private:
  // A k-d tree node: split plane (axis, value) with every site of `left`
  // at or below it and every site of `right` at or above; leaves have no
  // children (left == 0) and cover sites [begin, end) in tree order.
  struct Node {
    double split = 0;
    std::uint32_t begin = 0, end = 0;
    std::uint32_t left = 0, right = 0;
    std::uint32_t axis = 0;
  };
  std::uint32_t build(const std::vector<double>& xyz, std::vector<std::uint32_t>& perm, std::uint32_t begin,
                      std::uint32_t end);
  template <class Visit>
  void visit_in_range(const double q[3], double& limit2, Visit&& visit) const;
  template <class Visit>
  bool descend(std::uint32_t node, const double q[3], double cell2, double offset[3], double& limit2, Visit& visit) const;

  std::size_t site_count_ = 0;
  std::vector<double> xyz_;           // unit vectors, 3 per site, in tree order
  std::vector<Point> lonlat_;         // the same sites as given, in tree order
  std::vector<std::int32_t> index_;   // original index, in tree order
  std::vector<Node> nodes_;
};

}  // namespace geo
