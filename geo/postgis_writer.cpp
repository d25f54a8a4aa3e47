#include "geo/postgis_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <stdexcept>

#include "geo/detail/pg_copy_text.hpp"
#include "geo/detail/pg_session.hpp"
#include "geo/error.hpp"
#include "geo/vector_reader.hpp"

namespace geo {
namespace {

using detail::PgFailure;
using detail::PgSession;
using detail::quote_identifier;

constexpr std::uint32_t kWgs84 = 4326;
// First key of this writer's advisory locks ("geo1"); the second is the
// schema name's hash, so writers of different schemas do not wait for each other.
constexpr int kLockClass = 0x67656F31;
constexpr std::size_t kMaxIdentifierBytes = 63;  // PostgreSQL's NAMEDATALEN - 1
constexpr std::size_t kCopyChunkBytes = 1 << 20;
const char* const kKeyColumn = "fid";
const char* const kGeometryColumn = "geom";

const char* const kConnectionHint =
    "check host, port, dbname and user; the password can come from PGPASSWORD, ~/.pgpass or a service file "
    "(PG:service=NAME)";

// The destination as users see it in messages: connection without password.
struct Destination {
  std::string shown;
  std::string schema;

  Where where(const std::string& table = {}) const {
    return {.file = shown, .layer = table.empty() ? std::string() : schema + "." + table};
  }
  std::string table_sql(const std::string& table) const { return quote_identifier(schema) + "." + quote_identifier(table); }
};

std::string seconds_text(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g s", s);
  return buffer;
}

// The column type of a layer's geometry: single polygons and lines are
// promoted to their multi forms so one table holds both.
std::string geometry_type_sql(GeometryKind kind, const std::string& postgis_schema) {
  const char* type = "Geometry";
  if (kind == GeometryKind::Point) type = "Point";
  if (kind == GeometryKind::Line) type = "MultiLineString";
  if (kind == GeometryKind::Polygon) type = "MultiPolygon";
  return quote_identifier(postgis_schema) + ".geometry(" + type + "," + std::to_string(kWgs84) + ")";
}

const char* column_type_sql(FieldType type) {
  switch (type) {
    case FieldType::Integer: return "bigint";
    case FieldType::Real: return "double precision";
    case FieldType::String: return "text";
  }
  return "text";
}

void check_identifier(const std::string& name, const std::string& what, const Where& where) {
  if (name.empty()) throw Error(what + " has no name", where);
  if (name.size() > kMaxIdentifierBytes)
    throw Error(what + " '" + name + "' is longer than PostgreSQL's 63-byte limit for names", where,
                "choose a shorter name");
  if (name.find('\0') != std::string::npos) throw Error(what + " name contains a NUL character", where);
}

void check_layers(const std::vector<const LayerData*>& layers, const Destination& d) {
  if (layers.empty()) throw Error("no layers to write", d.where());
  std::set<std::string> tables;
  for (const LayerData* layer : layers) {
    check_identifier(layer->name, "a layer", d.where());
    if (!tables.insert(layer->name).second)
      throw Error("two layers are named '" + layer->name + "'", d.where(layer->name), "give every layer its own name");
    std::set<std::string> columns = {kKeyColumn};
    if (layer->geometry != GeometryKind::None) columns.insert(kGeometryColumn);
    for (const FieldDef& f : layer->fields) {
      Where where = d.where(layer->name);
      where.field = f.name;
      check_identifier(f.name, "a field", where);
      if (!columns.insert(f.name).second)
        throw Error("field name '" + f.name + "' is taken (by another field, the key `fid` or the geometry `geom`)",
                    where, "rename the field");
    }
  }
}

bool is_postgresql_connection(const std::string& connection) {
  std::string head = connection.substr(0, 13);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.rfind("pg:", 0) == 0 || head.rfind("postgresql://", 0) == 0 || head.rfind("postgres://", 0) == 0;
}

std::unique_ptr<PgSession> connect(const std::string& connection, const Destination& d) {
  if (!is_postgresql_connection(connection))
    throw Error("only PostgreSQL databases can be written to", d.where(),
                "give a PG:... connection string or a postgresql:// URI");
  try {
    return std::make_unique<PgSession>(connection);
  } catch (const PgFailure& f) {
    throw Error(std::string("cannot connect to the database: ") + f.what(), d.where(), kConnectionHint);
  }
}

// The schema PostGIS is installed in, so its types resolve whatever the
// search_path.
std::string postgis_schema(PgSession& db, const Destination& d) {
  const auto rows = db.query(
      "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'");
  if (rows.empty())
    throw Error("the database has no PostGIS extension", d.where(),
                "a database owner can add it with: CREATE EXTENSION postgis;");
  return *rows[0][0];
}

void require_create_privilege(PgSession& db, const Destination& d) {
  const auto rows = db.query(
      "SELECT n.oid IS NOT NULL, CASE WHEN n.oid IS NULL THEN has_database_privilege(current_database(), 'CREATE') "
      "ELSE has_schema_privilege(n.oid, 'CREATE') AND has_schema_privilege(n.oid, 'USAGE') END, current_user, "
      "current_database() FROM (SELECT 1) AS one LEFT JOIN pg_namespace n ON n.nspname = $1",
      {d.schema});
  const bool exists = *rows[0][0] == "t";
  const bool allowed = *rows[0][1] == "t";
  const std::string& user = *rows[0][2];
  const std::string& database = *rows[0][3];
  if (allowed) return;
  if (exists)
    throw Error("user '" + user + "' may not create tables in schema '" + d.schema + "'", d.where(),
                "the schema's owner can allow it: GRANT USAGE, CREATE ON SCHEMA " + d.schema + " TO " +
                    quote_identifier(user) + ";");
  throw Error("schema '" + d.schema + "' does not exist and user '" + user + "' may not create it", d.where(),
              "create it first (CREATE SCHEMA " + d.schema + ";) or have the owner run: GRANT CREATE ON DATABASE " +
                  quote_identifier(database) + " TO " + quote_identifier(user) + ";");
}

// "pid 4242, user alice, application 'localmap'" for each session in `rows`.
std::string describe_sessions(const std::vector<detail::PgRow>& rows) {
  std::string out;
  for (const auto& row : rows) {
    if (!out.empty()) out += "; ";
    out += "pid " + row[0].value_or("?");
    if (row[1] && !row[1]->empty()) out += ", user " + *row[1];
    if (row[2] && !row[2]->empty()) out += ", application '" + *row[2] + "'";
  }
  return out.empty() ? "a session that has since finished" : out;
}

std::string lock_holder(PgSession& db, const std::string& schema) {
  return describe_sessions(db.query(
      "SELECT a.pid, a.usename, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int4::oid AND l.objid = hashtext($2)::oid "
      "AND l.objsubid = 2",
      {std::to_string(kLockClass), schema}));
}

std::string table_lock_holders(PgSession& db, const std::string& table_sql) {
  return describe_sessions(db.query(
      "SELECT DISTINCT a.pid, a.usename, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.relation = to_regclass($1) AND l.granted AND l.pid <> pg_backend_pid()",
      {table_sql}));
}

// Rows of `layer` in COPY text format, about kCopyChunkBytes at a time.
class CopyRows {
 public:
  CopyRows(const LayerData& layer, const Destination& d) : layer_(layer), d_(d) {}

