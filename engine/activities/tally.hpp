#pragma once
// What a set of activities adds up to: the cell of a 4W table, a unit's
// totals, a facility's benefits.  Sums follow activity_records.hpp: counts
// that are missing or bad are left out, the stated total is the participant
// count, and budgets are kept per currency (converted only with a rate).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/activities/activities_options.hpp"
#include "engine/activities/activity_records.hpp"

namespace engine::activities {

struct Tally {
  std::int64_t activities = 0;
  std::set<std::string> partners;            // as written, non-empty
  std::map<std::string, double> budget;      // currency -> sum
  double converted = 0;                      // budgets in CurrencyOptions::to
  bool unconvertible = false;                // a budget's currency has no rate
  std::int64_t participants = 0, male = 0, female = 0, resolutions = 0;
  std::vector<std::int64_t> groups;          // as ActivityFields::groups
  // Inclusion: women's share = sexed_female / sexed over records giving
  // both male and female; youth share = youth / youth_base over records
  // giving participants and at least one youth group.
  std::int64_t sexed = 0, sexed_female = 0, youth = 0, youth_base = 0;
  std::int64_t women_led = 0, youth_led = 0;  // activities of women-/youth-led partners
  std::int64_t inconsistent = 0;             // records with a sex_mismatch
  std::map<int, std::int64_t> by_type;       // type index (-1 unknown) -> activities

  // `youth_groups` are indices into Activity::groups.
  void add(const Activity& a, const CurrencyOptions& currency, const std::vector<std::size_t>& youth_groups, bool women_led,
           bool youth_led);
  std::optional<double> women_share() const;
  std::optional<double> youth_share() const;
};

}  // namespace engine::activities
