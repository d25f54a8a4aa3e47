#pragma once
// Writing feature layers as PostGIS tables, replacing the previous tables of
// the same names in one transaction.
//
// Every layer becomes the table `schema.<layer name>` (names kept as given,
// quoted, so "ADM2_PCODE" stays "ADM2_PCODE" as in GeoPackage):
//   fid   bigint primary key, 1..n in row order (the GeoPackage fid)
//   <fields>  bigint / double precision / text
//   geom  geometry(Point|MultiLineString|MultiPolygon|Geometry, 4326) with a
//         GiST index; none for GeometryKind::None layers
// with COMMENT ON TABLE set to `options.comment` and fresh planner statistics
// (QGIS reads the extent from them).
//
// Atomicity: one transaction builds every table under a staging name inside
// the target schema (invisible to other sessions until commit), then drops the
// previous tables and renames the new ones into place, then commits.  Readers
// see all the old tables or all the new ones; a failure anywhere (including
// a dropped connection) rolls everything back and leaves the old tables as
// they were.  Readers are blocked only for the moment of the swap.  Explicit
// GRANTs on a replaced table are carried over to its successor.  Tables of
// the schema that this write does not name are left alone.
//
// Concurrency: writers of the same schema are serialised by a
// transaction-scoped advisory lock keyed on the schema name; a writer waits up
// to `lock_wait_s` for another, then fails naming the holder's process.
//
// Connection strings: "PG:..." as GDAL takes them, libpq keyword=value strings
// or postgresql:// URIs; credentials may come from the environment
// (PGPASSWORD, ...), ~/.pgpass or a service file (service=NAME).  Passwords
// never appear in messages.  Failures throw geo::Error.
//
// Not thread-safe for the same schema from one process (use one call).

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "geo/vector_writer.hpp"

namespace geo {

struct PostgisWriteOptions {
  std::string comment;     // COMMENT ON TABLE of every table written ("" = none)
  double lock_wait_s = 60; // wait this long for another writer of the schema, and for readers at the swap
  std::function<void(std::size_t layers_staged)> progress;  // after each staged layer
};

// Writes `layers` into `schema` (created if missing); returns the tables
// written as "schema.table", in layer order.
std::vector<std::string> write_postgis(const std::string& connection, const std::string& schema,
                                       const std::vector<const LayerData*>& layers,
                                       const PostgisWriteOptions& options = {});

// Before any work: connects and checks that PostGIS is installed and that
// tables can be created in `schema` (or the schema created).  Throws geo::Error.
void check_postgis_destination(const std::string& connection, const std::string& schema);

// A connection as messages may show it: the password masked; a string libpq
// cannot parse (where a password could hide anywhere) is not shown at all.
std::string describe_connection(const std::string& connection);

// Schema names are lower-case SQL identifiers ([a-z_][a-z0-9_]*, at most 63
// bytes, not pg_*), so they need no quoting in SQL or QGIS.  Throws geo::Error.
void check_schema_name(const std::string& schema);

}  // namespace geo
