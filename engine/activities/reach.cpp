#include "engine/activities/reach.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace engine::activities {
namespace {

std::optional<double> coverage_value(const UnitTable* coverage, std::size_t unit, const char* field) {
  if (coverage == nullptr) return std::nullopt;
  for (std::size_t f = 0; f < coverage->fields.size(); ++f) {
    if (coverage->fields[f].name != field) continue;
    const geo::Value& v = coverage->rows[unit][f];
    if (const auto* i = std::get_if<std::int64_t>(&v)) return double(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
  }
  return std::nullopt;
}

std::size_t top_count(double share, std::size_t units) {
  // The small tolerance keeps 0.1 x 30 at 3 despite rounding.
  return static_cast<std::size_t>(std::ceil(share * double(units) - 1e-9));
}

}  // namespace

Reach reach_against_need(const AdminLevel& finest, const std::vector<Tally>& units, const std::vector<std::int64_t>& issues,
                         const UnitTable* coverage, const ReachOptions& options) {
  Reach out;
  const std::size_t n = finest.units.size();
  out.rows.resize(n);
  for (std::size_t u = 0; u < n; ++u) {
    ReachRow& row = out.rows[u];
    row.activities = units[u].activities;
    row.participants = units[u].participants;
    row.issues_uncovered = coverage_value(coverage, u, "issues_uncovered");
    row.uncovered_share = coverage_value(coverage, u, "uncovered_share");
    row.gap_rank = coverage_value(coverage, u, "gap_rank");
  }
  if (issues.empty()) {
    out.warnings.push_back("no layer of reported issues: need is unknown, no reach flags and no concentration");
    return out;
  }
  const bool populated = std::all_of(finest.units.begin(), finest.units.end(),
                                     [](const AdminUnit& u) { return std::isfinite(u.population) && u.population > 0; });
  bool rate = options.need != NeedMeasure::Issues && populated;
  if (options.need == NeedMeasure::IssueRate && !populated)
    out.warnings.push_back("reach.need is issue_rate but not every district has a population; need is the issue count");
  out.need_measure = rate ? "issue_rate" : "issues";
  for (std::size_t u = 0; u < n; ++u) {
    out.rows[u].issues = issues[u];
    out.rows[u].need = rate ? double(issues[u]) / finest.units[u].population * 10000 : double(issues[u]);
  }

  std::vector<std::size_t> ranked;
  for (std::size_t u = 0; u < n; ++u)
    if (out.rows[u].need > 0) ranked.push_back(u);
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return out.rows[a].need > out.rows[b].need; });
  const std::size_t high = top_count(options.high_need_share, n), top = top_count(options.top_share, n);
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    ReachRow& row = out.rows[ranked[k]];
    row.need_rank = static_cast<std::int64_t>(k + 1);
    row.high_need = k < high;
    row.top_need = k < top;
  }

  double activities = 0, participants = 0, need = 0;
  Concentration& c = out.concentration;
  double top_activities = 0, top_participants = 0, top_need = 0;
  for (const ReachRow& row : out.rows) {
    activities += double(row.activities);
    participants += double(row.participants);
    need += row.need;
    if (!row.top_need) continue;
    ++c.top_units;
    top_activities += double(row.activities);
    top_participants += double(row.participants);
    top_need += row.need;
  }
  c.activity_share = activities > 0 ? top_activities / activities : 0;
  c.participant_share = participants > 0 ? top_participants / participants : 0;
  c.need_share = need > 0 ? top_need / need : 0;
  c.unit_share = n > 0 ? double(c.top_units) / double(n) : 0;

  for (ReachRow& row : out.rows) {
    if (row.high_need && row.activities == 0) row.flags.push_back("high_need_no_activity");
    if (row.activities > 0 && row.issues == 0) row.flags.push_back("activity_no_need");
  }
  return out;
}

}  // namespace engine::activities
