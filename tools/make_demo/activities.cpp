// activities.csv: the programme's activities (4W/5W): grants to security
// facilities and CSOs, infrastructure works, campaigns, local forums,
// community dialogues, round tables and trainings, with budgets and
// beneficiaries by sex and group.
//
// They are drawn from the generated facilities, partners and actors, so the
// ids and names they cite exist: grants and works name a facility id and are
// placed in its district; forums and dialogues are often led by a district's
// women's or youth group (named as in actors.csv, so the coordination actors
// tell that they are women-/youth-led); other activities name a partner CSO.
// Activities lean towards populous districts and some districts get none, so
// reach against need has something to find.
//
// Exactly 4 records have no coordinates, only their district's Arabic name
// (placed by name), and 3 are deliberately inconsistent (note starting
// "synthetic: deliberately inconsistent – "): beneficiaries by sex that do
// not add up to the total, a negative count, an end date before the start.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "geo/error.hpp"
#include "grid.hpp"
#include "tables.hpp"

namespace make_demo {
namespace {

constexpr std::size_t kTotal = 120;
constexpr std::size_t kDistrictsWithout = 6;

struct Kind {
  const char* type;
  std::size_t count;
  bool facility;  // benefits a security facility
};
const Kind kKinds[] = {{"security_grant", 14, true},    {"infrastructure_works", 6, true}, {"advocacy_grant", 10, false},
                       {"campaign", 8, false},          {"local_forum", 26, false},        {"community_dialogue", 24, false},
                       {"round_table", 12, false},      {"training", 20, false}};
const char* const kDonors[] = {"Demo Safety Fund (synthetic)", "Demo Peace Programme (synthetic)",
                               "Demo Community Trust (synthetic)"};

std::string iso(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

double cell_number(const std::string& s) { return std::stod(s); }

int column(const geo::LayerData& t, const char* name) {
  const int i = t.field_index(name);
  if (i < 0) throw geo::Error(std::string("make_demo: no column ") + name + " in " + t.name);
  return i;
}

std::string cell(const geo::LayerData& t, std::size_t row, int col) { return std::get<std::string>(t.rows[row][static_cast<std::size_t>(col)]); }

struct Sources {
  std::vector<std::vector<std::string>> partners;  // per district: partner names
  std::vector<std::vector<std::string>> groups;    // per district: women's / youth group actor names
  std::vector<std::pair<std::string, std::size_t>> facilities;  // id, district (located ones)
};

Sources sources(const Region& region, const DistrictIndex& index, const geo::LayerData& facilities,
                const geo::LayerData& partners, const geo::LayerData& actors) {
  Sources s;
  s.partners.resize(region.districts.size());
  s.groups.resize(region.districts.size());
  const int fid = column(facilities, "facility_id"), flon = column(facilities, "lon"), flat = column(facilities, "lat");
  for (std::size_t r = 0; r < facilities.size(); ++r) {
    const std::int32_t d = index.locate({cell_number(cell(facilities, r, flon)), cell_number(cell(facilities, r, flat))});
    if (d >= 0) s.facilities.emplace_back(cell(facilities, r, fid), static_cast<std::size_t>(d));
  }
  const int pname = column(partners, "name_en"), plat = column(partners, "Northing (deg)"), plon = column(partners, "Easting (deg)");
  for (std::size_t r = 1; r < partners.size(); ++r) {  // row 0 is the HXL tag row
    const std::int32_t d = index.locate({cell_number(cell(partners, r, plon)), cell_number(cell(partners, r, plat))});
    if (d >= 0) s.partners[static_cast<std::size_t>(d)].push_back(cell(partners, r, pname));
  }
  std::map<std::string, std::size_t> by_code;
  for (std::size_t d = 0; d < region.districts.size(); ++d) by_code[region.districts[d].pcode] = d;
  const int aname = column(actors, "name_en"), atype = column(actors, "type"), acode = column(actors, "pcode");
  for (std::size_t r = 0; r < actors.size(); ++r) {
    const std::string type = cell(actors, r, atype);
    const auto d = by_code.find(cell(actors, r, acode));
    if ((type == "womens_group" || type == "youth_group") && d != by_code.end()) s.groups[d->second].push_back(cell(actors, r, aname));
  }
  return s;
}

struct Beneficiaries {
  std::int64_t total = 0, male = 0, female = 0, youth = 0, children = 0, displaced = 0, officers = 0;
};

Beneficiaries beneficiaries(const std::string& type, bool led_by_group, Rng& rng) {
  Beneficiaries b;
  const auto between = [&](std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(rng.below(static_cast<std::size_t>(hi - lo + 1))); };
  if (type == "training") {
    b.total = between(12, 40);
    b.female = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.0, 0.2)));
    b.officers = b.total;
  } else if (type == "security_grant" || type == "infrastructure_works") {
    b.total = between(400, 6000);
    b.female = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.35, 0.5)));
    b.officers = between(10, 80);
  } else if (type == "campaign" || type == "advocacy_grant") {
    b.total = between(300, 2500);
    b.female = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.3, 0.55)));
    b.youth = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.2, 0.5)));
    b.children = rng.chance(0.4) ? static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.1, 0.3))) : 0;
  } else {  // sessions: forums, dialogues, round tables
    b.total = type == "round_table" ? between(15, 40) : between(20, 120);
    b.female = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(led_by_group ? 0.4 : 0.1, led_by_group ? 0.8 : 0.45)));
    b.youth = static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.05, led_by_group ? 0.6 : 0.35)));
  }
  if (type != "training") b.displaced = rng.chance(0.5) ? static_cast<std::int64_t>(std::llround(double(b.total) * rng.uniform(0.05, 0.35))) : 0;
  b.male = b.total - b.female;
  return b;
}

}  // namespace

