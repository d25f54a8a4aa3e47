// add_actors(): the checks and placement of actor rows (network_loader.hpp).
#include <map>
#include <unordered_map>

#include "engine/coordination/network_loader.hpp"
#include "engine/error.hpp"

namespace engine::coordination {
namespace {

// yes/no in the spellings forms and spreadsheets use; nullopt if neither.
std::optional<bool> parse_flag(const std::string& text) {
  const std::string word = fold_vocabulary_word(trim_blanks(text));
  if (word.empty() || word == "no" || word == "n" || word == "false" || word == "0") return false;
  if (word == "yes" || word == "y" || word == "true" || word == "1") return true;
  return std::nullopt;
}

// The unit of every level that holds `unit` of level `level` (coarser levels
// through parents, finer levels -1).
std::vector<std::int32_t> units_from(const Boundaries& b, std::size_t level, std::int32_t unit) {
  std::vector<std::int32_t> units(b.levels.size(), -1);
  for (std::size_t l = level + 1; l-- > 0 && unit >= 0;) {
    units[l] = unit;
    unit = b.levels[l].units[static_cast<std::size_t>(unit)].parent;
  }
  return units;
}

struct CodeMatch {
  std::size_t level = 0;
  std::int32_t unit = -1;
};
// The unit a P-code names, finest level first.
CodeMatch find_code(const Boundaries& b, const std::string& code) {
  for (std::size_t l = b.levels.size(); l-- > 0;)
    if (const std::int32_t u = b.levels[l].index_of(code); u >= 0) return {l, u};
  return {};
}

std::string describe_unit(const Boundaries& b, CodeMatch m) {
  const AdminUnit& u = b.levels[m.level].units[static_cast<std::size_t>(m.unit)];
  return u.code + (u.name_en.empty() ? "" : " " + u.name_en);
}

class ActorChecker {
 public:
  ActorChecker(ActorNetwork& network, const PointLayer& layer, const Boundaries& boundaries, const ActorFields& fields)
      : network_(network), layer_(layer), boundaries_(boundaries) {
    const Where where{.file = layer.source};
    auto field = [&](const std::string& name, const char* role) {
      if (name.empty()) return -1;
      for (std::size_t i = 0; i < layer.fields.size(); ++i)
        if (layer.fields[i].name == name) return static_cast<int>(i);
      std::string names;
      for (const auto& f : layer.fields) names += (names.empty() ? "" : ", ") + f.name;
      throw Error("no field '" + name + "' (coordination.actors.fields." + role + ")", where, "fields in this table: " + names);
    };
    id_ = field(fields.id, "id");
    type_ = field(fields.type, "type");
    name_en_ = field(fields.name_en, "name_en");
    name_ar_ = field(fields.name_ar, "name_ar");
    code_ = field(fields.admin_code, "admin_code");
    women_ = field(fields.women_led, "women_led");
    youth_ = field(fields.youth_led, "youth_led");
  }

  void check(std::size_t r, const LayerJoin& join) {
    Actor a;
    a.record = layer_.records[r];
    a.id = cell(id_, r);
    a.name_en = cell(name_en_, r);
    a.name_ar = cell(name_ar_, r);
    a.type_value = cell(type_, r);
    a.units.assign(boundaries_.levels.size(), -1);
    ActorCounts& counts = network_.actor_counts;
    ++counts.input;
    if (a.id.empty()) {
      reject(a, "missing_id", "id", "no actor id", counts.missing_id);
    } else if (const auto [at, fresh] = first_record_.emplace(a.id, a.record); !fresh) {
      reject(a, "duplicate_id", "id", "actor id '" + a.id + "' is used again (first at record " + std::to_string(at->second) + ")",
             counts.duplicate_id);
    } else if ((a.type = network_.vocabulary.actor_type_index(a.type_value)) < 0) {
      reject(a, "unknown_type", "type",
             a.type_value.empty() ? "no actor type" : "unknown actor type '" + a.type_value + "'", counts.unknown_type);
    } else {
      a.women_led = flag(women_, r, a, "women_led");
      a.youth_led = flag(youth_, r, a, "youth_led");
      place(a, r, join);
    }
    network_.actors.push_back(std::move(a));
  }

 private:
  std::string cell(int field, std::size_t r) const {
    return field < 0 ? std::string() : trim_blanks(layer_.text(r, static_cast<std::size_t>(field)));
  }

