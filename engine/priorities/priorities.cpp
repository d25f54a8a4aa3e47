#include "engine/priorities/priorities.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/parallel.hpp"
#include "engine/priorities/random.hpp"
#include "engine/priorities/stats.hpp"

namespace engine::priorities {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string join_names(const std::vector<std::string>& names, std::size_t limit = 12) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > limit) s += ", ... (" + std::to_string(names.size()) + " in all)";
  return s;
}

std::string unit_label(const AdminLevel& level, std::size_t i) {
  const AdminUnit& u = level.units[i];
  return u.name_en.empty() ? u.code : u.code + " " + u.name_en;
}

double numeric_value(const geo::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return kNaN;
}

// Average ranks (1-based) of the finite values; NaN stays NaN.
std::vector<double> average_ranks(const std::vector<double>& x) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i])) idx.push_back(i);
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size(), kNaN);
  for (std::size_t a = 0; a < idx.size();) {
    std::size_t b = a;
    while (b + 1 < idx.size() && x[idx[b + 1]] == x[idx[a]]) ++b;
    const double avg = (static_cast<double>(a) + static_cast<double>(b)) / 2 + 1;
    for (std::size_t k = a; k <= b; ++k) r[idx[k]] = avg;
    a = b + 1;
  }
  return r;
}

// Ranks (1 = highest score), ties by key.
std::vector<std::int32_t> rank_scores(const std::vector<double>& score, const std::vector<std::string>& keys,
                                      std::vector<std::int32_t>* order_out = nullptr) {
  std::vector<std::int32_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    const double sa = score[static_cast<std::size_t>(a)], sb = score[static_cast<std::size_t>(b)];
    if (sa != sb) return sa > sb;
    return keys[static_cast<std::size_t>(a)] < keys[static_cast<std::size_t>(b)];
  });
  std::vector<std::int32_t> rank(score.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[static_cast<std::size_t>(order[r])] = static_cast<std::int32_t>(r + 1);
  if (order_out) *order_out = std::move(order);
  return rank;
}

HotClass classify(double z, double p, const double thresholds[3]) {
  if (!std::isfinite(z) || !std::isfinite(p)) return HotClass::None;
  const bool hot = z > 0;
  if (p <= thresholds[0]) return hot ? HotClass::Hot99 : HotClass::Cold99;
  if (p <= thresholds[1]) return hot ? HotClass::Hot95 : HotClass::Cold95;
  if (p <= thresholds[2]) return hot ? HotClass::Hot90 : HotClass::Cold90;
  return HotClass::None;
}

}  // namespace

void IssueRecords::add(std::int32_t unit_index, std::string category_text, double severity_value, std::int32_t day_value) {
  unit.push_back(unit_index);
  category.push_back(std::move(category_text));
  severity.push_back(severity_value);
  day.push_back(day_value);
}

IssueRecords issue_records(const PointLayer& layer, const LayerJoin& join) {
  IssueRecords out;
  const int category = layer.role_field("category"), severity = layer.role_field("severity"), date = layer.role_field("date");
  for (std::size_t r = 0; r < layer.size(); ++r) {
    const bool placed =
        join.match[r] == Match::Matched || join.match[r] == Match::Snapped || join.match[r] == Match::NameMatched;
    const std::int32_t unit = placed ? join.unit[r] : -1;
    std::string cat = category >= 0 ? layer.text(r, static_cast<std::size_t>(category)) : std::string();
    double sev = kNaN;
    if (severity >= 0) {
      const geo::Value v = layer.value(r, static_cast<std::size_t>(severity));
      sev = numeric_value(v);
      if (const auto* s = std::get_if<std::string>(&v); s && !s->empty()) {
        char* end = nullptr;
        const double parsed = std::strtod(s->c_str(), &end);
        if (end && *end == '\0' && std::isfinite(parsed)) sev = parsed;
        else ++out.bad_severities;
      }
    }
    std::int32_t day = kNoDate;
    if (date >= 0) {
      const std::string text = layer.text(r, static_cast<std::size_t>(date));
      if (!text.empty()) {
        if (auto d = parse_date(text)) day = *d;
        else ++out.bad_dates;
      }
    }
    out.add(unit, std::move(cat), sev, day);
  }
  return out;
}

void IndicatorTable::add(std::string name, std::vector<double> values, Direction default_direction) {
  columns.push_back({std::move(name), std::move(values), default_direction});
}

