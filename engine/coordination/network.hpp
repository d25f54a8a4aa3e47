#pragma once
// A coordination network as loaded: every actor row and every link row of
// the sources, each in exactly one state, with the reason where it is not
// used as given.  Nothing is dropped: rejected rows stay here (and in the
// output layers) with their reason, and the counts add up.
//
//   actor rows: input = by_coordinates + by_admin_code + unplaced + rejected
//     by_coordinates  located by their coordinates (matched, snapped or
//                     unmatched by the spatial join, engine/join.hpp)
//     by_admin_code   no usable coordinates; placed at the representative
//                     point (AdminUnit::shape.point_on_surface()) of the unit
//                     their P-code names, and flagged so
//     unplaced        in the network, but with no location (no coordinates
//                     and no known P-code); drawn nowhere, still analysed
//     rejected        no id, a duplicate id, or an unknown actor type
//   link rows: input = used + merged + rejected
//     merged          a repeat of an earlier row (same two actors, type,
//                     start and end); folded into it, which counts it
//     rejected        unknown or rejected actor, self-loop, unknown link
//                     type, strength <= 0 or not a number, a date that does
//                     not parse, an end before the start, a bad `directed`

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/coordination/calendar_date.hpp"
#include "engine/coordination/vocabulary.hpp"
#include "engine/join.hpp"
#include "geo/orientation.hpp"

namespace engine::coordination {

enum class Placement : std::uint8_t { Coordinates, AdminCode, Unplaced, Rejected };
const char* to_string(Placement p);  // "coordinates", "admin_code", "unplaced", "rejected"

struct Actor {
  std::int64_t record = 0;  // 1-based data row in the source
  std::string id, name_en, name_ar;
  std::string type_value;  // as written in the source
  int type = -1;           // index in Vocabulary::actor_types(); -1 when rejected
  bool women_led = false, youth_led = false;
  Placement placement = Placement::Rejected;
  Match match = Match::Rejected;  // the spatial join's verdict for placement == Coordinates
  geo::Point location{std::nan(""), std::nan("")};  // WGS84; NaN when unplaced or rejected
  // The unit of every boundary level (coarse to fine) that holds the actor,
  // -1 where none: an actor placed by a governorate P-code has no district.
  std::vector<std::int32_t> units;
  std::string note;  // how it was placed, or why it was rejected

  bool in_network() const { return placement != Placement::Rejected; }
  std::int32_t finest_unit() const { return units.empty() ? -1 : units.back(); }
};

enum class LinkStatus : std::uint8_t { Used, Merged, Rejected };
const char* to_string(LinkStatus s);  // "used", "merged", "rejected"

struct Link {
  std::int64_t record = 0;
  std::string source_id, target_id, type_value;
  std::int32_t source = -1, target = -1;  // actor indices; -1 when unknown
  int type = -1;                          // index in Vocabulary::link_types(); -1 = unspecified
  double strength = 1;                    // > 0
  std::optional<Day> start, end;          // inclusive; none = open-ended
  bool directed = false;
  LinkStatus status = LinkStatus::Rejected;
  std::int32_t merged_into = -1;  // Merged: index of the link it repeats
  std::int32_t repeats = 0;       // Used: how many later rows were merged into it
  std::string note;               // why rejected / merged

  // Whether the link is in force on `day` (an absent date: always).
  bool active_on(std::optional<Day> day) const {
    if (!day) return true;
    return (!start || *start <= *day) && (!end || *end >= *day);
  }
};

// Something wrong with one row, for the terminal and run.json.
struct RowProblem {
  std::string table;  // "actors" or "links"
  std::int64_t record = 0;
  std::string field;  // the field at fault, "" when the row as a whole
  std::string kind;   // e.g. "unknown_actor", "self_loop", "bad_date"
  std::string message;
  bool rejected = true;  // false: a warning, the row was still used
};

struct ActorCounts {
  std::int64_t input = 0, by_coordinates = 0, by_admin_code = 0, unplaced = 0, rejected = 0;
  // Of by_coordinates, as the join saw them.
  std::int64_t matched = 0, snapped = 0, unmatched = 0;
  // Rejections by reason.
  std::int64_t missing_id = 0, duplicate_id = 0, unknown_type = 0;
  // Warnings (rows still used).
  std::int64_t bad_flag = 0, unknown_admin_code = 0, admin_code_mismatch = 0;
};

struct LinkCounts {
  std::int64_t input = 0, used = 0, merged = 0, rejected = 0;
  // Rejections by reason.
  std::int64_t missing_actor = 0, unknown_actor = 0, rejected_actor = 0, self_loop = 0, unknown_type = 0,
               bad_strength = 0, bad_date = 0, bad_directed = 0;
};

struct ActorNetwork {
  Vocabulary vocabulary;
  std::vector<Actor> actors;  // every source row, in source order
  std::vector<Link> links;    // every source row, in source order
  ActorCounts actor_counts;
  LinkCounts link_counts;
  std::vector<RowProblem> problems;  // in source order, actors first
  std::string actors_source, links_source, actors_located_by;
  std::vector<std::string> warnings;  // from reading the sources
};

}  // namespace engine::coordination
