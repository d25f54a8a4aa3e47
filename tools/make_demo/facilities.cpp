// facilities.csv: security facilities.  Every governorate has a security
// department and an operations room in its most populous district; traffic
// police sit in the biggest districts; police stations are spread over most
// (not all) districts so that coverage gaps exist.  Damaged facilities lean
// towards the border governorate ZZ01.
#include <algorithm>
#include <numeric>

#include "grid.hpp"
#include "tables.hpp"

namespace make_demo {
namespace {

constexpr std::size_t kTrafficPolice = 8;
constexpr std::size_t kPoliceStations = 24;
constexpr std::size_t kDamaged = 8;         // 20% of 40
constexpr std::size_t kRehabilitated = 6;   // 15% of 40

struct Facility {
  std::size_t governorate;
  int type_rank;  // order within a governorate
  std::size_t district;
  const char* type;
  Name name;
  geo::Point at;
  std::string status = "operational";
};

std::vector<std::size_t> by_population(const Region& region) {
  std::vector<std::size_t> order(region.districts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return region.districts[a].population > region.districts[b].population;
  });
  return order;
}

}  // namespace

geo::LayerData make_facilities(const Region& region, const DistrictIndex& index, std::uint64_t seed) {
  Rng rng(seed, kFacilities);
  const std::vector<std::size_t> biggest = by_population(region);
  std::vector<Facility> list;
  for (std::size_t g = 0; g < region.governorates.size(); ++g) {
    const Name& gov = region.governorates[g].name;
    const std::size_t capital =
        *std::find_if(biggest.begin(), biggest.end(), [&](std::size_t d) { return region.districts[d].governorate == g; });
    list.push_back({g, 0, capital, "security_department", {gov.en + " Security Department", "إدارة أمن " + gov.ar},
                    index.random_point(capital, rng)});
    list.push_back({g, 1, capital, "operations_room", {gov.en + " Operations Room", "غرفة عمليات " + gov.ar},
                    index.random_point(capital, rng)});
  }
  for (std::size_t i = 0; i < kTrafficPolice; ++i) {
    const District& d = region.districts[biggest[i]];
    list.push_back({d.governorate, 2, biggest[i], "traffic_police", {d.name.en + " Traffic Police", "شرطة مرور " + d.name.ar},
                    index.random_point(biggest[i], rng)});
  }
  // Police stations: districts drawn without replacement, weighted by population.
  std::vector<double> weight;
  for (const District& d : region.districts) weight.push_back(static_cast<double>(d.population));
  for (std::size_t i = 0; i < kPoliceStations; ++i) {
    const std::size_t k = rng.weighted(weight);
    weight[k] = 0;
    const District& d = region.districts[k];
    list.push_back({d.governorate, 3, k, "police_station", {d.name.en + " Police Station", "مركز شرطة " + d.name.ar},
                    index.random_point(k, rng)});
  }
  std::sort(list.begin(), list.end(), [](const Facility& a, const Facility& b) {
    if (a.governorate != b.governorate) return a.governorate < b.governorate;
    if (a.type_rank != b.type_rank) return a.type_rank < b.type_rank;
    return a.district < b.district;
  });

  // Status: exact shares; a smaller random key (border governorate) is damaged first.
  std::vector<std::pair<double, std::size_t>> keys;
  for (std::size_t i = 0; i < list.size(); ++i)
    keys.push_back({rng.uniform() * (list[i].governorate == 0 ? 0.45 : 1.0), i});
  std::sort(keys.begin(), keys.end());
  for (std::size_t r = 0; r < kDamaged + kRehabilitated; ++r)
    list[keys[r].second].status = r < kDamaged ? "damaged" : "rehabilitated";

  geo::LayerData layer = text_table("facilities", {"facility_id", "name_en", "name_ar", "type", "status", "governorate_en",
                                                   "governorate_ar", "lon", "lat"});
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Facility& f = list[i];
    const Name& gov = region.governorates[f.governorate].name;
    layer.rows.push_back({numbered("F", i + 1, 3), f.name.en, f.name.ar, std::string(f.type), f.status, gov.en, gov.ar,
                          fixed7(f.at.x), fixed7(f.at.y)});
  }
  return layer;
}

}  // namespace make_demo
