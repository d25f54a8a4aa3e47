#include "geo/atomic_file.hpp"

#include <gtest/gtest.h>

#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

TEST(AtomicFile, UncommittedWriteLeavesThePreviousFile) {
  const fs::path dir = testing_support::scratch_dir();
  const fs::path target = dir / "out.txt";
  testing_support::write_text(target, "old");
  {
    geo::AtomicFile file(target.string());
    testing_support::write_text(file.temporary_path(), "half-written");
    // no commit: as if an exception had been thrown
  }
  EXPECT_EQ(testing_support::read_text(target), "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary left
}

TEST(AtomicFile, CommitReplaces) {
  const fs::path dir = testing_support::scratch_dir();
  const fs::path target = dir / "out.txt";
  testing_support::write_text(target, "old");
  geo::write_file_atomically(target.string(), "new");
  EXPECT_EQ(testing_support::read_text(target), "new");
}

TEST(AtomicFile, MissingDirectoryIsAClearError) {
  try {
    geo::write_file_atomically("/nonexistent-dir/x.txt", "x");
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("output directory does not exist"), std::string::npos) << e.what();
  }
}

TEST(AtomicFile, StalePartialsOfDeadProcessesAreRemoved) {
  const fs::path dir = testing_support::scratch_dir();
  testing_support::write_text(dir / ".partial-999999999-x.geojson", "stale");  // no such pid
  testing_support::write_text(dir / (".partial-" + std::to_string(::getpid()) + "-y.geojson"), "live");
  const geo::StaleCleanup cleanup = geo::remove_stale_partials(dir.string());
  EXPECT_EQ(cleanup.removed, 1);
  EXPECT_EQ(cleanup.commits_finished, 0);
  EXPECT_TRUE(fs::exists(dir / (".partial-" + std::to_string(::getpid()) + "-y.geojson")));
}

// The names moved into `dir`, in the order the kernel saw the renames.
std::vector<std::string> moved_in(int watch) {
  std::vector<std::string> names;
  alignas(inotify_event) char buffer[8192];
  for (ssize_t n; (n = ::read(watch, buffer, sizeof buffer)) > 0;)
    for (char* at = buffer; at < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      if (event->mask & IN_MOVED_TO) names.emplace_back(event->name);
      at += sizeof(inotify_event) + event->len;
    }
  return names;
}

TEST(StagingDirectory, CommitMovesEverythingWithTheNamedFileLastAndRemovesTheObsolete) {
  const fs::path dir = testing_support::scratch_dir();
  for (const char* name : {"a.csv", "old.csv", "run.json", "z.csv"}) testing_support::write_text(dir / name, "old");
  geo::StagingDirectory staging(dir.string());
  for (const char* name : {"a.csv", "m.geojson", "run.json", "z.csv"}) testing_support::write_text(staging.staged(name), "new");
  const int watch = ::inotify_init1(IN_NONBLOCK);
  ASSERT_GE(watch, 0);
  ASSERT_GE(::inotify_add_watch(watch, dir.c_str(), IN_MOVED_TO), 0);
  staging.commit({"old.csv", "z.csv", "run.json"}, "run.json");
  const std::vector<std::string> order = moved_in(watch);
  ::close(watch);
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order.back(), "run.json");  // "z.csv" sorts after it
  for (const char* name : {"a.csv", "m.geojson", "run.json", "z.csv"})
    EXPECT_EQ(testing_support::read_text(dir / name), "new") << name;
  EXPECT_FALSE(fs::exists(dir / "old.csv"));  // obsolete and not written again
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 4);  // no staging left
}

// A process dies in the middle of its commit (here: a rename fails, and the
// child exits without unwinding, as a SIGKILL would leave it).  The outputs
// already moved cannot be moved back, so the next cleanup finishes the moves:
// the folder holds the dead run's whole set, never a mix.
TEST(StagingDirectory, ACommitKilledHalfwayIsFinishedByTheNextCleanup) {
  const fs::path dir = testing_support::scratch_dir();
  for (const char* name : {"a.csv", "b.csv", "old.csv", "run.json"}) testing_support::write_text(dir / name, "old");
  fs::create_directories(dir / "c.csv" / "blocker");  // rename onto a non-empty directory fails
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    geo::StagingDirectory staging(dir.string());
    for (const char* name : {"a.csv", "b.csv", "c.csv", "d.csv", "run.json"})
      testing_support::write_text(staging.staged(name), "new");
    try {
      staging.commit({"old.csv"}, "run.json");
    } catch (...) {
      ::_exit(3);  // no destructors: the staging directory stays as a killed process leaves it
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 3) << "the blocked rename should have stopped the commit";
  EXPECT_EQ(testing_support::read_text(dir / "a.csv"), "new");  // moved before the failure
  EXPECT_EQ(testing_support::read_text(dir / "b.csv"), "new");
  EXPECT_EQ(testing_support::read_text(dir / "run.json"), "old");  // last, not reached

  fs::remove_all(dir / "c.csv");
  const geo::StaleCleanup cleanup = geo::remove_stale_partials(dir.string());
  EXPECT_EQ(cleanup.commits_finished, 1);
  EXPECT_EQ(cleanup.removed, 0);
  for (const char* name : {"a.csv", "b.csv", "c.csv", "d.csv", "run.json"})
    EXPECT_EQ(testing_support::read_text(dir / name), "new") << name;
  EXPECT_FALSE(fs::exists(dir / "old.csv"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 5);  // no staging left
}

}  // namespace
