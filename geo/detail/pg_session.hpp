#pragma once
// geo-internal: one libpq connection with the few operations the PostGIS
// writer needs.  Failures throw PgFailure with PostgreSQL's SQLSTATE and
// messages on one line, so the caller can say what it was doing; connection
// strings and passwords never appear in them.

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;  // libpq's PGconn; never exposed outside geo/.

namespace geo::detail {

struct PgFailure : std::runtime_error {
  PgFailure(const std::string& message, std::string sqlstate, std::string detail, bool connection_lost);
  std::string sqlstate;      // "" when there is none (connection failures)
  std::string detail;        // PostgreSQL's DETAIL, on one line ("" if none)
  bool connection_lost;      // the server or the network dropped the connection
};

using PgRow = std::vector<std::optional<std::string>>;  // nullopt = SQL NULL

class PgSession {
 public:
  // `connection`: "PG:..." as GDAL takes it, a libpq keyword=value string or
  // a postgresql:// URI.  Whatever it leaves out (user, password, host, ...)
  // libpq takes from the environment (PGUSER, PGPASSWORD, ...), ~/.pgpass or
  // a service file (service=NAME).  Text travels as UTF-8.
  explicit PgSession(const std::string& connection);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  // One or more statements without parameters.
  void execute(const std::string& sql);
  // One statement with text parameters $1, $2, ...; rows as text.
  std::vector<PgRow> query(const std::string& sql, const std::vector<std::string>& params = {});
  // COPY ... FROM STDIN (text format).  `next_chunk` fills its argument with
  // the next rows and returns false when there are no more.  If it throws,
  // the COPY is abandoned and the exception goes on.
  void copy_in(const std::string& copy_sql, const std::function<bool(std::string&)>& next_chunk);
  // `text` as an SQL string literal, for statements that take no parameters
  // (COMMENT ON).
  std::string literal(const std::string& text) const;

 private:
  [[noreturn]] void fail_from_connection() const;
  pg_conn* conn_ = nullptr;
};

// Whether libpq can parse `connection` (with or without GDAL's "PG:").
bool is_parsable_connection(const std::string& connection);

// "name" with embedded quotes doubled: an SQL identifier, case kept.
std::string quote_identifier(const std::string& name);

}  // namespace geo::detail
