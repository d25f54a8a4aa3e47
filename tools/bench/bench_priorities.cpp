// bench_priorities: the whole priorities analysis (engine/priorities) on the
// real Yemen districts and sub-districts with many synthetic issues:
// profiles, location quotients with exact tests and FDR, change between two
// review periods, queen contiguity from the real boundaries, Gi* and Local
// Moran's I (total and per category) with conditional permutations, the
// priority index and its Dirichlet sensitivity, and the output tables.
//
// Issues are drawn per unit (seeded), not as points: the spatial join that
// attributes points to units is benchmarked by bench_join.  Unit populations
// are synthetic (area-based with a seeded density), labelled so.  Ten
// categories with governorate-level tilts give real drivers and hotspots.
// Prints seconds per step (wall clock) and a checksum of the results, which
// must not change with --threads.
//
//   bench_priorities [--level PATH]... [--issues N] [--permutations N]
//                    [--draws N] [--threads N] [--seed S] [--out DIR]

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/priorities/priorities.hpp"
#include "engine/priorities/priorities_outputs.hpp"
#include "engine/priorities/random.hpp"
#include "geo/vector_writer.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace engine::priorities;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string first_line_with(const char* file, const char* key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 2);
  return "?";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b;
  in >> a >> b;
  return a + " " + b;
}

const char* kCategories[] = {"drugs", "arms", "gangs", "checkpoints", "detention", "womens_safety", "basic_needs",
                             "land_disputes", "extremism", "youth_violence"};

