#include "engine/coordination/vocabulary.hpp"

#include "engine/error.hpp"

namespace engine::coordination {
namespace {

struct RoleName {
  ChainRole role;
  const char* name;
};
constexpr RoleName kRoleNames[] = {{ChainRole::Community, "community"},
                                   {ChainRole::Police, "police"},
                                   {ChainRole::LocalAuthority, "local_authority"},
                                   {ChainRole::GovernorateAuthority, "governorate_authority"},
                                   {ChainRole::NationalAuthority, "national_authority"},
                                   {ChainRole::Other, "other"}};

// Registers every folded spelling of one entry; a spelling already taken by
// another entry is a configuration error, not something to resolve quietly.
template <class Entry>
void register_words(std::unordered_map<std::string, int>& words, const Entry& entry, int index, const char* what) {
  std::vector<std::string> spellings = {entry.code, entry.label};
  spellings.insert(spellings.end(), entry.aliases.begin(), entry.aliases.end());
  for (const std::string& spelling : spellings) {
    const std::string word = fold_vocabulary_word(spelling);
    if (word.empty()) continue;
    const auto [at, inserted] = words.emplace(word, index);
    if (!inserted && at->second != index)
      throw Error(std::string(what) + " '" + entry.code + "': the name '" + spelling + "' is already used by another type",
                  {}, "choose another code, label or alias");
  }
}

template <class Entry>
std::string codes_of(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) out += (out.empty() ? "" : ", ") + e.code;
  return out;
}

}  // namespace

const char* to_string(ChainRole role) {
  for (const RoleName& r : kRoleNames)
    if (r.role == role) return r.name;
  return "other";
}

std::optional<ChainRole> chain_role_from(std::string_view text) {
  const std::string word = fold_vocabulary_word(text);
  for (const RoleName& r : kRoleNames)
    if (word == r.name) return r.role;
  return std::nullopt;
}

std::string fold_vocabulary_word(std::string_view text) {
  std::string out;
  bool gap = false;
  for (const char c : text) {
    if (c == ' ' || c == '_' || c == '-' || c == '/' || c == '\'' || c == '\t') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

Vocabulary Vocabulary::standard() {
  Vocabulary v;
  using R = ChainRole;
  v.add_actor_type({"national_authority", "National authority", R::NationalAuthority, {"national", "ministry"}});
  v.add_actor_type({"governorate_authority", "Governorate authority", R::GovernorateAuthority, {"governorate", "governor"}});
  v.add_actor_type({"district_authority", "District authority", R::LocalAuthority, {"district", "local_authority"}});
  v.add_actor_type({"municipality", "Municipality", R::LocalAuthority, {"city_council"}});
  v.add_actor_type({"police_security", "Police / security unit", R::Police,
                    {"police", "security", "police_station", "security_unit", "security_department", "community_police"}});
  v.add_actor_type({"judiciary", "Judiciary / prosecution", R::Other, {"prosecution", "court"}});
  v.add_actor_type({"health", "Health", R::Other, {"health_facility"}});
  v.add_actor_type({"cso", "CSO", R::Community, {"ngo", "civil_society", "cbo", "community_based_organisation"}});
  v.add_actor_type({"community_committee", "Community committee", R::Community, {"committee", "neighbourhood_committee"}});
  v.add_actor_type({"community_leader", "Community leader / mediator", R::Community, {"mediator", "leader", "sheikh"}});
  v.add_actor_type({"womens_group", "Women's group", R::Community, {"women_group", "women", "womens_organisation"}});
  v.add_actor_type({"youth_group", "Youth group", R::Community, {"youth", "youth_organisation"}});
  v.add_actor_type({"business", "Business", R::Other, {"private_sector"}});
  v.add_link_type({"meeting", "Meeting / forum", {"forum", "meeting_forum", "dialogue"}});
  v.add_link_type({"agreement", "Agreement", {"mou"}});
  v.add_link_type({"referral", "Referral", {}});
  v.add_link_type({"joint_campaign", "Joint campaign", {"campaign"}});
  v.add_link_type({"funding", "Funding", {"grant"}});
  v.add_link_type({"reporting_line", "Reporting line", {"reporting", "reports_to"}});
  return v;
}

void Vocabulary::add_actor_type(ActorType type) {
  if (fold_vocabulary_word(type.code) != type.code || type.code.empty())
    throw Error("actor type code '" + type.code + "' must be lower case words joined by '_'", {},
                "e.g. tribal_council");
  register_words(actor_words_, type, static_cast<int>(actor_types_.size()), "actor type");
  actor_types_.push_back(std::move(type));
}

void Vocabulary::add_link_type(LinkType type) {
  if (fold_vocabulary_word(type.code) != type.code || type.code.empty())
    throw Error("link type code '" + type.code + "' must be lower case words joined by '_'", {}, "e.g. security_council");
  register_words(link_words_, type, static_cast<int>(link_types_.size()), "link type");
  link_types_.push_back(std::move(type));
}

int Vocabulary::actor_type_index(std::string_view value) const {
  const auto at = actor_words_.find(fold_vocabulary_word(value));
  return at == actor_words_.end() ? -1 : at->second;
}

int Vocabulary::link_type_index(std::string_view value) const {
  const auto at = link_words_.find(fold_vocabulary_word(value));
  return at == link_words_.end() ? -1 : at->second;
}

std::string Vocabulary::actor_type_codes() const { return codes_of(actor_types_); }
std::string Vocabulary::link_type_codes() const { return codes_of(link_types_); }

std::string trim_blanks(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace engine::coordination
