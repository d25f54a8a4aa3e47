#pragma once
// Which implementing partners are women-led or youth-led, from the
// coordination network's actors (engine/coordination) when the project has
// one.  An activity's partner value names an actor when it is
//   1. exactly an actor's id (after trimming blanks), else
//   2. an actor's English or Arabic name, compared after folding case and
//      runs of spaces / '_' / '-' / '/' / '\'' (the vocabulary fold),
//      provided exactly one actor has that name.
// A partner is women-led when its actor has women_led set or is of type
// womens_group, youth-led likewise (youth_led, youth_group): the rule the
// coordination gaps use.  Unmatched partners count as neither, and the
// number of activities whose partner matched no actor is reported.

#include <optional>
#include <string>
#include <unordered_map>

#include "engine/coordination/network.hpp"

namespace engine::activities {

struct PartnerLead {
  std::string actor_id;
  bool women_led = false, youth_led = false;
};

class PartnerLeads {
 public:
  PartnerLeads() = default;  // no network: nothing matches
  explicit PartnerLeads(const coordination::ActorNetwork& network);
  std::optional<PartnerLead> find(const std::string& partner) const;
  bool available() const { return available_; }

 private:
  bool available_ = false;
  std::unordered_map<std::string, PartnerLead> by_id_;
  std::unordered_map<std::string, std::optional<PartnerLead>> by_name_;  // nullopt = ambiguous
};

}  // namespace engine::activities
