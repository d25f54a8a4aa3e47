// bench_coverage: how fast localmap finds, for every issue, the nearest
// operational facility (exact, by WGS84 geodesic distance) and whether some
// facility's coverage radius reaches it.
//
// It draws --facilities facilities and --issues issues uniformly inside the
// real Yemen districts (seeded), gives facilities types, radii and statuses
// like the demo's, and prints queries per second for:
//   - the nearest operational facility with geo::NearestPoints, on 1 thread
//     and on --threads threads (std::thread, contiguous chunks);
//   - coverage (engine::coverage::CoverageIndex: within the radius of any
//     covering facility) on --threads threads;
//   - the same nearest search by brute force (a geodesic to every operational
//     facility) on a --sample of the issues, extrapolated to all issues and
//     labelled so;
// and checks that the index and the brute force agree on the sample, because
// a fast wrong answer is worth nothing.  Results are deterministic (checksums
// printed); times are wall-clock.
//
//   bench_coverage [--districts PATH] [--issues N] [--facilities N]
//                  [--threads N] [--sample N] [--seed S]

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coverage/coverage_index.hpp"
#include "geo/geodesic.hpp"
#include "geo/nearest_points.hpp"
#include "geo/point_locator.hpp"
#include "geo/vector_reader.hpp"

namespace {

struct Options {
  std::string districts = LOCALMAP_BENCH_DISTRICTS;
  std::int64_t issues = 1000000;
  std::int64_t facilities = 10000;
  unsigned threads = 2;
  std::int64_t sample = 2000;
  std::uint64_t seed = 2022;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string first_line_with(const char* file, const char* key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 2);
  return "?";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " " + five;
}

// Uniform points inside the districts: uniform in the extent, kept when the
// grid locator puts them in a district.  Uniform random doubles come from the
// top 53 bits of mt19937_64, never through std::*_distribution, so every
// platform draws the same points.
std::vector<geo::Point> points_inside(const geo::PointLocator& locator, const geo::Envelope& e, std::int64_t n,
                                      std::mt19937_64& rng) {
  auto uniform = [&] { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); };
  std::vector<geo::Point> out;
  out.reserve(static_cast<std::size_t>(n));
  while (static_cast<std::int64_t>(out.size()) < n) {
    const geo::Point p{e.min_x + uniform() * e.width(), e.min_y + uniform() * e.height()};
    if (locator.locate(p) >= 0) out.push_back(p);
  }
  return out;
}

void row(const char* what, double seconds, double queries, const char* note = "") {
  std::printf("  %-62s %9.3f s %14.0f q/s %s\n", what, seconds, queries / seconds, note);
}

