// issues.csv: community-reported issues, with signal for the analyses and a
// few deliberately malformed records for the loader's checks.
//
// Signal (what later analyses should find):
//   - each district has its own category mix; drugs dominate one district in
//     ZZ02 and one in ZZ03, arms and checkpoints the border governorate ZZ01,
//     basic needs ZZ04, gangs and women's safety the enclave city, extremism
//     one district of ZZ03;
//   - issue rates per inhabitant differ between districts;
//   - about a third of the issues cluster around six hotspot centres;
//   - drugs rise from 2023 to 2024 in ZZ02 only.
// Every record names its district in Arabic ("مديرية ...", as a hotline form
// would).  Records without usable coordinates (exactly): 3 without
// coordinates but with the district name (placed by name), 2 with a non-numeric
// latitude, 2 with latitude/longitude swapped, 3 in the sea within 300 m of
// the coast, 2 far at sea (> 20 km from any district), 1 with latitude 95.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>

#include "geo/error.hpp"
#include "geo/geodesic.hpp"
#include "grid.hpp"
#include "tables.hpp"

namespace make_demo {
namespace {

enum Category { Drugs, Arms, Gangs, Checkpoints, Detention, WomensSafety, BasicNeeds, Extremism, kCategoryCount };
const char* const kCategoryCodes[] = {"drugs",     "arms",          "gangs",       "checkpoints",
                                      "detention", "womens_safety", "basic_needs", "extremism"};
const std::vector<double> kBaseMix = {0.12, 0.10, 0.10, 0.12, 0.08, 0.14, 0.25, 0.09};
// Severity 1..5: heavier for weapons, detention and extremism, lighter for basic needs.
const std::vector<double> kSeverity[] = {
    {0.10, 0.25, 0.35, 0.20, 0.10}, {0.05, 0.15, 0.30, 0.30, 0.20}, {0.10, 0.20, 0.35, 0.25, 0.10},
    {0.15, 0.30, 0.30, 0.15, 0.10}, {0.05, 0.15, 0.30, 0.30, 0.20}, {0.10, 0.20, 0.30, 0.25, 0.15},
    {0.25, 0.35, 0.25, 0.10, 0.05}, {0.05, 0.10, 0.25, 0.30, 0.30}};
const char* const kNotes[kCategoryCount][2] = {
    {"synthetic: drug selling near a school", "synthetic: young people using drugs in public"},
    {"synthetic: weapons carried openly in the market", "synthetic: celebratory gunfire"},
    {"synthetic: armed group of youths at night", "synthetic: extortion of shop owners"},
    {"synthetic: unofficial checkpoint asking for fees", "synthetic: long waits at a checkpoint"},
    {"synthetic: detainees held without charge", "synthetic: families cannot visit detainees"},
    {"synthetic: harassment on the way to work", "synthetic: no safe lighting near the well"},
    {"synthetic: no clean water for weeks", "synthetic: power cuts and no fuel"},
    {"synthetic: recruitment by an extremist group", "synthetic: hate speech at gatherings"}};
const char* const kChannels[] = {"local_forum", "community_dialogue", "round_table", "hotline"};
const std::vector<double> kChannelWeights = {0.35, 0.30, 0.15, 0.20};

constexpr std::size_t kTotal = 2000;
constexpr double kHotspotShare = 0.35;
constexpr std::size_t kBorderGovernorate = 0;      // ZZ01
constexpr std::size_t kDrugTrendGovernorate = 1;   // ZZ02
constexpr std::size_t kDrugGovernorate2 = 2;       // ZZ03
constexpr std::size_t kBasicNeedsGovernorate = 3;  // ZZ04
const std::string kMalformed = "synthetic: deliberately malformed – ";

struct Profile {
  std::vector<double> mix;  // category weights
  double weight = 0;        // share of background issues: population x rate
};

struct Hotspot {
  geo::Point centre;
  Category theme;
  double sigma_km;
  double weight;
};

struct Row {
  std::string category, severity, date, channel, district, latitude, longitude, note;
};

// A random non-city district of governorate g.
std::size_t pick_district(const Region& region, std::size_t g, Rng& rng, std::size_t avoid = SIZE_MAX) {
  std::vector<std::size_t> options;
  for (std::size_t d = 0; d < region.districts.size(); ++d)
    if (region.districts[d].governorate == g && d != region.city_district && d != avoid) options.push_back(d);
  return options[rng.below(options.size())];
}

class IssueMaker {
 public:
  // Draws the district profiles and hotspots from `rng`.
  IssueMaker(const Region& region, const DistrictIndex& index, Rng& rng) : region_(region), index_(index) {
    for (const District& d : region.districts) {
      Profile p;
      for (double w : kBaseMix) p.mix.push_back(w * std::exp(0.25 * rng.normal()));
      p.weight = static_cast<double>(d.population) * std::clamp(std::exp(0.45 * rng.normal()), 0.35, 2.8);
      if (d.governorate == kBorderGovernorate) {
        p.mix[Arms] *= 3.0;
        p.mix[Checkpoints] *= 3.5;
      }
      if (d.governorate == kBasicNeedsGovernorate) p.mix[BasicNeeds] *= 2.5;
      profiles_.push_back(std::move(p));
    }
    const std::size_t drugs1 = pick_district(region, kDrugTrendGovernorate, rng);
    const std::size_t drugs2 = pick_district(region, kDrugGovernorate2, rng);
    const std::size_t extremism = pick_district(region, kDrugGovernorate2, rng, drugs2);
    for (std::size_t d : {drugs1, drugs2}) {
      profiles_[d].mix[Drugs] *= 6;
      profiles_[d].weight *= 1.8;
    }
    profiles_[extremism].mix[Extremism] *= 4;
    Profile& city = profiles_[region.city_district];
    city.mix[Gangs] *= 3;
    city.mix[WomensSafety] *= 2;
    for (const Profile& p : profiles_) district_weights_.push_back(p.weight);

    const std::size_t border_a = pick_district(region, kBorderGovernorate, rng);
    const std::size_t border_b = pick_district(region, kBorderGovernorate, rng, border_a);
    hotspots_ = {{index.random_point(drugs1, rng), Drugs, 4, 1.3},
                 {index.random_point(border_a, rng), Checkpoints, 5, 1.0},
                 {index.random_point(border_b, rng), Arms, 5, 0.8},
                 {region.districts[region.city_district].site, Gangs, 3, 0.8},
                 {index.random_point(pick_district(region, kBasicNeedsGovernorate, rng), rng), BasicNeeds, 6, 1.0},
                 {index.random_point(extremism, rng), Extremism, 4, 0.7}};
    for (const Hotspot& h : hotspots_) hotspot_weights_.push_back(h.weight);
  }

