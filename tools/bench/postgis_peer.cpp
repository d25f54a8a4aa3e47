#include "postgis_peer.hpp"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace bench {
namespace {

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Result {
  explicit Result(PGresult* r) : r(r) {}
  ~Result() { PQclear(r); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* r;
};

}  // namespace

PostgisPeer::PostgisPeer(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())), conninfo_(conninfo) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error("cannot connect to the PostGIS cluster: " + why);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // DROP ... IF EXISTS notices
  exec("SET max_parallel_workers_per_gather = 0");
}

PostgisPeer::~PostgisPeer() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PostgisPeer::exec(const std::string& sql) {
  Result r(PQexec(conn_, sql.c_str()));
  const ExecStatusType s = PQresultStatus(r.r);
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
    throw std::runtime_error("PostGIS peer: " + std::string(PQerrorMessage(conn_)) + " in: " + sql);
}

std::string PostgisPeer::versions() {
  Result r(PQexec(conn_, "SELECT current_setting('server_version'), postgis_lib_version(), postgis_geos_version()"));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK || PQntuples(r.r) != 1) return "?";
  return std::string("PostgreSQL ") + PQgetvalue(r.r, 0, 0) + ", PostGIS " + PQgetvalue(r.r, 0, 1) + ", GEOS " +
         PQgetvalue(r.r, 0, 2);
}

void PostgisPeer::drop_tables() { exec("DROP TABLE IF EXISTS points, points_csv, districts"); }

void PostgisPeer::load_districts(const std::string& districts, const std::string& code_field) {
  GDALAllRegister();
  GDALDatasetUniquePtr source(GDALDataset::Open(districts.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!source) throw std::runtime_error("PostGIS peer: cannot open " + districts);
  // LAUNDER=NO keeps the field's name (ADM2_PCODE) so the SQL names it as
  // the other peers do; the index is built in create_indexes(), timed apart.
  std::vector<std::string> args = {"-f", "PostgreSQL", "-nln", "districts", "-select", code_field,
                                   "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid", "-lco", "SPATIAL_INDEX=NONE",
                                   "-lco", "LAUNDER=NO", "-nlt", "PROMOTE_TO_MULTI"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::unique_ptr<GDALVectorTranslateOptions, decltype(&GDALVectorTranslateOptionsFree)> options(
      GDALVectorTranslateOptionsNew(argv.data(), nullptr), GDALVectorTranslateOptionsFree);
  GDALDatasetH handle = GDALDataset::ToHandle(source.get());
  int usage_error = 0;
  CPLErrorReset();
  GDALDatasetH out = GDALVectorTranslate(("PG:" + conninfo_).c_str(), nullptr, 1, &handle, options.get(), &usage_error);
  if (out == nullptr) throw std::runtime_error("PostGIS peer: loading the districts failed: " + std::string(CPLGetLastErrorMsg()));
  GDALClose(out);
}

void PostgisPeer::load_points(const std::string& csv) {
  exec("CREATE UNLOGGED TABLE points_csv (id bigint, lon double precision, lat double precision)");
  {
    Result start(PQexec(conn_, "COPY points_csv FROM STDIN (FORMAT csv, HEADER true)"));
    if (PQresultStatus(start.r) != PGRES_COPY_IN) throw std::runtime_error("PostGIS peer: COPY: " + std::string(PQerrorMessage(conn_)));
  }
  std::ifstream in(csv, std::ios::binary);
  if (!in) throw std::runtime_error("PostGIS peer: cannot read " + csv);
  std::vector<char> chunk(1 << 20);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (in.gcount() > 0 && PQputCopyData(conn_, chunk.data(), static_cast<int>(in.gcount())) != 1)
      throw std::runtime_error("PostGIS peer: COPY: " + std::string(PQerrorMessage(conn_)));
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) throw std::runtime_error("PostGIS peer: COPY: " + std::string(PQerrorMessage(conn_)));
  std::string error;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  if (!error.empty()) throw std::runtime_error("PostGIS peer: COPY: " + error);
  exec("CREATE TABLE points AS SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom "
       "FROM points_csv");
  exec("DROP TABLE points_csv");
}

void PostgisPeer::create_indexes() {
  exec("CREATE INDEX points_geom ON points USING gist (geom)");
  exec("CREATE INDEX districts_geom ON districts USING gist (geom)");
}

void PostgisPeer::analyze() { exec("ANALYZE points, districts"); }

std::string PostgisPeer::join_sql(const std::string& code_field) {
  return "SELECT d." + quoted(code_field) + ", count(*) FROM points p JOIN districts d ON ST_Covers(d.geom, p.geom) GROUP BY 1";
}

std::string PostgisPeer::plan(const std::string& code_field) {
  Result r(PQexec(conn_, ("EXPLAIN (COSTS OFF) " + join_sql(code_field)).c_str()));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return "?";
  std::string out;
  for (int i = 0; i < PQntuples(r.r); ++i) out += std::string(PQgetvalue(r.r, i, 0)) + "\n";
  return out;
}

DistrictCounts PostgisPeer::join(const std::string& code_field) {
  Result r(PQexec(conn_, join_sql(code_field).c_str()));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK) throw std::runtime_error("PostGIS peer: join: " + std::string(PQerrorMessage(conn_)));
  DistrictCounts counts;
  for (int i = 0; i < PQntuples(r.r); ++i) counts[PQgetvalue(r.r, i, 0)] += std::atoll(PQgetvalue(r.r, i, 1));
  return counts;
}

}  // namespace bench