void run(const std::string& path, std::int64_t n_issues, int permutations, int draws, int threads, std::uint64_t seed,
         const std::string& out_dir) {
  std::printf("\n== %s\n", path.c_str());
  auto t = Clock::now();
  engine::AdminLevelSpec spec;
  const int adm = path.find("adm3") != std::string::npos ? 3 : 2;
  spec.name = adm == 2 ? "districts" : "subdistricts";
  spec.level = adm;
  spec.source.source = path;
  spec.code = "ADM" + std::to_string(adm) + "_PCODE";
  spec.name_en = "ADM" + std::to_string(adm) + "_EN";
  spec.name_ar = "ADM" + std::to_string(adm) + "_AR";
  engine::AdminLevel level = engine::load_admin_level(spec);
  const std::size_t n = level.units.size();
  std::printf("%-28s %8.3f s  (%zu units)\n", "load boundaries", seconds_since(t), n);

  // Synthetic populations and issues.
  t = Clock::now();
  Random rng(seed, 0);
  std::vector<double> weight(n);
  std::map<std::string, int> governorate;  // ADM1 via the code prefix (YE + 2 digits)
  std::vector<int> gov(n);
  for (std::size_t i = 0; i < n; ++i) {
    level.units[i].population = std::max(100.0, std::round(level.units[i].area_km2 * (5 + 200 * rng.uniform() * rng.uniform())));
    weight[i] = level.units[i].population * (0.5 + rng.uniform());
    gov[i] = governorate.emplace(level.units[i].code.substr(0, 4), static_cast<int>(governorate.size())).first->second;
  }
  std::vector<double> cumulative(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) cumulative[i] = total += weight[i];
  IssueRecords issues;
  issues.unit.reserve(static_cast<std::size_t>(n_issues));
  issues.category.reserve(static_cast<std::size_t>(n_issues));
  issues.severity.reserve(static_cast<std::size_t>(n_issues));
  issues.day.reserve(static_cast<std::size_t>(n_issues));
  const std::int32_t day0 = *parse_date("2023-01-01");
  for (std::int64_t k = 0; k < n_issues; ++k) {
    const double u = rng.uniform() * total;
    const auto i = static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    const std::size_t unit = std::min(i, n - 1);
    // Each governorate over-represents one category; later dates tilt towards another.
    std::size_t c = static_cast<std::size_t>(rng.below(10));
    if (rng.uniform() < 0.15) c = static_cast<std::size_t>(gov[unit] % 10);
    const auto d = static_cast<std::int32_t>(rng.below(731));
    if (d > 365 && rng.uniform() < 0.05) c = static_cast<std::size_t>((gov[unit] + 3) % 10);
    const double severity = rng.uniform() < 0.02 ? NAN : static_cast<double>(1 + rng.below(5));
    issues.add(static_cast<std::int32_t>(unit), kCategories[c], severity, day0 + d);
  }
  IndicatorTable extra;
  std::vector<double> uncovered(n), partners(n), distance(n), gaps(n);
  for (std::size_t i = 0; i < n; ++i) {
    uncovered[i] = rng.uniform();
    partners[i] = static_cast<double>(rng.below(6));
    distance[i] = 50 * rng.uniform();
    gaps[i] = static_cast<double>(rng.below(4));
  }
  extra.add("uncovered_share", uncovered);
  extra.add("partners", partners, Direction::Lower);
  extra.add("nearest_facility_km", distance);
  extra.add("coordination_gaps", gaps);
  std::printf("%-28s %8.3f s  (%lld issues, synthetic populations)\n", "synthetic inputs", seconds_since(t),
              static_cast<long long>(n_issues));

  PrioritiesOptions options;
  options.hotspots.permutations = permutations;
  options.sensitivity.draws = draws;
  options.threads = threads;
  options.periods.baseline = DateRange{day0, day0 + 364};
  options.periods.review = DateRange{day0 + 366, day0 + 730};
  t = Clock::now();
  const PrioritiesResult r = compute_priorities(level, issues, extra, {}, options);
  const double compute = seconds_since(t);
  for (const auto& [step, s] : r.timings) std::printf("  %-26s %8.3f s\n", step.c_str(), s);
  std::printf("%-28s %8.3f s  (%zu Gi*/Local Moran series x %d permutations, %d sensitivity draws)\n",
              "compute_priorities", compute, r.hotspots.size(), permutations, draws);

  t = Clock::now();
  const auto drivers = drivers_table(r, level);
  const auto hotspots = hotspots_layer(r, level);
  const auto priorities = priorities_table(r, level);
  const auto plan = action_plan_table(r, level);
  const auto unit_table = priorities_unit_table(r);
  std::printf("%-28s %8.3f s  (%zu driver rows)\n", "build output tables", seconds_since(t), drivers.size());
  if (!out_dir.empty()) {
    t = Clock::now();
    const std::filesystem::path dir = std::filesystem::path(out_dir) / spec.name;
    std::filesystem::create_directories(dir);
    geo::write_layer((dir / "drivers.csv").string(), drivers);
    geo::write_layer((dir / "hotspots.geojson").string(), hotspots);
    geo::write_layer((dir / "priorities.csv").string(), priorities);
    geo::write_layer((dir / "action_plan.csv").string(), plan);
    std::printf("%-28s %8.3f s  (%s)\n", "write outputs", seconds_since(t), dir.string().c_str());
  }
  const auto s = summarise(r);
  // A checksum of the results that must not depend on --threads.
  double checksum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    checksum += r.index.rank[i] * 1e-3 + r.sensitivity.p_top_k[i] + r.sensitivity.median_rank[i] * 1e-3;
    for (const auto& h : r.hotspots) checksum += (std::isfinite(h.gi.p_sim[i]) ? h.gi.p_sim[i] : 0) + (std::isfinite(h.moran.p_sim[i]) ? h.moran.p_sim[i] : 0);
  }
  std::printf("result: %lld queen links, %lld islands, %lld drivers, %lld rising, %lld falling, %lld hot, %lld cold, "
              "%lld unstable; checksum %.9f\n",
              static_cast<long long>(s.links), static_cast<long long>(s.islands), static_cast<long long>(s.drivers),
              static_cast<long long>(s.rising), static_cast<long long>(s.falling), static_cast<long long>(s.hot),
              static_cast<long long>(s.cold), static_cast<long long>(s.unstable), checksum);
  for (const auto& w : r.warnings) std::printf("warning: %s\n", w.substr(0, 200).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_priorities: drivers, periods, hotspots, index and sensitivity on real boundaries"};
  std::vector<std::string> levels = {LOCALMAP_BENCH_DISTRICTS, LOCALMAP_BENCH_SUBDISTRICTS};
  std::int64_t issues = 1000000;
  int permutations = 999, draws = 1000, threads = 0;
  std::uint64_t seed = 2022;
  std::string out;
  app.add_option("--level", levels, "boundary sources (one ADM level each)");
  app.add_option("--issues", issues, "synthetic issues")->check(CLI::PositiveNumber);
  app.add_option("--permutations", permutations, "conditional permutations for Gi* and Local Moran")->check(CLI::NonNegativeNumber);
  app.add_option("--draws", draws, "Dirichlet sensitivity draws")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", threads, "0 = one per core")->check(CLI::NonNegativeNumber);
  app.add_option("--seed", seed, "seed of the synthetic data");
  app.add_option("--out", out, "also write the output files under this folder");
  CLI11_PARSE(app, argc, argv);
  std::printf("bench_priorities: %lld issues, %d permutations, %d draws, threads %d (0 = %u cores)\n",
              static_cast<long long>(issues), permutations, draws, threads, std::thread::hardware_concurrency());
  std::printf("machine: nproc %u, %s; build %s; load average %s\n", std::thread::hardware_concurrency(),
              first_line_with("/proc/cpuinfo", "model name").c_str(), LOCALMAP_BENCH_BUILD_TYPE, load_average().c_str());
  try {
    for (const auto& level : levels) run(level, issues, permutations, draws, threads, seed, out);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_priorities: %s\n", e.what());
    return 1;
  }
  std::printf("\nload average after: %s\n", load_average().c_str());
  return 0;
}