void IndicatorTable::add_unit_table(const UnitTable& table, const std::string& prefix) {
  for (std::size_t f = 0; f < table.fields.size(); ++f) {
    if (table.fields[f].type == geo::FieldType::String) continue;
    const std::string name = prefix + table.fields[f].name;
    if (find(name)) continue;
    std::vector<double> v(table.rows.size(), kNaN);
    for (std::size_t i = 0; i < table.rows.size(); ++i) v[i] = numeric_value(table.rows[i][f]);
    add(name, std::move(v));
    optional.push_back(name);
  }
}

void ActionContext::add_from(const UnitTable& table, const std::string& field, const std::string& as_name) {
  for (std::size_t f = 0; f < table.fields.size(); ++f) {
    if (table.fields[f].name != field) continue;
    std::vector<std::string> v(table.rows.size());
    for (std::size_t i = 0; i < table.rows.size(); ++i) v[i] = geo::to_text(table.rows[i][f]);
    add(as_name.empty() ? field : as_name, std::move(v));
    return;
  }
  throw Error("the per-unit table has no field '" + field + "' for the action plan", {}, "check the field names of the analysis table");
}

const IndicatorTable::Column* IndicatorTable::find(const std::string& name) const {
  for (const Column& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

void ActionContext::add(std::string name, std::vector<std::string> per_unit) {
  names.push_back(std::move(name));
  values.push_back(std::move(per_unit));
}

const char* to_string(HotClass c) {
  switch (c) {
    case HotClass::Hot99: return "hot_99";
    case HotClass::Hot95: return "hot_95";
    case HotClass::Hot90: return "hot_90";
    case HotClass::Cold99: return "cold_99";
    case HotClass::Cold95: return "cold_95";
    case HotClass::Cold90: return "cold_90";
    case HotClass::Island: return "island";
    case HotClass::None: break;
  }
  return "not_significant";
}

std::vector<double> normalise(const std::vector<double>& raw, Normalisation how, Direction direction) {
  std::vector<double> out(raw.size(), kNaN);
  double lo = INFINITY, hi = -INFINITY, sum = 0, sum2 = 0;
  std::size_t n = 0;
  for (double v : raw)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
      ++n;
    }
  if (n == 0) return out;
  const double mean = sum / static_cast<double>(n);
  for (double v : raw)
    if (std::isfinite(v)) sum2 += (v - mean) * (v - mean);
  const double sd = std::sqrt(sum2 / static_cast<double>(n));
  std::vector<double> ranks;
  if (how == Normalisation::Rank) ranks = average_ranks(raw);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (!std::isfinite(raw[i])) continue;
    double x = 0;
    switch (how) {
      case Normalisation::MinMax: x = hi > lo ? (raw[i] - lo) / (hi - lo) : 0; break;
      case Normalisation::Rank: x = n > 1 ? (ranks[i] - 1) / static_cast<double>(n - 1) : 0; break;
      case Normalisation::ZScore: x = sd > 0 ? (raw[i] - mean) / sd : 0; break;
    }
    if (direction == Direction::Lower) x = how == Normalisation::ZScore ? -x : 1 - x;
    out[i] = x;
  }
  return out;
}

