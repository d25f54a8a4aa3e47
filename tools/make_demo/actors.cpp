// actors.csv and links.csv: the demo's coordination network (who works with
// whom between authorities, police and communities), drawn from its own
// random streams (kActors, kLinks) so the other demo files do not change.
//
// Built to show what `localmap graph` looks for:
//   - a vertical chain in most districts: community actors -> police station
//     -> district authority -> governorate authority -> national;
//   - five "cut-off" districts whose community actors talk only among
//     themselves (no path to the police);
//   - three police stations with no links at all (isolated units);
//   - one "brokered" district whose community actors reach the police only
//     through their district authority (a cut actor for that district);
//   - the island district tied to the mainland by one reporting line only
//     (a bridge, its district authority an articulation point);
//   - a third of the district authorities known only by their P-code (no
//     coordinates), and governorate authorities by their governorate P-code;
//   - dated links, some starting after or ending before the review dates;
//   - one actor row and ten link rows that are deliberately malformed, each
//     with a `note` saying so.
// Police actors are the demo's police stations and security departments
// (facilities.csv, regenerated from its own stream), at the same places.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

#include "geo/coordinate_columns.hpp"
#include "grid.hpp"
#include "tables.hpp"

namespace make_demo {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kNoSuchActor = kNone - 1;  // written as the id A999
constexpr std::size_t kCutOffDistricts = 5;
constexpr std::size_t kIsolatedPolice = 3;
constexpr std::size_t kValidLinks = 390;

struct Actor {
  std::string type;
  Name name;
  std::size_t district = kNone;     // kNone: national or governorate level
  std::size_t governorate = kNone;
  std::string pcode;                // "" for national actors
  bool located = true;
  geo::Point at{};
  bool women = false, youth = false;
  std::string facility_id, note;
  std::string id;
};

struct LinkRow {
  std::size_t a, b;
  std::string type, strength, start, end, directed, note;
};

std::string date_text(int days) {
  const std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{days}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buffer;
}

int day_of(int y, unsigned m, unsigned d) {
  return static_cast<int>(
      std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}.time_since_epoch().count());
}

