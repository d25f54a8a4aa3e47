#include "engine/priorities/priorities_options.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "engine/counts.hpp"
#include "engine/error.hpp"
#include "engine/project.hpp"
#include "engine/yaml_section.hpp"

namespace engine::priorities {
namespace {

// Days from 1970-01-01 (H. Hinnant's civil calendar algorithm).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Normalisation read_normalisation(Section& s, const std::string& key, Normalisation fallback) {
  if (!s.node()[key]) {
    s.take(key);
    return fallback;
  }
  const std::string v = s.text(key);
  if (v == "min-max" || v == "minmax" || v == "min_max") return Normalisation::MinMax;
  if (v == "rank") return Normalisation::Rank;
  if (v == "z-score" || v == "zscore" || v == "z_score") return Normalisation::ZScore;
  s.fail(s.node()[key], "'" + s.qualified(key) + "' is '" + v + "'", "use min-max, rank or z-score");
}

std::uint64_t read_seed(Section& s, const std::string& key, std::uint64_t fallback) {
  const YAML::Node v = s.take(key);
  if (!v) return fallback;
  try {
    if (v.IsScalar()) return v.as<std::uint64_t>();
  } catch (const YAML::Exception&) {
  }
  s.fail(v, "'" + s.qualified(key) + "' must be a whole number >= 0");
}

std::optional<DateRange> read_range(Section& s, const std::string& key) {
  const YAML::Node v = s.take(key);
  if (!v) return std::nullopt;
  if (!v.IsSequence() || v.size() != 2)
    s.fail(v, "'" + s.qualified(key) + "' must be a list of two dates", "for example [2024-01-01, 2024-06-30]");
  DateRange r;
  for (std::size_t k = 0; k < 2; ++k) {
    const std::string text = v[k].IsScalar() ? v[k].as<std::string>() : "";
    const auto day = parse_date(text);
    if (!day) s.fail(v[k], "'" + s.qualified(key) + "' has '" + text + "', which is not a date", "write dates as YYYY-MM-DD");
    (k == 0 ? r.from : r.to) = *day;
  }
  if (r.from > r.to)
    s.fail(v, "'" + s.qualified(key) + "' ends before it starts (" + format_date(r.from) + " > " + format_date(r.to) + ")");
  return r;
}

}  // namespace

const char* to_string(Normalisation n) {
  switch (n) {
    case Normalisation::MinMax: return "min-max";
    case Normalisation::Rank: return "rank";
    case Normalisation::ZScore: return "z-score";
  }
  return "";
}

const char* to_string(Direction d) { return d == Direction::Higher ? "higher" : "lower"; }