SensitivityResult rank_sensitivity(const std::vector<std::vector<double>>& normalised, const std::vector<double>& weights,
                                   const std::vector<std::string>& tie_keys, const SensitivityOptions& options,
                                   int threads) {
  SensitivityResult out;
  const std::size_t n = tie_keys.size(), k = weights.size();
  out.draws = options.draws;
  out.top_k = options.top_k;
  out.median_rank.assign(n, kNaN);
  out.rank_p05.assign(n, kNaN);
  out.rank_p95.assign(n, kNaN);
  out.p_top_k.assign(n, kNaN);
  out.unstable.assign(n, false);
  if (options.draws <= 0 || n == 0) return out;
  const auto draws = static_cast<std::size_t>(options.draws);
  std::vector<std::int32_t> ranks(draws * n);  // [draw][unit]
  parallel_chunks(draws, thread_count(threads), [&](std::size_t begin, std::size_t end) {
    std::vector<double> w(k), score(n);
    for (std::size_t d = begin; d < end; ++d) {
      Random rng(options.seed, d);
      double total = 0;
      for (std::size_t j = 0; j < k; ++j) {
        w[j] = weights[j] > 0 ? rng.gamma(options.concentration * weights[j]) : 0;
        total += w[j];
      }
      for (double& v : w) v /= total;
      for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t j = 0; j < k; ++j) s += w[j] * normalised[j][i];
        score[i] = s;
      }
      const std::vector<std::int32_t> r = rank_scores(score, tie_keys);
      std::copy(r.begin(), r.end(), ranks.begin() + static_cast<std::ptrdiff_t>(d * n));
    }
  });
  std::vector<std::int32_t> column(draws);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t top = 0;
    for (std::size_t d = 0; d < draws; ++d) {
      column[d] = ranks[d * n + i];
      if (column[d] <= options.top_k) ++top;
    }
    std::sort(column.begin(), column.end());
    out.median_rank[i] = draws % 2 ? column[draws / 2] : 0.5 * (column[draws / 2 - 1] + column[draws / 2]);
    auto nearest_rank = [&](double q) {
      const auto at = static_cast<std::size_t>(std::max(1.0, std::ceil(q * static_cast<double>(draws))));
      return static_cast<double>(column[std::min(draws, at) - 1]);
    };
    out.rank_p05[i] = nearest_rank(0.05);
    out.rank_p95[i] = nearest_rank(0.95);
    out.p_top_k[i] = static_cast<double>(top) / static_cast<double>(draws);
    out.unstable[i] = out.p_top_k[i] > 0.1 && out.p_top_k[i] < 0.9;
  }
  return out;
}