  Row good(Rng& rng) {
    std::int32_t d = -1;
    geo::Point p;
    Category category;
    if (rng.chance(kHotspotShare)) {
      const Hotspot& h = hotspots_[rng.weighted(hotspot_weights_)];
      p = index_.scatter_point(h.centre, h.sigma_km, rng, d);
      category = rng.chance(0.55) ? h.theme : static_cast<Category>(rng.weighted(profiles_[d].mix));
    } else {
      d = static_cast<std::int32_t>(rng.weighted(district_weights_));
      p = index_.random_point(d, rng);
      category = static_cast<Category>(rng.weighted(profiles_[d].mix));
    }
    Row row = attributes(static_cast<std::size_t>(d), category, rng);
    row.latitude = fixed7(p.y);
    row.longitude = fixed7(p.x);
    return row;
  }

  // A valid point and attributes for a record whose coordinates will be spoiled.
  Row spoiled(geo::Point& p, Rng& rng) {
    const std::size_t d = rng.weighted(district_weights_);
    p = index_.random_point(d, rng);
    return attributes(d, static_cast<Category>(rng.weighted(profiles_[d].mix)), rng);
  }

 private:
  Row attributes(std::size_t d, Category category, Rng& rng) {
    using namespace std::chrono;
    Row row;
    row.category = kCategoryCodes[category];
    row.severity = std::to_string(1 + rng.weighted(kSeverity[category]));
    sys_days day = sys_days(2023y / January / 1) + days(rng.below(731));  // 2023-01-01 .. 2024-12-31
    if (category == Drugs && region_.districts[d].governorate == kDrugTrendGovernorate) {
      const int year = rng.chance(0.72) ? 2024 : 2023;
      day = sys_days(std::chrono::year(year) / January / 1) + days(rng.below(year == 2024 ? 366 : 365));
    }
    const year_month_day ymd(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    row.date = text;
    // As a hotline form records it: "مديرية <name>" (the name matcher strips the word).
    row.district = "مديرية " + region_.districts[d].name.ar;
    row.channel = kChannels[rng.weighted(kChannelWeights)];
    row.note = kNotes[category][rng.below(2)];
    return row;
  }

  const Region& region_;
  const DistrictIndex& index_;
  std::vector<Profile> profiles_;
  std::vector<double> district_weights_;
  std::vector<Hotspot> hotspots_;
  std::vector<double> hotspot_weights_;
};

// The 13 records without a usable location, in a fixed order of kinds.
std::vector<Row> malformed_rows(const Region& region, const DistrictIndex& index, IssueMaker& maker, Rng& rng) {
  std::vector<Row> rows;
  geo::Point p;
  for (int i = 0; i < 3; ++i) {
    Row r = maker.spoiled(p, rng);
    r.note = "synthetic: no coordinates, only the district's name – placed by name";
    rows.push_back(r);
  }
  for (const char* suffix : {"N", "°N"}) {
    Row r = maker.spoiled(p, rng);
    char text[32];
    std::snprintf(text, sizeof text, "%.4f%s", p.y, suffix);
    r.latitude = text, r.longitude = fixed7(p.x);
    r.note = kMalformed + "non-numeric latitude";
    rows.push_back(r);
  }
  for (int i = 0; i < 2; ++i) {
    Row r = maker.spoiled(p, rng);
    r.latitude = fixed7(p.x), r.longitude = fixed7(p.y);
    r.note = kMalformed + "latitude and longitude swapped";
    rows.push_back(r);
  }
  // Just off the coast: straight out from the centre past a coast vertex.
  for (const double metres : {120.0, 180.0, 250.0}) {
    Row r = maker.spoiled(p, rng);
    for (int attempt = 0;; ++attempt) {
      if (attempt == 10000) throw geo::Error("make_demo could not place a near-coast record");
      const geo::Point vertex = region.coast[rng.below(region.coast.size() - 1)];
      const double azimuth = geo::geodesic_inverse(region.centre, vertex).azimuth_deg;
      p = snap(geo::geodesic_direct(vertex, azimuth, metres));
      if (index.locate(p) < 0 && index.distance_m(p) > 50 && index.distance_m(p) < 300) break;
    }
    r.latitude = fixed7(p.y), r.longitude = fixed7(p.x);
    char what[96];
    std::snprintf(what, sizeof what, "in the sea %.0f m off the coast (snappable)", index.distance_m(p));
    r.note = kMalformed + what;
    rows.push_back(r);
  }
  // Far at sea, on the side away from the island.
  const double stretch = 1.0 / std::cos(region.centre.y * std::numbers::pi / 180.0);
  const double island_angle =
      std::atan2(region.island_centre.y - region.centre.y, (region.island_centre.x - region.centre.x) / stretch);
  for (int i = 0; i < 2; ++i) {
    Row r = maker.spoiled(p, rng);
    for (int attempt = 0;; ++attempt) {
      if (attempt == 10000) throw geo::Error("make_demo could not place a far-at-sea record");
      const double angle = island_angle + std::numbers::pi + rng.uniform(-0.6, 0.6);
      p = snap(geo::Point{region.centre.x + 1.95 * std::cos(angle) * stretch, region.centre.y + 1.95 * std::sin(angle)});
      if (index.locate(p) < 0 && index.distance_m(p) > 30000) break;
    }
    r.latitude = fixed7(p.y), r.longitude = fixed7(p.x);
    char what[96];
    std::snprintf(what, sizeof what, "far at sea, %.0f km from the nearest district", index.distance_m(p) / 1000);
    r.note = kMalformed + what;
    rows.push_back(r);
  }
  Row r = maker.spoiled(p, rng);
  r.latitude = fixed7(95.0), r.longitude = fixed7(p.x);
  r.note = kMalformed + "latitude out of range";
  rows.push_back(r);
  return rows;
}

}  // namespace

geo::LayerData make_issues(const Region& region, const DistrictIndex& index, std::uint64_t seed) {
  Rng rng(seed, kIssues);
  IssueMaker maker(region, index, rng);
  Rng bad_rng(seed, kBadRecords);
  const std::vector<Row> bad = malformed_rows(region, index, maker, bad_rng);

  // Malformed records go to random rows, not all at the end.
  std::vector<bool> is_bad(kTotal, false);
  for (std::size_t placed = 0; placed < bad.size();) {
    const std::size_t at = bad_rng.below(kTotal);
    if (!is_bad[at]) is_bad[at] = true, ++placed;
  }
  geo::LayerData layer = text_table(
      "issues", {"issue_id", "category", "severity", "reported_on", "channel", "district", "latitude", "longitude", "note"});
  std::size_t next_bad = 0;
  for (std::size_t i = 0; i < kTotal; ++i) {
    const Row row = is_bad[i] ? bad[next_bad++] : maker.good(rng);
    layer.rows.push_back({numbered("I", i + 1, 4), row.category, row.severity, row.date, row.channel, row.district,
                          row.latitude, row.longitude, row.note});
  }
  return layer;
}

}  // namespace make_demo