std::optional<std::int32_t> parse_date(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char s1 = 0, s2 = 0;
  if (text.size() < 8 || std::sscanf(text.c_str(), "%4d%c%2d%c%2d", &y, &s1, &m, &s2, &d) != 5) return std::nullopt;
  if (!((s1 == '-' && s2 == '-') || (s1 == '/' && s2 == '/'))) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return std::nullopt;
  static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > days_in[m - 1] + (m == 2 && leap)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string format_date(std::int32_t day) {
  // Inverse of days_from_civil.
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string DateRange::text() const { return format_date(from) + ".." + format_date(to); }

void PrioritiesOptions::validate() const {
  const Where where{label, "", -1, "priorities"};
  auto fail = [&](const std::string& problem, const std::string& hint = {}) {
    throw Error(problem, where, hint);
  };
  auto level = [&](double v, const std::string& key) {
    if (!(v > 0 && v < 1)) fail("'priorities." + key + "' is " + std::to_string(v) + "; it must be between 0 and 1");
  };
  level(drivers.fdr, "drivers.fdr");
  level(periods.fdr, "periods.fdr");
  level(periods.confidence, "periods.confidence");
  if (drivers.top < 0) fail("'priorities.drivers.top' must be >= 0");
  if (periods.baseline.has_value() != periods.review.has_value())
    fail("'priorities.periods' needs both 'baseline' and 'review' (or neither, for the default last 365 days vs the 365 before)");
  if (hotspots.tolerance_m < 0 || !std::isfinite(hotspots.tolerance_m))
    fail("'priorities.hotspots.tolerance_m' must be >= 0");
  if (hotspots.weights == WeightsKind::DistanceBand && !(hotspots.band_m > 0))
    fail("'priorities.hotspots.band_m' must be a distance > 0 in metres with weights: distance_band");
  if (hotspots.permutations < 0 || hotspots.permutations > 99999)
    fail("'priorities.hotspots.permutations' must be between 0 and 99999");
  if (hotspots.p == PSource::Permutation && hotspots.permutations == 0)
    fail("'priorities.hotspots.p' is permutation but 'permutations' is 0");
  std::set<std::string> names;
  double total = 0;
  for (const IndicatorSpec& ind : index.indicators) {
    const Where at{label, "", -1, "priorities.index.indicators." + ind.name};
    if (!names.insert(ind.name).second) throw Error("indicator '" + ind.name + "' is listed twice", at);
    if (!(ind.weight >= 0) || !std::isfinite(ind.weight))
      throw Error("indicator '" + ind.name + "' has weight " + std::to_string(ind.weight) + "; weights must be >= 0", at,
                  "a negative weight would reward a worse value; use direction: lower instead");
    total += ind.weight;
  }
  if (!index.indicators.empty() && !(total > 0))
    fail("the weights of 'priorities.index.indicators' sum to 0", "give at least one indicator a weight > 0");
  double previous = 0;
  for (double t : index.tiers) {
    if (!(t > previous && t <= 1))
      fail("'priorities.index.tiers' must be increasing shares in (0, 1], like [0.2, 0.5]");
    previous = t;
  }
  if (index.tiers.size() > 2) fail("'priorities.index.tiers' takes at most two shares (high, medium; the rest is low)");
  if (sensitivity.draws < 0 || sensitivity.draws > 1000000) fail("'priorities.sensitivity.draws' must be between 0 and 1000000");
  if (!(sensitivity.concentration > 0) || !std::isfinite(sensitivity.concentration))
    fail("'priorities.sensitivity.concentration' must be > 0", "larger values keep draws closer to the given weights");
  if (sensitivity.top_k < 1) fail("'priorities.sensitivity.top_k' must be >= 1");
  if (action_plan.units < 0) fail("'priorities.action_plan.units' must be >= 0");
  if (threads < 0) fail("'priorities.threads' must be >= 0");
}

PrioritiesOptions parse_priorities_options(Section& s, const std::string& /*base_dir*/) {
  PrioritiesOptions o;
  o.line = s.line();
  o.label = s.label();
  if (s.node()["drivers"]) {
    Section d = s.section("drivers");
    o.drivers.fdr = d.number("fdr", o.drivers.fdr);
    for (const std::string& c : d.list("categories", {})) o.drivers.categories.push_back(value_slug(c));
    o.drivers.top = d.integer("top", o.drivers.top);
    d.finish();
  } else {
    s.take("drivers");
  }
  if (s.node()["periods"]) {
    Section p = s.section("periods");
    o.periods.baseline = read_range(p, "baseline");
    o.periods.review = read_range(p, "review");
    o.periods.fdr = p.number("fdr", o.periods.fdr);
    o.periods.confidence = p.number("confidence", o.periods.confidence);
    p.finish();
  } else {
    s.take("periods");
  }
  if (s.node()["hotspots"]) {
    Section h = s.section("hotspots");
    const std::string weights = h.text("weights", "queen");
    if (weights == "queen") o.hotspots.weights = WeightsKind::Queen;
    else if (weights == "distance_band" || weights == "distance") o.hotspots.weights = WeightsKind::DistanceBand;
    else h.fail(h.node()["weights"], "'" + h.qualified("weights") + "' is '" + weights + "'", "use queen or distance_band");
    o.hotspots.tolerance_m = h.number("tolerance_m", o.hotspots.tolerance_m);
    o.hotspots.band_m = h.number("band_m", o.hotspots.band_m);
    const std::string variable = h.text("variable", "auto");
    if (variable == "auto") o.hotspots.variable = HotspotVariable::Auto;
    else if (variable == "rate") o.hotspots.variable = HotspotVariable::Rate;
    else if (variable == "count") o.hotspots.variable = HotspotVariable::Count;
    else h.fail(h.node()["variable"], "'" + h.qualified("variable") + "' is '" + variable + "'", "use rate, count or auto");
    o.hotspots.permutations = h.integer("permutations", o.hotspots.permutations);
    o.hotspots.seed = read_seed(h, "seed", o.hotspots.seed);
    const std::string p = h.text("p", "auto");
    if (p == "auto") o.hotspots.p = PSource::Auto;
    else if (p == "permutation") o.hotspots.p = PSource::Permutation;
    else if (p == "analytic") o.hotspots.p = PSource::Analytic;
    else h.fail(h.node()["p"], "'" + h.qualified("p") + "' is '" + p + "'", "use permutation, analytic or auto");
    o.hotspots.fdr = h.boolean("fdr", o.hotspots.fdr);
    o.hotspots.per_category = h.boolean("per_category", o.hotspots.per_category);
    h.finish();
  } else {
    s.take("hotspots");
  }
  if (s.node()["index"]) {
    Section x = s.section("index");
    o.index.normalisation = read_normalisation(x, "normalisation", o.index.normalisation);
    if (const YAML::Node list = x.node()["indicators"]) {
      Section inds = x.section("indicators");
      for (const auto& entry : list) {
        IndicatorSpec spec;
        spec.name = entry.first.as<std::string>();
        spec.line = entry.first.Mark().line + 1;
        if (entry.second.IsMap()) {
          Section one = inds.section(spec.name);
          spec.weight = one.number("weight", 1);
          const std::string dir = one.text("direction", "higher");
          if (dir == "higher" || dir == "+") spec.direction = Direction::Higher;
          else if (dir == "lower" || dir == "-") spec.direction = Direction::Lower;
          else one.fail(one.node()["direction"], "'" + one.qualified("direction") + "' is '" + dir + "'",
                        "use higher (a higher value raises the priority) or lower");
          if (one.node()["normalisation"]) spec.normalisation = read_normalisation(one, "normalisation", Normalisation::MinMax);
          else one.take("normalisation");
          one.finish();
        } else {
          spec.weight = inds.number(spec.name, 1);
        }
        o.index.indicators.push_back(spec);
      }
      inds.finish();
    } else {
      x.take("indicators");
    }
    if (const YAML::Node tiers = x.take("tiers")) {
      if (!tiers.IsSequence()) x.fail(tiers, "'" + x.qualified("tiers") + "' must be a list of shares", "for example [0.2, 0.5]");
      o.index.tiers.clear();
      for (const auto& t : tiers) {
        try {
          o.index.tiers.push_back(t.as<double>());
        } catch (const YAML::Exception&) {
          x.fail(t, "'" + x.qualified("tiers") + "' must hold numbers");
        }
      }
    }
    x.finish();
  } else {
    s.take("index");
  }
  if (s.node()["sensitivity"]) {
    Section z = s.section("sensitivity");
    o.sensitivity.draws = z.integer("draws", o.sensitivity.draws);
    o.sensitivity.concentration = z.number("concentration", o.sensitivity.concentration);
    o.sensitivity.top_k = z.integer("top_k", o.sensitivity.top_k);
    o.sensitivity.seed = read_seed(z, "seed", o.sensitivity.seed);
    z.finish();
  } else {
    s.take("sensitivity");
  }
  if (s.node()["action_plan"]) {
    Section a = s.section("action_plan");
    o.action_plan.units = a.integer("units", o.action_plan.units);
    a.finish();
  } else {
    s.take("action_plan");
  }
  o.threads = s.integer("threads", 0);
  s.finish();
  o.validate();
  return o;
}

PrioritiesOptions priorities_options(const Project& project) {
  PrioritiesOptions options;
  const YAML::Node node = project.analysis("priorities");
  if (node && !node.IsNull()) {
    Section section(node, "priorities", project.path);
    options = parse_priorities_options(section, project.base_dir);
  }
  options.label = project.path;
  options.validate();
  return options;
}

}  // namespace engine::priorities
