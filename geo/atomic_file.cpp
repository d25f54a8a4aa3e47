#include "geo/atomic_file.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

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
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace geo
