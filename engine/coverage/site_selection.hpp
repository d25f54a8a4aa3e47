#pragma once
// Where k new sites would cover the most uncovered demand (issues or
// people): the maximal covering location problem (Church & ReVelle 1974),
// solved greedily with lazy evaluation (Minoux 1978).
//
// Existing facilities stay as they are: `uncovered` holds only the demand
// they leave uncovered.  A candidate covers the demand within its radius
// (geodesic, closed).  Each step picks the candidate that newly covers the
// most remaining demand (ties: the lower candidate index); with unlimited
// capacities greedy is within (1 - 1/e) of the optimum (Nemhauser, Wolsey &
// Fisher 1978), and the run reports a data-dependent bound on the optimum
// (Leskovec et al. 2007: OPT <= f(S) + the k largest gains left after S).
//
// Capacity: a site with a finite capacity covers at most that much demand,
// its nearest first (ties: lower demand index); a demand point may be
// covered in part.  Then the greedy keeps its rule but has no guarantee and
// no bound is reported.
//
// Exact check: with exact_time_limit_s > 0 and unlimited capacities the same
// instance is also solved as an integer programme (GLPK), so the report can
// say "greedy covers 97.2 % of the best possible" instead of a bound.
//
// Before anything is reported, the gains of the chosen sites are recomputed
// from geodesic distances alone (recompute_gains: a plain scan, no index and
// no cached sets); a disagreement is an internal error, never a silent
// figure.
//
// Thread-safety: pure functions; results do not depend on `threads`.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/coverage/candidate_sites.hpp"
#include "engine/coverage/exact_sites.hpp"
#include "engine/coverage/population.hpp"

namespace engine::coverage {

struct SitePick {
  std::size_t candidate = 0;  // index into the candidates
  double gain = 0;            // demand newly covered by this site
  double covered = 0;         // covered demand after it (existing + new sites)
  double share = 0;           // covered / total (NaN when total is 0)
};

struct SiteSelection {
  double total = 0;     // all demand (covered or not)
  double baseline = 0;  // covered by existing facilities
  std::vector<SitePick> picks;
  std::optional<double> optimum_at_most;  // covered demand no k sites can beat (unlimited capacities)
  std::optional<ExactCheck> exact;        // the exact optimum, when asked for (exact_sites.hpp)
  std::string stopped;  // why fewer than k sites were chosen ("" when k were)
  // Picks from this one on leave the outputs without their gain and covered
  // figures (withhold_small_gains); picks.size() or more: none.
  std::size_t gains_withheld_from = static_cast<std::size_t>(-1);
  bool gains_withheld(std::size_t pick) const { return pick >= gains_withheld_from; }
};

// For demand that counts restricted records.  Greedy gains never grow from
// one pick to the next, so the picks that newly cover 1 .. min_count-1
// records are a tail: their gains and covered figures are withheld, and with
// them the exact optimum, which beside the baseline would give the tail's sum.
// `all` withholds every pick's (records that never leave: confidential).
void withhold_small_gains(SiteSelection& s, double min_count, bool all);

// exact_time_limit_s > 0: also solve the instance exactly (exact_sites.hpp)
// within that many seconds, to report how far greedy is from the optimum.
SiteSelection select_sites(std::span<const DemandPoint> uncovered, double baseline, double total,
                           std::span<const CandidateSite> candidates, int k, unsigned threads, double exact_time_limit_s = 0);

// The demand each of `chosen` newly covers, in order, under the rules above,
// from geodesic distances only.
std::vector<double> recompute_gains(std::span<const DemandPoint> uncovered, std::span<const CandidateSite> chosen);

}  // namespace engine::coverage
