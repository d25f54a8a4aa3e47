#pragma once
// Atomic file output: write to a hidden temporary file beside the target,
// then rename it over the target in one step.  If commit() is never reached
// (an exception, a failed write) the temporary file is removed and the target
// keeps its previous content.

#include <string>
#include <vector>

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

// A whole set of outputs replaced at once: every file is written into a
// hidden staging directory inside the target directory, and commit() moves
// them all into place in one short burst of renames.  Until then the
// target's previous files are untouched; if commit() is never reached the
// staging directory is removed (and a killed process's is removed by
// remove_stale_partials on the next run).
class StagingDirectory {
 public:
  explicit StagingDirectory(std::string target_dir);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  const std::string& path() const { return staging_; }
  std::string staged(const std::string& name) const;  // where to write output `name`
  // Moves every staged file over the target's file of the same name, then
  // removes the target's files named in `obsolete` that were not staged
  // (outputs of a previous run this run no longer writes).
  void commit(const std::vector<std::string>& obsolete = {});

 private:
  std::string target_, staging_;
  bool committed_ = false;
};

// Writes `content` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& content);

// Removes temporary files and staging directories left by a killed process
// (".partial-<pid>-*" beside outputs) in `directory`; returns how many were
// removed.
int remove_stale_partials(const std::string& directory);

}  // namespace geo
