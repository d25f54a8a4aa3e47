// bench_join: how fast localmap loads points and joins them to districts.
//
// For each N it joins N uniformly random points in the districts' extent
// (about half of them fall outside Yemen) and prints, separately, points per
// second for loading (CSV and GeoPackage), for engine::join_layer, for the
// two loops it is made of (grid point location for every point, distance to
// the nearest district for the points outside all of them), for a GEOS
// STRtree + prepared-geometry locator over the same polygons, and for the
// same join done by GDAL's SQLite dialect in the same run.  It also checks that all of them agree, because a
// fast wrong answer is worth nothing.
//
//   bench_join [--districts PATH] [--sizes 100000,1000000,10000000]
//              [--peer-max N] [--work DIR] [--seed S] [--quick]

#include <CLI/CLI.hpp>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "geo/geometry.hpp"
#include "geo/point_locator.hpp"
#include "geo/vector_reader.hpp"
#include "point_files.hpp"
#include "sqlite_peer.hpp"

namespace {

constexpr const char* kCodeField = "ADM2_PCODE";

struct Options {
  std::string districts = LOCALMAP_BENCH_DISTRICTS;
  std::vector<std::int64_t> sizes = {100000, 1000000, 10000000};
  std::int64_t peer_max = 1000000;
  std::string work = (std::filesystem::temp_directory_path() / "localmap_bench").string();
  std::uint64_t seed = 20240601;
  bool quick = false;
};

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The CPU time of the last seconds() call.  The figures are wall-clock, as
// asked; CPU time next to them shows when other work on the machine took
// the core away (wall well above CPU), which matters on a shared 2-core box.
double last_cpu_seconds = 0;

// Wall-clock seconds of f() on the monotonic clock.
template <class F>
double seconds(F&& f) {
  const double cpu = process_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  f();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  last_cpu_seconds = process_cpu_seconds() - cpu;
  return wall;
}

std::string thousands(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string first_line_with(const char* file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  return "?";
}

// Peak resident set size of this process (VmHWM), in MiB.
double peak_rss_mib() {
  const std::string kb = first_line_with("/proc/self/status", "VmHWM");
  return std::atof(kb.c_str()) / 1024.0;
}

// Resets VmHWM to the current RSS (Linux clear_refs "5"), so each N reports
// its own peak instead of the largest one so far.
bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  return static_cast<bool>(out << "5" << std::flush);
}

int cpus_available() {
  cpu_set_t set;
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;  // what `nproc` prints
}

// One line of the per-N table.  points == 0: a step not proportional to N.
struct Step {
  Step(std::string name_, double seconds_, std::int64_t points_)
      : name(std::move(name_)), seconds(seconds_), cpu_seconds(last_cpu_seconds), points(points_) {}
  std::string name;
  double seconds, cpu_seconds;
  std::int64_t points;
  double rate() const { return static_cast<double>(points) / seconds; }
};

void print_table(const std::vector<Step>& steps) {
  std::printf("  %-58s %10s %10s %14s\n", "step", "seconds", "cpu s", "points/s");
  for (const Step& s : steps)
    std::printf("  %-58s %10.3f %10.3f %14s\n", s.name.c_str(), s.seconds, s.cpu_seconds,
                s.points > 0 ? thousands(static_cast<std::int64_t>(s.rate())).c_str() : "-");
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " " + five;
}

engine::AdminLevelSpec districts_spec(const std::string& path) {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = 2;
  spec.code = kCodeField;
  spec.source.source = path;
  return spec;
}

struct PeerCheck {
  std::int64_t rows = 0, inside = 0, border = 0;  // border: points with 2+ rows
  std::int64_t other_district = 0;  // one row, a different district than the grid's
  std::int64_t only_peer = 0;       // one row, the grid says outside
  std::int64_t only_grid = 0;       // no row, the grid says inside
  std::int64_t border_mismatch = 0; // 2+ rows, none of them the grid's district
  std::int64_t bad_fid = 0;         // a row naming no point of the layer
  std::int64_t differences() const { return other_district + only_peer + only_grid + border_mismatch + bad_fid; }
};

// Compares the peer's rows with the grid's answer, point by point.  Points
// were written in order, so point i has fid i + 1.
PeerCheck check_peer(const std::vector<bench::PeerRow>& rows, const std::vector<std::int32_t>& grid,
                     const engine::AdminLevel& level) {
  PeerCheck c;
  c.rows = static_cast<std::int64_t>(rows.size());
  std::vector<std::vector<std::int32_t>> found(grid.size());
  for (const bench::PeerRow& r : rows) {
    if (r.point_fid < 1 || r.point_fid > static_cast<std::int64_t>(grid.size())) {
      ++c.bad_fid;
      continue;
    }
    found[static_cast<std::size_t>(r.point_fid - 1)].push_back(level.index_of(r.code));
  }
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto& units = found[i];
    if (units.empty()) {
      c.only_grid += grid[i] >= 0;
      continue;
    }
    ++c.inside;
    if (units.size() == 1) {
      if (grid[i] < 0) ++c.only_peer;
      else if (units[0] != grid[i]) ++c.other_district;
    } else {
      ++c.border;
      if (std::find(units.begin(), units.end(), grid[i]) == units.end()) ++c.border_mismatch;
    }
  }
  return c;
}

