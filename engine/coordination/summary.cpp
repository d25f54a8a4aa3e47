#include "engine/coordination/summary.hpp"

#include <map>
#include <tuple>

namespace engine::coordination {

CoordinationSummary summarise_coordination(const ActorNetwork& n, const CoordinationResult& r) {
  CoordinationSummary s;
  s.actors_source = n.actors_source;
  s.links_source = n.links_source;
  s.actors_located_by = n.actors_located_by;
  s.actors = n.actor_counts;
  s.links = n.link_counts;
  s.graph = r.metrics.totals;
  s.as_of = r.graph.date;
  s.k_hops = r.k_hops;
  s.districts = static_cast<std::int64_t>(r.gaps.size());
  for (const DistrictGaps& d : r.gaps) {
    if (d.community_actors == 0) continue;
    ++s.districts_with_community_actors;
    for (std::size_t i = 0; i < kChainSteps; ++i) s.districts_with_gap[i] += !d.reachable[i];
  }
  s.suggestions = static_cast<std::int64_t>(r.suggestions.size());
  s.review = r.review;
  std::map<std::tuple<bool, bool, std::string>, ProblemKind> kinds;  // (links?, warning?, kind)
  for (const RowProblem& p : n.problems) {
    ProblemKind& k = kinds[{p.table == "links", !p.rejected, p.kind}];
    k.table = p.table;
    k.kind = p.kind;
    k.rejected = p.rejected;
    if (k.count++ < 3) k.examples.push_back(p);
  }
  for (auto& [key, k] : kinds) s.problems.push_back(std::move(k));
  s.warnings = n.warnings;
  return s;
}

nlohmann::json coordination_report(const CoordinationSummary& s) {
  using nlohmann::json;
  const ActorCounts& a = s.actors;
  const LinkCounts& l = s.links;
  json report = {
      {"actors_source", s.actors_source},
      {"links_source", s.links_source},
      {"actors_located_by", s.actors_located_by},
      {"actors",
       {{"input", a.input},
        {"by_coordinates", a.by_coordinates},
        {"matched", a.matched},
        {"snapped", a.snapped},
        {"unmatched", a.unmatched},
        {"by_admin_code", a.by_admin_code},
        {"unplaced", a.unplaced},
        {"rejected", a.rejected},
        {"rejected_missing_id", a.missing_id},
        {"rejected_duplicate_id", a.duplicate_id},
        {"rejected_unknown_type", a.unknown_type},
        {"warning_bad_flag", a.bad_flag},
        {"warning_unknown_admin_code", a.unknown_admin_code},
        {"warning_admin_code_mismatch", a.admin_code_mismatch}}},
      {"links",
       {{"input", l.input},
        {"used", l.used},
        {"merged", l.merged},
        {"rejected", l.rejected},
        {"rejected_missing_actor", l.missing_actor},
        {"rejected_unknown_actor", l.unknown_actor},
        {"rejected_rejected_actor", l.rejected_actor},
        {"rejected_self_loop", l.self_loop},
        {"rejected_unknown_type", l.unknown_type},
        {"rejected_bad_strength", l.bad_strength},
        {"rejected_bad_date", l.bad_date},
        {"rejected_bad_directed", l.bad_directed}}},
      {"graph",
       {{"as_of", s.as_of ? json(format_date(*s.as_of)) : json(nullptr)},
        {"actors", s.graph.actors},
        {"edges", s.graph.edges},
        {"components", s.graph.components},
        {"largest_component_share", s.graph.largest_component_share},
        {"density", s.graph.density},
        {"isolated", s.graph.isolated},
        {"articulation_points", s.graph.articulation_points},
        {"bridges", s.graph.bridges},
        {"communities", s.graph.communities},
        {"modularity", s.graph.modularity}}},
      {"k_hops", s.k_hops},
      {"districts", s.districts},
      {"districts_with_community_actors", s.districts_with_community_actors},
      {"suggestions", s.suggestions},
      {"warnings", s.warnings}};
  json gaps = json::object();
  for (const ChainStep step : kChain) gaps[to_string(step)] = s.districts_with_gap[static_cast<std::size_t>(step)];
  report["districts_with_gap"] = gaps;
  json problems = json::array();
  for (const ProblemKind& k : s.problems) {
    json examples = json::array();
    for (const RowProblem& p : k.examples) examples.push_back({{"record", p.record}, {"field", p.field}, {"message", p.message}});
    problems.push_back({{"table", k.table}, {"kind", k.kind}, {"rejected", k.rejected}, {"count", k.count}, {"examples", examples}});
  }
  report["problems"] = problems;
  if (s.review) {
    std::int64_t opened = 0, closed = 0;
    for (const GapChange& c : s.review->changes) (c.opened ? opened : closed)++;
    report["review"] = {{"from", format_date(s.review->from)},
                        {"to", format_date(s.review->to)},
                        {"links_gained", s.review->gained.size()},
                        {"links_lost", s.review->lost.size()},
                        {"edges_from", s.review->edges_from},
                        {"edges_to", s.review->edges_to},
                        {"components_from", s.review->components_from},
                        {"components_to", s.review->components_to},
                        {"gaps_opened", opened},
                        {"gaps_closed", closed}};
  }
  return report;
}

}  // namespace engine::coordination