PrioritiesResult compute_priorities(const AdminLevel& level, const IssueRecords& issues, const IndicatorTable& extra,
                                    const ActionContext& context, const PrioritiesOptions& options) {
  options.validate();
  const std::size_t n = level.units.size();
  const std::string layer = level.spec.name;
  PrioritiesResult r;
  r.driver_top = options.drivers.top;
  r.plan_units = options.action_plan.units;
  auto& warn = r.warnings;
  if (n == 0) throw Error("the boundary level '" + layer + "' has no units", {options.label, layer});
  for (const auto& c : extra.columns)
    if (c.values.size() != n)
      throw Error("indicator '" + c.name + "' has " + std::to_string(c.values.size()) + " values for " + std::to_string(n) +
                  " units", {options.label, layer, -1, c.name}, "pass one value per unit of the finest level, in unit order (NaN = missing)");
  for (std::size_t c = 0; c < context.names.size(); ++c)
    if (context.values[c].size() != n)
      throw Error("action-plan column '" + context.names[c] + "' has " + std::to_string(context.values[c].size()) +
                  " values for " + std::to_string(n) + " units", {options.label, layer});
  std::vector<std::string> codes(n);
  for (std::size_t i = 0; i < n; ++i) codes[i] = level.units[i].code;

  // ---- profiles ----------------------------------------------------------
  auto t0 = Clock::now();
  std::map<std::string, std::size_t> slot;
  std::vector<std::int32_t> issue_cat(issues.size(), -1);
  {
    std::set<std::string> names(options.drivers.categories.begin(), options.drivers.categories.end());
    std::vector<std::string> slugs(issues.size());
    std::unordered_map<std::string, std::string> slug_of;  // raw text -> slug, computed once per value
    for (std::size_t k = 0; k < issues.size(); ++k) {
      const std::int32_t u = issues.unit[k];
      if (u < 0 || static_cast<std::size_t>(u) >= n) continue;
      auto it = slug_of.find(issues.category[k]);
      if (it == slug_of.end()) it = slug_of.emplace(issues.category[k], value_slug(issues.category[k])).first;
      slugs[k] = it->second;
      names.insert(slugs[k]);
    }
    r.categories.assign(names.begin(), names.end());
    for (std::size_t c = 0; c < r.categories.size(); ++c) slot[r.categories[c]] = c;
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (!slugs[k].empty()) issue_cat[k] = static_cast<std::int32_t>(slot[slugs[k]]);
  }
  const std::size_t m = r.categories.size();
  r.cells.assign(n, std::vector<CategoryCell>(m));
  r.units.assign(n, UnitProfile{});
  r.category_totals.assign(m, 0);
  double severity_sum = 0;
  std::int64_t severity_known = 0, severity_missing = 0;
  std::int32_t day_min = INT32_MAX, day_max = INT32_MIN;
  std::int64_t dated = 0;
  for (std::size_t k = 0; k < issues.size(); ++k) {
    if (issue_cat[k] < 0) {
      ++r.issues_outside;
      continue;
    }
    if (std::isfinite(issues.severity[k])) {
      severity_sum += issues.severity[k];
      ++severity_known;
    } else {
      ++severity_missing;
    }
    if (issues.day[k] != kNoDate) {
      day_min = std::min(day_min, issues.day[k]);
      day_max = std::max(day_max, issues.day[k]);
      ++dated;
    }
  }
  r.has_severity = severity_known > 0;
  const double severity_fill = r.has_severity ? severity_sum / static_cast<double>(severity_known) : 1;
  if (r.has_severity && severity_missing > 0)
    warn.push_back(std::to_string(severity_missing) + " issues have no severity; they count with the mean severity " +
                   std::to_string(severity_fill));
  if (issues.bad_severities > 0)
    warn.push_back(std::to_string(issues.bad_severities) + " issues have a severity that is not a number (ignored)");
  if (issues.bad_dates > 0)
    warn.push_back(std::to_string(issues.bad_dates) + " issues have a date that is not YYYY-MM-DD (left out of the periods)");
  if (r.issues_outside > 0)
    warn.push_back(std::to_string(r.issues_outside) + " issues lie in no unit of '" + layer + "' and are not counted");
  for (std::size_t k = 0; k < issues.size(); ++k) {
    if (issue_cat[k] < 0) continue;
    const auto u = static_cast<std::size_t>(issues.unit[k]);
    const auto c = static_cast<std::size_t>(issue_cat[k]);
    CategoryCell& cell = r.cells[u][c];
    ++cell.count;
    cell.severity_weighted += std::isfinite(issues.severity[k]) ? issues.severity[k] : severity_fill;
    ++r.category_totals[c];
    ++r.issues_total;
  }
  std::int64_t with_population = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double pop = level.units[i].population;
    const bool pop_ok = std::isfinite(pop) && pop > 0;
    with_population += pop_ok;
    UnitProfile& u = r.units[i];
    for (std::size_t c = 0; c < m; ++c) {
      u.issues += r.cells[i][c].count;
      u.severity_weighted += r.cells[i][c].severity_weighted;
    }
    for (std::size_t c = 0; c < m; ++c) {
      CategoryCell& cell = r.cells[i][c];
      cell.share = u.issues > 0 ? static_cast<double>(cell.count) / static_cast<double>(u.issues) : kNaN;
      cell.rate = pop_ok ? static_cast<double>(cell.count) / pop * 1e4 : kNaN;
    }
    u.rate = pop_ok ? static_cast<double>(u.issues) / pop * 1e4 : kNaN;
    u.severity_rate = pop_ok ? u.severity_weighted / pop * 1e4 : kNaN;
  }
  r.has_population = with_population > 0;
  if (r.has_population && with_population < static_cast<std::int64_t>(n))
    warn.push_back(std::to_string(n - static_cast<std::size_t>(with_population)) + " units of '" + layer +
                   "' have no population; their rates are empty");
  if (r.issues_total == 0) warn.push_back("no issue lies in any unit of '" + layer + "': drivers, periods and hotspots are empty");
  {
    std::vector<std::string> empty;
    for (std::size_t c = 0; c < m; ++c)
      if (r.category_totals[c] == 0) empty.push_back(r.categories[c]);
    if (!empty.empty()) warn.push_back("categories with no issue at all: " + join_names(empty));
  }
  r.timings.emplace_back("profiles", seconds_since(t0));

  // ---- location quotients and drivers --------------------------------------
  t0 = Clock::now();
  {
    std::vector<double> pvalues;
    std::vector<std::pair<std::size_t, std::size_t>> at;
    const double total = static_cast<double>(r.issues_total);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t ci = r.units[i].issues;
      if (ci == 0) continue;
      for (std::size_t c = 0; c < m; ++c) {
        if (r.category_totals[c] == 0) continue;
        CategoryCell& cell = r.cells[i][c];
        const double pj = static_cast<double>(r.category_totals[c]) / total;
        cell.lq = cell.share / pj;
        cell.expected = static_cast<double>(ci) * pj;
        cell.p = binomial_upper_tail(cell.count, ci, pj);
        pvalues.push_back(cell.p);
        at.emplace_back(i, c);
      }
    }
    const std::vector<double> q = benjamini_hochberg(pvalues);
    for (std::size_t t = 0; t < at.size(); ++t) {
      CategoryCell& cell = r.cells[at[t].first][at[t].second];
      cell.q = q[t];
      cell.driver = cell.lq > 1 && cell.q <= options.drivers.fdr;
      if (cell.driver) ++r.units[at[t].first].drivers;
    }
  }
  r.timings.emplace_back("drivers", seconds_since(t0));

  // ---- change between periods ----------------------------------------------
  t0 = Clock::now();
  if (options.periods.baseline) {
    r.baseline = *options.periods.baseline;
    r.review = *options.periods.review;
    r.has_periods = true;
  } else if (dated > 0) {
    r.review = {day_max - 364, day_max};
    r.baseline = {day_max - 729, day_max - 365};
    r.has_periods = true;
  } else {
    warn.push_back("issues have no dates: change between review periods is skipped");
  }
  if (r.has_periods && dated == 0) {
    warn.push_back("periods are set but no issue has a date: change between review periods is skipped");
    r.has_periods = false;
  }
  if (r.has_periods) {
    if (r.baseline.from <= r.review.to && r.review.from <= r.baseline.to)
      warn.push_back("the review periods overlap (" + r.baseline.text() + " and " + r.review.text() +
                     "); issues in both count in each");
    std::int64_t in_baseline = 0, in_review = 0;
    for (std::size_t k = 0; k < issues.size(); ++k) {
      if (issue_cat[k] < 0 || issues.day[k] == kNoDate) continue;
      const std::int32_t d = issues.day[k];
      CategoryCell& cell = r.cells[static_cast<std::size_t>(issues.unit[k])][static_cast<std::size_t>(issue_cat[k])];
      if (d >= r.baseline.from && d <= r.baseline.to) {
        ++cell.baseline;
        ++in_baseline;
      }
      if (d >= r.review.from && d <= r.review.to) {
        ++cell.review;
        ++in_review;
      }
    }
    const std::string span = "the issues' dates run " + format_date(day_min) + ".." + format_date(day_max);
    if (in_baseline == 0 || in_review == 0) {
      warn.push_back(std::string("the ") + (in_baseline == 0 ? "baseline period " + r.baseline.text() : "review period " + r.review.text()) +
                     " holds no issue (" + span + "): change between review periods is skipped");
      r.has_periods = false;
      for (auto& row : r.cells)
        for (auto& cell : row) cell.baseline = cell.review = 0;
    } else {
      const double tb = r.baseline.to - r.baseline.from + 1, tr = r.review.to - r.review.from + 1;
      const double pi0 = tr / (tb + tr);
      std::vector<double> pvalues;
      std::vector<std::pair<std::size_t, std::size_t>> at;
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < m; ++c) {
          CategoryCell& cell = r.cells[i][c];
          const std::int64_t total = cell.baseline + cell.review;
          if (total == 0) continue;
          cell.rate_ratio = cell.baseline > 0 ? (cell.review / tr) / (cell.baseline / tb) : INFINITY;
          cell.p_change = binomial_two_sided(cell.review, total, pi0);
          const Interval ci = clopper_pearson(cell.review, total, 1 - options.periods.confidence);
          // RR = (pi / (1 - pi)) * (tb / tr)
          cell.rr_low = ci.low / (1 - ci.low) * tb / tr;
          cell.rr_high = ci.high < 1 ? ci.high / (1 - ci.high) * tb / tr : INFINITY;
          pvalues.push_back(cell.p_change);
          at.emplace_back(i, c);
        }
      const std::vector<double> q = benjamini_hochberg(pvalues);
      for (std::size_t t = 0; t < at.size(); ++t) {
        CategoryCell& cell = r.cells[at[t].first][at[t].second];
        cell.q_change = q[t];
        if (cell.q_change <= options.periods.fdr) {
          cell.trend = cell.rate_ratio > 1 ? 1 : cell.rate_ratio < 1 ? -1 : 0;
          UnitProfile& u = r.units[at[t].first];
          if (cell.trend > 0) ++u.rising;
          if (cell.trend < 0) ++u.falling;
        }
      }
    }
  }
  r.timings.emplace_back("periods", seconds_since(t0));

  // ---- weights -------------------------------------------------------------
  t0 = Clock::now();
  if (options.hotspots.weights == WeightsKind::Queen) {
    std::vector<const geo::Geometry*> shapes(n);
    for (std::size_t i = 0; i < n; ++i) shapes[i] = &level.units[i].shape;
    r.weights = queen_weights(shapes, options.hotspots.tolerance_m);
    char buf[96];
    std::snprintf(buf, sizeof buf, "queen contiguity (boundaries within %g m)", options.hotspots.tolerance_m);
    r.weights_description = buf;
  } else {
    std::vector<geo::Point> centroids(n);
    for (std::size_t i = 0; i < n; ++i) centroids[i] = polygon_centroid(level.units[i].shape);
    r.weights = distance_band_weights(centroids, options.hotspots.band_m);
    char buf[96];
    std::snprintf(buf, sizeof buf, "distance band (centroids within %g m)", options.hotspots.band_m);
    r.weights_description = buf;
  }
  if (!r.weights.islands.empty()) {
    std::vector<std::string> names;
    for (std::int32_t i : r.weights.islands) names.push_back(unit_label(level, static_cast<std::size_t>(i)));
    warn.push_back(std::to_string(r.weights.islands.size()) + " units of '" + layer + "' have no neighbour under " +
                   r.weights_description + " (islands; Gi* uses only their own value, as esda): " + join_names(names));
  }
  r.timings.emplace_back("weights", seconds_since(t0));

  // ---- hotspots ------------------------------------------------------------
  t0 = Clock::now();
  bool use_rate = false;
  if (options.hotspots.variable == HotspotVariable::Rate) {
    if (with_population < static_cast<std::int64_t>(n))
      throw Error("'priorities.hotspots.variable' is rate but " + std::to_string(n - static_cast<std::size_t>(with_population)) +
                      " units of '" + layer + "' have no population",
                  {options.label, layer, -1, "population"}, "give every unit a population, or use variable: count");
    use_rate = true;
  } else if (options.hotspots.variable == HotspotVariable::Auto) {
    use_rate = with_population == static_cast<std::int64_t>(n);
  }
  r.hotspot_variable = use_rate ? "issues_per_10k" : "issues";
  const bool permutation_p = options.hotspots.p == PSource::Permutation ||
                             (options.hotspots.p == PSource::Auto && options.hotspots.permutations > 0);
  auto series = [&](std::string name, std::vector<double> values, std::uint64_t stream) {
    HotspotSeries h;
    h.name = std::move(name);
    h.values = std::move(values);
    PermutationOptions po;
    po.permutations = options.hotspots.permutations;
    po.seed = options.hotspots.seed;
    po.stream = stream;
    po.threads = options.threads;
    h.gi = getis_ord_star(h.values, r.weights, po);
    h.moran = local_moran(h.values, r.weights, po);
    h.p_used.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      h.p_used[i] = permutation_p ? h.gi.p_sim[i] : 2 * normal_sf(std::fabs(h.gi.z[i]));
    double thresholds[3] = {0.01, 0.05, 0.10};
    if (options.hotspots.fdr)
      for (double& t : thresholds) t = bh_threshold(h.p_used, t);
    h.classes.resize(n);
    h.lisa_cluster.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      h.classes[i] = r.weights.neighbours[i].empty() ? HotClass::Island : classify(h.gi.z[i], h.p_used[i], thresholds);
      if (std::isfinite(h.moran.p_sim[i]) && h.moran.p_sim[i] <= 0.05) h.lisa_cluster[i] = h.moran.quadrant[i];
    }
    r.hotspots.push_back(std::move(h));
  };
  auto variable = [&](std::size_t i, double count) {
    return use_rate ? count / level.units[i].population * 1e4 : count;
  };
  {
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = variable(i, static_cast<double>(r.units[i].issues));
    series("total", std::move(y), 0);
  }
  if (options.hotspots.per_category)
    for (std::size_t c = 0; c < m; ++c) {
      if (r.category_totals[c] == 0) continue;
      std::vector<double> y(n);
      for (std::size_t i = 0; i < n; ++i) y[i] = variable(i, static_cast<double>(r.cells[i][c].count));
      series(r.categories[c], std::move(y), c + 1);
    }
  r.timings.emplace_back("hotspots", seconds_since(t0));

  // ---- priority index ------------------------------------------------------
  t0 = Clock::now();
  struct Available {
    std::string name, source;
    std::vector<double> values;
    Direction direction = Direction::Higher;
    std::string unavailable;  // why a built-in cannot be used
  };
  std::vector<Available> catalogue;
  auto builtin = [&](const std::string& name, auto value, const std::string& unavailable = {}) {
    Available a{name, "built-in", std::vector<double>(n), Direction::Higher, unavailable};
    for (std::size_t i = 0; i < n; ++i) a.values[i] = value(i);
    catalogue.push_back(std::move(a));
  };
  builtin("issues", [&](std::size_t i) { return static_cast<double>(r.units[i].issues); });
  builtin("issue_rate", [&](std::size_t i) { return r.units[i].rate; },
          r.has_population ? "" : "the units of '" + layer + "' have no population");
  builtin("severity_weighted", [&](std::size_t i) { return r.units[i].severity_weighted; },
          r.has_severity ? "" : "the issues have no severity");
  builtin("severity_rate", [&](std::size_t i) { return r.units[i].severity_rate; },
          !r.has_severity ? "the issues have no severity" : !r.has_population ? "the units have no population" : "");
  builtin("drivers", [&](std::size_t i) { return static_cast<double>(r.units[i].drivers); });
  builtin("rising_drivers", [&](std::size_t i) { return static_cast<double>(r.units[i].rising); },
          r.has_periods ? "" : "change between review periods was skipped (see warnings)");
  builtin("hotspot_z", [&](std::size_t i) { return r.hotspots[0].gi.z[i]; });
  const std::size_t builtins = catalogue.size();
  for (const auto& c : extra.columns) {
    const bool optional = std::find(extra.optional.begin(), extra.optional.end(), c.name) != extra.optional.end();
    bool clash = false;
    for (std::size_t a = 0; a < builtins; ++a) clash |= catalogue[a].name == c.name;
    if (clash && optional) continue;  // a table column named like a built-in (coverage's `issues`): the built-in wins
    if (clash)
      throw Error("indicator '" + c.name + "' given by the caller clashes with a built-in indicator", {options.label, layer},
                  "give it another name");
    catalogue.push_back({c.name, "caller", c.values, c.direction, {}});
  }
  const std::size_t first_field = catalogue.size();
  auto add_field = [&](const std::string& name, std::vector<double> values) {
    for (const auto& a : catalogue)
      if (a.name == name) return;  // built-ins and the caller's win over fields of the same name
    catalogue.push_back({name, "field", std::move(values), Direction::Higher, {}});
  };
  {
    std::vector<double> pop(n), area(n);
    for (std::size_t i = 0; i < n; ++i) {
      pop[i] = level.units[i].population;
      area[i] = level.units[i].area_km2;
    }
    add_field("population", pop);
    add_field("area_km2", area);
    for (std::size_t f = 0; f < level.fields.size(); ++f) {
      if (level.fields[f].type == geo::FieldType::String) continue;
      std::vector<double> v(n, kNaN);
      for (std::size_t i = 0; i < n && i < level.attributes.size(); ++i) v[i] = numeric_value(level.attributes[i][f]);
      add_field(level.fields[f].name, std::move(v));
    }
  }
  std::vector<IndicatorSpec> specs = options.index.indicators;
  if (specs.empty()) {
    auto usable = [&](const std::string& name) {
      for (const auto& a : catalogue)
        if (a.name == name) return a.unavailable.empty();
      return false;
    };
    specs.push_back({usable("issue_rate") ? "issue_rate" : "issues"});
    if (usable("severity_rate")) specs.push_back({"severity_rate"});
    else if (usable("severity_weighted")) specs.push_back({"severity_weighted"});
    if (usable("rising_drivers")) specs.push_back({"rising_drivers"});
    for (const auto& c : extra.columns)
      if (std::find(extra.optional.begin(), extra.optional.end(), c.name) == extra.optional.end())
        specs.push_back({c.name, c.direction});
  }
  double weight_total = 0;
  for (const auto& s : specs) weight_total += s.weight;
  for (const IndicatorSpec& spec : specs) {
    const Available* found = nullptr;
    for (const auto& a : catalogue)
      if (a.name == spec.name) found = &a;
    const Where at{options.label, "", -1, "priorities.index.indicators." + spec.name};
    if (!found) {
      std::vector<std::string> names;
      for (std::size_t a = 0; a < catalogue.size(); ++a)
        if (catalogue[a].unavailable.empty()) names.push_back(catalogue[a].name);
      throw Error("unknown indicator '" + spec.name + "' (line " + std::to_string(spec.line) + ")", at,
                  "available: " + join_names(names, 40) + (first_field < catalogue.size() ? " (fields of '" + layer + "' included)" : ""));
    }
    if (!found->unavailable.empty())
      throw Error("indicator '" + spec.name + "' cannot be computed: " + found->unavailable, at);
    IndicatorResult ind;
    ind.name = spec.name;
    ind.source = found->source;
    ind.direction = spec.direction;
    ind.normalisation = spec.normalisation.value_or(options.index.normalisation);
    ind.weight = spec.weight / weight_total;
    ind.raw = found->values;
    ind.normalised = normalise(ind.raw, ind.normalisation, ind.direction);
    double sum = 0;
    std::int64_t known = 0;
    for (double v : ind.normalised)
      if (std::isfinite(v)) {
        sum += v;
        ++known;
      }
    if (known == 0) throw Error("indicator '" + spec.name + "' has no value in any unit of '" + layer + "'", at);
    const double fill = sum / static_cast<double>(known);
    for (double& v : ind.normalised)
      if (!std::isfinite(v)) {
        v = fill;
        ++ind.missing;
      }
    if (ind.missing > 0)
      warn.push_back("indicator '" + spec.name + "' is missing in " + std::to_string(ind.missing) +
                     " units; they get its mean normalised value");
    double lo = INFINITY, hi = -INFINITY;
    for (double v : ind.raw)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (lo == hi) warn.push_back("indicator '" + spec.name + "' has the same value in every unit; it does not change the ranking");
    ind.contribution.resize(n);
    for (std::size_t i = 0; i < n; ++i) ind.contribution[i] = ind.weight * ind.normalised[i];
    r.index.indicators.push_back(std::move(ind));
  }
  r.index.score.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& ind : r.index.indicators) r.index.score[i] += ind.contribution[i];
  r.index.rank = rank_scores(r.index.score, codes, &r.index.order);
  r.index.tier.resize(n);
  const auto& tiers = options.index.tiers;
  // Tier sizes: the first ceil(share x n) ranks of each cumulative share.
  std::vector<std::int32_t> tier_end;
  for (double t : tiers) tier_end.push_back(static_cast<std::int32_t>(std::ceil(t * static_cast<double>(n) - 1e-9)));
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t rank = r.index.rank[i];
    if (tiers.empty()) r.index.tier[i] = "";
    else if (rank <= tier_end[0]) r.index.tier[i] = "high";
    else if (tiers.size() > 1 && rank <= tier_end[1]) r.index.tier[i] = "medium";
    else r.index.tier[i] = "low";
  }
  r.timings.emplace_back("index", seconds_since(t0));

  // ---- sensitivity ---------------------------------------------------------
  t0 = Clock::now();
  {
    std::vector<std::vector<double>> normalised;
    std::vector<double> weights;
    for (const auto& ind : r.index.indicators) {
      normalised.push_back(ind.normalised);
      weights.push_back(ind.weight);
    }
    SensitivityOptions so = options.sensitivity;
    if (so.top_k > static_cast<int>(n)) {
      warn.push_back("sensitivity.top_k " + std::to_string(so.top_k) + " is more than the " + std::to_string(n) +
                     " units; using " + std::to_string(n));
      so.top_k = static_cast<int>(n);
    }
    r.sensitivity = rank_sensitivity(normalised, weights, codes, so, options.threads);
    // Also unstable: the 5-95 % rank interval reaches into another tier.
    auto tier_of = [&](double rank) {
      for (std::size_t t = 0; t < tier_end.size(); ++t)
        if (rank <= tier_end[t]) return static_cast<int>(t);
      return static_cast<int>(tier_end.size());
    };
    for (std::size_t i = 0; i < n; ++i)
      if (r.sensitivity.draws > 0 && tier_of(r.sensitivity.rank_p05[i]) != tier_of(r.sensitivity.rank_p95[i]))
        r.sensitivity.unstable[i] = true;
  }
  r.timings.emplace_back("sensitivity", seconds_since(t0));

  r.context_names = context.names;
  r.context = context.values;
  return r;
}

}  // namespace engine::priorities
