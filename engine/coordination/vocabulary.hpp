#pragma once
// The words of a coordination network: which kinds of actors and links
// exist, and where each kind of actor stands in the vertical chain of
// community safety (community -> police / security -> local authority ->
// governorate -> national).
//
// The standard vocabulary follows the local-mapping approach of city-led
// prevention networks:
//
//   actor type            code                    chain role
//   national authority    national_authority      national
//   governorate authority governorate_authority   governorate
//   district authority    district_authority      local_authority
//   municipality          municipality            local_authority
//   police / security     police_security         police
//   judiciary / prosecution judiciary             other
//   health                health                  other
//   CSO                   cso                     community
//   community committee   community_committee     community
//   community leader / mediator community_leader  community
//   women's group         womens_group            community
//   youth group           youth_group             community
//   business              business                other
//
//   link types: meeting (meeting / forum), agreement, referral,
//   joint_campaign, funding, reporting_line.
//
// A project may add actor types (with their chain role) and link types.
// Values in the data are matched to a code, label or alias after folding
// case and turning spaces, '-', '/' and '\'' runs into '_' ("Police /
// security" -> "police_security").  Thread-safety: const methods only read.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace engine::coordination {

enum class ChainRole : std::uint8_t { Community, Police, LocalAuthority, GovernorateAuthority, NationalAuthority, Other };

// "community", "police", "local_authority", "governorate_authority",
// "national_authority", "other".
const char* to_string(ChainRole role);
std::optional<ChainRole> chain_role_from(std::string_view text);

struct ActorType {
  std::string code;   // e.g. "police_security"
  std::string label;  // e.g. "Police / security unit"
  ChainRole role = ChainRole::Other;
  std::vector<std::string> aliases;  // further spellings accepted in the data
};

struct LinkType {
  std::string code;   // e.g. "reporting_line"
  std::string label;  // e.g. "Reporting line"
  std::vector<std::string> aliases;
};

// Lower case, runs of spaces / '_' / '-' / '/' / '\'' turned into one '_',
// trimmed of '_' at both ends.  Non-ASCII bytes are kept as they are.
std::string fold_vocabulary_word(std::string_view text);

// The text without leading and trailing blanks (spaces, tabs, line ends):
// how table cells are read before they are checked.
std::string trim_blanks(const std::string& s);

class Vocabulary {
 public:
  // The standard vocabulary above.
  static Vocabulary standard();

  // Adds a type; throws engine::Error if its code or an alias is taken.
  void add_actor_type(ActorType type);
  void add_link_type(LinkType type);

  // Index of the type a data value names, or -1.
  int actor_type_index(std::string_view value) const;
  int link_type_index(std::string_view value) const;

  const std::vector<ActorType>& actor_types() const { return actor_types_; }
  const std::vector<LinkType>& link_types() const { return link_types_; }
  // "national_authority, governorate_authority, ..." for hints.
  std::string actor_type_codes() const;
  std::string link_type_codes() const;

 private:
  std::vector<ActorType> actor_types_;
  std::vector<LinkType> link_types_;
  std::unordered_map<std::string, int> actor_words_, link_words_;  // folded word -> index
};

}  // namespace engine::coordination
