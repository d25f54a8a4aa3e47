// add_links(): the checks of link rows and the merging of repeated rows
// (network_loader.hpp).
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "engine/coordination/network_loader.hpp"
#include "engine/error.hpp"
#include "geo/coordinate_columns.hpp"

namespace engine::coordination {
namespace {

std::optional<bool> parse_directed(const std::string& text) {
  const std::string word = fold_vocabulary_word(text);
  if (word == "yes" || word == "y" || word == "true" || word == "1" || word == "directed") return true;
  if (word == "no" || word == "n" || word == "false" || word == "0" || word == "undirected") return false;
  return std::nullopt;
}

// Two rows are repeats when they name the same two actors (either way
// round), the same type and the same dates.
using RepeatKey = std::tuple<std::int32_t, std::int32_t, int, int, int>;
constexpr int kOpen = -2147483647;

class LinkChecker {
 public:
  LinkChecker(ActorNetwork& network, const TextTable& table, const LinkFields& fields, bool directed_default)
      : network_(network), table_(table), directed_default_(directed_default) {
    auto field = [&](const std::string& name, const char* role) {
      if (name.empty()) return -1;
      const int i = table.column(name);
      if (i >= 0) return i;
      std::string names;
      for (const auto& c : table.columns) names += (names.empty() ? "" : ", ") + c;
      throw Error("no field '" + name + "' (coordination.links.fields." + role + ")", {.file = table.source},
                  "fields in this table: " + names);
    };
    source_ = field(fields.source, "source");
    target_ = field(fields.target, "target");
    type_ = field(fields.type, "type");
    strength_ = field(fields.strength, "strength");
    start_ = field(fields.start, "start");
    end_ = field(fields.end, "end");
    directed_ = field(fields.directed, "directed");
    for (std::size_t i = 0; i < network.actors.size(); ++i)
      if (!network.actors[i].id.empty()) actor_of_.emplace(network.actors[i].id, static_cast<std::int32_t>(i));
  }

  void check(std::size_t r) {
    Link link;
    link.record = table_.records[r];
    link.source_id = cell(source_, r);
    link.target_id = cell(target_, r);
    link.type_value = cell(type_, r);
    link.directed = directed_default_;
    ++network_.link_counts.input;
    if (const std::string problem = problem_of(link, r); !problem.empty()) {
      network_.links.push_back(std::move(link));
      return;
    }
    const auto [a, b] = std::minmax(link.source, link.target);
    const RepeatKey key{a, b, link.type, link.start.value_or(kOpen), link.end.value_or(kOpen)};
    const std::int32_t index = static_cast<std::int32_t>(network_.links.size());
    if (const auto [at, fresh] = first_of_.emplace(key, index); !fresh) {
      Link& first = network_.links[static_cast<std::size_t>(at->second)];
      link.status = LinkStatus::Merged;
      link.merged_into = at->second;
      link.note = "repeats link record " + std::to_string(first.record) + " (same actors, type and dates); merged into it";
      ++first.repeats;
      // The same relation entered twice is not twice as strong.
      first.strength = std::max(first.strength, link.strength);
      ++network_.link_counts.merged;
    } else {
      link.status = LinkStatus::Used;
      ++network_.link_counts.used;
    }
    network_.links.push_back(std::move(link));
  }

 private:
  std::string cell(int field, std::size_t r) const {
    return field < 0 ? std::string() : trim_blanks(table_.rows[r][static_cast<std::size_t>(field)]);
  }

  // Fills the link's parsed values; returns "" if it is usable, else
  // rejects it and returns the reason.
  std::string problem_of(Link& link, std::size_t r) {
    LinkCounts& c = network_.link_counts;
    if (link.source_id.empty() || link.target_id.empty())
      return reject(link, "missing_actor", link.source_id.empty() ? "source" : "target",
                    std::string("no ") + (link.source_id.empty() ? "source" : "target") + " actor", c.missing_actor);
    for (const bool is_source : {true, false}) {
      const std::string& id = is_source ? link.source_id : link.target_id;
      const char* end = is_source ? "source" : "target";
      const auto at = actor_of_.find(id);
      if (at == actor_of_.end())
        return reject(link, "unknown_actor", end, std::string(end) + " '" + id + "' is not an actor id", c.unknown_actor);
      const Actor& actor = network_.actors[static_cast<std::size_t>(at->second)];
      if (!actor.in_network())
        return reject(link, "rejected_actor", end,
                      std::string(end) + " '" + id + "' is a rejected actor (record " + std::to_string(actor.record) + ": " +
                          actor.note + ")",
                      c.rejected_actor);
      (is_source ? link.source : link.target) = at->second;
    }
    if (link.source == link.target)
      return reject(link, "self_loop", "target", "links actor '" + link.source_id + "' to itself", c.self_loop);
    if (!link.type_value.empty() && (link.type = network_.vocabulary.link_type_index(link.type_value)) < 0)
      return reject(link, "unknown_type", "type", "unknown link type '" + link.type_value + "'", c.unknown_type);
    if (const std::string text = cell(strength_, r); !text.empty()) {
      const auto value = geo::parse_number(text);
      if (!value || !(*value > 0))
        return reject(link, "bad_strength", "strength", "strength '" + text + "' is not a number above 0", c.bad_strength);
      link.strength = *value;
    }
    for (const bool is_start : {true, false}) {
      const std::string text = cell(is_start ? start_ : end_, r);
      if (text.empty()) continue;
      const auto day = parse_date(text);
      const char* which = is_start ? "start" : "end";
      if (!day) return reject(link, "bad_date", which, std::string(which) + " date '" + text + "' is not a date (YYYY-MM-DD)", c.bad_date);
      (is_start ? link.start : link.end) = *day;
    }
    if (link.start && link.end && *link.end < *link.start)
      return reject(link, "bad_date", "end", "ends (" + format_date(*link.end) + ") before it starts (" + format_date(*link.start) + ")",
                    c.bad_date);
    if (const std::string text = cell(directed_, r); !text.empty()) {
      const auto directed = parse_directed(text);
      if (!directed) return reject(link, "bad_directed", "directed", "directed '" + text + "' is not yes or no", c.bad_directed);
      link.directed = *directed;
    }
    return {};
  }

  std::string reject(Link& link, const char* kind, const char* field, const std::string& message, std::int64_t& count) {
    link.status = LinkStatus::Rejected;
    link.note = message;
    ++count;
    ++network_.link_counts.rejected;
    network_.problems.push_back({"links", link.record, field, kind, message, true});
    return message;
  }

  ActorNetwork& network_;
  const TextTable& table_;
  bool directed_default_;
  int source_ = -1, target_ = -1, type_ = -1, strength_ = -1, start_ = -1, end_ = -1, directed_ = -1;
  std::unordered_map<std::string, std::int32_t> actor_of_;
  std::map<RepeatKey, std::int32_t> first_of_;
};

}  // namespace

void add_links(ActorNetwork& network, const TextTable& table, const LinkFields& fields, bool directed_default) {
  LinkChecker checker(network, table, fields, directed_default);
  network.links.reserve(network.links.size() + table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) checker.check(r);
}

}  // namespace engine::coordination
