#include "region.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "geo/error.hpp"
#include "grid.hpp"
#include "rng.hpp"

namespace make_demo {
namespace {

constexpr double kPi = std::numbers::pi;
// Open sea between Oman and India, far from any coast, so the demo can never
// be mistaken for a real place.
constexpr geo::Point kCentre{63.75, 13.5};
constexpr double kRadius = 1.05;       // mean outline radius, degrees of latitude (~115 km)
constexpr int kOutlineVertices = 200;
constexpr int kSites = 33;             // Voronoi districts; the enclave city makes 34
constexpr int kGovernorates = 4;
constexpr double kMinSiteSpacing = 0.2;  // degrees on the ground: keeps districts similar in size
constexpr int kMaxAttempts = 200;

const double kStretch = 1.0 / std::cos(kCentre.y * kPi / 180.0);  // east-west degrees per ground degree

double ground_distance(geo::Point a, geo::Point b) { return std::hypot((a.x - b.x) / kStretch, a.y - b.y); }

geo::Point towards(geo::Point from, double angle, double distance) {
  return {from.x + distance * std::cos(angle) * kStretch, from.y + distance * std::sin(angle)};
}

// A star-shaped outline: low harmonics give the large bays and headlands,
// a few higher ones smaller coves, per-vertex noise a ragged coast.  Radial,
// so it can never self-intersect.
geo::Ring make_outline(Rng& rng) {
  constexpr int kHarmonics = 9;  // k = 2..10
  const double scale[kHarmonics] = {0.14, 0.09, 0.06, 0.04, 0.025, 0.025, 0.025, 0.025, 0.025};
  double amplitude[kHarmonics], phase[kHarmonics];
  for (int k = 0; k < kHarmonics; ++k) {
    amplitude[k] = scale[k] * rng.uniform(0.4, 1.0);
    phase[k] = rng.uniform(0, 2 * kPi);
  }
  std::vector<double> radii;
  for (int i = 0; i < kOutlineVertices; ++i) {
    const double theta = 2 * kPi * i / kOutlineVertices;
    double f = 1 + rng.uniform(-0.02, 0.02);
    for (int k = 0; k < kHarmonics; ++k) f += amplitude[k] * std::cos((k + 2) * theta + phase[k]);
    radii.push_back(kRadius * std::clamp(f, 0.6, 1.35));
  }
  return radial_ring(kCentre, radii, 0);
}

std::vector<geo::Point> draw_sites(Rng& rng, const geo::Geometry& outline) {
  const geo::Envelope box = outline.envelope();
  std::vector<geo::Point> sites;
  for (int attempt = 0; attempt < 200000 && sites.size() < kSites; ++attempt) {
    const geo::Point p = snap(geo::Point{rng.uniform(box.min_x, box.max_x), rng.uniform(box.min_y, box.max_y)});
    if (!outline.covers(p)) continue;
    const bool crowded = std::any_of(sites.begin(), sites.end(),
                                     [&](geo::Point s) { return ground_distance(s, p) < kMinSiteSpacing; });
    if (!crowded) sites.push_back(p);
  }
  return sites;
}

// One snapped Voronoi cell per site, in site order.
std::vector<geo::Geometry> voronoi_by_site(const std::vector<geo::Point>& sites, const geo::Geometry& outline) {
  geo::Envelope frame = outline.envelope();
  frame.expand(geo::Point{frame.min_x - 2, frame.min_y - 2});
  frame.expand(geo::Point{frame.max_x + 2, frame.max_y + 2});
  const geo::Geometry diagram = geo::Geometry::line_string(sites).voronoi_cells(frame);
  std::vector<geo::Geometry> cells(sites.size());
  for (geo::Geometry& cell : diagram.parts()) {
    for (std::size_t i = 0; i < sites.size(); ++i) {
      if (cells[i].is_null() && cell.covers(sites[i])) {
        // Snap the Voronoi vertices first: neighbours then share identical
        // grid vertices, because GEOS hands each the same circumcentre.
        cells[i] = snap_polygonal(cell);
        break;
      }
    }
  }
  for (const geo::Geometry& cell : cells)
    if (cell.is_null()) throw geo::Error("make_demo: a Voronoi site has no cell");
  return cells;
}

// The offshore island, beyond the coast in a direction that keeps it inside
// the 62-65.5 E, 12-15 N box.  nullopt if this outline offers no such place.
std::optional<geo::Ring> make_island(Rng& rng, const geo::Ring& coast, const geo::Geometry& outline,
                                     geo::Point& centre_out) {
  std::vector<geo::Point> candidates;
  for (std::size_t i = 0; i + 1 < coast.size(); ++i) {
    const geo::Point c = coast[i];
    const double angle = std::atan2(c.y - kCentre.y, (c.x - kCentre.x) / kStretch);
    const geo::Point centre = towards(c, angle, 0.2);  // ~22 km offshore
    if (centre.x > 62.1 && centre.x < 65.4 && centre.y > 12.1 && centre.y < 14.9 &&
        boundary_distance_deg(outline, centre) > 0.15 && !outline.covers(centre))
      candidates.push_back(snap(centre));
  }
  if (candidates.empty()) return std::nullopt;
  centre_out = candidates[rng.below(candidates.size())];
  std::vector<double> radii;
  for (int i = 0; i < 14; ++i) radii.push_back(0.045 * rng.uniform(0.8, 1.2));
  return radial_ring(centre_out, radii, rng.uniform(0, 2 * kPi));
}

// The enclave city: a ragged circle around the host's site, well inside it.
geo::Geometry make_city(Rng& rng, const geo::Geometry& host, geo::Point site) {
  const double room = boundary_distance_deg(host, site);
  const double radius = std::min(0.065, 0.45 * room);
  std::vector<double> radii;
  for (int i = 0; i < 20; ++i) radii.push_back(radius * rng.uniform(0.88, 1.12));
  return geo::Geometry::polygon({radial_ring(site, radii, rng.uniform(0, 2 * kPi))});
}

struct Layout {
  std::vector<geo::Point> sites;
  std::vector<geo::Geometry> clipped;  // one Polygon per site
  std::vector<bool> coastal;
  std::vector<std::size_t> group;      // governorate (unordered) per site
  std::vector<geo::Point> group_seeds;
};

// Each site joins the nearest of four governorate seeds set around the centre
// in quadrants.  Accepted when every governorate is one piece of 6-12 districts.
bool group_sites(Rng& rng, Layout& layout) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const double theta0 = rng.uniform(0, kPi / 2);
    layout.group_seeds.clear();
    for (int k = 0; k < kGovernorates; ++k) layout.group_seeds.push_back(towards(kCentre, theta0 + k * kPi / 2, 0.6 * kRadius));
    layout.group.assign(layout.sites.size(), 0);
    std::vector<int> count(kGovernorates, 0);
    for (std::size_t i = 0; i < layout.sites.size(); ++i) {
      std::size_t best = 0;
      for (std::size_t k = 1; k < kGovernorates; ++k)
        if (ground_distance(layout.sites[i], layout.group_seeds[k]) < ground_distance(layout.sites[i], layout.group_seeds[best]))
          best = k;
      layout.group[i] = best;
      ++count[best];
    }
    if (*std::min_element(count.begin(), count.end()) < 6 || *std::max_element(count.begin(), count.end()) > 12) continue;
    bool contiguous = true;
    for (std::size_t k = 0; k < kGovernorates && contiguous; ++k) {
      std::vector<const geo::Geometry*> members;
      for (std::size_t i = 0; i < layout.sites.size(); ++i)
        if (layout.group[i] == k) members.push_back(&layout.clipped[i]);
      contiguous = geo::Geometry::union_all(members).type() == geo::GeometryType::Polygon;
    }
    if (contiguous) return true;
  }
  return false;
}

