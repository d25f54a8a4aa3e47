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
// remove_stale_partials on the next run).  A process killed during the
// burst leaves a plan of the moves, and remove_stale_partials finishes
// them: a folder ends up with one set, never a mix of two.
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
  // (outputs of a previous run this run no longer writes).  The staged file
  // `last` moves after all the others: a reader who finds it new knows the
  // whole set is in place.
  void commit(const std::vector<std::string>& obsolete = {}, const std::string& last = "");

 private:
  std::string target_, staging_;
  bool committed_ = false;
};

// Writes `content` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& content);

struct StaleCleanup {
  int removed = 0;           // temporary files and staging directories deleted
  int commits_finished = 0;  // staging directories killed while moving their files, moves finished
};

// Clears what killed processes left in `directory` (".partial-<pid>-*"
// beside outputs): temporary files and unfinished staging directories are
// deleted; a staging directory whose commit had begun has its moves finished.
StaleCleanup remove_stale_partials(const std::string& directory);

}  // namespace geo
