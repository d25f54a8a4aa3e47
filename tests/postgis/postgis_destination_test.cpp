// Where PostGIS outputs may go, checked before any work: connection
// failures, missing PostGIS, missing privileges, schema names, and
// credentials from the environment or a service file (which GDAL's reading
// takes too).  Every message is one line plus a hint, without the password.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "geo/error.hpp"
#include "geo/postgis_writer.hpp"
#include "geo/vector_reader.hpp"
#include "pg_test_support.hpp"

namespace {

// The message of the geo::Error `check` throws.
template <typename F>
std::string error_of(F&& check) {
  try {
    check();
  } catch (const geo::Error& e) {
    return e.what();
  }
  return "(no error)";
}

void expect_short_and_masked(const std::string& message, const std::string& secret) {
  EXPECT_EQ(message.find(secret), std::string::npos) << message;
  EXPECT_LE(std::count(message.begin(), message.end(), '\n'), 1) << message;  // problem, then hint
}

// A query rather than the database's layers: other tests change those meanwhile.
geo::ReadOptions one_row() {
  geo::ReadOptions o;
  o.sql = "SELECT 1 AS one";
  return o;
}

}  // namespace

TEST(PostgisDestination, WrongPasswordIsOneLineWithoutThePassword) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string secret = "not-the-password-4711";
  const std::string m = error_of([&] { geo::check_postgis_destination(c.pg(false) + " password=" + secret, "results"); });
  EXPECT_NE(m.find("password=***: cannot connect to the database: "), std::string::npos) << m;
  EXPECT_NE(m.find("password authentication failed for user \"" + c.user + "\""), std::string::npos) << m;
  EXPECT_NE(m.find("hint: "), std::string::npos) << m;
  expect_short_and_masked(m, secret);
}

TEST(PostgisDestination, NoServerIsOneLine) {
  // Port 1 on loopback: nothing listens there.
  const std::string m =
      error_of([&] { geo::check_postgis_destination("PG:host=127.0.0.1 port=1 dbname=x user=y password=zz9", "results"); });
  EXPECT_NE(m.find("cannot connect to the database: "), std::string::npos) << m;
  EXPECT_NE(m.find("Connection refused"), std::string::npos) << m;
  expect_short_and_masked(m, "zz9");
}

TEST(PostgisDestination, DatabaseWithoutPostgis) {
  REQUIRE_POSTGIS_CLUSTER(c);
  pg_test::Cluster plain = c;
  plain.dbname = c.plain_dbname;
  const std::string m = error_of([&] { geo::check_postgis_destination(plain.pg(), "results"); });
  EXPECT_NE(m.find("the database has no PostGIS extension"), std::string::npos) << m;
  EXPECT_NE(m.find("CREATE EXTENSION postgis"), std::string::npos) << m;
  expect_short_and_masked(m, c.password);
}

TEST(PostgisDestination, RoleWithoutPrivileges) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  pg_test::Db(c.conninfo()).exec("CREATE SCHEMA " + s);
  const std::string reader = "PG:" + c.reader_conninfo();
  std::string m = error_of([&] { geo::check_postgis_destination(reader, s); });
  EXPECT_NE(m.find("user '" + c.reader_user + "' may not create tables in schema '" + s + "'"), std::string::npos) << m;
  EXPECT_NE(m.find("GRANT USAGE, CREATE ON SCHEMA " + s), std::string::npos) << m;
  expect_short_and_masked(m, c.reader_password);
  m = error_of([&] { geo::check_postgis_destination(reader, s + "_new"); });
  EXPECT_NE(m.find("schema '" + s + "_new' does not exist and user '" + c.reader_user + "' may not create it"),
            std::string::npos)
      << m;
  // The owner may.
  EXPECT_EQ(error_of([&] { geo::check_postgis_destination(c.pg(), s); }), "(no error)");
}

TEST(PostgisDestination, SchemaNamesAreLowerCaseIdentifiers) {
  for (const std::string bad : {"", "Results", "pg_results", "my-results", "1st", "a b", "ré"})
    EXPECT_THROW(geo::check_schema_name(bad), geo::Error) << bad;
  EXPECT_THROW(geo::check_schema_name(std::string(64, 'a')), geo::Error);
  for (const std::string& good : {std::string("results"), std::string("localmap_results"), std::string("_x1"), std::string(63, 'a')})
    EXPECT_NO_THROW(geo::check_schema_name(good)) << good;
}

TEST(PostgisDestination, OtherDatabasesAndGdalOnlyOptionsAreRefused) {
  REQUIRE_POSTGIS_CLUSTER(c);
  EXPECT_NE(error_of([&] { geo::check_postgis_destination("MySQL:test,user=root", "results"); })
                .find("only PostgreSQL databases can be written to"),
            std::string::npos);
  const std::string m = error_of([&] { geo::check_postgis_destination(c.pg() + " active_schema=x", "results"); });
  EXPECT_NE(m.find("invalid connection option \"active_schema\""), std::string::npos) << m;
  expect_short_and_masked(m, c.password);
  // A malformed string: libpq's complaint would quote it, so it is not passed on.
  const std::string malformed = error_of([&] { geo::check_postgis_destination("PG:host=x password secret7", "results"); });
  EXPECT_NE(malformed.find("is not keyword=value pairs"), std::string::npos) << malformed;
  EXPECT_EQ(malformed.rfind("PG:(a connection string that cannot be parsed, not shown): ", 0), 0u) << malformed;
  expect_short_and_masked(malformed, "secret7");
}

TEST(PostgisDestination, PasswordFromTheEnvironment) {
  REQUIRE_POSTGIS_CLUSTER(c);
  ::setenv("PGPASSWORD", c.password.c_str(), 1);
  EXPECT_EQ(error_of([&] { geo::check_postgis_destination(c.pg(false), "results"); }), "(no error)");
  // Reading through GDAL takes the same environment.
  EXPECT_NO_THROW(geo::VectorReader(c.pg(false), one_row()));
  ::unsetenv("PGPASSWORD");
  EXPECT_NE(error_of([&] { geo::check_postgis_destination(c.pg(false), "results"); }).find("cannot connect"),
            std::string::npos);
}

TEST(PostgisDestination, ConnectionFromAServiceFile) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const auto dir = testing_support::scratch_dir();
  testing_support::write_text(dir / "pg_service.conf", "[localmap_test]\nhost=" + c.host + "\nport=" + c.port +
                                                           "\ndbname=" + c.dbname + "\nuser=" + c.user +
                                                           "\npassword=" + c.password + "\n");
  ::setenv("PGSERVICEFILE", (dir / "pg_service.conf").c_str(), 1);
  EXPECT_EQ(error_of([&] { geo::check_postgis_destination("PG:service=localmap_test", "results"); }), "(no error)");
  EXPECT_EQ(error_of([&] { geo::check_postgis_destination("postgresql:///?service=localmap_test", "results"); }),
            "(no error)");
  EXPECT_NO_THROW(geo::VectorReader("PG:service=localmap_test", one_row()));
  ::unsetenv("PGSERVICEFILE");
}