// Voronoi cells clipped to the outline; rejected when a cell falls apart into
// pieces or is a sliver, so every district is one compact polygon.
std::optional<Layout> make_layout(Rng& rng, const geo::Geometry& outline) {
  Layout layout;
  layout.sites = draw_sites(rng, outline);
  if (layout.sites.size() != kSites) return std::nullopt;
  const std::vector<geo::Geometry> cells = voronoi_by_site(layout.sites, outline);
  double total = 0;
  for (const geo::Geometry& cell : cells) {
    geo::Geometry clipped = snap_polygonal(cell.intersection(outline));
    if (clipped.type() != geo::GeometryType::Polygon || !clipped.is_valid()) return std::nullopt;
    layout.coastal.push_back(clipped.planar_area() < cell.planar_area() * (1 - 1e-9));
    total += clipped.planar_area();
    layout.clipped.push_back(std::move(clipped));
  }
  for (const geo::Geometry& c : layout.clipped)
    if (c.planar_area() < 0.3 * total / kSites) return std::nullopt;
  if (!group_sites(rng, layout)) return std::nullopt;
  return layout;
}

// The island joins the district whose (unclipped) Voronoi cell it lies in,
// i.e. the nearest site in the lon/lat plane the diagram was built in.
std::size_t nearest_site(const Layout& layout, geo::Point p) {
  auto distance = [&](std::size_t i) { return std::hypot(layout.sites[i].x - p.x, layout.sites[i].y - p.y); };
  std::size_t best = 0;
  for (std::size_t i = 1; i < layout.sites.size(); ++i)
    if (distance(i) < distance(best)) best = i;
  return best;
}

// The enclave's host: the inland district with the most room around its site.
std::size_t roomiest_inland_site(const Layout& layout) {
  std::size_t best = kSites;
  double room = 0;
  for (std::size_t i = 0; i < layout.sites.size(); ++i) {
    const double r = boundary_distance_deg(layout.clipped[i], layout.sites[i]);
    if (!layout.coastal[i] && r > room) {
      best = i;
      room = r;
    }
  }
  if (best == kSites) throw geo::Error("make_demo: no inland district to hold the enclave", {}, "try another --seed");
  return best;
}

}  // namespace

