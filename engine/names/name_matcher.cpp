#include "engine/names/name_matcher.hpp"

#include <algorithm>
#include <set>

#include "engine/error.hpp"

namespace engine::names {

const char* to_string(MatchStatus s) {
  switch (s) {
    case MatchStatus::Matched: return "matched";
    case MatchStatus::Ambiguous: return "ambiguous";
    case MatchStatus::Unmatched: return "unmatched";
    default: return "";
  }
}

const char* to_string(MatchLevel l) {
  switch (l) {
    case MatchLevel::PCode: return "pcode";
    case MatchLevel::Crosswalk: return "crosswalk";
    case MatchLevel::Exact: return "exact";
    case MatchLevel::Alias: return "alias";
    case MatchLevel::Normalised: return "normalised";
    case MatchLevel::Fuzzy: return "fuzzy";
    default: return "";
  }
}

// How one unit compares with the record's spellings.  Tiers, strongest
// first: 0 exact text, 1 equal normalised names, 2 equal once generic words
// are stripped, 3 fuzzy.
struct NameMatcher::Scored {
  std::int32_t unit = -1;
  int tier = 4;
  double score = 0;
  std::size_t spelling = 0;
};

namespace {

constexpr int kFuzzy = 3;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// Best first; ties by unit order so results do not depend on anything else.
bool better(const NameMatcher::Scored& a, const NameMatcher::Scored& b) {
  if (a.tier != b.tier) return a.tier < b.tier;
  if (a.score != b.score) return a.score > b.score;
  return a.unit < b.unit;
}

}  // namespace

NameMatcher::NameMatcher(const Boundaries& boundaries, const NameMatchOptions& options, const NameTables& tables)
    : boundaries_(boundaries), options_(options), crosswalk_(tables.crosswalk) {
  options_.validate();
  rules_.strip_article = options_.strip_article;
  rules_.strip_words = options_.strip_words;
  rules_.words = options_.words;
  auto spelling = [&](const std::string& text, bool alias) {
    Spelling s;
    s.text = text;
    s.alias = alias;
    const auto keys = make_keys(text, rules_);
    std::vector<Spelling> out;
    for (const auto& k : keys) {
      s.key = k;
      out.push_back(s);
    }
    return out;
  };
  spellings_.resize(boundaries.levels.size());
  for (std::size_t l = 0; l < boundaries.levels.size(); ++l) {
    const AdminLevel& level = boundaries.levels[l];
    spellings_[l].resize(level.units.size());
    for (std::size_t u = 0; u < level.units.size(); ++u)
      for (const std::string* name : {&level.units[u].name_en, &level.units[u].name_ar})
        for (auto& s : spelling(*name, false)) spellings_[l][u].push_back(std::move(s));
  }
  std::size_t unknown_aliases = 0;
  for (const Alias& a : tables.aliases) {
    bool found = false;
    for (std::size_t l = 0; l < boundaries.levels.size() && !found; ++l) {
      const std::int32_t u = boundaries.levels[l].index_of(a.code);
      if (u < 0) continue;
      found = true;
      for (auto& s : spelling(a.name, true)) spellings_[l][static_cast<std::size_t>(u)].push_back(std::move(s));
    }
    if (!found && ++unknown_aliases <= 10)
      warnings_.push_back(tables.aliases_source + " record " + std::to_string(a.record) + ": alias '" + a.name + "' names P-code '" +
                          a.code + "', which no boundary level has");
  }
  std::size_t unknown_targets = 0;
  for (const auto& [from, to] : crosswalk_) {
    bool found = false;
    for (const AdminLevel& level : boundaries.levels) found = found || level.index_of(to) >= 0;
    if (!found && ++unknown_targets <= 10)
      warnings_.push_back(tables.crosswalk_source + ": old P-code '" + from + "' maps to '" + to + "', which no boundary level has");
  }
}

std::int32_t NameMatcher::ancestor(std::size_t from_level, std::int32_t unit, std::size_t to_level) const {
  for (std::size_t l = from_level; l > to_level && unit >= 0; --l)
    unit = boundaries_.levels[l].units[static_cast<std::size_t>(unit)].parent;
  return unit;
}

std::vector<std::int32_t> NameMatcher::units_within(std::size_t level, const std::vector<std::int32_t>& coarse_units,
                                                    std::size_t coarse_level) const {
  const std::set<std::int32_t> allowed(coarse_units.begin(), coarse_units.end());
  std::vector<std::int32_t> out;
  const auto n = static_cast<std::int32_t>(boundaries_.levels[level].units.size());
  for (std::int32_t u = 0; u < n; ++u)
    if (allowed.count(ancestor(level, u, coarse_level))) out.push_back(u);
  return out;
}

LevelMatch NameMatcher::match_names(std::size_t level, const std::vector<std::string>& names,
                                    const std::vector<std::int32_t>& within, bool exact_only,
                                    std::vector<std::string>& notes) const {
  LevelMatch m;
  std::vector<NameKey> keys;
  std::string given;
  for (const std::string& name : names) {
    for (auto& k : make_keys(name, rules_)) keys.push_back(std::move(k));
    given += (given.empty() ? "'" : ", '") + name + "'";
  }
  const std::string& level_name = boundaries_.levels[level].spec.name;
  if (keys.empty()) {
    m.status = MatchStatus::Unmatched;
    notes.push_back(level_name + ": " + given + " has no Arabic or Latin letters to match");
    return m;
  }
  const auto& units = spellings_[level];
  // per_key[k][i]: how within[i] compares with key k; best[i]: over all keys.
  std::vector<std::vector<Scored>> per_key(keys.size(), std::vector<Scored>(within.size()));
  std::vector<Scored> best(within.size());
  for (std::size_t i = 0; i < within.size(); ++i) {
    const auto& spellings = units[static_cast<std::size_t>(within[i])];
    best[i].unit = within[i];
    for (std::size_t k = 0; k < keys.size(); ++k) {
      Scored& s = per_key[k][i];
      s.unit = within[i];
      for (std::size_t j = 0; j < spellings.size(); ++j) {
        const NameKey& a = keys[k];
        const NameKey& b = spellings[j].key;
        if (a.script != b.script) continue;
        Scored t{within[i], kFuzzy, 0, j};
        if (a.exact == b.exact) t.tier = 0, t.score = 1;
        else if (a.full == b.full) t.tier = 1, t.score = 1;
        else if (rules_.strip_words && a.core == b.core) t.tier = 2, t.score = 1;
        else t.score = fuzzy_similarity(a, b, options_.sound_penalty);
        if (better(t, s)) s = t;
      }
      if (better(s, best[i])) best[i] = s;
    }
  }
  auto listed = [&](std::vector<Scored> ranked, std::size_t at_least) {
    std::sort(ranked.begin(), ranked.end(), better);
    ranked.resize(std::min(ranked.size(), std::max(at_least, static_cast<std::size_t>(options_.candidates))));
    std::vector<Candidate> out;
    for (const Scored& s : ranked)
      if (s.tier <= kFuzzy) out.push_back(candidate_from(level, s));
    return out;
  };

  // Equality levels: each spelling of the record picks the units at its
  // strongest tier; all spellings that pick must pick the same single unit.
  std::vector<Scored> picked;
  std::set<std::int32_t> picked_units;
  for (const auto& scored : per_key) {
    int top = kFuzzy;
    for (const Scored& s : scored) top = std::min(top, s.tier);
    if (top >= kFuzzy) continue;
    for (const Scored& s : scored)
      if (s.tier == top && picked_units.insert(s.unit).second) picked.push_back(s);
  }
  if (picked.size() == 1) {
    const Candidate c = candidate_from(level, picked.front());
    m.status = MatchStatus::Matched;
    m.level = c.level;
    m.unit = c.unit;
    m.score = 1;
    m.candidates = listed(best, 1);
    return m;
  }
  if (picked.size() > 1) {
    m.status = MatchStatus::Ambiguous;
    m.score = 1;
    m.candidates = listed(picked, picked.size());
    notes.push_back(level_name + ": " + given + " is spelled exactly or after normalisation like " +
                    std::to_string(picked.size()) + " units");
    return m;
  }
  std::sort(best.begin(), best.end(), better);
  m.candidates = listed(best, 1);
  // Unmatched and ambiguous results keep the best score: how close it came.
  if (!best.empty()) m.score = best.front().score;
  if (exact_only || best.empty() || best.front().score < options_.threshold) {
    m.status = MatchStatus::Unmatched;
    return m;
  }
  std::size_t close = 1;
  while (close < best.size() && best.front().score - best[close].score < options_.ambiguity_margin) ++close;
  if (close > 1) {
    m.status = MatchStatus::Ambiguous;
    m.candidates = listed(std::vector<Scored>(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(close)), close);
    notes.push_back(level_name + ": " + given + " is about as close to " + std::to_string(close) +
                    " units (within the ambiguity margin)");
    return m;
  }
  m.status = MatchStatus::Matched;
  m.level = MatchLevel::Fuzzy;
  m.unit = best.front().unit;
  m.score = best.front().score;
  return m;
}

Candidate NameMatcher::candidate_from(std::size_t level, const Scored& s) const {
  const Spelling& sp = spellings_[level][static_cast<std::size_t>(s.unit)][s.spelling];
  Candidate c;
  c.unit = s.unit;
  c.score = s.score;
  c.spelling = sp.text;
  if (s.tier == 0) c.level = sp.alias ? MatchLevel::Alias : MatchLevel::Exact;
  else if (s.tier < kFuzzy) c.level = sp.alias ? MatchLevel::Alias : MatchLevel::Normalised;
  else c.level = MatchLevel::Fuzzy;
  return c;
}

NameMatch NameMatcher::match(const NameQuery& query) const {
  const std::size_t levels = boundaries_.levels.size();
  if (query.names.size() > levels)
    throw Error("a record gives names for " + std::to_string(query.names.size()) + " levels, but the boundaries have " +
                    std::to_string(levels),
                {}, "map name fields only to the boundary levels that exist");
  NameMatch r;
  r.levels.resize(levels);
  auto unit_label = [&](std::size_t l, std::int32_t u) {
    const AdminUnit& unit = boundaries_.levels[l].units[static_cast<std::size_t>(u)];
    return unit.code + " " + (unit.name_en.empty() ? unit.name_ar : unit.name_en);
  };
  bool contradiction = false;

  // P-codes first: they name their level themselves.
  std::vector<std::int32_t> coded(levels, -1);
  std::vector<MatchLevel> coded_how(levels, MatchLevel::None);
  std::vector<bool> given(levels, false);
  for (const std::string& raw : query.codes) {
    const std::string code = trimmed(raw);
    if (code.empty()) continue;
    std::string current = code;
    MatchLevel how = MatchLevel::PCode;
    if (const auto it = crosswalk_.find(code); it != crosswalk_.end()) current = it->second, how = MatchLevel::Crosswalk;
    bool found = false;
    for (std::size_t l = 0; l < levels && !found; ++l) {
      const std::int32_t u = boundaries_.levels[l].index_of(current);
      if (u < 0) continue;
      found = true;
      given[l] = true;
      if (coded[l] >= 0 && coded[l] != u) {
        contradiction = true;
        r.notes.push_back("the record gives two P-codes of one level: " + unit_label(l, coded[l]) + " and " + unit_label(l, u));
        continue;
      }
      coded[l] = u;
      coded_how[l] = how;
      if (how == MatchLevel::Crosswalk && current != code) r.notes.push_back("old P-code " + code + " is now " + current);
    }
    if (!found) {
      given[levels - 1] = true;  // an unusable code still counts as something the record gave
      r.notes.push_back("P-code '" + code + "'" + (current != code ? " (crosswalk: '" + current + "')" : "") +
                        " is not a code of any boundary level");
    }
  }

  // Names coarse to fine, each level within the units chosen above it.
  std::vector<std::int32_t> parents;  // allowed units of `parent_level`
  int parent_level = -1;
  std::vector<bool> outside(levels, false);
  for (std::size_t l = 0; l < levels; ++l) {
    std::vector<std::string> names;
    if (l < query.names.size())
      for (const std::string& n : query.names[l])
        if (!trimmed(n).empty()) names.push_back(n);
    if (!names.empty()) given[l] = true;
    LevelMatch& m = r.levels[l];
    std::vector<std::int32_t> all(boundaries_.levels[l].units.size());
    for (std::size_t u = 0; u < all.size(); ++u) all[u] = static_cast<std::int32_t>(u);
    const std::vector<std::int32_t> within =
        parent_level < 0 ? all : units_within(l, parents, static_cast<std::size_t>(parent_level));
    const std::string& level_name = boundaries_.levels[l].spec.name;
    if (coded[l] >= 0) {
      m.status = MatchStatus::Matched;
      m.level = coded_how[l];
      m.unit = coded[l];
      m.score = 1;
      const AdminUnit& coded_unit = boundaries_.levels[l].units[static_cast<std::size_t>(coded[l])];
      m.candidates.push_back({coded[l], coded_how[l], 1.0, coded_unit.name_en.empty() ? coded_unit.name_ar : coded_unit.name_en});
      if (!names.empty()) {
        std::vector<std::string> ignored;
        const LevelMatch by_name = match_names(l, names, all, false, ignored);
        if (by_name.status == MatchStatus::Matched && by_name.unit != m.unit) {
          contradiction = true;
          m.status = MatchStatus::Ambiguous;
          m.candidates.push_back(by_name.candidates.front());
          r.notes.push_back(level_name + ": the P-code gives " + unit_label(l, m.unit) + " but the name gives " +
                            unit_label(l, by_name.unit) + (crosswalk_.empty() ? " (an old code? give a crosswalk)" : ""));
          m.unit = -1;
        }
      }
      if (m.unit >= 0 && parent_level >= 0 &&
          std::find(within.begin(), within.end(), m.unit) == within.end()) {
        contradiction = true;
        r.notes.push_back(level_name + ": P-code " + unit_label(l, m.unit) + " is not inside the " +
                          boundaries_.levels[static_cast<std::size_t>(parent_level)].spec.name + " the record names");
      }
    } else if (!names.empty()) {
      m = match_names(l, names, within, false, r.notes);
      if (m.status == MatchStatus::Unmatched && parent_level >= 0) {
        std::vector<std::string> ignored;
        LevelMatch wider = match_names(l, names, all, true, ignored);
        if (wider.status == MatchStatus::Matched && options_.search_outside_parent) {
          m = wider;
          outside[l] = true;
        } else if (wider.status == MatchStatus::Matched) {
          r.notes.push_back(level_name + ": " + unit_label(l, wider.unit) + " has this name but lies outside the given " +
                            boundaries_.levels[static_cast<std::size_t>(parent_level)].spec.name);
        }
      }
    } else {
      continue;
    }
    if (m.status == MatchStatus::Matched) {
      parents = {m.unit};
      parent_level = static_cast<int>(l);
    } else if (m.status == MatchStatus::Ambiguous) {
      parents.clear();
      for (const Candidate& c : m.candidates) parents.push_back(c.unit);
      parent_level = static_cast<int>(l);
    } else {
      r.notes.push_back(level_name + ": no unit" + (parent_level >= 0 ? " inside the given " +
                        boundaries_.levels[static_cast<std::size_t>(parent_level)].spec.name : std::string()) +
                        " matches well enough (threshold " + std::to_string(options_.threshold).substr(0, 4) + ")");
    }
  }

  int finest_given = -1, finest_matched = -1;
  for (std::size_t l = 0; l < levels; ++l) {
    if (given[l]) finest_given = static_cast<int>(l);
    if (r.levels[l].status == MatchStatus::Matched) finest_matched = static_cast<int>(l);
  }
  if (finest_given < 0) return r;

  // Coarser levels follow from the finest matched unit.
  if (finest_matched >= 0) {
    const auto f = static_cast<std::size_t>(finest_matched);
    const LevelMatch& fine = r.levels[f];
    for (std::size_t k = 0; k < f; ++k) {
      const std::int32_t a = ancestor(f, fine.unit, k);
      LevelMatch& coarse = r.levels[k];
      if (a < 0 || coarse.unit == a) continue;
      const std::string& fine_name = boundaries_.levels[f].spec.name;
      const std::string& coarse_name = boundaries_.levels[k].spec.name;
      if (coarse.status == MatchStatus::Matched) {
        r.notes.push_back(fine_name + " " + unit_label(f, fine.unit) + " lies in " + unit_label(k, a) + ", not in the given " +
                          coarse_name + " " + unit_label(k, coarse.unit) +
                          (outside[f] ? " (found there by exact/normalised name; the record's " + coarse_name + " was replaced)" : ""));
        if (!outside[f]) contradiction = true;
      } else if (coarse.status != MatchStatus::NotGiven) {
        r.notes.push_back(coarse_name + " taken from the " + fine_name + ": " + unit_label(k, a));
      }
      coarse.status = MatchStatus::Matched;
      coarse.unit = a;
      coarse.level = fine.level;
      coarse.score = fine.score;
      coarse.implied = true;
    }
  }

  r.status = contradiction ? MatchStatus::Ambiguous : r.levels[static_cast<std::size_t>(finest_given)].status;
  if (r.status == MatchStatus::NotGiven) r.status = MatchStatus::Unmatched;  // only unusable P-codes were given
  if (finest_matched >= 0 && !contradiction) {
    const LevelMatch& fine = r.levels[static_cast<std::size_t>(finest_matched)];
    r.level_index = finest_matched;
    r.unit = fine.unit;
    r.level = fine.level;
    r.score = fine.score;
  }
  return r;
}

}  // namespace engine::names
