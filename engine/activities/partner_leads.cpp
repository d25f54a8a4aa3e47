#include "engine/activities/partner_leads.hpp"

#include "engine/coordination/vocabulary.hpp"

namespace engine::activities {

PartnerLeads::PartnerLeads(const coordination::ActorNetwork& network) : available_(true) {
  const auto& types = network.vocabulary.actor_types();
  auto is_type = [&](const coordination::Actor& a, const char* code) {
    return a.type >= 0 && types[static_cast<std::size_t>(a.type)].code == code;
  };
  for (const coordination::Actor& a : network.actors) {
    if (!a.in_network() || a.id.empty()) continue;
    const PartnerLead lead{a.id, a.women_led || is_type(a, "womens_group"), a.youth_led || is_type(a, "youth_group")};
    by_id_.emplace(a.id, lead);
    for (const std::string& name : {a.name_en, a.name_ar}) {
      const std::string word = coordination::fold_vocabulary_word(coordination::trim_blanks(name));
      if (word.empty()) continue;
      const auto [at, inserted] = by_name_.emplace(word, lead);
      if (!inserted && (!at->second || at->second->actor_id != a.id)) at->second.reset();  // two actors, one name
    }
  }
}

std::optional<PartnerLead> PartnerLeads::find(const std::string& partner) const {
  const std::string id = coordination::trim_blanks(partner);
  if (id.empty()) return std::nullopt;
  if (const auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  if (const auto it = by_name_.find(coordination::fold_vocabulary_word(id)); it != by_name_.end()) return it->second;
  return std::nullopt;
}

}  // namespace engine::activities