// Districts drawn without replacement, weighted by population, from `allowed`.
std::vector<std::size_t> draw_districts(const Region& region, const std::vector<bool>& allowed, std::size_t count, Rng& rng) {
  std::vector<double> weight;
  for (std::size_t d = 0; d < region.districts.size(); ++d)
    weight.push_back(allowed[d] ? static_cast<double>(region.districts[d].population) : 0.0);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t d = rng.weighted(weight);
    weight[d] = 0;
    out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class NetworkBuilder {
 public:
  NetworkBuilder(const Region& region, const DistrictIndex& index, std::uint64_t seed)
      : region_(region), index_(index), rng_(seed, kActors), link_rng_(seed, kLinks) {}

  void build(const geo::LayerData& facilities) {
    place_actors(facilities);
    assign_ids();
    link_actors();
  }

  geo::LayerData actors_table() const {
    geo::LayerData t = text_table("actors", {"actor_id", "name_en", "name_ar", "type", "pcode", "women_led", "youth_led",
                                             "facility_id", "lon", "lat", "note"});
    for (const Actor& a : actors_)
      t.rows.push_back({a.id, a.name.en, a.name.ar, a.type, a.pcode, std::string(a.women ? "yes" : "no"),
                        std::string(a.youth ? "yes" : "no"), a.facility_id, a.located ? fixed7(a.at.x) : std::string(),
                        a.located ? fixed7(a.at.y) : std::string(), a.note});
    return t;
  }

  geo::LayerData links_table() const {
    geo::LayerData t = text_table("links", {"link_id", "source", "target", "link_type", "strength", "start_date", "end_date",
                                            "directed", "note"});
    for (std::size_t i = 0; i < links_.size(); ++i) {
      const LinkRow& l = links_[i];
      t.rows.push_back({numbered("L", i + 1, 4), id(l.a), id(l.b), l.type, l.strength, l.start, l.end, l.directed, l.note});
    }
    return t;
  }

 private:
  std::string id(std::size_t a) const { return a == kNoSuchActor ? "A999" : actors_[a].id; }

  std::size_t add(Actor a) {
    actors_.push_back(std::move(a));
    return actors_.size() - 1;
  }

  Actor located_in(std::size_t d, std::string type, Name name) {
    Actor a;
    a.type = std::move(type);
    a.name = std::move(name);
    a.district = d;
    a.governorate = region_.districts[d].governorate;
    a.pcode = region_.districts[d].pcode;
    a.at = index_.random_point(d, rng_);
    return a;
  }

  void place_actors(const geo::LayerData& facilities) {
    const std::size_t n = region_.districts.size();
    std::vector<std::size_t> capital(region_.governorates.size(), kNone);  // most populous district
    for (std::size_t d = 0; d < n; ++d) {
      std::size_t& c = capital[region_.districts[d].governorate];
      if (c == kNone || region_.districts[d].population > region_.districts[c].population) c = d;
    }
    capital_ = capital;
    const std::size_t city = region_.city_district;
    national_.push_back(add(located_in(city, "national_authority", {"National Security Committee", "اللجنة الأمنية الوطنية"})));
    national_.push_back(add(located_in(city, "national_authority", {"Ministry of Local Administration", "وزارة الإدارة المحلية"})));
    for (auto& a : {national_[0], national_[1]}) actors_[a].pcode.clear();
    for (std::size_t g = 0; g < region_.governorates.size(); ++g) {
      Actor a;
      a.type = "governorate_authority";
      a.name = {region_.governorates[g].name.en + " Governorate Office", "ديوان محافظة " + region_.governorates[g].name.ar};
      a.governorate = g;
      a.pcode = region_.governorates[g].pcode;
      a.located = false;  // known by its governorate P-code only
      governorate_.push_back(add(std::move(a)));
    }

    // Who is where: exact numbers, districts drawn by population.
    std::vector<bool> any(n, true);
    std::vector<bool> not_central(n, true);
    not_central[region_.island_district] = not_central[city] = false;
    for (const std::size_t c : capital) not_central[c] = false;
    const auto cut_off = draw_districts(region_, not_central, kCutOffDistricts, rng_);
    cut_off_.assign(cut_off.begin(), cut_off.end());
    std::vector<bool> committee_ok(n, true);
    const auto without_committee = [&] {
      std::vector<bool> allowed(n, true);
      for (const std::size_t d : cut_off) allowed[d] = false;
      allowed[region_.island_district] = false;
      return draw_districts(region_, allowed, 6, rng_);
    }();
    for (const std::size_t d : without_committee) committee_ok[d] = false;
    const auto leaders = draw_districts(region_, any, 14, rng_);
    const auto women = draw_districts(region_, any, 10, rng_);
    const auto youth = draw_districts(region_, any, 10, rng_);
    const auto csos = draw_districts(region_, any, 8, rng_);
    auto in = [](const std::vector<std::size_t>& v, std::size_t d) { return std::find(v.begin(), v.end(), d) != v.end(); };

    for (std::size_t d = 0; d < n; ++d) {
      const District& district = region_.districts[d];
      const Name& dn = district.name;
      Actor authority = located_in(d, "district_authority", {dn.en + " District Authority", "السلطة المحلية في مديرية " + dn.ar});
      authority.located = rng_.chance(0.65);
      district_authority_[d] = add(std::move(authority));
      if (in(capital, d))
        municipality_[d] = add(located_in(d, "municipality", {dn.en + " Municipality", "بلدية " + dn.ar}));
      for (std::size_t r = 0; r < facilities.size(); ++r) {
        const auto& row = facilities.rows[r];
        const std::string type = std::get<std::string>(row[3]);
        if (type != "police_station" && type != "security_department") continue;
        const geo::Point p{*geo::parse_number(std::get<std::string>(row[7])), *geo::parse_number(std::get<std::string>(row[8]))};
        if (index_.locate(p) != static_cast<std::int32_t>(d)) continue;
        Actor police;
        police.type = "police_security";
        police.name = {std::get<std::string>(row[1]), std::get<std::string>(row[2])};
        police.district = d;
        police.governorate = district.governorate;
        police.pcode = district.pcode;
        police.at = p;
        police.facility_id = std::get<std::string>(row[0]);
        const std::size_t a = add(std::move(police));
        if (type == "security_department") security_department_[district.governorate] = a;
        else police_[d].push_back(a);
      }
      auto community = [&](const char* type, Name name) {
        Actor c = located_in(d, type, std::move(name));
        c.located = rng_.chance(0.8);  // the others only give their district's P-code
        c.women = std::string(type) == "womens_group" || rng_.chance(0.1);
        c.youth = std::string(type) == "youth_group" || rng_.chance(0.1);
        community_[d].push_back(add(std::move(c)));
      };
      if (committee_ok[d]) community("community_committee", {dn.en + " Community Committee", "اللجنة المجتمعية في " + dn.ar});
      if (in(leaders, d)) community("community_leader", {dn.en + " Community Mediator", "وسيط مجتمعي في " + dn.ar});
      if (in(women, d)) community("womens_group", {dn.en + " Women's Group", "مجموعة نساء " + dn.ar});
      if (in(youth, d)) community("youth_group", {dn.en + " Youth Group", "مجموعة شباب " + dn.ar});
      if (in(csos, d)) community("cso", {dn.en + " Civic Association", "جمعية " + dn.ar + " المدنية"});
    }
    // Services in the capitals of the first governorates.
    for (std::size_t g = 0; g < 3; ++g) {
      const Name& dn = region_.districts[capital[g]].name;
      others_.push_back(add(located_in(capital[g], "health", {dn.en + " General Hospital", "مستشفى " + dn.ar + " العام"})));
      others_.push_back(add(located_in(capital[g], "judiciary", {dn.en + " Prosecution Office", "نيابة " + dn.ar})));
    }
    for (std::size_t g = 0; g < 2; ++g) {
      const Name& dn = region_.districts[capital[g]].name;
      others_.push_back(add(located_in(capital[g], "business", {dn.en + " Traders' Union", "اتحاد تجار " + dn.ar})));
    }
    // Isolated police: stations outside the island and the cut-off districts, drawn at random.
    std::vector<std::size_t> stations;
    for (const auto& [d, list] : police_)
      if (d != region_.island_district) stations.insert(stations.end(), list.begin(), list.end());
    rng_.shuffle(stations);
    isolated_police_.assign(stations.begin(), stations.begin() + static_cast<std::ptrdiff_t>(kIsolatedPolice));

    // The deliberately malformed or awkward actor rows, last.
    Actor unknown_type = located_in(region_.districts.size() - 1, "militia_liaison",
                                    {"Checkpoint Liaison Office", "مكتب التنسيق مع النقاط"});
    unknown_type.note = "synthetic: deliberately malformed – actor type 'militia_liaison' is not in the vocabulary";
    rejected_actor_ = add(std::move(unknown_type));
    Actor unknown_code = located_in(0, "community_leader", {"Travelling Mediator", "وسيط متنقل"});
    unknown_code.located = false;
    unknown_code.pcode = "ZZ0999";
    unknown_code.note = "synthetic: deliberately awkward – no coordinates and a P-code that names no unit";
    unplaced_ = add(std::move(unknown_code));
  }

  void assign_ids() {
    for (std::size_t i = 0; i < actors_.size(); ++i) actors_[i].id = numbered("A", i + 1, 3);
  }

  // Dates: starts from 2022 to mid-2024, about one link in six ended.
  void link(std::size_t a, std::size_t b, const char* type, bool directed = false) {
    if (a == b || !pairs_.insert(std::minmax(a, b)).second) return;
    Rng& r = link_rng_;
    LinkRow l{a, b, type, std::to_string(1 + r.below(5)), "", "", "", ""};
    const int first = day_of(2022, 1, 1), last = day_of(2024, 5, 31);
    const int start = first + static_cast<int>(r.below(static_cast<std::size_t>(last - first)));
    if (r.chance(0.9)) l.start = date_text(start);
    if (r.chance(0.17)) l.end = date_text(start + 60 + static_cast<int>(r.below(700)));
    l.directed = directed ? "yes" : (r.chance(0.8) ? "no" : "");
    links_.push_back(std::move(l));
  }

  bool blocked(std::size_t a) const {  // never linked by the random fill
    const Actor& x = actors_[a];
    if (a == rejected_actor_ || std::find(isolated_police_.begin(), isolated_police_.end(), a) != isolated_police_.end())
      return true;
    if (x.district == region_.island_district) return true;
    const bool community = x.type == "community_committee" || x.type == "community_leader" || x.type == "womens_group" ||
                           x.type == "youth_group" || x.type == "cso";
    return community && (x.district == brokered_ || std::find(cut_off_.begin(), cut_off_.end(), x.district) != cut_off_.end());
  }

  void link_actors() {
    Rng& r = link_rng_;
    const std::size_t island = region_.island_district;
    auto isolated = [&](std::size_t a) {
      return std::find(isolated_police_.begin(), isolated_police_.end(), a) != isolated_police_.end();
    };
    for (std::size_t g = 0; g < governorate_.size(); ++g) {
      link(governorate_[g], national_[1], "reporting_line", true);
      if (r.chance(0.5)) link(governorate_[g], national_[0], "meeting");
      link(security_department_[g], governorate_[g], "reporting_line", true);
      link(security_department_[g], national_[0], "reporting_line", true);
    }
    link(national_[0], national_[1], "agreement");
    // The brokered district: police and two or more community actors, not special otherwise.
    std::vector<std::size_t> brokerable;
    for (const auto& [d, list] : community_)
      if (list.size() >= 2 && !police_[d].empty() && d != island && d != region_.city_district &&
          std::find(cut_off_.begin(), cut_off_.end(), d) == cut_off_.end())
        brokerable.push_back(d);
    brokered_ = brokerable[r.below(brokerable.size())];
    for (std::size_t d = 0; d < region_.districts.size(); ++d) {
      const std::size_t g = region_.districts[d].governorate;
      const std::size_t authority = district_authority_.at(d);
      const auto& community = community_[d];
      const auto& police = police_[d];
      const bool cut_off = std::find(cut_off_.begin(), cut_off_.end(), d) != cut_off_.end();
      // Community actors talk among themselves.
      for (std::size_t i = 1; i < community.size(); ++i) link(community[i], community[r.below(i)], "meeting");
      // The district authority reports up (the island's single tie to the mainland).
      if (d == island || r.chance(0.88)) link(authority, governorate_[g], "reporting_line", true);
      if (municipality_.count(d)) link(municipality_[d], authority, "agreement");
      for (const std::size_t p : police) {
        if (isolated(p)) continue;
        if (d != island) link(p, security_department_[g], "reporting_line", true);
        if (r.chance(0.75)) link(p, authority, "meeting");
      }
      if (cut_off || community.empty()) continue;
      if (d == brokered_) {  // community -> district authority -> police, and no other way
        link(community[0], authority, "meeting");
        for (const std::size_t p : police)
          if (!isolated(p)) link(p, authority, "meeting");
        continue;
      }
      // Community to police: the district's station, else the governorate's security department.
      std::vector<std::size_t> reachable_police;
      for (const std::size_t p : police)
        if (!isolated(p)) reachable_police.push_back(p);
      if (r.chance(0.85)) {
        const std::size_t to = !reachable_police.empty() ? reachable_police[r.below(reachable_police.size())]
                                                         : (d == island ? authority : security_department_[g]);
        link(community[0], to, r.chance(0.5) ? "referral" : "meeting");
      }
      for (std::size_t i = 0; i < community.size(); ++i) {
        if (r.chance(0.45)) link(community[i], authority, actors_[community[i]].type == "cso" ? "joint_campaign" : "meeting");
        if (i > 0 && !reachable_police.empty() && r.chance(0.35)) link(community[i], reachable_police[0], "referral");
      }
    }
    // Horizontal links: municipalities with each other, district authorities with neighbours in their governorate.
    std::vector<std::size_t> municipalities;
    for (const auto& [d, m] : municipality_) municipalities.push_back(m);
    for (std::size_t i = 0; i < municipalities.size(); ++i)
      for (std::size_t j = i + 1; j < municipalities.size(); ++j)
        if (r.chance(0.6)) link(municipalities[i], municipalities[j], "agreement");
    for (std::size_t k = 0; k < 16; ++k) {
      const std::size_t a = r.below(region_.districts.size()), b = r.below(region_.districts.size());
      if (a == region_.island_district || b == region_.island_district) continue;
      if (region_.districts[a].governorate != region_.districts[b].governorate) continue;
      link(district_authority_.at(a), district_authority_.at(b), "meeting");
    }
    // Services: hospitals and prosecutors refer to the police, traders fund civic groups.
    for (const std::size_t s : others_) {
      const Actor& x = actors_[s];
      if (x.type == "health" || x.type == "judiciary") {
        link(s, security_department_[x.governorate], "referral");
        for (const std::size_t p : police_[x.district])
          if (!isolated(p)) link(s, p, "referral");
      }
      if (x.type == "business" && municipality_.count(x.district)) link(s, municipality_[x.district], "funding", true);
    }
    link(unplaced_, district_authority_.at(0), "meeting");
    // Fill up with forums between actors of the same governorate.
    while (links_.size() < kValidLinks) {
      const std::size_t a = r.below(actors_.size()), b = r.below(actors_.size());
      if (blocked(a) || blocked(b) || actors_[a].governorate != actors_[b].governorate) continue;
      link(a, b, r.chance(0.7) ? "meeting" : "joint_campaign");
    }
    add_malformed_links();
  }

  void add_malformed_links() {
    const char* why = "synthetic: deliberately malformed – ";
    auto bad = [&](LinkRow row, const std::string& what) {
      row.note = why + what;
      links_.push_back(std::move(row));
    };
    const LinkRow& model = links_[10];
    bad({kNoSuchActor, model.b, "meeting", "2", "2023-03-01", "", "no", ""}, "source A999 is not an actor");
    bad({model.a, model.a, "meeting", "3", "2023-05-10", "", "no", ""}, "links an actor to itself");
    for (const std::size_t k : {20u, 120u, 240u}) {
      LinkRow repeat = links_[k];
      repeat.strength = std::to_string(1 + link_rng_.below(5));
      bad(repeat, "repeats link L" + std::string(4 - std::to_string(k + 1).size(), '0') + std::to_string(k + 1) +
                      " (same actors, type and dates)");
    }
    bad({model.a, links_[30].b, "meeting", "2", "2023-02-30", "", "no", ""}, "start date 2023-02-30 does not exist");
    bad({links_[40].a, links_[50].b, "referral", "0", "2023-08-01", "", "no", ""}, "strength 0");
    bad({links_[60].a, links_[70].b, "referral", "-2", "2023-09-15", "", "no", ""}, "negative strength");
    bad({rejected_actor_, district_authority_.at(region_.districts.size() - 1), "meeting", "2", "2024-01-10", "", "no", ""},
        "links the actor whose type is not in the vocabulary");
    bad({links_[80].a, links_[90].a, "lunch", "1", "2024-02-01", "", "no", ""}, "link type 'lunch' is not in the vocabulary");
  }

  const Region& region_;
  const DistrictIndex& index_;
  Rng rng_, link_rng_;
  std::vector<Actor> actors_;
  std::vector<LinkRow> links_;
  std::set<std::pair<std::size_t, std::size_t>> pairs_;
  std::vector<std::size_t> national_, governorate_, others_, cut_off_, isolated_police_, capital_;
  std::map<std::size_t, std::size_t> district_authority_, municipality_, security_department_;
  std::map<std::size_t, std::vector<std::size_t>> police_, community_;
  std::size_t rejected_actor_ = kNone, unplaced_ = kNone, brokered_ = kNone;
};

}  // namespace

CoordinationTables make_coordination(const Region& region, const DistrictIndex& index, std::uint64_t seed) {
  NetworkBuilder builder(region, index, seed);
  builder.build(make_facilities(region, index, seed));
  return {builder.actors_table(), builder.links_table()};
}

}  // namespace make_demo