int run(const Options& o) {
  std::printf("bench_coverage: nearest operational facility and radius coverage of issues, Yemen districts\n");
  std::printf("machine: nproc %u, %s; build %s; GDAL %s, PROJ %s\n", std::thread::hardware_concurrency(),
              first_line_with("/proc/cpuinfo", "model name").c_str(), LOCALMAP_BENCH_BUILD_TYPE, geo::gdal_version().c_str(),
              geo::proj_version().c_str());
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.source.source = o.districts;
  const engine::AdminLevel level = engine::load_admin_level(spec);
  std::vector<const geo::Geometry*> shapes;
  geo::Envelope extent;
  for (const auto& u : level.units) shapes.push_back(&u.shape), extent.expand(u.shape.envelope());
  const auto locator = geo::make_grid_locator(shapes);
  std::mt19937_64 rng(o.seed);
  const std::vector<geo::Point> facilities = points_inside(*locator, extent, o.facilities, rng);
  const std::vector<geo::Point> issues = points_inside(*locator, extent, o.issues, rng);
  // Facility mix as in the demo: 60 % police stations (5 km), 20 % traffic
  // police (3 km), 10 % operations rooms (15 km), 10 % security departments
  // (10 km); every fifth one damaged (not operational, covers nothing).
  std::vector<geo::Point> operational(facilities);
  std::vector<double> radius(facilities.size());
  std::int64_t operational_count = 0;
  for (std::size_t i = 0; i < facilities.size(); ++i) {
    const std::uint64_t kind = rng() % 10, status = rng() % 5;
    radius[i] = kind < 6 ? 5000 : kind < 8 ? 3000 : kind < 9 ? 15000 : 10000;
    if (status == 0) {
      radius[i] = 0;
      operational[i] = {NAN, NAN};
    } else {
      ++operational_count;
    }
  }
  std::printf("districts: %s (%zu units); seed %llu\n", o.districts.c_str(), level.units.size(),
              static_cast<unsigned long long>(o.seed));
  std::printf("facilities: %lld (%lld operational: radii 3, 5, 10, 15 km); issues: %lld; threads: %u\n",
              static_cast<long long>(o.facilities), static_cast<long long>(operational_count),
              static_cast<long long>(o.issues), o.threads);
  std::printf("load average before: %s\n", load_average().c_str());

  auto start = std::chrono::steady_clock::now();
  const geo::NearestPoints index(operational);
  const engine::coverage::CoverageIndex coverage(facilities, radius);
  const double build_s = seconds_since(start);

  std::vector<geo::NearestPoints::Nearest> one(issues.size()), many(issues.size());
  start = std::chrono::steady_clock::now();
  index.nearest_all(issues, one, INFINITY, 1);
  const double nearest1_s = seconds_since(start);
  start = std::chrono::steady_clock::now();
  index.nearest_all(issues, many, INFINITY, o.threads);
  const double nearest_s = seconds_since(start);

  std::vector<std::uint8_t> covered(issues.size());
  start = std::chrono::steady_clock::now();
  {
    std::vector<std::thread> pool;
    const std::size_t chunk = (issues.size() + o.threads - 1) / o.threads;
    for (unsigned t = 0; t < o.threads; ++t)
      pool.emplace_back([&, t] {
        for (std::size_t i = t * chunk; i < std::min(issues.size(), (t + 1) * chunk); ++i) covered[i] = coverage.covers(issues[i]);
      });
    for (auto& t : pool) t.join();
  }
  const double coverage_s = seconds_since(start);

  // Brute force on the first --sample issues, single-threaded.
  const std::size_t sample = static_cast<std::size_t>(std::min<std::int64_t>(o.sample, o.issues));
  std::size_t disagree = 0;
  start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < sample; ++i) {
    double best = INFINITY;
    std::int32_t best_index = -1;
    for (std::size_t f = 0; f < operational.size(); ++f) {
      if (std::isnan(operational[f].x)) continue;
      const double d = geo::geodesic_distance_m(issues[i], operational[f]);
      if (d < best) best = d, best_index = static_cast<std::int32_t>(f);
    }
    disagree += best_index != many[i].index || best != many[i].distance_m;
  }
  const double brute_s = seconds_since(start);

  double sum_m = 0;
  std::int64_t covered_count = 0, thread_differences = 0;
  for (std::size_t i = 0; i < issues.size(); ++i) {
    sum_m += many[i].distance_m;
    covered_count += covered[i];
    thread_differences += one[i].index != many[i].index || one[i].distance_m != many[i].distance_m;
  }

  std::printf("  %-62s %11s %18s\n", "step", "wall", "queries/s");
  row("build indexes (k-d tree of operational + one per radius)", build_s, static_cast<double>(facilities.size()),
      "(facilities/s)");
  row("nearest operational facility, geo::NearestPoints, 1 thread", nearest1_s, static_cast<double>(issues.size()));
  char label[96];
  std::snprintf(label, sizeof label, "nearest operational facility, geo::NearestPoints, %u threads", o.threads);
  row(label, nearest_s, static_cast<double>(issues.size()));
  std::snprintf(label, sizeof label, "coverage (within any facility's radius), %u threads", o.threads);
  row(label, coverage_s, static_cast<double>(issues.size()));
  std::snprintf(label, sizeof label, "brute force nearest, 1 thread, SAMPLE of %zu issues", sample);
  row(label, brute_s, static_cast<double>(sample));
  std::printf("  %-62s %9.1f s   (EXTRAPOLATED from the sample, 1 thread)\n", "brute force nearest for all issues",
              brute_s / static_cast<double>(sample) * static_cast<double>(issues.size()));
  std::printf("  speed-up of the index over brute force, 1 thread: %.0fx\n",
              (brute_s / static_cast<double>(sample)) / (nearest1_s / static_cast<double>(issues.size())));
  std::printf("checks:\n");
  std::printf("  index vs brute force on the sample: %zu differences of %zu (index and distance, exact)\n", disagree, sample);
  std::printf("  1 thread vs %u threads: %lld differences\n", o.threads, static_cast<long long>(thread_differences));
  std::printf("  checksums: sum of nearest distances %.3f m; covered issues %lld (%.2f %%)\n", sum_m,
              static_cast<long long>(covered_count), 100.0 * static_cast<double>(covered_count) / static_cast<double>(issues.size()));
  std::printf("load average after: %s\n", load_average().c_str());
  return disagree == 0 && thread_differences == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"bench_coverage: nearest-facility and coverage queries per second on the Yemen districts"};
  app.add_option("--districts", o.districts, "District polygons")->capture_default_str();
  app.add_option("--issues", o.issues, "Issues (queries)")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--facilities", o.facilities, "Facilities")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--threads", o.threads, "Threads for the parallel steps")->capture_default_str()->check(CLI::Range(1, 256));
  app.add_option("--sample", o.sample, "Issues checked by brute force")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--seed", o.seed, "Random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_coverage: error: %s\n", e.what());
    return 1;
  }
}
