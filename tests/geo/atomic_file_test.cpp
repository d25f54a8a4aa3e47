#include "geo/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

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
  EXPECT_EQ(geo::remove_stale_partials(dir.string()), 1);
  EXPECT_TRUE(fs::exists(dir / (".partial-" + std::to_string(::getpid()) + "-y.geojson")));
}

}  // namespace