geo::LayerData make_activities(const Region& region, const DistrictIndex& index, const geo::LayerData& facilities,
                               const geo::LayerData& partners, const geo::LayerData& actors, std::uint64_t seed) {
  using namespace std::chrono;
  Rng rng(seed, kActivities);
  const Sources src = sources(region, index, facilities, partners, actors);
  std::vector<double> weight;
  for (const District& d : region.districts) weight.push_back(std::pow(static_cast<double>(d.population), 0.7));
  for (std::size_t i = 0; i < kDistrictsWithout; ++i) weight[rng.weighted(weight)] = 0;  // may repeat: "up to"
  std::vector<std::string> all_partners;
  for (const auto& names : src.partners) all_partners.insert(all_partners.end(), names.begin(), names.end());

  geo::LayerData layer = text_table("activities", {"activity_id", "type", "partner", "donor", "start_date", "end_date",
                                                   "budget", "currency", "facility_id", "participants", "male", "female",
                                                   "youth", "children", "displaced", "officers", "resolutions", "district",
                                                   "lon", "lat", "note"});
  std::vector<std::string> kinds;
  for (const Kind& k : kKinds)
    for (std::size_t i = 0; i < k.count; ++i) kinds.push_back(k.type);
  rng.shuffle(kinds);
  if (kinds.size() != kTotal) throw geo::Error("make_demo: the activity kinds do not add up to 120");
  // Which records are awkward on purpose (fixed positions, so they are easy to find).
  const std::map<std::size_t, const char*> inconsistent = {
      {17, "male and female do not add up to the participants"}, {58, "a negative count of women"},
      {93, "ends before it starts"}};
  const std::size_t by_name[] = {9, 41, 76, 110};

  for (std::size_t i = 0; i < kTotal; ++i) {
    const std::string type = kinds[i];
    const bool facility_kind = type == "security_grant" || type == "infrastructure_works";
    std::string facility_id;
    std::size_t d = 0;
    if (facility_kind) {
      const auto& f = src.facilities[rng.below(src.facilities.size())];
      facility_id = f.first;
      d = f.second;
    } else {
      d = rng.weighted(weight);
    }
    const bool session = type == "local_forum" || type == "community_dialogue";
    const bool led_by_group = session && !src.groups[d].empty() && rng.chance(0.5);
    std::string partner;
    if (led_by_group) partner = src.groups[d][rng.below(src.groups[d].size())];
    else if (!src.partners[d].empty() && rng.chance(0.8)) partner = src.partners[d][rng.below(src.partners[d].size())];
    else partner = all_partners[rng.below(all_partners.size())];
    const sys_days start = sys_days(2023y / January / 1) + days(rng.below(700));
    const sys_days end = start + days(type == "local_forum" || type == "community_dialogue" || type == "round_table"
                                          ? 0
                                          : 7 + rng.below(type == "training" ? 14 : 240));
    std::string budget, currency;
    if (facility_kind || type == "advocacy_grant" || type == "training" || type == "campaign") {
      const bool rials = type == "advocacy_grant" && rng.chance(0.4);
      const double usd = facility_kind ? rng.uniform(15000, 150000) : rng.uniform(3000, 40000);
      budget = std::to_string(rials ? std::llround(usd / 0.0018 / 1000) * 1000 : std::llround(usd / 10) * 10);
      currency = rials ? "YER" : "USD";
    }
    Beneficiaries b = beneficiaries(type, led_by_group, rng);
    const std::string resolutions =
        session || type == "round_table" ? std::to_string(rng.below(type == "round_table" ? 7 : 5)) : std::string();
    const geo::Point at = index.random_point(d, rng);
    std::vector<geo::Value> row{numbered("ACT", i + 1, 3), type, partner, std::string(kDonors[rng.below(3)]), iso(start),
                                iso(end), budget, currency, facility_id, std::to_string(b.total), std::to_string(b.male),
                                std::to_string(b.female)};
    auto optional = [](std::int64_t v) { return v > 0 ? std::to_string(v) : std::string(); };
    for (std::int64_t v : {b.youth, b.children, b.displaced, b.officers}) row.emplace_back(optional(v));
    row.emplace_back(resolutions);
    row.emplace_back("مديرية " + region.districts[d].name.ar);
    std::string note = "synthetic";
    if (std::find(std::begin(by_name), std::end(by_name), i) != std::end(by_name)) {
      row.emplace_back(std::string());
      row.emplace_back(std::string());
      note = "synthetic: no coordinates, only the district's name";
    } else {
      row.emplace_back(fixed7(at.x));
      row.emplace_back(fixed7(at.y));
    }
    if (const auto bad = inconsistent.find(i); bad != inconsistent.end()) {
      note = std::string("synthetic: deliberately inconsistent – ") + bad->second;
      if (i == 17) row[10] = std::to_string(b.male + 10);                      // male + female = participants + 10
      if (i == 58) row[11] = "-" + std::to_string(b.female == 0 ? 5 : b.female);  // negative women
      if (i == 93) row[5] = iso(start - days(30));                              // end 30 days before the start
    }
    row.emplace_back(note);
    layer.rows.push_back(std::move(row));
  }
  return layer;
}

}  // namespace make_demo
