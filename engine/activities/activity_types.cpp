#include "engine/activities/activity_types.hpp"

#include "engine/coordination/vocabulary.hpp"
#include "engine/error.hpp"

namespace engine::activities {

ActivityTypes ActivityTypes::standard() {
  ActivityTypes t;
  t.add({"security_grant", "Security and safety grant", "منحة أمن وسلامة", {"safety_grant", "security_and_safety_grant"}});
  t.add({"advocacy_grant", "Advocacy grant", "منحة مناصرة", {}});
  t.add({"campaign", "Awareness or advocacy campaign", "حملة توعية ومناصرة", {"awareness_campaign", "advocacy_campaign"}});
  t.add({"local_forum", "Local forum", "منتدى محلي", {"forum", "local_prevention_forum"}});
  t.add({"community_dialogue", "Community dialogue", "حوار مجتمعي", {"dialogue", "dialogue_session"}});
  t.add({"round_table", "Round table", "طاولة مستديرة",
         {"roundtable", "governorate_round_table", "national_round_table"}});
  t.add({"safe_space_session", "Safe-space session", "جلسة مساحة آمنة", {"safe_space"}});
  t.add({"training", "Training", "تدريب", {"training_course", "workshop"}});
  t.add({"infrastructure_works", "Infrastructure works", "أعمال بنية تحتية",
         {"works", "rehabilitation", "construction"}});
  t.add({"equipment", "Equipment and furnishing", "تجهيز وتأثيث", {"furnishing", "equipment_and_furnishing"}});
  return t;
}

void ActivityTypes::add(ActivityType type) {
  const int index = static_cast<int>(types_.size());
  std::vector<std::string> spellings = {type.code, type.label, type.label_ar};
  spellings.insert(spellings.end(), type.aliases.begin(), type.aliases.end());
  // A spelling taken by another type is a configuration error: resolving it
  // quietly would count one type's activities under another.
  for (const std::string& spelling : spellings) {
    const std::string word = coordination::fold_vocabulary_word(spelling);
    if (word.empty()) continue;
    const auto [at, inserted] = words_.emplace(word, index);
    if (!inserted && at->second != index)
      throw Error("activity type '" + type.code + "': the name '" + spelling + "' is already used by the type '" +
                      types_[static_cast<std::size_t>(at->second)].code + "'",
                  {}, "choose another code, label or alias");
  }
  types_.push_back(std::move(type));
}

int ActivityTypes::index_of(std::string_view value) const {
  const auto it = words_.find(coordination::fold_vocabulary_word(value));
  return it == words_.end() ? -1 : it->second;
}

std::string ActivityTypes::codes() const {
  std::string out;
  for (const ActivityType& t : types_) out += (out.empty() ? "" : ", ") + t.code;
  return out;
}

}  // namespace engine::activities