  bool next(std::string& chunk) {
    while (row_ < layer_.size() && chunk.size() < kCopyChunkBytes) append_row(chunk, row_++);
    return row_ < layer_.size();
  }

 private:
  Where where(std::size_t row, const std::string& field = {}) const {
    Where w = d_.where(layer_.name);
    w.record = static_cast<std::int64_t>(row + 1);
    w.field = field;
    return w;
  }

  void append_row(std::string& out, std::size_t row) const {
    out += std::to_string(row + 1);
    const auto& values = layer_.rows[row];
    if (values.size() != layer_.fields.size())
      throw Error("the row has " + std::to_string(values.size()) + " values for " + std::to_string(layer_.fields.size()) +
                      " fields",
                  where(row));
    for (std::size_t i = 0; i < values.size(); ++i) {
      out += '\t';
      if (const auto* s = std::get_if<std::string>(&values[i]); s && s->find('\0') != std::string::npos)
        throw Error("text contains a NUL character, which PostgreSQL cannot store", where(row, layer_.fields[i].name));
      detail::append_copy_value(out, values[i]);
    }
    if (layer_.geometry != GeometryKind::None) {
      out += '\t';
      append_geometry(out, row);
    }
    out += '\n';
  }

  void append_geometry(std::string& out, std::size_t row) const {
    if (layer_.geometry == GeometryKind::Point) {
      const Point p = row < layer_.points.size() ? layer_.points[row] : Point{NAN, NAN};
      if (std::isnan(p.x)) out += "\\N";
      else detail::append_point_ewkb(out, p.x, p.y, kWgs84);
      return;
    }
    if (row >= layer_.shapes.size() || layer_.shapes[row].is_null()) {
      out += "\\N";
      return;
    }
    const std::vector<unsigned char> wkb = layer_.shapes[row].to_wkb();
    const bool multi = layer_.geometry == GeometryKind::Line || layer_.geometry == GeometryKind::Polygon;
    std::uint32_t written = 0;
    try {
      written = detail::append_ewkb(out, wkb, kWgs84, multi ? detail::WkbPromotion::Multi : detail::WkbPromotion::None);
    } catch (const std::invalid_argument& e) {
      throw Error(std::string("cannot convert the geometry: ") + e.what(), where(row));
    }
    const std::uint32_t expected = layer_.geometry == GeometryKind::Line ? 5 : 6;
    if (multi && written != expected)
      throw Error("a " + layer_.shapes[row].type_name() + " in a " +
                      (layer_.geometry == GeometryKind::Line ? "line" : "polygon") + " layer",
                  where(row), "the layer's geometries must all be of its kind");
  }

