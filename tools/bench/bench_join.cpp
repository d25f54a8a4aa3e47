// bench_join: how fast localmap loads points and joins them to districts,
// next to its peers in the same run.
//
// For each N and each point distribution it prints, separately, points per
// second for loading (CSV and GeoPackage), for engine::join_layer, for the
// two loops it is made of (grid point location for every point, distance to
// the nearest district for the points outside all of them), for a GEOS
// STRtree + prepared-geometry locator over the same polygons, for the whole
// of it timed as one step (districts loaded and indexed beside the CSV, join
// on all cores, counts per district written), once as `localmap run` and
// `localmap join` join (the nearest district of every point outside all of
// them measured) and once as `localmap count` counts (not measured), and for
// the same count done by three peers on the same files:
//   sqlite     GDAL's SQLite dialect over the GeoPackage (sqlite_peer.hpp);
//   geopandas  Debian's GeoPandas, end to end from the same CSV
//              (peers/geopandas_join.py: its steps and its predicate);
//   postgis    a throw-away PostgreSQL + PostGIS server, loading and the
//              ST_Covers join timed apart (postgis_peer.hpp).
// Every timed step runs --repeat times and prints min, median and max wall
// seconds; points/s come from the median.  It then checks that all of them
// agree, point by point where the peer says which point (GEOS, SQLite) and
// district by district where it gives counts (every peer), because a fast
// wrong answer is worth nothing.  Points on a border shared by two districts
// count in both for the peers (closed polygons) and in one for localmap.
//
// Distributions (--distribution):
//   uniform    N points uniformly in the districts' bounding box (about half
//              of them outside Yemen), point_files.hpp random_points.
//   clustered  N points around 300 centres drawn uniformly in the box and
//              kept only when inside a district, the centre picked with
//              Zipf weights 1/(k+1), Gaussian offsets of sigma = 3 km
//              (Box-Muller from the same std::mt19937_64), rounded to 7
//              decimals; the exact recipe is in clustered_points.hpp.
//   border     N points on and a rounding error off the districts' ring
//              segments: shared vertices, midpoints, random points along
//              segments, unrounded (border_points.hpp).  The check against
//              GEOS is the one that matters there; the peers' closed rule
//              counts a shared-border point in every district it touches.
//
//   bench_join [--districts PATH] [--code-field F] [--sizes 100000,1000000]
//              [--distribution uniform|clustered|border|both|all] [--repeat R]
//              [--peers sqlite,geopandas,postgis] [--peer-max N]
//              [--work DIR] [--seed S] [--quick]

#include <CLI/CLI.hpp>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "agreement.hpp"
#include "border_points.hpp"
#include "clustered_points.hpp"
#include "engine/boundaries.hpp"
#include "engine/count_points.hpp"
#include "engine/inputs.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"
#include "geo/atomic_file.hpp"
#include "geo/geometry.hpp"
#include "geo/point_locator.hpp"
#include "geo/vector_reader.hpp"
#include "geopandas_peer.hpp"
#include "point_files.hpp"
#include "postgis_cluster.hpp"
#include "postgis_peer.hpp"
#include "sqlite_peer.hpp"

namespace {

struct Options {
  std::string districts = LOCALMAP_BENCH_DISTRICTS;
  std::string code_field;  // empty: the finest ADM<n>_PCODE field, as engine::load_admin_level picks it
  std::vector<std::int64_t> sizes = {100000, 1000000, 10000000};
  std::string distribution = "both";
  int repeat = 3;
  std::vector<std::string> peers = {"sqlite", "geopandas", "postgis"};
  std::int64_t peer_max = 1000000;
  std::string work = (std::filesystem::temp_directory_path() / "localmap_bench").string();
  std::uint64_t seed = 20240601;
  bool quick = false;

