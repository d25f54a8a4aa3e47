#include "engine/activities/tally.hpp"

namespace engine::activities {

void Tally::add(const Activity& a, const CurrencyOptions& currency, const std::vector<std::size_t>& youth_groups,
                bool led_by_women, bool led_by_youth) {
  ++activities;
  ++by_type[a.type];
  if (!a.partner.empty()) partners.insert(a.partner);
  if (a.budget) {
    budget[a.currency] += *a.budget;
    if (const auto rate = currency.rate(a.currency)) converted += *a.budget * *rate;
    else if (currency.converts()) unconvertible = true;
  }
  if (const auto p = a.participants()) participants += *p;
  if (a.male) male += *a.male;
  if (a.female) female += *a.female;
  if (a.male && a.female) sexed += *a.male + *a.female, sexed_female += *a.female;
  if (a.resolutions) resolutions += *a.resolutions;
  groups.resize(a.groups.size(), 0);
  for (std::size_t g = 0; g < a.groups.size(); ++g)
    if (a.groups[g]) groups[g] += *a.groups[g];
  std::optional<std::int64_t> young;
  for (const std::size_t g : youth_groups)
    if (g < a.groups.size() && a.groups[g]) young = young.value_or(0) + *a.groups[g];
  if (young && a.participants()) youth += *young, youth_base += *a.participants();
  if (led_by_women) ++women_led;
  if (led_by_youth) ++youth_led;
  if (a.sex_difference()) ++inconsistent;
}

std::optional<double> Tally::women_share() const {
  return sexed > 0 ? std::optional<double>(double(sexed_female) / double(sexed)) : std::nullopt;
}

std::optional<double> Tally::youth_share() const {
  return youth_base > 0 ? std::optional<double>(double(youth) / double(youth_base)) : std::nullopt;
}

}  // namespace engine::activities
