#pragma once
// The PostGIS peer: the same points-in-districts count as SQL in a real
// PostgreSQL + PostGIS server (see postgis_cluster.hpp), each step a call
// that bench_join times on its own: load the districts, load the points,
// build the GiST indexes, ANALYZE, then the join itself.
//
// One backend, parallel query off (max_parallel_workers_per_gather = 0):
// localmap's figures are single-threaded, and on a shared 2-core machine
// parallel workers would mostly measure the neighbours' load.

#include <string>

#include "agreement.hpp"

struct pg_conn;

namespace bench {

class PostgisPeer {
 public:
  explicit PostgisPeer(const std::string& conninfo);  // throws std::runtime_error
  ~PostgisPeer();
  PostgisPeer(const PostgisPeer&) = delete;
  PostgisPeer& operator=(const PostgisPeer&) = delete;

  // "PostgreSQL 15.x, PostGIS 3.x, GEOS 3.x" for the printout.
  std::string versions();

  // Drops both tables (so each repetition loads from scratch).
  void drop_tables();
  // Layer 0 of `districts` -> table districts(fid, CODE_FIELD, geom) through
  // GDAL's PostgreSQL driver (COPY), no index: that is a step of its own.
  void load_districts(const std::string& districts, const std::string& code_field);
  // The benchmark's CSV streamed as is through COPY ... (FORMAT csv) into an
  // unlogged staging table, then points(id, geom geometry(Point, 4326)) built
  // with ST_MakePoint: what loading a CSV of coordinates into PostGIS takes.
  void load_points(const std::string& csv);
  void create_indexes();  // GiST on both geometry columns
  void analyze();

  static std::string join_sql(const std::string& code_field);
  std::string plan(const std::string& code_field);  // EXPLAIN (COSTS OFF), one node per line
  DistrictCounts join(const std::string& code_field);

 private:
  void exec(const std::string& sql);
  pg_conn* conn_ = nullptr;
  std::string conninfo_;
};

}  // namespace bench
