#pragma once
// Runs another program for the benchmark's peers (the GeoPandas script, the
// PostgreSQL cluster script) and reports what a peer comparison needs: its
// exit status, its standard output, its wall time from just before the
// fork to its exit, and its peak memory.  Standard error is left on the
// terminal, so a peer's own diagnostics are seen as they happen.

#include <string>
#include <vector>

namespace bench {

struct ProcessResult {
  int exit_code = -1;     // the program's exit status; 128 + N when killed by signal N; -1 if it did not start
  std::string out;        // everything it wrote to standard output
  double wall_s = 0;      // std::chrono::steady_clock, fork to reaping
  double cpu_s = 0;         // the child's user + system CPU time (wait4)
  double peak_rss_mib = 0;  // the child's ru_maxrss (wait4), not this process's
};

// argv[0] is a path (no PATH search: the peers name exact interpreters).
ProcessResult run_process(const std::vector<std::string>& argv);

}  // namespace bench
