#pragma once
// How far the greedy choice of new sites is from the best possible: the
// maximal covering location problem solved exactly as an integer programme
// with GLPK (Debian's libglpk), for instances small enough to solve quickly.
//
//   maximise   sum_g w_g y_g
//   subject to y_g <= sum_{c reaches g} x_c   for every demand group g
//              sum_c x_c <= k
//              x_c in {0, 1},  0 <= y_g <= 1
//
// Demand points reached by exactly the same candidates are merged into one
// group of their summed weight first (same optimum, far fewer rows); points
// no candidate reaches are left out.  With x integral the best y is too, so
// y needs no integrality.  Unlimited capacities only: with capacities the
// covering model above does not apply and no exact figure is given.
//
// Thread-safety: GLPK keeps its state per thread; one call at a time per
// thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace engine::coverage {

struct ExactCheck {
  // "optimal", "time_limit" (no proven optimum within the limit),
  // "too_large" (beyond kMaxExactCandidates or kMaxExactGroups), "capacities",
  // "failed" (GLPK gave up; `detail` says why).
  std::string status;
  std::optional<double> gain;  // the optimal demand newly covered by k sites (status "optimal")
  std::size_t candidates = 0, groups = 0;
  double seconds = 0;
  std::string detail;
};

constexpr std::size_t kMaxExactCandidates = 5000;
constexpr std::size_t kMaxExactGroups = 100000;

// reach[c]: indices of the demand points candidate c reaches (ascending);
// weight[d]: the demand of point d.
ExactCheck solve_sites_exactly(std::span<const std::vector<std::int32_t>> reach, std::span<const double> weight, int k,
                               double time_limit_s);

}  // namespace engine::coverage
