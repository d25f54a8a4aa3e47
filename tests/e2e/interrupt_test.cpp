// Interruption safety (issue 9): a real `localmap run` on the Yemen districts
// is stopped by SIGINT or SIGTERM at several points of its work; each time the
// previous run's outputs must be byte for byte what they were, with no
// temporary file left, and the process must say so and exit with 128 +
// signal.  A SIGKILL (which nothing can catch) leaves the outputs intact too,
// and the next run clears what it left behind.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "cli_support.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace {

using Snapshot = std::map<std::string, std::string>;  // file name -> bytes

Snapshot snapshot(const fs::path& dir) {
  Snapshot files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files[entry.path().filename().string()] = bytes.str();
  }
  return files;
}

std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().rfind(".partial-", 0) == 0) names.push_back(entry.path().filename().string());
  return names;
}

// Starts `localmap run`, sends `signal` after `delay`, returns the wait status.
int run_and_signal(const std::string& project, const fs::path& out, int signal, std::chrono::duration<double> delay) {
  const std::string cli = LOCALMAP_CLI, log = (out.parent_path() / "run.log").string();
  std::vector<std::string> args{cli, "run", project, "--out", out.string(), "-q"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, cli.c_str(), &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  EXPECT_EQ(spawned, 0);
  std::this_thread::sleep_for(delay);
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

TEST(Interrupt, StoppedRunsLeaveThePreviousOutputsIntact) {
  const fs::path dir = testing_support::scratch_dir();
  {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> lon(42.5, 53.0), lat(12.8, 18.5);
    std::ofstream issues(dir / "issues.csv");
    issues << "id,longitude,latitude,category\n";
    for (int i = 0; i < 300000; ++i) issues << i << "," << lon(rng) << "," << lat(rng) << "," << (i % 4 ? "arms" : "drugs") << "\n";
    std::ofstream facilities(dir / "facilities.csv");
    facilities << "id,longitude,latitude,type,status\n";
    for (int i = 0; i < 200; ++i) facilities << "F" << i << "," << lon(rng) << "," << lat(rng) << ",police_station,operational\n";
  }
  const std::string project = e2e::yemen_project(
      dir,
      "  issues:\n    source: issues.csv\n    fields: {id: id, category: category}\n"
      "  facilities:\n    source: facilities.csv\n    fields: {id: id, type: type, status: status}\n",
      "coverage:\n  radius_m: {police_station: 10000}\npriorities: {}\n");
  const fs::path out = dir / "out";

  // A complete run first: the outputs every interrupted run must leave alone.
  const auto start = std::chrono::steady_clock::now();
  const auto first = e2e::localmap("run " + project + " --out " + out.string() + " -q");
  ASSERT_EQ(first.status, 0) << first.err;
  const std::chrono::duration<double> full = std::chrono::steady_clock::now() - start;
  Snapshot before = snapshot(out);
  ASSERT_TRUE(before.count("run.json"));

  // Kill points spread over the run's own duration (load, join, analyses, writing, report).
  int interrupted = 0, finished = 0;
  const double fractions[] = {0.1, 0.3, 0.5, 0.7, 0.85, 0.95};
  for (std::size_t i = 0; i < std::size(fractions); ++i) {
    const int signal = i % 2 ? SIGTERM : SIGINT;
    SCOPED_TRACE("signal " + std::to_string(signal) + " at " + std::to_string(fractions[i]) + " of the run");
    const int status = run_and_signal(project, out, signal, full * fractions[i]);
    ASSERT_TRUE(WIFEXITED(status)) << "the run must end by itself, not die of the signal";
    if (WEXITSTATUS(status) == 0) {  // finished before the signal: its outputs are the new reference
      ++finished;
      before = snapshot(out);
      continue;
    }
    ++interrupted;
    EXPECT_EQ(WEXITSTATUS(status), 128 + signal);
    const std::string log = testing_support::read_text(dir / "run.log");
    EXPECT_NE(log.find("the previous outputs are unchanged"), std::string::npos) << log;
    EXPECT_TRUE(leftovers(out).empty()) << leftovers(out).front();
    const Snapshot after = snapshot(out);
    ASSERT_EQ(after.size(), before.size());
    for (const auto& [name, bytes] : before) EXPECT_TRUE(after.at(name) == bytes) << name << " changed";
  }
  std::cout << interrupted << " runs interrupted, " << finished << " finished before the signal\n";
  EXPECT_GE(interrupted, 3) << "too few signals arrived while the run was working (" << finished << " finished first)";

  // SIGKILL cannot be caught: the outputs are still the previous ones (the
  // staged files were never moved), and the next run removes the remains.
  // run.json moves last, so a new run.json means the kill came after the
  // whole set was in place: that run finished its work, and its outputs are
  // the new reference (the others are byte for byte the same project's).
  bool killed = false;
  for (double fraction : {0.9, 0.7, 0.5, 0.3, 0.1}) {
    const int status = run_and_signal(project, out, SIGKILL, full * fraction);
    const Snapshot after_kill = snapshot(out);
    for (const auto& [name, bytes] : before)
      EXPECT_TRUE(name == "run.json" || after_kill.at(name) == bytes) << name << " changed";
    if (WIFSIGNALED(status) && after_kill.at("run.json") == before.at("run.json")) {
      killed = true;
      break;
    }
    before = after_kill;  // it finished first, or was killed after its last move
  }
  ASSERT_TRUE(killed) << "every run finished before SIGKILL";
  const bool remains = !leftovers(out).empty();  // none if it died before writing began
  const auto next = e2e::localmap("run " + project + " --out " + out.string());
  ASSERT_EQ(next.status, 0) << next.err;
  EXPECT_TRUE(leftovers(out).empty());
  if (remains) {
    EXPECT_NE(next.out.find("an interrupted run"), std::string::npos) << next.out;
  }
}

}  // namespace
