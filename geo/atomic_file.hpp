#pragma once
// Atomic file output: write to a hidden temporary file beside the target,
// then rename it over the target in one step.  If commit() is never reached
// (an exception, a failed write) the temporary file is removed and the target
// keeps its previous content.

#include <string>

namespace geo {

class AtomicFile {
 public:
  explicit AtomicFile(std::string target);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write: same directory and extension as the target.
  const std::string& temporary_path() const { return temporary_; }
  const std::string& target_path() const { return target_; }
  // Renames the temporary file over the target (throws geo::Error on failure).
  void commit();

 private:
  std::string target_;
  std::string temporary_;
  bool committed_ = false;
};

// Writes `content` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& content);

// Removes temporary files left by a killed process (".partial-*" beside
// outputs) in `directory`; returns how many were removed.
int remove_stale_partials(const std::string& directory);

}  // namespace geo
