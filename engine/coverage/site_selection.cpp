#include "engine/coverage/site_selection.hpp"

#include <algorithm>
#include <cmath>
#include <queue>

#include "engine/parallel.hpp"
#include "engine/error.hpp"
#include "geo/geodesic.hpp"
#include "geo/nearest_points.hpp"

namespace engine::coverage {
namespace {

struct Reach {
  std::vector<std::int32_t> demand;  // within the radius; nearest first when capacity is finite
};

// Covers `reach` (in order) until `capacity` is used; returns the demand
// newly covered and lowers `remaining`.
double cover(const std::vector<std::int32_t>& reach, double capacity, std::vector<double>& remaining) {
  double taken = 0;
  for (std::int32_t d : reach) {
    double& left = remaining[static_cast<std::size_t>(d)];
    if (left <= 0) continue;
    const double take = std::min(left, capacity - taken);
    if (take <= 0) break;
    left -= take;
    taken += take;
  }
  return taken;
}

double gain_of(const std::vector<std::int32_t>& reach, double capacity, const std::vector<double>& remaining) {
  double sum = 0;
  for (std::int32_t d : reach) sum += remaining[static_cast<std::size_t>(d)];
  return std::min(sum, capacity);
}

// Orders demand in reach nearest first (ties: lower index), for capacities.
void sort_by_distance(std::vector<std::int32_t>& reach, geo::Point from, std::span<const DemandPoint> demand) {
  std::vector<std::pair<double, std::int32_t>> keyed;
  keyed.reserve(reach.size());
  for (std::int32_t d : reach) keyed.emplace_back(geo::geodesic_distance_m(from, demand[static_cast<std::size_t>(d)].at), d);
  std::sort(keyed.begin(), keyed.end());
  for (std::size_t i = 0; i < keyed.size(); ++i) reach[i] = keyed[i].second;
}

// A longitude/latitude box holding every point within `radius_m` of
// `centre` (geodesic): a point at distance d is at most d / m_min radians
// away on the sphere of the same latitudes and longitudes
// (geo/nearest_points.hpp), and a spherical cap of angle a around latitude
// phi spans at most asin(sin a / cos phi) of longitude when it holds no pole.
struct ReachBox {
  double lat_deg = 0, lon_deg = 0;  // half-widths; lon_deg < 0 = any longitude
  geo::Point centre;
  ReachBox(geo::Point c, double radius_m) : centre(c) {
    const double kDegree = 3.14159265358979323846 / 180;
    const double angle = radius_m / geo::NearestPoints::min_metres_per_radian() * (1 + 1e-9) + 1e-12;
    lat_deg = angle / kDegree;
    const double pole_gap = 90 * kDegree - std::fabs(c.y) * kDegree;
    lon_deg = angle < pole_gap ? std::asin(std::min(1.0, std::sin(angle) / std::cos(c.y * kDegree))) / kDegree : -1;
  }
  bool may_hold(geo::Point p) const {
    if (std::fabs(p.y - centre.y) > lat_deg) return false;
    if (lon_deg < 0) return true;
    const double dlon = std::fabs(std::remainder(p.x - centre.x, 360.0));
    return dlon <= lon_deg;
  }
};

}  // namespace

SiteSelection select_sites(std::span<const DemandPoint> uncovered, double baseline, double total,
                           std::span<const CandidateSite> candidates, int k, unsigned threads, double exact_time_limit_s) {
  SiteSelection out;
  out.total = total;
  out.baseline = baseline;
  const auto share = [&](double covered) { return total > 0 ? covered / total : NAN; };
  if (k <= 0) return out;
  if (candidates.empty()) {
    out.stopped = "there are no candidate sites";
    return out;
  }

  std::vector<geo::Point> points(uncovered.size());
  for (std::size_t d = 0; d < uncovered.size(); ++d) points[d] = uncovered[d].at;
  const geo::NearestPoints index(points);
  std::vector<Reach> reach(candidates.size());
  bool all_unlimited = true;
  for (const CandidateSite& c : candidates) all_unlimited = all_unlimited && std::isinf(c.capacity);
  parallel_chunks(candidates.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      index.within(candidates[c].at, candidates[c].radius_m, reach[c].demand);
      if (!std::isinf(candidates[c].capacity)) sort_by_distance(reach[c].demand, candidates[c].at, uncovered);
    }
  }, 16);

  std::vector<double> remaining(uncovered.size());
  for (std::size_t d = 0; d < uncovered.size(); ++d) remaining[d] = uncovered[d].weight;

  // Max-heap by (gain bound, lower index first).  Bounds only fall as sites
  // are chosen, so a candidate whose fresh gain still tops every other bound
  // is the greedy choice.
  struct Entry {
    double bound;
    std::size_t candidate;
  };
  const auto below = [](const Entry& a, const Entry& b) {
    return a.bound < b.bound || (a.bound == b.bound && a.candidate > b.candidate);
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(below)> heap(below);
  for (std::size_t c = 0; c < candidates.size(); ++c)
    heap.push({gain_of(reach[c].demand, candidates[c].capacity, remaining), c});

  double covered = baseline;
  std::vector<double> greedy_gains;
  std::vector<CandidateSite> chosen;
  while (static_cast<int>(out.picks.size()) < k) {
    std::optional<Entry> pick;
    while (!heap.empty()) {
      Entry top = heap.top();
      heap.pop();
      top.bound = gain_of(reach[top.candidate].demand, candidates[top.candidate].capacity, remaining);
      if (heap.empty() || !below(top, heap.top())) {
        pick = top;
        break;
      }
      heap.push(top);
    }
    if (!pick || pick->bound <= 0) {
      out.stopped = pick ? "no remaining candidate covers any uncovered demand" : "every candidate has been chosen";
      break;
    }
    const CandidateSite& site = candidates[pick->candidate];
    const double gain = cover(reach[pick->candidate].demand, site.capacity, remaining);
    greedy_gains.push_back(gain);
    chosen.push_back(site);
    covered += gain;
    out.picks.push_back({pick->candidate, gain, covered, share(covered)});
  }

  // The independent check, then the figures from it.
  const std::vector<double> checked = recompute_gains(uncovered, chosen);
  double running = baseline;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    if (std::fabs(checked[i] - greedy_gains[i]) > 1e-9 * std::max(1.0, std::fabs(checked[i])))
      throw Error("internal check failed: site " + std::to_string(i + 1) + " covers " + std::to_string(checked[i]) +
                      " by direct distances but " + std::to_string(greedy_gains[i]) + " in the selection",
                  {}, "please report this with the project file");
    running += checked[i];
    out.picks[i].gain = checked[i];
    out.picks[i].covered = running;
    out.picks[i].share = share(running);
  }

  if (all_unlimited) {
    std::vector<double> left;
    for (std::size_t c = 0; c < candidates.size(); ++c)
      left.push_back(gain_of(reach[c].demand, candidates[c].capacity, remaining));
    const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(k), left.size());
    std::partial_sort(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(top), left.end(), std::greater<>());
    double bound = running;
    for (std::size_t i = 0; i < top; ++i) bound += left[i];
    out.optimum_at_most = std::min(bound, total);
  }
  if (exact_time_limit_s > 0) {
    if (all_unlimited) {
      std::vector<std::vector<std::int32_t>> lists(reach.size());
      for (std::size_t c = 0; c < reach.size(); ++c) lists[c] = std::move(reach[c].demand);
      std::vector<double> weight(uncovered.size());
      for (std::size_t d = 0; d < uncovered.size(); ++d) weight[d] = uncovered[d].weight;
      out.exact = solve_sites_exactly(lists, weight, k, exact_time_limit_s);
    } else {
      out.exact = ExactCheck{.status = "capacities", .detail = "the exact check covers unlimited capacities only"};
    }
  }
  return out;
}