  const LayerData& layer_;
  const Destination& d_;
  std::size_t row_ = 0;
};

// Creates, fills, indexes and comments one layer's table under `staging`.
void stage_layer(PgSession& db, const Destination& d, const LayerData& layer, const std::string& staging,
                 const std::string& postgis, const std::string& comment) {
  const std::string table = d.table_sql(staging);
  const bool spatial = layer.geometry != GeometryKind::None;
  std::string columns = std::string(kKeyColumn) + " bigint NOT NULL";
  std::string names = kKeyColumn;
  for (const FieldDef& f : layer.fields) {
    columns += ", " + quote_identifier(f.name) + " " + column_type_sql(f.type);
    names += ", " + quote_identifier(f.name);
  }
  if (spatial) {
    columns += std::string(", ") + kGeometryColumn + " " + geometry_type_sql(layer.geometry, postgis);
    names += std::string(", ") + kGeometryColumn;
  }
  db.execute("CREATE TABLE " + table + " (" + columns + ")");
  CopyRows rows(layer, d);
  db.copy_in("COPY " + table + " (" + names + ") FROM STDIN", [&rows](std::string& chunk) { return rows.next(chunk); });
  // Key and index after the rows: faster than maintaining them row by row.
  db.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + quote_identifier(staging + "_pkey") + " PRIMARY KEY (" +
             kKeyColumn + ")");
  if (spatial)
    db.execute("CREATE INDEX " + quote_identifier(staging + "_geom_idx") + " ON " + table + " USING gist (" +
               kGeometryColumn + ")");
  if (!comment.empty()) db.execute("COMMENT ON TABLE " + table + " IS " + db.literal(comment));
  db.execute("ANALYZE " + table);
}

// Replaces `schema.name` by the staged table: carries explicit grants over,
// drops the old table and renames the new one with its key and index.
void replace_table(PgSession& db, const Destination& d, const LayerData& layer, const std::string& staging) {
  const std::string target = d.table_sql(layer.name);
  const auto existing = db.query("SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass($1)", {target});
  if (!existing.empty()) {
    const std::string kind = existing[0][0].value_or("");
    if (kind != "r" && kind != "p")
      throw Error("'" + d.schema + "." + layer.name + "' exists and is not a table", d.where(layer.name),
                  "rename or drop it, or choose another schema");
    const auto grants = db.query(
        "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END, a.privilege_type, "
        "a.is_grantable FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
        "LEFT JOIN pg_roles r ON r.oid = a.grantee WHERE c.oid = to_regclass($1) AND a.grantee <> c.relowner",
        {target});
    for (const auto& g : grants)
      db.execute("GRANT " + *g[1] + " ON TABLE " + d.table_sql(staging) + " TO " + *g[0] +
                 (*g[2] == "t" ? " WITH GRANT OPTION" : ""));
    db.execute("DROP TABLE " + target);
  }
  db.execute("ALTER TABLE " + d.table_sql(staging) + " RENAME TO " + quote_identifier(layer.name));
  db.execute("ALTER TABLE " + target + " RENAME CONSTRAINT " + quote_identifier(staging + "_pkey") + " TO " +
             quote_identifier(layer.name + "_pkey"));
  if (layer.geometry != GeometryKind::None)
    db.execute("ALTER INDEX " + quote_identifier(d.schema) + "." + quote_identifier(staging + "_geom_idx") +
               " RENAME TO " + quote_identifier(layer.name + "_geom_idx"));
}

// replace_table, failing clearly when readers hold the old table longer than
// the writer waits (their locks conflict with dropping it).
void swap_in(PgSession& db, const Destination& d, const LayerData& layer, const std::string& staging, double wait_s) {
  try {
    replace_table(db, d, layer, staging);
  } catch (const PgFailure& f) {
    if (f.sqlstate != "55P03" || f.connection_lost) throw;  // not a lock timeout
    db.execute("ROLLBACK");
    throw Error("readers held table '" + d.schema + "." + layer.name + "' for longer than " + seconds_text(wait_s) +
                    " (" + table_lock_holders(db, d.table_sql(layer.name)) + "); nothing was changed",
                d.where(layer.name),
                "close the transaction that holds it open (an idle psql or QGIS transaction) and run again");
  }
}

// Takes the schema's advisory lock for the rest of the transaction, waiting
// up to lock_timeout for another writer.
void lock_schema(PgSession& db, const Destination& d, double wait_s) {
  try {
    db.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", {std::to_string(kLockClass), d.schema});
  } catch (const PgFailure& f) {
    if (f.sqlstate != "55P03") throw;  // not a lock timeout
    db.execute("ROLLBACK");
    throw Error("another writer is writing schema '" + d.schema + "' (" + lock_holder(db, d.schema) +
                    "); gave up after waiting " + seconds_text(wait_s),
                d.where(), "run again when it has finished; the schema keeps the previous tables meanwhile");
  }
}

// Names to stage `count` tables under.  They are fixed: the lock keeps other
// writers out and a failed transaction leaves none behind, so only a user's
// own table can be in the way.
std::vector<std::string> staging_names(PgSession& db, const Destination& d, std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) {
    names.push_back("_staging_" + std::to_string(i));
    if (db.query("SELECT to_regclass($1)", {d.table_sql(names.back())})[0][0].has_value())
      throw Error("'" + d.schema + "." + names.back() + "' exists; this writer stages its tables under that name",
                  d.where(), "rename or drop it");
  }
  return names;
}

