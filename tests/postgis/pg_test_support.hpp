#pragma once
// What the PostGIS tests share: the throwaway cluster started by the CTest
// fixture (pg_cluster.sh), an SQL client of their own (libpq, independent of
// the writer under test), and running the real `localmap` binary.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/test_support.hpp"

struct pg_conn;  // libpq's PGconn

namespace pg_test {

// The cluster's connection details, from the file pg_cluster.sh wrote.
struct Cluster {
  std::string host, port, dbname, user, password, reader_user, reader_password, plain_dbname;

  // libpq keyword=value string; `with_password` = false leaves the password to
  // PGPASSWORD or a service file.
  std::string conninfo(bool with_password = true) const;
  // "PG:<conninfo>" as localmap takes it.
  std::string pg(bool with_password = true) const { return "PG:" + conninfo(with_password); }
  std::string reader_conninfo() const;
};

// The running cluster, or nullopt with `why` set when pg_cluster.sh found no
// server to start (outside CI only; under CI the fixture itself fails).
std::optional<Cluster> cluster(std::string* why = nullptr);

// Skips the test, with the reason shown, when there is no cluster; fails it
// instead when CI is set.
#define REQUIRE_POSTGIS_CLUSTER(var)                                              \
  std::string var##_why;                                                          \
  const std::optional<pg_test::Cluster> var##_opt = pg_test::cluster(&var##_why); \
  if (!var##_opt) {                                                               \
    if (std::getenv("CI") != nullptr) FAIL() << "no PostGIS cluster under CI: " << var##_why; \
    GTEST_SKIP() << "PostGIS tests skipped: " << var##_why;                      \
  }                                                                               \
  const pg_test::Cluster& var = *var##_opt

// A schema name for the running test, unique among the tests, so tests can
// run in parallel against one database.
std::string test_schema();
// test_schema(), with whatever an earlier run of the test left there dropped.
std::string fresh_schema(const Cluster& cluster);

// A plain SQL client for checking what the writer did.  Failures throw
// std::runtime_error with the server's message.
class Db {
 public:
  explicit Db(const std::string& conninfo);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const std::string& sql);
  // Rows as text; NULL as "<null>".
  std::vector<std::vector<std::string>> rows(const std::string& sql);
  std::string value(const std::string& sql);  // first column of the first row ("" if none)
  int pid();

 private:
  pg_conn* conn_;
};

// `localmap ARGS`, waited for.  `environment` is prepended to the command
// ("PGPASSWORD=... ").
testing_support::CommandResult localmap(const std::string& arguments, const std::string& environment = {});

// `localmap ARGS` started in the background; wait() collects it.
class BackgroundRun {
 public:
  explicit BackgroundRun(const std::string& arguments, const std::string& environment = {});
  ~BackgroundRun();
  testing_support::CommandResult wait();
  bool finished();  // without blocking

 private:
  int pid_ = -1;
  std::string base_;
  std::optional<testing_support::CommandResult> result_;
};

// Waits until `sql` returns a non-empty first value (up to `timeout_s`);
// returns that value or "" on time-out.
std::string poll(Db& db, const std::string& sql, double timeout_s);

// Loads a vector file into `schema.table` with ogr2ogr (PostgreSQL driver).
void load_with_ogr2ogr(const Cluster& c, const std::string& file, const std::string& schema, const std::string& table,
                       const std::string& extra_options = {});

// Quoted for a POSIX shell.
std::string shell_quote(const std::string& text);

}  // namespace pg_test
