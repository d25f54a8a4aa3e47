#pragma once
// The peer: the same point-in-district join done by GDAL's SQLite dialect
// (SQLite R-trees + SpatiaLite's ST_Covers) over a GeoPackage holding both
// layers, as prepared by point_files.hpp.

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct PeerRow {
  std::int64_t point_fid;
  std::string code;  // the district's P-code
};

// The SQL run by run_sqlite_peer, for the printout.
std::string sqlite_peer_sql(const std::string& code_field);

// Runs the join and reads every result row.  A point on a border shared by
// two districts gives two rows (ST_Covers is closed); a point outside all
// districts gives none.
std::vector<PeerRow> run_sqlite_peer(const std::string& gpkg, const std::string& code_field);

}  // namespace bench