// What the writer was doing, for messages.
struct Step {
  enum Kind { Locking, Preparing, Staging, Swapping, Committing } kind = Preparing;
  std::string table;  // for Staging and Swapping
};

Error explain(const PgFailure& f, const Step& step, const Destination& d) {
  std::string doing;
  switch (step.kind) {
    case Step::Locking: doing = "waiting for other writers of schema '" + d.schema + "'"; break;
    case Step::Preparing: doing = "preparing schema '" + d.schema + "'"; break;
    case Step::Staging: doing = "writing table '" + d.schema + "." + step.table + "'"; break;
    case Step::Swapping: doing = "replacing table '" + d.schema + "." + step.table + "'"; break;
    case Step::Committing: doing = "committing"; break;
  }
  const std::string cause = std::string(f.what()) + (f.detail.empty() ? "" : " (" + f.detail + ")");
  const Where where = d.where(step.table);
  if (f.connection_lost && step.kind == Step::Committing)
    return Error("lost the connection to the database while committing (" + cause + "); schema '" + d.schema +
                     "' holds either all the previous tables or all the new ones",
                 where, "look at the tables' comments to see which run they come from, and run again if needed");
  if (f.connection_lost)
    return Error("lost the connection to the database while " + doing + " (" + cause +
                     "); nothing was changed: the previous tables are as they were",
                 where, "check that the server is up and run again");
  if (f.sqlstate == "2BP01")
    return Error("cannot replace table '" + d.schema + "." + step.table + "': " + cause + "; nothing was changed",
                 where, "drop the dependent objects before the run and re-create them after");
  return Error(doing + " failed: " + cause + "; nothing was changed", where);
}

}  // namespace