std::vector<double> recompute_gains(std::span<const DemandPoint> uncovered, std::span<const CandidateSite> chosen) {
  std::vector<double> remaining(uncovered.size());
  for (std::size_t d = 0; d < uncovered.size(); ++d) remaining[d] = uncovered[d].weight;
  std::vector<double> gains;
  for (const CandidateSite& site : chosen) {
    std::vector<std::pair<double, std::int32_t>> in_reach;
    const ReachBox box(site.at, site.radius_m);
    for (std::size_t d = 0; d < uncovered.size(); ++d) {
      if (remaining[d] <= 0 || !box.may_hold(uncovered[d].at)) continue;
      const double m = geo::geodesic_distance_m(site.at, uncovered[d].at);
      if (m <= site.radius_m) in_reach.emplace_back(m, static_cast<std::int32_t>(d));
    }
    std::sort(in_reach.begin(), in_reach.end());
    std::vector<std::int32_t> order;
    for (const auto& [m, d] : in_reach) order.push_back(d);
    gains.push_back(cover(order, site.capacity, remaining));
  }
  return gains;
}

void withhold_small_gains(SiteSelection& s, double min_count, bool all) {
  if (all) {
    s.gains_withheld_from = 0;
    return;
  }
  for (std::size_t i = 0; i < s.picks.size(); ++i)
    if (s.picks[i].gain < min_count) {
      if (s.picks[i].gain > 0) s.gains_withheld_from = i;  // a zero tail holds no record
      return;
    }
}

}  // namespace engine::coverage
