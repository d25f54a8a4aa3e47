// Driver messages in geo::Error: one line, and never a password.  The
// database cases need no server: libpq fails on the connection string or on
// a port where nothing listens, in several lines, before any password check.

#include "geo/detail/gdal_errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "geo/error.hpp"
#include "geo/vector_reader.hpp"

namespace {

TEST(GdalMessages, LibpqStyleMessageBecomesOneLine) {
  EXPECT_EQ(geo::detail::one_line("PQconnectdb failed.\nconnection to server at \"127.0.0.1\", port 5433 failed: "
                                  "FATAL:  password authentication failed for user \"u\"\n"),
            "PQconnectdb failed; connection to server at \"127.0.0.1\", port 5433 failed: FATAL: password "
            "authentication failed for user \"u\"");
  EXPECT_EQ(geo::detail::one_line("ERROR:  relation \"x\" does not exist\r\nLINE 1: SELECT * FROM x\n\t\t^\n"),
            "ERROR: relation \"x\" does not exist; LINE 1: SELECT * FROM x; ^");
  EXPECT_EQ(geo::detail::one_line("  single line.  "), "single line.");
  EXPECT_EQ(geo::detail::one_line("\n\n"), "");
}

std::string open_error(const std::string& source) {
  try {
    geo::VectorReader reader(source);
  } catch (const geo::Error& e) {
    return e.what();
  }
  return "(opened)";
}

// Nothing listens on port 1: libpq's answer spans lines and the source holds
// a password.
TEST(GdalMessages, RefusedDatabaseConnectionIsOneLineWithoutThePassword) {
  const std::string secret = "s3cret-value-42";
  const std::string e =
      open_error("PG:host=127.0.0.1 port=1 dbname=nothing user=nobody password=" + secret + " connect_timeout=5");
  EXPECT_NE(e.find("cannot connect to the database"), std::string::npos) << e;
  EXPECT_NE(e.find("password=***"), std::string::npos) << e;
  EXPECT_EQ(e.find(secret), std::string::npos) << e;
  // The problem on one line, then the hint on one line.
  EXPECT_EQ(std::count(e.begin(), e.end(), '\n'), 1) << e;
  EXPECT_NE(e.find("\n  hint: check host, port, dbname, user and password"), std::string::npos) << e;
}

// A password with a space and no quotes: libpq complains about the word
// after the space, bare ("missing "=" after "..."), which masking
// password=... alone would let through.
TEST(GdalMessages, PasswordEchoedBareByLibpqIsMasked) {
  const std::string e = open_error("PG:host=127.0.0.1 port=1 dbname=nothing password=first-part tail-of-secret");
  EXPECT_EQ(e.find("tail-of-secret"), std::string::npos) << e;
  EXPECT_EQ(e.find("first-part"), std::string::npos) << e;
  EXPECT_EQ(std::count(e.begin(), e.end(), '\n'), 1) << e;
}

}  // namespace