std::string describe_connection(const std::string& connection) {
  if (is_postgresql_connection(connection) && !detail::is_parsable_connection(connection))
    return "PG:(a connection string that cannot be parsed, not shown)";
  return mask_credentials(connection);
}

void check_schema_name(const std::string& schema) {
  bool ok = !schema.empty() && schema.size() <= kMaxIdentifierBytes && schema.rfind("pg_", 0) != 0 &&
            !(schema[0] >= '0' && schema[0] <= '9');
  for (char c : schema) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok)
    throw Error("'" + schema + "' is not a usable schema name", {},
                "use lower-case letters, digits and _, starting with a letter (for example localmap_results)");
}

void check_postgis_destination(const std::string& connection, const std::string& schema) {
  check_schema_name(schema);
  const Destination d{describe_connection(connection), schema};
  std::unique_ptr<PgSession> db = connect(connection, d);
  try {
    postgis_schema(*db, d);
    require_create_privilege(*db, d);
  } catch (const PgFailure& f) {
    throw explain(f, Step{}, d);
  }
}

std::vector<std::string> write_postgis(const std::string& connection, const std::string& schema,
                                       const std::vector<const LayerData*>& layers, const PostgisWriteOptions& options) {
  check_schema_name(schema);
  const Destination d{describe_connection(connection), schema};
  if (!std::isfinite(options.lock_wait_s) || options.lock_wait_s < 0)
    throw Error("the lock wait must be a number of seconds >= 0", d.where());
  check_layers(layers, d);
  std::unique_ptr<PgSession> db = connect(connection, d);

  Step step;
  try {
    db->execute("BEGIN");
    // lock_timeout 0 would mean "wait forever": never less than 1 ms.
    const long long wait_ms = std::max(1LL, std::llround(options.lock_wait_s * 1000));
    db->execute("SET LOCAL lock_timeout = " + std::to_string(wait_ms));
    step.kind = Step::Locking;
    lock_schema(*db, d, options.lock_wait_s);

    step.kind = Step::Preparing;
    const std::string postgis = postgis_schema(*db, d);
    require_create_privilege(*db, d);
    db->execute("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(schema));

    const std::vector<std::string> staging = staging_names(*db, d, layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
      step = {Step::Staging, layers[i]->name};
      stage_layer(*db, d, *layers[i], staging[i], postgis, options.comment);
      if (options.progress) options.progress(i + 1);
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
      step = {Step::Swapping, layers[i]->name};
      swap_in(*db, d, *layers[i], staging[i], options.lock_wait_s);
    }
    step = {Step::Committing, {}};
    db->execute("COMMIT");
  } catch (const PgFailure& f) {
    throw explain(f, step, d);
  }

  std::vector<std::string> written;
  for (const LayerData* layer : layers) written.push_back(schema + "." + layer->name);
  return written;
}

}  // namespace geo
