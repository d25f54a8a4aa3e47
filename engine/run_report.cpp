#include "engine/run_report.hpp"

#include <sys/resource.h>

#include <cmath>

#include "engine/version.hpp"
#include "geo/geometry.hpp"
#include "geo/vector_reader.hpp"

namespace engine {
namespace {

// The process's peak resident memory so far (Linux reports ru_maxrss in KiB).
double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

nlohmann::json run_report(const RunSummary& s) {
  using nlohmann::json;
  json report;
  report["localmap_version"] = kVersion;
  report["project"] = {{"file", s.project}, {"title", s.title}, {"synthetic", s.synthetic}};
  report["parameters"] = {{"snap_m", s.snap_m}, {"precision", s.precision}};
  json levels = json::array();
  for (const LevelOutcome& l : s.levels)
    levels.push_back({{"name", l.name}, {"source", l.source}, {"driver", l.driver}, {"crs", l.crs},
                      {"encoding", l.encoding}, {"units", l.units}, {"repaired", l.repaired}, {"warnings", l.warnings}});
  report["boundaries"] = levels;
  json layers = json::array();
  for (const LayerOutcome& l : s.layers) {
    json reasons = json::object();
    for (const RejectionKind& k : l.rejections)
      reasons[k.kind] = {{"count", k.count}, {"example", k.example}, {"example_record", k.example_record}};
    layers.push_back({{"name", l.name},
                      {"role", l.role},
                      {"source", l.source},
                      {"driver", l.driver},
                      {"crs", l.crs},
                      {"encoding", l.encoding},
                      {"located_by", l.located_by},
                      {"hxl_tags", l.hxl_tags},
                      {"counts",
                       {{"input", l.counts.input},
                        {"matched", l.counts.matched},
                        {"snapped", l.counts.snapped},
                        {"name_matched", l.counts.name_matched},
                        {"unmatched", l.counts.unmatched},
                        {"rejected", l.counts.rejected}}},
                      {"likely_swapped_lat_lon", l.counts.likely_swapped},
                      {"name_conflicts", l.counts.name_conflicts},
                      {"approximate_locations", l.counts.approximate},
                      {"rejection_reasons", reasons},
                      {"warnings", l.warnings}});
  }
  report["layers"] = layers;
  report["release"] = s.release;
  for (const auto& [name, section] : s.analyses.items()) report[name] = section;
  json timings = json::object();
  for (const auto& [step, seconds] : s.timings_s) timings[step] = seconds;
  report["timings_s"] = timings;
  report["peak_memory_mib"] = std::round(peak_memory_mib() * 10) / 10;
  report["outputs"] = s.outputs;
  report["libraries"] = {{"gdal", geo::gdal_version()}, {"geos", geo::geos_version()}, {"proj", geo::proj_version()}};
  return report;
}

}  // namespace engine
