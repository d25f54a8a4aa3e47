#include "engine/coverage/exact_sites.hpp"

#include <glpk.h>

#include <chrono>
#include <cmath>
#include <map>

namespace engine::coverage {
namespace {

// Owns a glp_prob.
struct Problem {
  glp_prob* p = glp_create_prob();
  Problem() = default;
  Problem(const Problem&) = delete;
  Problem& operator=(const Problem&) = delete;
  ~Problem() { glp_delete_prob(p); }
};

}  // namespace

ExactCheck solve_sites_exactly(std::span<const std::vector<std::int32_t>> reach, std::span<const double> weight, int k,
                               double time_limit_s) {
  const auto start = std::chrono::steady_clock::now();
  ExactCheck out;
  out.candidates = reach.size();

  // Demand points by the candidates that reach them, then grouped.
  std::vector<std::vector<std::int32_t>> reached_by(weight.size());
  for (std::size_t c = 0; c < reach.size(); ++c)
    for (std::int32_t d : reach[c]) reached_by[static_cast<std::size_t>(d)].push_back(static_cast<std::int32_t>(c));
  std::map<std::vector<std::int32_t>, double> groups;
  for (std::size_t d = 0; d < weight.size(); ++d)
    if (!reached_by[d].empty() && weight[d] > 0) groups[reached_by[d]] += weight[d];
  reached_by = {};
  out.groups = groups.size();
  if (reach.size() > kMaxExactCandidates || groups.size() > kMaxExactGroups) {
    out.status = "too_large";
    out.detail = std::to_string(reach.size()) + " candidates and " + std::to_string(groups.size()) +
                 " demand groups (limits " + std::to_string(kMaxExactCandidates) + " and " + std::to_string(kMaxExactGroups) + ")";
    return out;
  }

  // Columns 1..C are x_c, C+1..C+G are y_g; rows 1..G are y_g - sum x_c <= 0,
  // row G+1 is sum x_c <= k.  GLPK counts from 1.
  glp_term_out(GLP_OFF);
  Problem lp;
  const int C = static_cast<int>(reach.size()), G = static_cast<int>(groups.size());
  glp_set_obj_dir(lp.p, GLP_MAX);
  if (C + G > 0) glp_add_cols(lp.p, C + G);
  glp_add_rows(lp.p, G + 1);
  for (int c = 1; c <= C; ++c) glp_set_col_kind(lp.p, c, GLP_BV);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  int g = 0;
  for (const auto& [candidates, w] : groups) {
    ++g;
    glp_set_col_bnds(lp.p, C + g, GLP_DB, 0, 1);
    glp_set_obj_coef(lp.p, C + g, w);
    glp_set_row_bnds(lp.p, g, GLP_UP, 0, 0);
    ia.push_back(g), ja.push_back(C + g), ar.push_back(1);
    for (std::int32_t c : candidates) ia.push_back(g), ja.push_back(c + 1), ar.push_back(-1);
  }
  glp_set_row_bnds(lp.p, G + 1, GLP_UP, 0, k);
  for (int c = 1; c <= C; ++c) ia.push_back(G + 1), ja.push_back(c), ar.push_back(1);
  glp_load_matrix(lp.p, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  glp_iocp parameters;
  glp_init_iocp(&parameters);
  parameters.presolve = GLP_ON;  // solves the LP relaxation itself
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.tm_lim = static_cast<int>(std::min(time_limit_s, 86400.0) * 1000);
  const int code = glp_intopt(lp.p, &parameters);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int status = glp_mip_status(lp.p);
  if (code == 0 && status == GLP_OPT) {
    out.status = "optimal";
    out.gain = glp_mip_obj_val(lp.p);
  } else if (code == GLP_ETMLIM) {
    out.status = "time_limit";
    out.detail = "no proven optimum within " + std::to_string(static_cast<int>(time_limit_s)) + " s";
  } else {
    out.status = "failed";
    out.detail = "GLPK glp_intopt returned " + std::to_string(code) + ", status " + std::to_string(status);
  }
  return out;
}

}  // namespace engine::coverage
