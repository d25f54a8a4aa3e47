// Faults and contention while `localmap run` writes to PostGIS, with the real
// binary and the real server: the writer's connection terminated from the
// test (pg_terminate_backend) while it copies rows and while it swaps tables
// in; a second run into the same schema refused while the first writes, or
// served after it.  The previous tables must always survive untouched.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "pg_test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string demo() { return testing_support::source_path("data/demo/project.yaml"); }

std::string out(const pg_test::Cluster& c, const std::string& schema) {
  return "--out " + pg_test::shell_quote(c.pg()) + " --schema " + schema + " --allow-precise issues";
}

// Everything a reader can see of a schema: tables, their row counts and
// comments, and the stored run report.
std::string snapshot(pg_test::Db& db, const std::string& schema) {
  std::string text;
  for (const auto& row : db.rows("SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c WHERE "
                                 "c.relnamespace = '" + schema + "'::regnamespace ORDER BY 1")) {
    text += row[0] + " | " + row[1];
    if (row[0].find("_pkey") == std::string::npos && row[0].find("_idx") == std::string::npos)
      text += " | " + db.value("SELECT count(*) FROM " + schema + "." + row[0]);
    text += "\n";
  }
  return text + db.value("SELECT report FROM " + schema + ".run");
}

void expect_clear_failure(const testing_support::CommandResult& r, const std::string& password,
                          std::initializer_list<std::string> parts) {
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_EQ(r.err.rfind("localmap: error: ", 0), 0u) << r.err;
  for (const std::string& part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << "missing '" << part << "' in: " << r.err;
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
  EXPECT_EQ(r.err.find(password), std::string::npos) << r.err;
}

// A reader in an open transaction holding table `schema.table`: a writer
// stops at its swap there, its transaction and the schema's lock held.
struct TableHold {
  TableHold(const pg_test::Cluster& c, const std::string& schema, const std::string& table) : db(c.conninfo()) {
    db.exec("BEGIN");
    db.exec("LOCK TABLE " + schema + "." + table + " IN ACCESS SHARE MODE");
  }
  void release() { db.exec("COMMIT"); }
  pg_test::Db db;
};

// The pid of localmap's session once it waits to drop `schema.table`.
std::string writer_blocked_at(pg_test::Db& watcher, const std::string& schema, const std::string& table) {
  return pg_test::poll(watcher,
                       "SELECT pid FROM pg_stat_activity WHERE application_name = 'localmap' AND wait_event_type = "
                       "'Lock' AND query LIKE 'DROP TABLE \"" + schema + "\".\"" + table + "\"%'",
                       60);
}

}  // namespace

TEST(PostgisFault, ConnectionTerminatedDuringTheSwapLeavesThePreviousTables) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  ASSERT_EQ(pg_test::localmap("run " + demo() + " " + out(c, s) + " -q").status, 0);
  pg_test::Db watcher(c.conninfo());
  const std::string before = snapshot(watcher, s);

  // `run` is swapped in last: when the writer waits for it, every other table
  // has already been replaced inside its transaction.
  TableHold hold(c, s, "run");
  pg_test::BackgroundRun second("run " + demo() + " " + out(c, s) + " --snap-m 0 -q");
  const std::string pid = writer_blocked_at(watcher, s, "run");
  ASSERT_FALSE(pid.empty()) << "the second run never reached its swap: " << second.wait().err;
  EXPECT_EQ(watcher.value("SELECT pg_terminate_backend(" + pid + ")"), "t");
  hold.release();

  expect_clear_failure(second.wait(), c.password,
                       {"lost the connection to the database while replacing table '" + s + ".run'",
                        "terminating connection due to administrator command",
                        "nothing was changed: the previous tables are as they were"});
  EXPECT_EQ(snapshot(watcher, s), before);
}