Region make_region(std::uint64_t seed) {
  Rng rng(seed, kOutline);
  Region region;
  region.centre = kCentre;
  region.coast = make_outline(rng);
  const geo::Geometry outline = geo::Geometry::polygon({region.coast});

  Rng site_rng(seed, kSeeds);
  std::optional<Layout> layout;
  std::optional<geo::Ring> island;
  for (int attempt = 0; attempt < kMaxAttempts && !layout; ++attempt) layout = make_layout(site_rng, outline);
  if (layout) island = make_island(site_rng, region.coast, outline, region.island_centre);
  if (!layout || !island) throw geo::Error("make_demo found no valid district layout for this seed", {}, "try another --seed");

  const std::size_t island_site = nearest_site(*layout, region.island_centre);
  const std::size_t host_site = roomiest_inland_site(*layout);

  // Districts in site order, the city last; P-code order is settled below.
  std::vector<District> districts(kSites + 1);
  for (std::size_t i = 0; i < kSites; ++i) {
    districts[i].site = layout->sites[i];
    districts[i].coastal = layout->coastal[i];
    districts[i].governorate = layout->group[i];
    districts[i].shape = layout->clipped[i].clone();
  }
  Rng city_rng(seed, kCity);
  geo::Geometry city = make_city(city_rng, layout->clipped[host_site], layout->sites[host_site]);
  districts[host_site].shape = snap_polygonal(layout->clipped[host_site].difference(city));
  districts[kSites].site = layout->sites[host_site];
  districts[kSites].governorate = layout->group[host_site];
  districts[kSites].shape = std::move(city);
  std::vector<geo::Geometry> parts;
  parts.push_back(std::move(districts[island_site].shape));
  parts.push_back(geo::Geometry::polygon({*island}));
  districts[island_site].shape = geo::Geometry::multi_polygon(std::move(parts));

  // Governorates numbered north to south; districts north to south within them.
  std::vector<std::size_t> gov_order(kGovernorates);
  for (std::size_t k = 0; k < kGovernorates; ++k) gov_order[k] = k;
  std::sort(gov_order.begin(), gov_order.end(),
            [&](std::size_t a, std::size_t b) { return layout->group_seeds[a].y > layout->group_seeds[b].y; });
  std::vector<std::size_t> gov_rank(kGovernorates);
  for (std::size_t r = 0; r < kGovernorates; ++r) gov_rank[gov_order[r]] = r;
  std::vector<std::size_t> order(districts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const District &da = districts[a], &db = districts[b];
    if (gov_rank[da.governorate] != gov_rank[db.governorate]) return gov_rank[da.governorate] < gov_rank[db.governorate];
    if (da.site.y != db.site.y) return da.site.y > db.site.y;
    if (da.site.x != db.site.x) return da.site.x < db.site.x;
    return a < b;  // the host (same site) before its city
  });

  Rng name_rng(seed, kNames);
  NameBank names(name_rng);
  for (std::size_t r = 0; r < kGovernorates; ++r) {
    Governorate g;
    g.pcode = kCountryCode + (r < 9 ? "0" : "") + std::to_string(r + 1);
    g.name = names.governorate();
    region.governorates.push_back(std::move(g));
  }
  Rng population_rng(seed, kPopulation);
  std::vector<int> serial(kGovernorates, 0);
  for (std::size_t old : order) {
    District d = std::move(districts[old]);
    d.governorate = gov_rank[d.governorate];
    const int n = ++serial[d.governorate];
    d.pcode = region.governorates[d.governorate].pcode + (n < 10 ? "0" : "") + std::to_string(n);
    const bool is_city = old == kSites;
    d.name = is_city ? NameBank::city(region.governorates[d.governorate].name) : names.district(d.coastal);
    // Log-uniform 22k-230k; the city is the largest place in the region.
    d.population = is_city ? 10 * std::llround(population_rng.uniform(33000, 39500))
                           : 10 * std::llround(std::exp(population_rng.uniform(std::log(2200.0), std::log(23000.0))));
    if (old == island_site) region.island_district = region.districts.size();
    if (old == host_site) region.host_district = region.districts.size();
    if (is_city) region.city_district = region.districts.size();
    region.districts.push_back(std::move(d));
  }

  for (std::size_t r = 0; r < kGovernorates; ++r) {
    std::vector<const geo::Geometry*> members;
    for (const District& d : region.districts)
      if (d.governorate == r) members.push_back(&d.shape);
    region.governorates[r].shape = snap_polygonal(geo::Geometry::union_all(members));
  }
  for (const District& d : region.districts) {
    std::string why;
    if (!d.shape.is_valid(&why)) throw geo::Error("make_demo built an invalid district " + d.pcode + ": " + why);
  }
  return region;
}

}  // namespace make_demo
