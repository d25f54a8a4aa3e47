#include "geopandas_peer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "subprocess.hpp"

namespace bench {
namespace {

// Debian's python3-geopandas belongs to Debian's interpreter; a `python3`
// found on PATH may be another one without it.
constexpr const char* kPython = "/usr/bin/python3";

DistrictCounts read_counts(const std::string& path, std::string& error) {
  DistrictCounts counts;
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line) || line != "code,count") {
    error = "no counts CSV with the header code,count at " + path;
    return counts;
  }
  while (std::getline(in, line)) {
    const auto comma = line.rfind(',');
    if (comma == std::string::npos) {
      error = "bad line in " + path + ": " + line;
      return counts;
    }
    counts[line.substr(0, comma)] += std::stoll(line.substr(comma + 1));
  }
  return counts;
}

}  // namespace

GeopandasRun run_geopandas_peer(const std::string& script, const std::string& points_csv, const std::string& districts,
                                const std::string& code_field, const std::string& out_csv) {
  GeopandasRun run;
  if (!std::filesystem::exists(kPython)) {
    run.error = std::string(kPython) + " not found";
    return run;
  }
  std::filesystem::remove(out_csv);  // a stale file must not pass for this run's answer
  const ProcessResult p = run_process({kPython, script, points_csv, districts, code_field, out_csv});
  run.wall_s = p.wall_s;
  run.cpu_s = p.cpu_s;
  run.peak_rss_mib = p.peak_rss_mib;
  if (p.exit_code != 0) {
    run.error = "exit status " + std::to_string(p.exit_code) + " (its messages are above)";
    return run;
  }
  std::istringstream out(p.out);
  for (std::string line; std::getline(out, line);) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "step") {
      std::string name;
      double seconds = 0;
      words >> name >> seconds;
      run.steps.emplace_back(name, seconds);
    } else if (key == "pairs") {
      words >> run.pairs;
    } else if (key == "versions") {
      std::getline(words >> std::ws, run.versions);
    }
  }
  if (run.steps.empty() || run.steps.back().first != "total") {
    run.error = "no step timings in its output";
    return run;
  }
  run.counts = read_counts(out_csv, run.error);
  return run;
}

}  // namespace bench
