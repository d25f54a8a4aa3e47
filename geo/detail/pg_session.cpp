#include "geo/detail/pg_session.hpp"

#include <errno.h>  // program_invocation_short_name (GNU)
#include <libpq-fe.h>

#include <memory>

namespace geo::detail {
namespace {

// libpq messages come as several lines ("connection to server ... failed:
// FATAL:  ..." then indented hints); users see one line.
std::string one_line(const std::string& message) {
  std::string out;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == '\t' || line[0] == ' ') continue;  // libpq's own hints
    for (const char* prefix : {"FATAL:  ", "ERROR:  "})
      if (const auto at = line.find(prefix); at != std::string::npos) line.erase(at, std::string(prefix).size());
    if (!out.empty()) out += "; ";
    out += line;
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string field(const PGresult* r, int code) {
  const char* value = PQresultErrorField(r, code);
  return value ? one_line(value) : std::string();
}

std::string without_gdal_prefix(const std::string& connection) {
  if (connection.size() >= 3 && (connection[0] == 'P' || connection[0] == 'p') &&
      (connection[1] == 'G' || connection[1] == 'g') && connection[2] == ':')
    return connection.substr(3);
  return connection;
}

}  // namespace

PgFailure::PgFailure(const std::string& message, std::string state, std::string detail_line, bool lost)
    : std::runtime_error(message), sqlstate(std::move(state)), detail(std::move(detail_line)), connection_lost(lost) {}

PgSession::PgSession(const std::string& connection) {
  const std::string conninfo = without_gdal_prefix(connection);
  // Parse first: libpq's parse errors can quote pieces of the string (a
  // password among them), so only the keyword error is passed on.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (parsed == nullptr) {
    std::string why = parse_error ? parse_error : "";
    PQfreemem(parse_error);
    if (why.rfind("invalid connection option", 0) == 0) throw PgFailure(one_line(why), "", "", false);
    throw PgFailure("the connection string is not keyword=value pairs or a postgresql:// URI", "", "", false);
  }
  PQconninfoFree(parsed);

  // Later entries win: the caller's string overrides the timeout, and text is
  // always exchanged as UTF-8.
  const char* keywords[] = {"connect_timeout", "dbname", "fallback_application_name", "client_encoding", nullptr};
  const char* values[] = {"10", conninfo.c_str(), program_invocation_short_name, "UTF8", nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (conn_ == nullptr) throw PgFailure("out of memory while connecting", "", "", false);
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = one_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgFailure(why, "", "", false);
  }
  // NOTICEs ("schema ... already exists, skipping") are not for users.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PgSession::~PgSession() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PgSession::fail_from_connection() const {
  throw PgFailure(one_line(PQerrorMessage(conn_)), "", "", PQstatus(conn_) == CONNECTION_BAD);
}

namespace {

void check(pg_conn* conn, const PGresult* r) {
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return;
  const bool lost = PQstatus(conn) == CONNECTION_BAD;
  std::string message = r ? field(r, PG_DIAG_MESSAGE_PRIMARY) : std::string();
  if (message.empty()) message = one_line(PQerrorMessage(conn));
  if (message.empty()) message = lost ? "the connection was closed" : "the statement failed";
  throw PgFailure(message, r ? field(r, PG_DIAG_SQLSTATE) : "", r ? field(r, PG_DIAG_MESSAGE_DETAIL) : "", lost);
}

}  // namespace

void PgSession::execute(const std::string& sql) {
  Result r(PQexec(conn_, sql.c_str()));
  check(conn_, r.get());
}

std::vector<PgRow> PgSession::query(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
  check(conn_, r.get());
  std::vector<PgRow> rows;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    PgRow row;
    for (int j = 0; j < PQnfields(r.get()); ++j)
      row.push_back(PQgetisnull(r.get(), i, j) ? std::nullopt : std::optional<std::string>(PQgetvalue(r.get(), i, j)));
    rows.push_back(std::move(row));
  }
  return rows;
}

void PgSession::copy_in(const std::string& copy_sql, const std::function<bool(std::string&)>& next_chunk) {
  {
    Result r(PQexec(conn_, copy_sql.c_str()));
    check(conn_, r.get());
  }
  // Drains what the server answers to the end of COPY.
  auto finish = [this] {
    Result first(PQgetResult(conn_));
    std::optional<PgFailure> failure;
    try {
      check(conn_, first.get());
    } catch (const PgFailure& f) {
      failure = f;
    }
    while (Result rest{PQgetResult(conn_)}) {
    }
    if (failure) throw *failure;
  };
  std::string chunk;
  bool more = true;
  while (more) {
    chunk.clear();
    try {
      more = next_chunk(chunk);
    } catch (...) {
      // Abandon the COPY so the connection stays usable for the rollback.
      if (PQputCopyEnd(conn_, "abandoned by the client") == 1) {
        while (Result r{PQgetResult(conn_)}) {
        }
      }
      throw;
    }
    if (!chunk.empty() && PQputCopyData(conn_, chunk.data(), static_cast<int>(chunk.size())) != 1) {
      // The server may have said why (an error ends COPY early).
      finish();
      fail_from_connection();
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) fail_from_connection();
  finish();
}

std::string PgSession::literal(const std::string& text) const {
  char* quoted = PQescapeLiteral(conn_, text.c_str(), text.size());
  if (quoted == nullptr) fail_from_connection();
  std::string out = quoted;
  PQfreemem(quoted);
  return out;
}

bool is_parsable_connection(const std::string& connection) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(without_gdal_prefix(connection).c_str(), &error);
  PQfreemem(error);
  if (parsed == nullptr) return false;
  PQconninfoFree(parsed);
  return true;
}

std::string quote_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace geo::detail
