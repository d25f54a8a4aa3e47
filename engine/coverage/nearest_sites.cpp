#include "engine/coverage/nearest_sites.hpp"

#include <cmath>
#include <map>

#include "engine/parallel.hpp"

namespace engine::coverage {
namespace {

const geo::Point kNowhere{std::nan(""), std::nan("")};

}  // namespace

SiteIndexes build_site_indexes(const PointLayer* facilities, const FacilityClasses& classes, const PointLayer* partners,
                               bool by_type) {
  SiteIndexes out;
  if (facilities != nullptr) {
    std::vector<geo::Point> operational(facilities->points);
    for (std::size_t r = 0; r < operational.size(); ++r)
      if (!classes.operational[r]) operational[r] = kNowhere;
    out.operational = geo::NearestPoints(operational);
    out.coverage = CoverageIndex(facilities->points, classes.radius_m);
    if (by_type) {
      std::map<std::string, std::vector<geo::Point>> groups;
      for (std::size_t r = 0; r < operational.size(); ++r) {
        if (!classes.operational[r]) continue;
        auto& group = groups[classes.type[r]];
        if (group.empty()) group.assign(operational.size(), kNowhere);
        group[r] = operational[r];
      }
      for (auto& [type, points] : groups) out.by_type.emplace_back(type, geo::NearestPoints(points));
    }
  }
  if (partners != nullptr) out.partners = geo::NearestPoints(partners->points);
  return out;
}

NearestColumns nearest_columns(const PointLayer& layer, const SiteIndexes& indexes, bool with_partner, unsigned threads) {
  const std::size_t n = layer.size();
  NearestColumns out;
  out.facility.assign(n, -1);
  out.facility_m.assign(n, std::nan(""));
  out.covered.assign(n, 0);
  if (with_partner) {
    out.partner.assign(n, -1);
    out.partner_m.assign(n, std::nan(""));
  }
  for (const auto& [type, index] : indexes.by_type) {
    out.type_names.push_back(type);
    out.by_type_m.emplace_back(n, std::nan(""));
  }
  parallel_chunks(n, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const geo::Point p = layer.points[r];
      if (!std::isfinite(p.x)) continue;
      const auto facility = indexes.operational.nearest(p);
      out.facility[r] = facility.index;
      out.facility_m[r] = facility.distance_m;
      out.covered[r] = indexes.coverage.covers(p) ? 1 : 0;
      if (with_partner) {
        const auto partner = indexes.partners.nearest(p);
        out.partner[r] = partner.index;
        out.partner_m[r] = partner.distance_m;
      }
      for (std::size_t t = 0; t < indexes.by_type.size(); ++t)
        out.by_type_m[t][r] = indexes.by_type[t].second.nearest(p).distance_m;
    }
  }, 1024);
  return out;
}

}  // namespace engine::coverage