  void reject(Actor& a, const char* kind, const char* field, const std::string& message, std::int64_t& count) {
    a.placement = Placement::Rejected;
    a.note = message;
    ++count;
    ++network_.actor_counts.rejected;
    network_.problems.push_back({"actors", a.record, field, kind, message, true});
  }

  void warn(const Actor& a, const char* kind, const char* field, const std::string& message, std::int64_t& count) {
    ++count;
    network_.problems.push_back({"actors", a.record, field, kind, message, false});
  }

  bool flag(int field, std::size_t r, const Actor& a, const char* name) {
    const std::string text = cell(field, r);
    if (const auto value = parse_flag(text)) return *value;
    warn(a, "bad_flag", name, std::string(name) + " '" + text + "' is not yes or no; taken as no", network_.actor_counts.bad_flag);
    return false;
  }

  void place(Actor& a, std::size_t r, const LayerJoin& join) {
    ActorCounts& counts = network_.actor_counts;
    const std::string code = cell(code_, r);
    const CodeMatch by_code = code.empty() ? CodeMatch{} : find_code(boundaries_, code);
    if (!code.empty() && by_code.unit < 0)
      warn(a, "unknown_admin_code", "admin_code", "P-code '" + code + "' is not a unit of any boundary level",
           counts.unknown_admin_code);

    if (layer_.rejection[r].empty()) {
      a.placement = Placement::Coordinates;
      a.location = layer_.points[r];
      a.match = join.match[r];
      ++counts.by_coordinates;
      a.note = join.note(r, boundaries_.finest(), layer_);
      if (join.unit[r] >= 0) {
        a.units = units_from(boundaries_, boundaries_.levels.size() - 1, join.unit[r]);
        (a.match == Match::Snapped ? counts.snapped : counts.matched)++;
        if (by_code.unit >= 0 && a.units[by_code.level] != by_code.unit)
          warn(a, "admin_code_mismatch", "admin_code",
               "P-code " + code + " disagrees with the location (in " +
                   describe_unit(boundaries_, {by_code.level, a.units[by_code.level]}) + "); the location is used",
               counts.admin_code_mismatch);
      } else {
        ++counts.unmatched;
        if (by_code.unit >= 0) {
          a.units = units_from(boundaries_, by_code.level, by_code.unit);
          a.note += std::string(a.note.empty() ? "" : "; ") + "attributed to " + describe_unit(boundaries_, by_code) + " by its P-code";
        }
      }
      return;
    }
    const std::string why = layer_.rejection[r];
    if (by_code.unit >= 0) {
      a.placement = Placement::AdminCode;
      a.location = representative_point(by_code);
      a.units = units_from(boundaries_, by_code.level, by_code.unit);
      a.note = why + "; placed at the representative point of " + describe_unit(boundaries_, by_code);
      ++counts.by_admin_code;
    } else {
      a.placement = Placement::Unplaced;
      a.note = why + (code.empty() ? "; no P-code" : "; P-code '" + code + "' is unknown") + ": not on the map, still in the network";
      ++counts.unplaced;
    }
  }

  geo::Point representative_point(CodeMatch m) {
    const auto key = std::make_pair(m.level, m.unit);
    const auto at = points_.find(key);
    if (at != points_.end()) return at->second;
    const geo::Point p = boundaries_.levels[m.level].units[static_cast<std::size_t>(m.unit)].shape.point_on_surface();
    points_.emplace(key, p);
    return p;
  }

  ActorNetwork& network_;
  const PointLayer& layer_;
  const Boundaries& boundaries_;
  int id_ = -1, type_ = -1, name_en_ = -1, name_ar_ = -1, code_ = -1, women_ = -1, youth_ = -1;
  std::unordered_map<std::string, std::int64_t> first_record_;
  std::map<std::pair<std::size_t, std::int32_t>, geo::Point> points_;
};

}  // namespace

void add_actors(ActorNetwork& network, const PointLayer& layer, const LayerJoin& join, const Boundaries& boundaries,
                const ActorFields& fields) {
  ActorChecker checker(network, layer, boundaries, fields);
  network.actors.reserve(network.actors.size() + layer.size());
  for (std::size_t r = 0; r < layer.size(); ++r) checker.check(r, join);
}

}  // namespace engine::coordination
