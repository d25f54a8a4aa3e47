#include "names.hpp"

#include "geo/error.hpp"

namespace make_demo {
namespace {

// Made-up roots (pattern of local place names, not real places).
const std::vector<Name> kRoots = {
    {"Zarqan", "زرقان"},   {"Hamrun", "حمرون"},   {"Safiran", "صفيران"}, {"Qutayn", "قطين"},
    {"Bardan", "بردان"},   {"Nakhlan", "نخلان"},  {"Samrah", "سمرة"},    {"Kahlan", "كحلان"},
    {"Tarfan", "طرفان"},   {"Marjan", "مرجان"},   {"Sahban", "سحبان"},   {"Ghaylan", "غيلان"},
    {"Raydun", "ريدون"},   {"Tamran", "تمران"},   {"Fayrun", "فيرون"},   {"Jurban", "جربان"},
    {"Dahwan", "دهوان"},   {"Khazrun", "خزرون"},  {"Shablun", "شبلون"},  {"Warqan", "ورقان"},
    {"Qanwan", "قنوان"},   {"Manhal", "منهل"},    {"Sidran", "سدران"},   {"Tulayh", "طليح"},
    {"Hijlan", "حجلان"},   {"Rafan", "رفان"},     {"Mizhar", "مزهر"},    {"Nabqan", "نبقان"},
    {"Sahwan", "صحوان"},   {"Kutban", "كتبان"},   {"Hadran", "حدران"},   {"Uqlan", "عقلان"},
    {"Falhan", "فلحان"},   {"Jaldan", "جلدان"},   {"Zafran", "زفران"},   {"Tihlan", "تحلان"},
    {"Misran", "مسران"},   {"Barhun", "برهون"},   {"Lahfan", "لهفان"},   {"Ghamran", "غمران"},
    {"Qarnun", "قرنون"},   {"Sawfan", "صوفان"},   {"Dhalfan", "ظلفان"},  {"Numran", "نمران"},
};

// Generic geographic words: coast, cape, inlet, anchorage / valley, mountain, well, market, fort.
const std::vector<Name> kCoastalPrefixes = {{"Sahil", "ساحل"}, {"Ras", "رأس"}, {"Khor", "خور"}, {"Marsa", "مرسى"}};
const std::vector<Name> kInlandPrefixes = {
    {"Wadi", "وادي"}, {"Jabal", "جبل"}, {"Bir", "بئر"}, {"Suq", "سوق"}, {"Hisn", "حصن"}};

}  // namespace

NameBank::NameBank(Rng& rng) : rng_(rng), roots_(kRoots) { rng_.shuffle(roots_); }

Name NameBank::next_root() {
  if (used_ == roots_.size()) throw geo::Error("make_demo ran out of fictional name roots");
  return roots_[used_++];
}

Name NameBank::governorate() { return next_root(); }

Name NameBank::district(bool coastal) {
  const Name root = next_root();
  if (rng_.chance(0.25)) return root;
  const auto& prefixes = coastal ? kCoastalPrefixes : kInlandPrefixes;
  const Name& prefix = prefixes[rng_.below(prefixes.size())];
  return {prefix.en + " " + root.en, prefix.ar + " " + root.ar};
}

Name NameBank::city(const Name& governorate) { return {"Madinat " + governorate.en, "مدينة " + governorate.ar}; }

}  // namespace make_demo