  bool peer(const std::string& name) const { return std::find(peers.begin(), peers.end(), name) != peers.end(); }
};

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The figures are wall-clock, as asked; CPU time next to them shows when
// other work on the machine took the core away (wall well above CPU), which
// matters on a shared 2-core box.
struct Sample {
  double wall = 0, cpu = 0;
};

// Wall-clock seconds of f() on the monotonic clock, and this process's CPU
// seconds over the same call.
template <class F>
Sample timed(F&& f) {
  const double cpu = process_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  f();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {wall, process_cpu_seconds() - cpu};
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// One line of the per-N table: every repetition of one timed step.
// points == 0: a step not proportional to N.  cpu is left empty when the
// work is done by another process (PostgreSQL's server, Python's steps)
// whose CPU time this process cannot see per step.
struct Step {
  std::string name;
  std::int64_t points = 0;
  std::vector<double> wall, cpu;
  std::string peer_label = {};  // a peer's join, listed in the ratios under this name

  void add(Sample s) {
    wall.push_back(s.wall);
    cpu.push_back(s.cpu);
  }
  double min() const { return wall.empty() ? 0 : *std::min_element(wall.begin(), wall.end()); }
  double max() const { return wall.empty() ? 0 : *std::max_element(wall.begin(), wall.end()); }
  double median() const { return median_of(wall); }
  double rate() const { return static_cast<double>(points) / median(); }
};

// Runs f `repeat` times as one step.
template <class F>
Step measure(std::string name, std::int64_t points, int repeat, F&& f) {
  Step s{std::move(name), points, {}, {}};
  for (int r = 0; r < repeat; ++r) s.add(timed(f));
  return s;
}

// The same with `setup` run before each repetition, off the clock.
template <class Setup, class F>
Step measure_after(std::string name, std::int64_t points, int repeat, Setup&& setup, F&& f) {
  Step s{std::move(name), points, {}, {}};
  for (int r = 0; r < repeat; ++r) {
    setup();
    s.add(timed(f));
  }
  return s;
}

// Loads a layer `repeat` times into `layer`, the previous copy freed before
// the clock starts: freeing a million rows is not part of loading them.
template <class F>
Step measure_load(std::string name, std::int64_t points, int repeat, engine::PointLayer& layer, F&& load) {
  Step s{std::move(name), points, {}, {}};
  for (int r = 0; r < repeat; ++r) {
    layer = engine::PointLayer{};
    s.add(timed([&] { layer = load(); }));
  }
  return s;
}

std::string thousands(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

void print_table(const std::vector<Step>& steps, int repeat) {
  std::printf("  %-62s %9s %9s %9s %9s %12s\n", "step", "min s", "median s", "max s", "cpu s", "points/s");
  for (const Step& s : steps) {
    const std::string cpu = s.cpu.empty() ? "-" : [&] {
      char b[32];
      std::snprintf(b, sizeof b, "%.3f", median_of(s.cpu));
      return std::string(b);
    }();
    std::printf("  %-62s %9.3f %9.3f %9.3f %9s %12s\n", s.name.c_str(), s.min(), s.median(), s.max(), cpu.c_str(),
                s.points > 0 ? thousands(static_cast<std::int64_t>(s.rate())).c_str() : "-");
  }
  std::printf("  (runs per step: %d; cpu s: median CPU time of this process, of the Python process for its wall line; "
              "points/s from the median)\n", repeat);
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

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " " + five;
}

// The level number of an ADM<n>_PCODE field (2 for districts), else 2.
int level_of(const std::string& code_field) {
  if (code_field.size() == 10 && code_field.rfind("ADM", 0) == 0 && code_field.substr(4) == "_PCODE" &&
      code_field[3] >= '0' && code_field[3] <= '9')
    return code_field[3] - '0';
  return 2;
}

engine::AdminLevelSpec districts_spec(const std::string& path, const std::string& code_field) {
  engine::AdminLevelSpec spec;
  spec.name = "districts";
  spec.level = level_of(code_field);
  spec.code = code_field;  // empty: load_admin_level picks the finest ADM<n>_PCODE
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

// Compares the SQLite peer's rows with the grid's answer, point by point.
// Points were written in order, so point i has fid i + 1.
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

std::vector<const geo::Geometry*> shapes_of(const engine::AdminLevel& level) {
  std::vector<const geo::Geometry*> shapes;
  for (const engine::AdminUnit& u : level.units) shapes.push_back(&u.shape);
  return shapes;
}

// What the whole benchmark shares between sizes and distributions.
struct Context {
  const Options& o;
  const engine::AdminLevel& level;  // for the extent and the centres of clustered points
  const engine::AdminIndex& index;
  geo::Envelope extent;
  std::string code_field;                 // as resolved by load_admin_level
  bench::PostgisCluster* cluster = nullptr;  // null or not available(): no PostGIS peer
  int peer_failures = 0;
};

// One peer's answer, for the agreement table.
struct PeerCounts {
  std::string name;
  bench::DistrictCounts counts;
  std::string note;  // the rule, for the reader
};

void run_geopandas(Context& cx, const bench::PointFiles& files, std::int64_t n, std::vector<Step>& steps,
                   std::vector<PeerCounts>& answers, std::string& versions) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"read_points_csv", "geopandas: read points CSV (pandas.read_csv)"},
      {"build_points", "geopandas: points_from_xy, EPSG:4326"},
      {"read_districts", "geopandas: read districts (geopandas.read_file)"},
      {"sjoin", "geopandas: sjoin(districts, points, predicate=\"covers\")"},
      {"count_and_write", "geopandas: count per P-code + write CSV"},
      {"total", "geopandas: total of the steps above (inside Python)"},
  };
  std::vector<Step> gp;
  for (const auto& [key, name] : kNames) gp.push_back({name, std::string(key) == "read_districts" ? 0 : n, {}, {}});
  Step wall{"geopandas: wall, interpreter start + imports included", n, {}, {}};
  double peak = 0;
  bench::DistrictCounts counts;
  std::int64_t pairs = 0;
  for (int r = 0; r < cx.o.repeat; ++r) {
    const bench::GeopandasRun run = bench::run_geopandas_peer(
        LOCALMAP_BENCH_PEERS_DIR "/geopandas_join.py", files.csv, cx.o.districts, cx.code_field,
        (std::filesystem::path(cx.o.work) / "geopandas_counts.csv").string());
    if (!run.error.empty()) {
      std::printf("  geopandas peer failed: %s\n", run.error.c_str());
      ++cx.peer_failures;
      return;
    }
    for (Step& s : gp) {
      const std::string key = kNames[&s - gp.data()].first;
      for (const auto& [name, seconds] : run.steps)
        if (name == key) s.wall.push_back(seconds);
    }
    wall.add({run.wall_s, run.cpu_s});
    peak = std::max(peak, run.peak_rss_mib);
    if (r > 0 && run.counts != counts) std::printf("  note: geopandas counts differ between repetitions\n");
    counts = run.counts;
    pairs = run.pairs;
    versions = run.versions;
  }
  gp[3].peer_label = "geopandas, sjoin alone";
  wall.peer_label = "geopandas, whole process (CSV to counts)";
  for (Step& s : gp) steps.push_back(std::move(s));
  steps.push_back(std::move(wall));
  answers.push_back({"geopandas", std::move(counts), "closed polygons (covers): border points in every district"});
  versions += ", " + thousands(pairs) + " join rows, peak RSS " + std::to_string(static_cast<int>(peak)) + " MiB";
}

void run_postgis(Context& cx, const bench::PointFiles& files, std::int64_t n, std::vector<Step>& steps,
                 std::vector<PeerCounts>& answers, std::string& plan) {
  try {
    bench::PostgisPeer pg(cx.cluster->conninfo());
    Step districts{"postgis: load districts (GDAL PG driver, COPY)", 0, {}, {}};
    Step points{"postgis: load points (COPY CSV, then ST_MakePoint)", n, {}, {}};
    Step indexes{"postgis: GiST indexes on points and districts", n, {}, {}};
    Step analyze{"postgis: ANALYZE", 0, {}, {}};
    // Each repetition loads from scratch: a second load into warm tables
    // would measure something else.
    for (int r = 0; r < cx.o.repeat; ++r) {
      pg.drop_tables();
      districts.add(timed([&] { pg.load_districts(cx.o.districts, cx.code_field); }));
      points.add(timed([&] { pg.load_points(files.csv); }));
      indexes.add(timed([&] { pg.create_indexes(); }));
      analyze.add(timed([&] { pg.analyze(); }));
    }
    bench::DistrictCounts counts;
    Step join = measure("postgis: join, ST_Covers + GROUP BY (one backend)", n, cx.o.repeat,
                        [&] { counts = pg.join(cx.code_field); });
    join.peer_label = "postgis, the join query";
    plan = pg.plan(cx.code_field);
    pg.drop_tables();
    for (Step* s : {&districts, &points, &indexes, &analyze, &join}) {
      s->cpu.clear();  // the server's work, not this process's
      steps.push_back(std::move(*s));
    }
    answers.push_back({"postgis", std::move(counts), "ST_Covers: border points in every district"});
  } catch (const std::exception& e) {
    std::printf("  postgis peer failed: %s\n", e.what());
    ++cx.peer_failures;
  }
}

void run_size(Context& cx, std::int64_t n, const std::string& distribution) {
  const Options& o = cx.o;
  const auto count = static_cast<std::size_t>(n);
  std::printf("\n=== N = %s, %s points ===\n", thousands(n).c_str(), distribution.c_str());

  // Input files (not measured).
  bench::PointFiles files;
  const double prepare_s = timed([&] {
    std::vector<geo::Point> points;
    if (distribution == "clustered")
      points = bench::clustered_points(count, o.seed, cx.extent, [&](geo::Point p) { return cx.index.locate(p) >= 0; });
    else if (distribution == "border")
      points = bench::border_points(count, o.seed, shapes_of(cx.level));
    else
      points = bench::random_points(count, o.seed, cx.extent);
    files = bench::prepare_point_files(o.work, "points_" + std::to_string(n) + (distribution == "uniform" ? "" : "_" + distribution), points,
                                       o.districts);
  }).wall;
  std::printf("files: %s (%s), %s (%s); prepared in %.1f s, not measured\n", files.csv.c_str(),
              files.reused_csv ? "reused" : "written", files.gpkg.c_str(), files.reused_gpkg ? "reused" : "written",
              prepare_s);
  const bool peak_is_per_n = reset_peak_rss();
  const std::string load_before = load_average();

  std::vector<Step> steps;
  engine::SilentProgress silent;
  const int R = o.repeat;

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
  // Bytes per point of the CSV layer: values, points, record numbers; and its fields.
  double values_per_point = 0, points_per_point = 0, records_per_point = 0;
  std::string csv_fields;
  std::int64_t csv_vs_gdal = 0;  // points of the fast path and of GDAL's that differ
  {
    engine::PointLayer csv;
    steps.push_back(measure_load("load CSV          (engine::load_point_layer)", n, R, csv,
                                 [&] { return engine::load_point_layer(spec(files.csv, "")); }));
    const double records = double(std::max<std::size_t>(1, csv.size()));
    values_per_point = double(csv.values.bytes()) / records;
    points_per_point = double(csv.points.capacity() * sizeof(geo::Point)) / records;
    records_per_point = double(csv.records.bytes()) / records;
    for (const geo::FieldDef& f : csv.fields) csv_fields += (csv_fields.empty() ? "" : ", ") + f.name;
    csv_points = std::move(csv.points);
    if (!csv.read_without_gdal) std::printf("  note: the CSV was not plain enough for the fast path\n");
    engine::PointLayer through_gdal;
    steps.push_back(measure_load("load CSV via GDAL (engine::load_point_layer, fast_csv off)", n, R, through_gdal, [&] {
      return engine::load_point_layer(spec(files.csv, ""), engine::LoadOptions{false});
    }));
    for (std::size_t i = 0; i < through_gdal.size(); ++i)
      csv_vs_gdal += i >= csv_points.size() || !(csv_points[i] == through_gdal.points[i]);
    csv_vs_gdal += static_cast<std::int64_t>(csv_points.size()) - static_cast<std::int64_t>(through_gdal.size());
  }
  engine::PointLayer layer;
  std::int64_t gpkg_arrow_vs_features = 0;  // records whose point or values differ
  steps.push_back(measure_load("load GeoPackage   (engine::load_point_layer)", n, R, layer,
                               [&] { return engine::load_point_layer(spec(files.gpkg, "points")); }));
  if (!layer.read_by_arrow_stream) std::printf("  note: the GeoPackage was not read through the Arrow stream\n");
  {
    engine::PointLayer by_features;
    steps.push_back(measure_load("load GeoPackage feature by feature (arrow_stream off)", n, R, by_features, [&] {
      return engine::load_point_layer(spec(files.gpkg, "points"), engine::LoadOptions{.arrow_stream = false});
    }));
    for (std::size_t i = 0; i < by_features.size(); ++i)
      gpkg_arrow_vs_features += i >= layer.size() || !(layer.points[i] == by_features.points[i]) ||
                                layer.values.row(i) != by_features.values.row(i);
  }
  std::int64_t rejected = 0, csv_vs_gpkg = 0;
  for (std::size_t i = 0; i < layer.size(); ++i) {
    rejected += !layer.rejection[i].empty();
    csv_vs_gpkg += i >= csv_points.size() || !(csv_points[i] == layer.points[i]);
  }
  csv_vs_gpkg += static_cast<std::int64_t>(csv_points.size()) - static_cast<std::int64_t>(layer.size());
  std::vector<geo::Point>().swap(csv_points);

  // Indexes.
  engine::AdminLevel level;
  steps.push_back(measure("load districts    (engine::load_admin_level)", 0, R,
                          [&] { level = engine::load_admin_level(districts_spec(o.districts, cx.code_field)); }));
  std::unique_ptr<engine::AdminIndex> index;
  // join_layer builds the distance index on its first outside point; it is
  // built here instead so the join figure is the per-point cost only.  Each
  // repetition needs a fresh AdminIndex for its first nearest() call.
  Step build_grid{"build grid index  (engine::AdminIndex)", 0, {}, {}};
  Step build_distance{"build distance index (AdminIndex::nearest, 1st call)", 0, {}, {}};
  for (int r = 0; r < R; ++r) {
    build_grid.add(timed([&] { index = std::make_unique<engine::AdminIndex>(level); }));
    build_distance.add(timed([&] { index->nearest({cx.extent.min_x - 1, cx.extent.min_y - 1}); }));
  }
  steps.push_back(std::move(build_grid));
  steps.push_back(std::move(build_distance));
  steps.push_back(measure("build both indexes on two threads (AdminIndex, Nearest::BuiltNow)", 0, R, [&] {
    index = std::make_unique<engine::AdminIndex>(level, engine::AdminIndex::Nearest::BuiltNow);
  }));
  const std::vector<const geo::Geometry*> shapes = shapes_of(level);
  std::unique_ptr<geo::PointLocator> geos;
  steps.push_back(measure("build GEOS locator (geo::make_geos_locator)", 0, R, [&] { geos = geo::make_geos_locator(shapes); }));

  // Join, then the bare location loops it is made of.
  // Each join and nearest loop gets a fresh index, built off the clock: the
  // distance index finds its cells' start segments as points ask (see
  // geo/boundary_distance.hpp), and that work belongs to the timed step.  The
  // tree is built by a query beyond the start segments' grid.
  const geo::Point beyond_grid{cx.extent.min_x - 2 * (cx.extent.max_x - cx.extent.min_x) - 1, cx.extent.min_y};
  auto fresh_index = [&] {
    index = std::make_unique<engine::AdminIndex>(level);
    index->nearest(beyond_grid);
  };
  engine::LayerJoin join;
  const std::size_t join_at = steps.size();
  steps.push_back(measure_after("join              (engine::join_layer: locate + nearest, 1 thread)", n, R, fresh_index,
                                [&] { join = engine::join_layer(*index, layer, engine::JoinOptions{0, 1}, silent); }));
  engine::LayerJoin join_all_cores;
  steps.push_back(measure_after("join, all cores   (engine::join_layer, threads: one per core)", n, R, fresh_index,
                                [&] { join_all_cores = engine::join_layer(*index, layer, engine::JoinOptions{0, 0}, silent); }));
  std::vector<std::int32_t> grid(count), by_geos(count);
  const std::size_t locate_at = steps.size();
  steps.push_back(measure("locate loop, grid (engine::AdminIndex::locate_all)", n, R,
                          [&] { index->locate_all(layer.points, grid); }));
  std::vector<std::int32_t> one_by_one(count);
  steps.push_back(measure("locate loop, grid, point by point (AdminIndex::locate)", n, R, [&] {
    for (std::size_t i = 0; i < count; ++i) one_by_one[i] = index->locate(layer.points[i]);
  }));
  // The rest of join_layer's time: the distance to the nearest district for
  // every point outside all of them, timed alone over just those points.
  std::vector<std::size_t> outside;
  for (std::size_t i = 0; i < count; ++i)
    if (grid[i] < 0) outside.push_back(i);
  std::vector<double> outside_m(outside.size());
  steps.push_back(measure_after("nearest loop, outside points only (AdminIndex::nearest)",
                                static_cast<std::int64_t>(outside.size()), R, fresh_index, [&] {
                                  for (std::size_t k = 0; k < outside.size(); ++k)
                                    outside_m[k] = index->nearest(layer.points[outside[k]]).distance_m;
                                }));
  // The same in the order join_layer asks: sorted by the distance index's
  // cell first (the sort is timed with it).
  std::vector<double> by_cell_m(count);
  steps.push_back(measure_after("nearest loop, outside, cell order (sort_for_nearest + nearest)",
                                static_cast<std::int64_t>(outside.size()), R, fresh_index, [&] {
                                  std::vector<std::uint32_t> order(outside.begin(), outside.end());
                                  index->sort_for_nearest(layer.points, order);
                                  for (std::uint32_t i : order) by_cell_m[i] = index->nearest(layer.points[i]).distance_m;
                                }));
  // End to end from the CSV as `localmap run` and `localmap join` do it,
  // timed as one step: engine::load_inputs (the districts load and are
  // indexed beside the CSV), join_layer on all cores, and the count per
  // district written to a CSV file.
  const std::string counts_csv = (std::filesystem::path(o.work) / "localmap_counts.csv").string();
  const std::size_t end_to_end_at = steps.size();
  steps.push_back(measure("end to end from the CSV (districts beside points, join, counts written)", n, R, [&] {
    const engine::Inputs in = engine::load_inputs({districts_spec(o.districts, cx.code_field)}, {spec(files.csv, "")}, silent);
    const engine::AdminLevel& districts = in.boundaries.finest();
    const engine::LayerJoin joined = engine::join_layer(*in.index, in.layers.front(), engine::JoinOptions{0, 0}, silent);
    std::vector<std::int64_t> per_unit(districts.units.size());
    for (const std::int32_t u : joined.unit)
      if (u >= 0) ++per_unit[static_cast<std::size_t>(u)];
    std::string text = "code,points\n";
    for (std::size_t u = 0; u < per_unit.size(); ++u) text += districts.units[u].code + "," + std::to_string(per_unit[u]) + "\n";
    geo::write_file_atomically(counts_csv, text);
  }));
  // The same as `localmap count` does it (engine::count_points): what the
  // peers do, the count per district alone, so unmatched points are not
  // measured to their nearest district.
  const std::string count_csv = (std::filesystem::path(o.work) / "localmap_count.csv").string();
  auto count_only_step = [&](const char* label, const engine::PointLayerSpec& points, engine::UnitCounts& counts) {
    steps.push_back(measure(label, n, R, [&] {
      const engine::PointCounts counted =
          engine::count_points(districts_spec(o.districts, cx.code_field), points, 0, silent);
      geo::write_layer(count_csv, engine::counted_polygons(counted, false));
      counts = counted.counts;
    }));
    return steps.size() - 1;
  };
  engine::UnitCounts count_only, count_only_gpkg;
  const std::size_t count_at =
      count_only_step("end to end, count only (engine::count_points, as `localmap count`)", spec(files.csv, ""), count_only);
  const std::size_t count_gpkg_at = count_only_step("end to end, count only, from the GeoPackage (engine::count_points)",
                                                    spec(files.gpkg, "points"), count_only_gpkg);
  const std::size_t geos_at = steps.size();
  steps.push_back(measure("locate loop, GEOS (STRtree + prepared, baseline)", n, R, [&] {
    for (std::size_t i = 0; i < count; ++i) by_geos[i] = geos->locate(layer.points[i]);
  }));
  std::int64_t grid_vs_geos = 0, batched_vs_one_by_one = 0, join_vs_locate = 0, join_vs_nearest = 0, one_vs_all_cores = 0;
  for (std::size_t i = 0; i < count; ++i) {
    grid_vs_geos += grid[i] != by_geos[i];
    batched_vs_one_by_one += grid[i] != one_by_one[i];
    join_vs_locate += join.unit[i] != grid[i];
    one_vs_all_cores += join.unit[i] != join_all_cores.unit[i] ||
                        !(join.distance_m[i] == join_all_cores.distance_m[i] ||
                          (std::isnan(join.distance_m[i]) && std::isnan(join_all_cores.distance_m[i])));
  }
  for (std::size_t k = 0; k < outside.size(); ++k)
    join_vs_nearest += !(join.distance_m[outside[k]] == outside_m[k]) || !(by_cell_m[outside[k]] == outside_m[k]);
  const auto inside = n - static_cast<std::int64_t>(outside.size());

  // localmap's counts per district, every district listed (0 included).
  bench::DistrictCounts localmap_counts;
  for (const engine::AdminUnit& u : level.units) localmap_counts[u.code] = 0;
  for (std::int32_t u : grid)
    if (u >= 0) ++localmap_counts[level.units[static_cast<std::size_t>(u)].code];
  // count_points' counts, which the count-only figure stands for.
  std::int64_t count_only_differs = 0;
  for (std::size_t u = 0; u < level.units.size(); ++u)
    count_only_differs += count_only.values[u].at(0) != localmap_counts[level.units[u].code] ||
                          count_only_gpkg.values[u].at(0) != localmap_counts[level.units[u].code];

  // Peers.
  const bool with_peers = n <= o.peer_max;
  std::vector<PeerCounts> answers;
  std::vector<bench::PeerRow> sqlite_rows;
  bool sqlite_ran = false;
  std::string geopandas_versions, postgis_plan;
  std::printf("measuring localmap done; peers: %s\n", with_peers ? "running" : "skipped (N > --peer-max)");
  std::fflush(stdout);
  if (with_peers && o.peer("sqlite")) {
    try {
      steps.push_back(measure("peer sqlite: GDAL SQLite dialect (R-trees + ST_Covers)", n, R,
                              [&] { sqlite_rows = bench::run_sqlite_peer(files.gpkg, cx.code_field); }));
      steps.back().peer_label = "sqlite, the join query";
      sqlite_ran = true;
      bench::DistrictCounts counts;
      for (const bench::PeerRow& r : sqlite_rows) ++counts[r.code];
      answers.push_back({"sqlite", std::move(counts), "ST_Covers: border points in every district"});
    } catch (const std::exception& e) {
      std::printf("  sqlite peer failed: %s\n", e.what());
      ++cx.peer_failures;
    }
  }
  if (with_peers && o.peer("geopandas")) run_geopandas(cx, files, n, steps, answers, geopandas_versions);
  if (with_peers && o.peer("postgis") && cx.cluster != nullptr && cx.cluster->available())
    run_postgis(cx, files, n, steps, answers, postgis_plan);

  print_table(steps, R);
  const double join_rate = steps[join_at].rate(), locate_rate = steps[locate_at].rate();
  std::printf("ratios, points/s from the medians:\n");
  std::printf("  %-58s %7.1fx\n", "locate loop, grid / locate loop, GEOS:", locate_rate / steps[geos_at].rate());
  for (const Step& s : steps)
    if (!s.peer_label.empty())
      std::printf("  %-58s %7.1fx   (locate loop, grid / it: %.1fx)\n", ("join_layer / " + s.peer_label + ":").c_str(),
                  join_rate / s.rate(), locate_rate / s.rate());
  std::printf("  (join_layer also measures the nearest district of every outside point, which no peer computes; the\n"
              "  locate loop is the like-for-like figure for a peer's join)\n");
  // localmap end to end from the same CSV, first as the sum of its separate
  // steps (load the CSV, load the districts, build the grid index and its
  // distance index, join on all cores, nearest district included, which the
  // peers do not compute), then as the one timed step that the GeoPandas
  // total is held against.
  // steps: 0 CSV, 1 CSV via GDAL, 2 GeoPackage, 3 GeoPackage by features, 4 districts, 5 and 6 indexes.
  const double steps_e2e = steps[0].median() + steps[4].median() + steps[5].median() + steps[6].median() +
                           steps[join_at + 1].median();
  std::printf("  localmap from the CSV, sum of steps (load CSV + districts + indexes + join_layer all cores, medians): %.3f s, %s rows/s\n",
              steps_e2e, thousands(static_cast<std::int64_t>(double(n) / steps_e2e)).c_str());
  const double from_gpkg = steps_e2e - steps[0].median() + steps[2].median();
  std::printf("  localmap from the GeoPackage, sum of steps (the same with load GeoPackage):                             %.3f s, %s rows/s\n",
              from_gpkg, thousands(static_cast<std::int64_t>(double(n) / from_gpkg)).c_str());
  // The figure held against the GeoPandas total: one timed run of the whole.
  const double localmap_e2e = steps[end_to_end_at].median();
  std::printf("  localmap from the CSV, end to end as one step (districts beside points, join, counts written):        %.3f s, %s rows/s\n",
              localmap_e2e, thousands(static_cast<std::int64_t>(double(n) / localmap_e2e)).c_str());
  const double count_e2e = steps[count_at].median();
  std::printf("  localmap from the CSV, count only as one step (as `localmap count`: no nearest district measured):   %.3f s, %s rows/s\n",
              count_e2e, thousands(static_cast<std::int64_t>(double(n) / count_e2e)).c_str());
  const double count_gpkg_e2e = steps[count_gpkg_at].median();
  std::printf("  localmap from the GeoPackage, count only as one step:                                                 %.3f s, %s rows/s\n",
              count_gpkg_e2e, thousands(static_cast<std::int64_t>(double(n) / count_gpkg_e2e)).c_str());
  // GeoPandas does the count only (sjoin, groupby, CSV written): the
  // like-for-like figure is the count-only one; the other is shown beside it.
  for (const Step& s : steps)
    if (s.name.rfind("geopandas: total", 0) == 0 || s.name.rfind("geopandas: wall", 0) == 0)
      std::printf("    %-58s %.3f s, %.1fx localmap count's, %.1fx localmap's with the nearest district\n",
                  s.name.c_str(), s.median(), s.median() / count_e2e, s.median() / localmap_e2e);
  if (!geopandas_versions.empty()) std::printf("  geopandas: %s\n", geopandas_versions.c_str());
  if (!postgis_plan.empty()) {
    std::printf("  postgis plan (EXPLAIN COSTS OFF):\n");
    std::istringstream lines(postgis_plan);
    for (std::string line; std::getline(lines, line);) std::printf("    %s\n", line.c_str());
  }

  std::printf("checks:\n");
  std::printf("  CSV and GeoPackage loads give identical coordinates: %s differences; %s records rejected\n",
              thousands(csv_vs_gpkg).c_str(), thousands(rejected).c_str());
  std::printf("  GeoPackage through the Arrow stream and feature by feature: %s records differ (point or values)\n",
              thousands(gpkg_arrow_vs_features).c_str());
  std::printf("  the CSV layer holds %.1f bytes per point: values %.1f (fields kept: %s; text end to end, offsets, "
              "null bits), points %.1f, record numbers %.1f\n",
              values_per_point + points_per_point + records_per_point, values_per_point, csv_fields.c_str(),
              points_per_point, records_per_point);
  std::printf("  CSV read without GDAL and through GDAL give identical coordinates: %s differences\n",
              thousands(csv_vs_gdal).c_str());
  std::printf("  join_layer: %s matched, %s snapped, %s unmatched (outside every district; nearest district measured)\n",
              thousands(join.counts.matched).c_str(), thousands(join.counts.snapped).c_str(),
              thousands(join.counts.unmatched).c_str());
  std::printf("  join_layer vs the loops: unit vs locate %s differences, distance vs nearest (either order) %s differences\n",
              thousands(join_vs_locate).c_str(), thousands(join_vs_nearest).c_str());
  std::printf("  join_layer on 1 thread vs all cores: %s differences (unit or distance)\n", thousands(one_vs_all_cores).c_str());
  std::printf("  grid vs GEOS locator: %s differences of %s points (%s inside a district)\n",
              thousands(grid_vs_geos).c_str(), thousands(n).c_str(), thousands(inside).c_str());
  std::printf("  grid, all at once vs point by point: %s differences\n", thousands(batched_vs_one_by_one).c_str());
  std::printf("  count only (engine::count_points, from the CSV and from the GeoPackage) vs the locate loop's counts: "
              "%s of %zu districts differ\n",
              thousands(count_only_differs).c_str(), level.units.size());
  {
    // The counts file the end-to-end step wrote, against the locate loop's.
    std::ifstream in(counts_csv);
    std::int64_t rows = 0, differ = 0;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const std::size_t comma = line.rfind(',');
      const auto it = localmap_counts.find(line.substr(0, comma));
      ++rows;
      differ += it == localmap_counts.end() || std::to_string(it->second) != line.substr(comma + 1);
    }
    differ += std::abs(rows - static_cast<std::int64_t>(localmap_counts.size()));
    std::printf("  end-to-end counts file vs the locate loop's counts: %s of %s districts differ\n", thousands(differ).c_str(),
                thousands(rows).c_str());
  }
  {
    std::int64_t with_points = 0, most = 0;
    std::string most_code;
    for (const auto& [code, c] : localmap_counts) {
      with_points += c > 0;
      if (c > most) most = c, most_code = code;
    }
    std::printf("  skew: %s of %zu districts hold points; the fullest, %s, holds %s (%.1f %% of the points inside)\n",
                thousands(with_points).c_str(), level.units.size(), most_code.c_str(), thousands(most).c_str(),
                inside > 0 ? 100.0 * static_cast<double>(most) / static_cast<double>(inside) : 0.0);
  }
  if (sqlite_ran) {
    const PeerCheck c = check_peer(sqlite_rows, grid, level);
    std::printf("  sqlite: %s rows; %s points inside, %s of them on a border (2+ rows)\n", thousands(c.rows).c_str(),
                thousands(c.inside).c_str(), thousands(c.border).c_str());
    std::printf("  sqlite vs grid, point by point: %s differences (other district %s, peer-only %s, grid-only %s, "
                "border without the grid's district %s, unknown fid %s)\n",
                thousands(c.differences()).c_str(), thousands(c.other_district).c_str(),
                thousands(c.only_peer).c_str(), thousands(c.only_grid).c_str(), thousands(c.border_mismatch).c_str(),
                thousands(c.bad_fid).c_str());
  }
  if (!answers.empty()) {
    std::printf("agreement, points per district vs localmap's grid (%s districts, %s points inside):\n",
                thousands(static_cast<std::int64_t>(level.units.size())).c_str(), thousands(inside).c_str());
    std::printf("  %-10s %12s %12s %12s %12s %14s  %s\n", "peer", "districts", "points", "points", "unknown", "peer total",
                "rule");
    std::printf("  %-10s %12s %12s %12s %12s %14s\n", "", "differing", "more", "fewer", "P-codes", "- localmap");
    for (const PeerCounts& a : answers) {
      const bench::Agreement g = bench::compare_counts(localmap_counts, a.counts);
      std::printf("  %-10s %12s %12s %12s %12s %14s  %s\n", a.name.c_str(), thousands(g.districts_differing).c_str(),
                  thousands(g.points_more).c_str(), thousands(g.points_fewer).c_str(), thousands(g.unknown_codes).c_str(),
                  thousands(g.peer_total - g.localmap_total).c_str(), a.note.c_str());
    }
  }
  std::printf("machine load average (1 and 5 min): %s before, %s after the measured steps\n", load_before.c_str(),
              load_average().c_str());
  std::printf("peak RSS (VmHWM) of bench_join %s: %.0f MiB\n",
              peak_is_per_n ? "during the measured steps of this N" : "since start", peak_rss_mib());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"bench_join: points per second for loading random points and joining them to districts, "
               "next to a GEOS locator and three peers (GDAL's SQLite dialect, GeoPandas, PostGIS) in the same run",
               "bench_join"};
  app.add_option("--districts", o.districts, "District polygons with an ADM<n>_PCODE field")->capture_default_str();
  app.add_option("--code-field", o.code_field, "P-code field of the districts (default: the finest ADM<n>_PCODE)");
  app.add_option("--sizes", o.sizes, "Numbers of points, comma-separated")->delimiter(',')->capture_default_str();
  app.add_option("--distribution", o.distribution, "Points uniform in the extent, clustered around towns, on the borders; both: uniform and clustered; all: the three")
      ->check(CLI::IsMember({"uniform", "clustered", "border", "both", "all"}))
      ->capture_default_str();
  app.add_option("--repeat", o.repeat, "Runs of each timed step (min, median and max are printed)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--peers", o.peers, "Peers to run, comma-separated (an empty string: none)")
      ->delimiter(',')
      ->check(CLI::IsMember({"sqlite", "geopandas", "postgis", ""}))
      ->capture_default_str();
  app.add_option("--peer-max", o.peer_max, "Run the peers only up to this N")->capture_default_str();
  app.add_option("--work", o.work, "Folder for the generated point files (reused between runs) and the PostGIS cluster")
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of the random points")->capture_default_str();
  app.add_flag("--quick", o.quick, "Only N = 10,000, uniform, one run per step, with the peers");
  CLI11_PARSE(app, argc, argv);
  std::erase(o.peers, std::string());  // `--peers ""`: none
  if (o.quick) {
    o.sizes = {10000};
    o.distribution = "uniform";
    o.repeat = 1;
    o.peer_max = std::max<std::int64_t>(o.peer_max, 10000);
  }
  for (std::int64_t n : o.sizes)
    if (n < 1) {
      std::fprintf(stderr, "bench_join: error: sizes must be positive, not %lld\n", static_cast<long long>(n));
      return 1;
    }
  std::vector<std::string> distributions;
  if (o.distribution == "uniform" || o.distribution == "both" || o.distribution == "all") distributions.push_back("uniform");
  if (o.distribution == "clustered" || o.distribution == "both" || o.distribution == "all") distributions.push_back("clustered");
  if (o.distribution == "border" || o.distribution == "all") distributions.push_back("border");

  int peer_failures = 0;
  try {
    std::printf("bench_join: points joined to districts, localmap grid vs GEOS vs peers (same run)\n");
    std::printf("machine: nproc %d, %s, %s RAM\n", cpus_available(), first_line_with("/proc/cpuinfo", "model name").c_str(),
                first_line_with("/proc/meminfo", "MemTotal").c_str());
    std::printf("build: %s; libraries: GDAL %s, GEOS %s, PROJ %s\n", LOCALMAP_BENCH_BUILD_TYPE, geo::gdal_version().c_str(),
                geo::geos_version().c_str(), geo::proj_version().c_str());
    std::printf("localmap steps single-threaded but the one marked 'all cores'; seconds: wall time (std::chrono::steady_clock), points/s from it; "
                "cpu s: process CPU time\n");

    // The districts, their code field, and the extent of the random points
    // (the districts' bounding box).
    const engine::AdminLevel level = engine::load_admin_level(districts_spec(o.districts, o.code_field));
    const engine::AdminIndex index(level);
    geo::Envelope extent;
    std::size_t vertices = 0;
    for (const engine::AdminUnit& u : level.units) {
      extent.expand(u.shape.envelope());
      vertices += u.shape.vertex_count();
    }
    Context cx{o, level, index, extent, level.spec.code, nullptr, 0};
    std::printf("districts: %s: %zu units, P-code field %s%s, %s vertices, %lld repaired; extent lon %.6f..%.6f, "
                "lat %.6f..%.6f\n",
                o.districts.c_str(), level.units.size(), cx.code_field.c_str(), o.code_field.empty() ? " (finest found)" : "",
                thousands(static_cast<std::int64_t>(vertices)).c_str(), static_cast<long long>(level.repaired),
                extent.min_x, extent.max_x, extent.min_y, extent.max_y);
    if (level.repaired > 0)
      std::printf("  note: localmap joins to the repaired polygons (GEOS MakeValid); the peers read the file as it is\n");
    std::printf("points: std::mt19937_64 seed %llu, 7 decimals (border points: exact); distributions: %s (recipes: bench_join.cpp header)\n",
                static_cast<unsigned long long>(o.seed), o.distribution.c_str());

    bool any_peer_size = false;
    for (std::int64_t n : o.sizes) any_peer_size = any_peer_size || n <= o.peer_max;
    std::printf("peers: %s, for N <= %s\n", o.peers.empty() ? "none" : [&] {
      std::string s;
      for (const std::string& p : o.peers) s += (s.empty() ? "" : ",") + p;
      return s;
    }().c_str(), thousands(o.peer_max).c_str());
    if (o.peer("sqlite"))
      std::printf("  sqlite SQL (GDAL SQLite dialect, GPKG with both layers):\n    %s\n",
                  bench::sqlite_peer_sql(cx.code_field).c_str());
    if (o.peer("geopandas"))
      std::printf("  geopandas: /usr/bin/python3 %s/geopandas_join.py, predicate \"covers\": the districts' closed "
                  "polygons, the same pairs as ST_Covers; localmap's rule is covers too, a shared-border point "
                  "going to one district only (see the script's docstring for why covers and not intersects/within)\n",
                  LOCALMAP_BENCH_PEERS_DIR);
    if (o.peer("postgis"))
      std::printf("  postgis SQL:\n    %s\n", bench::PostgisPeer::join_sql(cx.code_field).c_str());

    // The server lives for the whole run (started once, not measured) and is
    // removed by the destructor, also when something below throws.
    std::unique_ptr<bench::PostgisCluster> cluster;
    if (o.peer("postgis") && any_peer_size) {
      std::fflush(stdout);
      cluster = std::make_unique<bench::PostgisCluster>(LOCALMAP_BENCH_PG_CLUSTER,
                                                        (std::filesystem::path(o.work) / "postgis_cluster").string());
      if (cluster->available()) {
        std::printf("  postgis: throw-away cluster started in %.1f s (not measured): %s\n", cluster->start_seconds(), [&] {
          try {
            return bench::PostgisPeer(cluster->conninfo()).versions();
          } catch (const std::exception& e) {
            return std::string(e.what());
          }
        }().c_str());
      } else {
        std::printf("  postgis: no server (%s); carrying on without the PostGIS peer\n", cluster->why().c_str());
      }
      cx.cluster = cluster.get();
    }

    for (std::int64_t n : o.sizes)
      for (const std::string& d : distributions) run_size(cx, n, d);
    peer_failures = cx.peer_failures;
  } catch (const std::exception& e) {  // geo::Error and engine::Error carry where and a hint in what()
    std::fflush(stdout);
    std::fprintf(stderr, "bench_join: error: %s\n", e.what());
    return 1;
  }
  if (peer_failures > 0) {
    std::fprintf(stderr, "bench_join: %d peer runs failed (see above); the other figures stand\n", peer_failures);
    return 1;
  }
  return 0;
}
