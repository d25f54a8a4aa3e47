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
}

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

void StagingDirectory::commit(const std::vector<std::string>& obsolete) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(staging_, ec)) names.push_back(entry.path().filename().string());
  if (ec) throw Error("cannot list the staged outputs: " + ec.message(), {.file = staging_});
  for (const std::string& name : names) {
    fs::rename(fs::path(staging_) / name, fs::path(target_) / name, ec);
    if (ec) throw Error("cannot move the finished output into place: " + ec.message(), {.file = (fs::path(target_) / name).string()});
  }
  for (const std::string& name : obsolete)
    if (std::find(names.begin(), names.end(), name) == names.end() && name.find('/') == std::string::npos)
      fs::remove(fs::path(target_) / name, ec);
  committed_ = true;
  fs::remove_all(staging_, ec);
}

int remove_stale_partials(const std::string& directory) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kPartialTag, 0) != 0) continue;
    // Only files of processes that no longer exist: a concurrent run's
    // temporary files are not ours to delete.
    const long pid = std::strtol(name.c_str() + std::char_traits<char>::length(kPartialTag), nullptr, 10);
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) continue;
    if (fs::remove_all(entry.path(), ec) > 0) ++removed;
  }
  return removed;
}

}  // namespace geo
