// partners.csv: partner civil-society organisations, an HXL-tagged CSV.
// The coordinate columns have deliberately unhelpful names ("Northing (deg)"
// before "Easting (deg)") so only their HXL tags #geo+lat / #geo+lon say what
// they hold: the demo exercises HXL detection.  Some districts get no partner.
#include <algorithm>
#include <cmath>
#include <set>

#include "grid.hpp"
#include "tables.hpp"

namespace make_demo {
namespace {

struct Sector {
  const char* code;
  std::size_t count;
  const char* en_suffix;                                        // "<district> ..."
  std::string (*ar)(const std::string& district);
};

const Sector kSectors[] = {
    {"security", 9, " Community Safety Committee", [](const std::string& d) { return "لجنة الأمن المجتمعي في " + d; }},
    {"advocacy", 8, " Advocacy Network", [](const std::string& d) { return "شبكة " + d + " للمناصرة"; }},
    {"protection", 8, " Protection Forum", [](const std::string& d) { return "منتدى الحماية في " + d; }},
    {"women", 9, " Women's Association", [](const std::string& d) { return "جمعية نساء " + d; }},
    {"youth", 7, " Youth Initiative", [](const std::string& d) { return "مبادرة شباب " + d; }},
    {"legal_aid", 4, " Legal Aid Centre", [](const std::string& d) { return "مركز " + d + " للمساعدة القانونية"; }},
};
constexpr std::size_t kDistrictsWithoutPartners = 7;

struct Partner {
  std::size_t district;
  std::size_t sector;
  geo::Point at;
};

}  // namespace

geo::LayerData make_partners(const Region& region, const DistrictIndex& index, std::uint64_t seed) {
  Rng rng(seed, kPartners);
  std::vector<double> weight;
  for (const District& d : region.districts) weight.push_back(std::pow(static_cast<double>(d.population), 0.8));
  for (std::size_t i = 0; i < kDistrictsWithoutPartners; ++i) weight[rng.weighted(weight)] *= 0;  // may repeat: "up to"
  std::vector<Partner> list;
  std::set<std::pair<std::size_t, std::size_t>> taken;  // one organisation per district and sector
  for (std::size_t s = 0; s < std::size(kSectors); ++s) {
    for (std::size_t n = 0; n < kSectors[s].count; ++n) {
      std::size_t d = rng.weighted(weight);
      while (taken.count({d, s})) d = rng.weighted(weight);
      taken.insert({d, s});
      list.push_back({d, s, index.random_point(d, rng)});
    }
  }
  std::sort(list.begin(), list.end(), [](const Partner& a, const Partner& b) {
    return a.district != b.district ? a.district < b.district : a.sector < b.sector;
  });

  geo::LayerData layer = text_table(
      "partners", {"partner_id", "name_en", "name_ar", "sector", "women_led", "youth_led", "Northing (deg)", "Easting (deg)"});
  layer.rows.push_back({"#org+id", "#org+name", "#org+name+i_ar", "#sector", "#org+women_led", "#org+youth_led", "#geo+lat",
                        "#geo+lon"});
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Partner& p = list[i];
    const Sector& sector = kSectors[p.sector];
    const District& d = region.districts[p.district];
    const bool women = std::string(sector.code) == "women" || rng.chance(0.2);
    const bool youth = std::string(sector.code) == "youth" || rng.chance(0.15);
    layer.rows.push_back({numbered("P", i + 1, 3), d.name.en + sector.en_suffix, sector.ar(d.name.ar),
                          std::string(sector.code), std::string(women ? "yes" : "no"), std::string(youth ? "yes" : "no"),
                          fixed7(p.at.y), fixed7(p.at.x)});
  }
  return layer;
}

}  // namespace make_demo
