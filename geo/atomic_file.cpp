#include "geo/atomic_file.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "geo/error.hpp"

namespace fs = std::filesystem;

namespace geo {

namespace {

constexpr const char* kPartialTag = ".partial-";
// Written into a staging directory before any of its files move.  The moves
// cannot be undone (each rename replaces a previous output), so a process
// killed among them leaves this plan behind and the next cleanup finishes
// the moves instead of deleting the finished outputs.
constexpr const char* kCommitPlan = ".commit-plan";

// The plan: the names to move, in order, then an empty line, then the
// target's files to remove afterwards.
void write_plan(const fs::path& staging, const std::vector<std::string>& moves, const std::vector<std::string>& removals) {
  const fs::path plan = staging / kCommitPlan, unfinished = staging / (std::string(kCommitPlan) + ".tmp");
  {
    std::ofstream out(unfinished, std::ios::binary);
    for (const std::string& name : moves) out << name << '\n';
    out << '\n';
    for (const std::string& name : removals) out << name << '\n';
    out.flush();
    if (!out) throw Error("cannot write the list of outputs to move (disk full?)", {.file = unfinished.string()});
  }
  std::error_code ec;
  fs::rename(unfinished, plan, ec);  // a plan exists whole or not at all
  if (ec) throw Error("cannot write the list of outputs to move: " + ec.message(), {.file = plan.string()});
}

// Carries out a staging directory's plan: moves what is still staged, in
// order, removes the obsolete files, then the staging directory.  Running
// it again after a kill picks up where the killed one stopped.
void carry_out_plan(const fs::path& staging, const fs::path& target) {
  std::ifstream in(staging / kCommitPlan, std::ios::binary);
  std::vector<std::string> moves, removals;
  bool removing = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) removing = true;
    else (removing ? removals : moves).push_back(line);
  }
  std::error_code ec;
  for (const std::string& name : moves) {
    if (!fs::exists(fs::symlink_status(staging / name, ec))) continue;  // moved before a kill
    fs::rename(staging / name, target / name, ec);
    if (ec) throw Error("cannot move the finished output into place: " + ec.message(), {.file = (target / name).string()});
  }
  for (const std::string& name : removals) fs::remove(target / name, ec);
  fs::remove_all(staging, ec);
}

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  const fs::path path(target_);
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error("output directory does not exist", {.file = dir.string()}, "create it first or choose another --out");
  // ".partial-<pid>-name.ext": hidden, same extension (GDAL picks drivers by it).
  temporary_ = (dir / (kPartialTag + std::to_string(::getpid()) + "-" + path.filename().string())).string();
  std::remove(temporary_.c_str());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
    fs::remove(temporary_ + "-journal", ec);
    fs::remove(temporary_ + "-wal", ec);
    fs::remove(temporary_ + "-shm", ec);
  }
}

void AtomicFile::commit() {
  std::error_code ec;
  fs::rename(temporary_, target_, ec);
  if (ec) throw Error("cannot move the finished output into place: " + ec.message(), {.file = target_});
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary_path(), std::ios::binary);
    if (!out) throw Error("cannot write (permission denied or read-only file system?)", {.file = path},
                          "choose a writable --out directory");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw Error("write failed (disk full?)", {.file = path});
  }
  file.commit();
}

StagingDirectory::StagingDirectory(std::string target_dir) : target_(std::move(target_dir)) {
  staging_ = (fs::path(target_) / (kPartialTag + std::to_string(::getpid()) + "-staging")).string();
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec))
    throw Error("cannot create a staging directory for the outputs: " + ec.message(), {.file = target_},
                "choose a writable --out directory");
}

StagingDirectory::~StagingDirectory() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
}

std::string StagingDirectory::staged(const std::string& name) const { return (fs::path(staging_) / name).string(); }

void StagingDirectory::commit(const std::vector<std::string>& obsolete, const std::string& last) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(staging_, ec)) names.push_back(entry.path().filename().string());
  if (ec) throw Error("cannot list the staged outputs: " + ec.message(), {.file = staging_});
  for (const std::string& name : names)
    if (name.find('\n') != std::string::npos)
      throw Error("an output's file name holds a line break", {.file = staged(name)}, "rename the layer");
  std::sort(names.begin(), names.end());
  std::stable_partition(names.begin(), names.end(), [&](const std::string& name) { return name != last; });
  std::vector<std::string> removals;
  for (const std::string& name : obsolete)
    if (std::find(names.begin(), names.end(), name) == names.end() && name.find('/') == std::string::npos &&
        name.find('\n') == std::string::npos)
      removals.push_back(name);
  write_plan(staging_, names, removals);
  committed_ = true;  // from here on the staged files belong in the target, even after a failure
  carry_out_plan(staging_, target_);
}

StaleCleanup remove_stale_partials(const std::string& directory) {
  StaleCleanup cleanup;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kPartialTag, 0) != 0) continue;
    // Only files of processes that no longer exist: a concurrent run's
    // temporary files are not ours to delete.
    const long pid = std::strtol(name.c_str() + std::char_traits<char>::length(kPartialTag), nullptr, 10);
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) continue;
    if (fs::exists(entry.path() / kCommitPlan, ec)) {
      carry_out_plan(entry.path(), directory);
      ++cleanup.commits_finished;
    } else if (fs::remove_all(entry.path(), ec) > 0) {
      ++cleanup.removed;
    }
  }
  return cleanup;
}

}  // namespace geo