void run_size(const Options& o, std::int64_t n, const geo::Envelope& extent) {
  const auto count = static_cast<std::size_t>(n);
  std::printf("\n=== N = %s ===\n", thousands(n).c_str());

  // Input files (not measured).
  bench::PointFiles files;
  const double prepare_s = seconds([&] {
    files = bench::prepare_point_files(o.work, bench::random_points(count, o.seed, extent), o.districts);
  });
  std::printf("files: %s (%s), %s (%s); prepared in %.1f s, not measured\n", files.csv.c_str(),
              files.reused_csv ? "reused" : "written", files.gpkg.c_str(), files.reused_gpkg ? "reused" : "written",
              prepare_s);
  const bool peak_is_per_n = reset_peak_rss();
  const std::string load_before = load_average();

  std::vector<Step> steps;
  engine::SilentProgress silent;

  // Load.  Only the CSV's coordinates are kept, to compare with the GPKG's.
  auto spec = [](const std::string& path, const std::string& layer) {
    engine::PointLayerSpec s;
    s.name = "points";
    s.role = "other";
    s.source.source = path;
    s.source.layer = layer;
    return s;
  };
  std::vector<geo::Point> csv_points;
  {
    engine::PointLayer csv;
    steps.push_back({"load CSV          (engine::load_point_layer)",
                     seconds([&] { csv = engine::load_point_layer(spec(files.csv, "")); }), n});
    csv_points = std::move(csv.points);
  }
  engine::PointLayer layer;
  steps.push_back({"load GeoPackage   (engine::load_point_layer)",
                   seconds([&] { layer = engine::load_point_layer(spec(files.gpkg, "points")); }), n});
  std::int64_t rejected = 0, csv_vs_gpkg = 0;
  for (std::size_t i = 0; i < layer.size(); ++i) {
    rejected += !layer.rejection[i].empty();
    csv_vs_gpkg += i >= csv_points.size() || !(csv_points[i] == layer.points[i]);
  }
  csv_vs_gpkg += static_cast<std::int64_t>(csv_points.size()) - static_cast<std::int64_t>(layer.size());
  std::vector<geo::Point>().swap(csv_points);

  // Indexes.
  engine::AdminLevel level;
  steps.push_back({"load districts    (engine::load_admin_level)",
                   seconds([&] { level = engine::load_admin_level(districts_spec(o.districts)); }), 0});
  std::unique_ptr<engine::AdminIndex> index;
  steps.push_back({"build grid index  (engine::AdminIndex)",
                   seconds([&] { index = std::make_unique<engine::AdminIndex>(level); }), 0});
  // join_layer builds the distance index on its first outside point; it is
  // built here instead so the join figure is the per-point cost only.
  steps.push_back({"build distance index (AdminIndex::nearest, 1st call)",
                   seconds([&] { index->nearest({extent.min_x - 1, extent.min_y - 1}); }), 0});
  std::vector<const geo::Geometry*> shapes;
  for (const engine::AdminUnit& u : level.units) shapes.push_back(&u.shape);
  std::unique_ptr<geo::PointLocator> geos;
  steps.push_back({"build GEOS locator (geo::make_geos_locator)", seconds([&] { geos = geo::make_geos_locator(shapes); }), 0});

  // Join, then the bare location loops it is made of.
  engine::LayerJoin join;
  const Step join_step{"join              (engine::join_layer: locate + nearest)",
                       seconds([&] { join = engine::join_layer(*index, layer, engine::JoinOptions{0}, silent); }), n};
  steps.push_back(join_step);
  std::vector<std::int32_t> grid(count), by_geos(count);
  const Step locate_step{"locate loop, grid (engine::AdminIndex::locate)", seconds([&] {
                           for (std::size_t i = 0; i < count; ++i) grid[i] = index->locate(layer.points[i]);
                         }), n};
  steps.push_back(locate_step);
  // The rest of join_layer's time: the distance to the nearest district for
  // every point outside all of them, timed alone over just those points.
  std::vector<std::size_t> outside;
  for (std::size_t i = 0; i < count; ++i)
    if (grid[i] < 0) outside.push_back(i);
  std::vector<double> outside_m(outside.size());
  steps.push_back({"nearest loop, outside points only (AdminIndex::nearest)", seconds([&] {
                     for (std::size_t k = 0; k < outside.size(); ++k)
                       outside_m[k] = index->nearest(layer.points[outside[k]]).distance_m;
                   }), static_cast<std::int64_t>(outside.size())});
  const Step geos_step{"locate loop, GEOS (STRtree + prepared, baseline)", seconds([&] {
                         for (std::size_t i = 0; i < count; ++i) by_geos[i] = geos->locate(layer.points[i]);
                       }), n};
  steps.push_back(geos_step);
  std::int64_t grid_vs_geos = 0, join_vs_locate = 0, join_vs_nearest = 0;
  for (std::size_t i = 0; i < count; ++i) {
    grid_vs_geos += grid[i] != by_geos[i];
    join_vs_locate += join.unit[i] != grid[i];
  }
  for (std::size_t k = 0; k < outside.size(); ++k) join_vs_nearest += !(join.distance_m[outside[k]] == outside_m[k]);
  const auto inside = n - static_cast<std::int64_t>(outside.size());

  // Peer.
  const bool with_peer = n <= o.peer_max;
  std::vector<bench::PeerRow> peer_rows;
  if (with_peer) {
    steps.push_back({"peer: GDAL SQLite dialect (R-trees + ST_Covers)",
                     seconds([&] { peer_rows = bench::run_sqlite_peer(files.gpkg, kCodeField); }), n});
  }

  print_table(steps);
  if (with_peer) {
    const double peer_rate = steps.back().rate();
    std::printf("  ratio join (engine::join_layer) / peer, points/s:  %.1fx\n", join_step.rate() / peer_rate);
    std::printf("  ratio locate loop (grid) / peer, points/s:         %.1fx\n", locate_step.rate() / peer_rate);
  } else {
    std::printf("  peer skipped (N > --peer-max %s)\n", thousands(o.peer_max).c_str());
  }
  std::printf("  ratio locate loop grid / GEOS, points/s:           %.1fx\n", locate_step.rate() / geos_step.rate());

  std::printf("checks:\n");
  std::printf("  CSV and GeoPackage loads give identical coordinates: %s differences; %s records rejected\n",
              thousands(csv_vs_gpkg).c_str(), thousands(rejected).c_str());
  std::printf("  join_layer: %s matched, %s unmatched (outside every district; nearest district measured)\n",
              thousands(join.counts.matched).c_str(), thousands(join.counts.unmatched).c_str());
  std::printf("  join_layer vs the loops: unit vs locate %s differences, distance vs nearest %s differences\n",
              thousands(join_vs_locate).c_str(), thousands(join_vs_nearest).c_str());
  std::printf("  grid vs GEOS locator: %s differences of %s points (%s inside a district)\n",
              thousands(grid_vs_geos).c_str(), thousands(n).c_str(), thousands(inside).c_str());
  if (with_peer) {
    const PeerCheck c = check_peer(peer_rows, grid, level);
    std::printf("  peer: %s rows; %s points inside, %s of them on a border (2+ rows, counted apart)\n",
                thousands(c.rows).c_str(), thousands(c.inside).c_str(), thousands(c.border).c_str());
    std::printf("  peer vs grid: %s differences (other district %s, peer-only %s, grid-only %s, "
                "border without the grid's district %s, unknown fid %s)\n",
                thousands(c.differences()).c_str(), thousands(c.other_district).c_str(),
                thousands(c.only_peer).c_str(), thousands(c.only_grid).c_str(), thousands(c.border_mismatch).c_str(),
                thousands(c.bad_fid).c_str());
  }
  std::printf("machine load average (1 and 5 min): %s before, %s after the measured steps\n", load_before.c_str(),
              load_average().c_str());
  std::printf("peak RSS (VmHWM) %s: %.0f MiB\n", peak_is_per_n ? "during the measured steps of this N" : "since start",
              peak_rss_mib());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"bench_join: points per second for loading random points and joining them to districts, "
               "next to a GEOS locator and GDAL's SQLite dialect",
               "bench_join"};
  app.add_option("--districts", o.districts, "District polygons with an ADM2_PCODE field")->capture_default_str();
  app.add_option("--sizes", o.sizes, "Numbers of points, comma-separated")->delimiter(',')->capture_default_str();
  app.add_option("--peer-max", o.peer_max, "Run the GDAL SQLite peer only up to this N")->capture_default_str();
  app.add_option("--work", o.work, "Folder for the generated point files (reused between runs)")->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of the random points")->capture_default_str();
  app.add_flag("--quick", o.quick, "Only N = 10,000, with the peer (a few seconds)");
  CLI11_PARSE(app, argc, argv);
  if (o.quick) {
    o.sizes = {10000};
    o.peer_max = std::max<std::int64_t>(o.peer_max, 10000);
  }
  for (std::int64_t n : o.sizes)
    if (n < 1) {
      std::fprintf(stderr, "bench_join: error: sizes must be positive, not %lld\n", static_cast<long long>(n));
      return 1;
    }

  try {
    std::printf("bench_join: random points joined to districts, localmap grid vs GEOS vs GDAL SQLite dialect\n");
    std::printf("machine: nproc %d, %s, %s RAM\n", cpus_available(), first_line_with("/proc/cpuinfo", "model name").c_str(),
                first_line_with("/proc/meminfo", "MemTotal").c_str());
    std::printf("build: %s; libraries: GDAL %s, GEOS %s, PROJ %s\n", LOCALMAP_BENCH_BUILD_TYPE, geo::gdal_version().c_str(),
                geo::geos_version().c_str(), geo::proj_version().c_str());
    std::printf("all steps single-threaded; seconds: wall time (std::chrono::steady_clock), points/s from it; cpu s: process CPU time\n");

    // The extent of the random points: the districts' bounding box.
    const engine::AdminLevel level = engine::load_admin_level(districts_spec(o.districts));
    geo::Envelope extent;
    std::size_t vertices = 0;
    for (const engine::AdminUnit& u : level.units) {
      extent.expand(u.shape.envelope());
      vertices += u.shape.vertex_count();
    }
    std::printf("districts: %s: %zu units, %s vertices, %lld repaired; extent lon %.6f..%.6f, lat %.6f..%.6f\n",
                o.districts.c_str(), level.units.size(), thousands(static_cast<std::int64_t>(vertices)).c_str(),
                static_cast<long long>(level.repaired), extent.min_x, extent.max_x, extent.min_y, extent.max_y);
    std::printf("points: uniform in that extent, std::mt19937_64 seed %llu, 7 decimals\n",
                static_cast<unsigned long long>(o.seed));
    std::printf("peer SQL (GDAL SQLite dialect, GPKG with both layers):\n  %s\n",
                bench::sqlite_peer_sql(kCodeField).c_str());

    for (std::int64_t n : o.sizes) run_size(o, n, extent);
  } catch (const std::exception& e) {  // geo::Error and engine::Error carry where and a hint in what()
    std::fflush(stdout);
    std::fprintf(stderr, "bench_join: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