TEST(PostgisFault, ConnectionTerminatedWhileCopyingRowsLeavesThePreviousTables) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  ASSERT_EQ(pg_test::localmap("run " + demo() + " " + out(c, s) + " -q").status, 0);
  pg_test::Db watcher(c.conninfo());
  const std::string before = snapshot(watcher, s);

  // The demo project with a large issues layer, so copying its rows takes a
  // while; the layer order puts issues fifth (_staging_4).
  const fs::path dir = testing_support::scratch_dir();
  {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> lon(62.7, 64.8), lat(12.5, 14.8);
    std::ofstream csv(dir / "issues.csv");
    csv.precision(10);
    csv << "issue_id,longitude,latitude,category\n";
    for (int i = 0; i < 300000; ++i) csv << "I" << i << "," << lon(rng) << "," << lat(rng) << ",drugs\n";
  }
  const std::string demo_dir = testing_support::source_path("data/demo") + "/";
  const std::string project = "project: Demo Region, many issues (synthetic)\n"
                              "synthetic: true\n"
                              "boundaries:\n"
                              "  governorates: {level: 1, source: " + demo_dir + "governorates.geojson}\n"
                              "  districts: {level: 2, source: " + demo_dir + "districts.geojson, parent: ADM1_PCODE}\n"
                              "layers:\n"
                              "  facilities: {source: " + demo_dir + "facilities.csv}\n"
                              "  partners: {source: " + demo_dir + "partners.csv}\n"
                              "  issues: {source: " + (dir / "issues.csv").string() + ", fields: {id: issue_id, category: category}}\n";
  testing_support::write_text(dir / "project.yaml", project);

  pg_test::BackgroundRun second("run " + (dir / "project.yaml").string() + " " + out(c, s) + " -q");
  const std::string pid = pg_test::poll(
      watcher,
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'localmap' AND state = 'active' AND query LIKE "
      "'COPY \"" + s + "\".\"_staging_4\"%'",
      120);
  ASSERT_FALSE(pid.empty()) << "never saw the second run copying issues: " << second.wait().err;
  EXPECT_EQ(watcher.value("SELECT pg_terminate_backend(" + pid + ")"), "t");

  expect_clear_failure(second.wait(), c.password,
                       {"lost the connection to the database while writing table '" + s + ".issues'",
                        "nothing was changed: the previous tables are as they were"});
  EXPECT_EQ(snapshot(watcher, s), before);
  EXPECT_EQ(watcher.value("SELECT count(*) FROM pg_class WHERE relname LIKE '\\_staging\\_%'"), "0");
}

TEST(PostgisFault, ASecondRunIntoTheSameSchemaIsRefusedWhileTheFirstWrites) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  ASSERT_EQ(pg_test::localmap("run " + demo() + " " + out(c, s) + " -q").status, 0);
  pg_test::Db watcher(c.conninfo());

  TableHold hold(c, s, "run");
  pg_test::BackgroundRun first("run " + demo() + " " + out(c, s) + " --snap-m 0 -q");
  const std::string first_pid = writer_blocked_at(watcher, s, "run");
  ASSERT_FALSE(first_pid.empty()) << first.wait().err;

  const auto second = pg_test::localmap("run " + demo() + " " + out(c, s) + " --snap-m 100 --lock-wait-s 1 -q");
  expect_clear_failure(second, c.password,
                       {"another writer is writing schema '" + s + "' (pid " + first_pid + ", user " + c.user +
                            ", application 'localmap')",
                        "gave up after waiting 1 s"});

  hold.release();
  const auto r = first.wait();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(watcher.value("SELECT report::jsonb -> 'parameters' ->> 'snap_m' FROM " + s + ".run"), "0.0");
}

TEST(PostgisFault, ConcurrentRunsIntoTheSameSchemaAreServedOneAfterTheOther) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  ASSERT_EQ(pg_test::localmap("run " + demo() + " " + out(c, s) + " -q").status, 0);
  pg_test::Db watcher(c.conninfo());

  // The first run is held at its swap; the second must then wait for the
  // schema's lock rather than interleave with it.
  TableHold hold(c, s, "run");
  pg_test::BackgroundRun first("run " + demo() + " " + out(c, s) + " --snap-m 0 -q");
  ASSERT_FALSE(writer_blocked_at(watcher, s, "run").empty()) << first.wait().err;
  pg_test::BackgroundRun second("run " + demo() + " " + out(c, s) + " --snap-m 100 -q");
  ASSERT_FALSE(pg_test::poll(watcher,
                             "SELECT pid FROM pg_stat_activity WHERE application_name = 'localmap' AND wait_event_type "
                             "= 'Lock' AND query LIKE '%pg_advisory_xact_lock%'",
                             60)
                   .empty())
      << second.wait().err;
  EXPECT_FALSE(second.finished());
  hold.release();

  const auto r1 = first.wait();
  const auto r2 = second.wait();
  EXPECT_EQ(r1.status, 0) << r1.err;
  EXPECT_EQ(r2.status, 0) << r2.err;
  // The second run's tables, all of them, with nothing of the first's.
  EXPECT_EQ(watcher.value("SELECT report::jsonb -> 'parameters' ->> 'snap_m' FROM " + s + ".run"), "100.0");
  EXPECT_EQ(watcher.value("SELECT count(DISTINCT obj_description(c.oid, 'pg_class')) FROM pg_class c WHERE c.relkind = "
                          "'r' AND c.relnamespace = '" + s + "'::regnamespace"),
            "1");
  EXPECT_NE(watcher.value("SELECT obj_description('" + s + ".issues'::regclass, 'pg_class')").find("\"snap_m\":100.0"),
            std::string::npos);
}
