#include "run_summary.hpp"

#include <filesystem>

namespace localmap_cli {

void print_accounting_header(std::FILE* out) {
  std::fprintf(out, "  %-16s %10s %10s %10s %10s %10s %10s\n", "layer", "input", "matched", "snapped", "by name", "unmatched",
               "rejected");
}

void print_accounting(const std::string& name, const engine::JoinCounts& c, std::FILE* out) {
  std::fprintf(out, "  %-16s %10lld %10lld %10lld %10lld %10lld %10lld", name.c_str(), static_cast<long long>(c.input),
               static_cast<long long>(c.matched), static_cast<long long>(c.snapped), static_cast<long long>(c.name_matched),
               static_cast<long long>(c.unmatched), static_cast<long long>(c.rejected));
  if (c.likely_swapped > 0) std::fprintf(out, "   (%lld look like swapped lat/lon)", static_cast<long long>(c.likely_swapped));
  if (c.name_conflicts > 0)
    std::fprintf(out, "   (%lld with admin names naming another unit)", static_cast<long long>(c.name_conflicts));
  std::fprintf(out, "\n");
}

namespace {

// What left the run of each layer (engine/disclosure.hpp), from run.json's "release".
void print_release(const nlohmann::json& release, std::FILE* out) {
  if (!release.contains("layers")) return;
  const int k = release["min_count"].get<int>();
  for (const auto& [name, l] : release["layers"].items()) {
    const std::string sensitivity = l["sensitivity"].get<std::string>();
    if (l["allow_precise"].get<bool>())
      std::fprintf(out, "  release: %s is %s; its points are exported (--allow-precise)\n", name.c_str(), sensitivity.c_str());
    else if (!l["counts_exported"].get<bool>())
      std::fprintf(out, "  release: %s is confidential: used by the analyses, nothing of it exported\n", name.c_str());
    else if (!l["points_exported"].get<bool>())
      std::fprintf(out, "  release: %s is restricted: counts per unit only, %lld cells and %lld sub-counts withheld (below %d, or to "
                   "protect those); --allow-precise %s exports its points\n",
                   name.c_str(), static_cast<long long>(l["suppressed_cells"]["total"].get<std::int64_t>()),
                   static_cast<long long>(l.value("/suppressed_sub_counts/total"_json_pointer, std::int64_t{0})), k, name.c_str());
    const auto& withheld = l["fields_withheld"];
    if (l["points_exported"].get<bool>() && !withheld.empty()) {
      std::string fields;
      for (const auto& f : withheld) fields += (fields.empty() ? "" : ", ") + f.get<std::string>();
      std::fprintf(out, "  release: %s: fields not exported (list them in export_fields: to keep them): %s\n", name.c_str(),
                   fields.c_str());
    }
  }
}

}  // namespace

void print_run_summary(const engine::RunSummary& s, std::FILE* out) {
  std::fprintf(out, "localmap run: %s%s\n", s.title.c_str(), s.synthetic ? "  [SYNTHETIC data]" : "");
  std::fprintf(out, "boundaries:");
  for (const auto& level : s.levels) {
    std::fprintf(out, "  %s %zu", level.name.c_str(), level.units);
    if (level.repaired > 0) std::fprintf(out, " (%lld repaired)", static_cast<long long>(level.repaired));
  }
  std::fprintf(out, "\n");
  print_accounting_header(out);
  for (const auto& layer : s.layers) print_accounting(layer.name, layer.counts, out);
  for (const auto& layer : s.layers) {
    for (const auto& k : layer.rejections) {
      std::fprintf(out, "  rejected in %s: %lld x %s", layer.name.c_str(), static_cast<long long>(k.count),
                   k.count == 1 ? k.example.c_str() : k.kind.c_str());
      if (k.count > 1) std::fprintf(out, " (e.g. record %lld: %s)", static_cast<long long>(k.example_record), k.example.c_str());
      else std::fprintf(out, " (record %lld)", static_cast<long long>(k.example_record));
      std::fprintf(out, "\n");
    }
    if (layer.counts.approximate > 0)
      std::fprintf(out, "  %s: %lld locations flagged approximate\n", layer.name.c_str(),
                   static_cast<long long>(layer.counts.approximate));
  }
  if (s.snap_m > 0) std::fprintf(out, "  snapping: points within %.0f m of a boundary are snapped\n", s.snap_m);
  for (const auto& level : s.levels)
    for (const auto& w : level.warnings) std::fprintf(out, "  warning (%s): %s\n", level.name.c_str(), w.c_str());
  for (const auto& layer : s.layers)
    for (const auto& w : layer.warnings) std::fprintf(out, "  warning (%s): %s\n", layer.name.c_str(), w.c_str());
  print_release(s.release, out);
  for (const auto& line : s.analysis_lines) std::fprintf(out, "%s\n", line.c_str());
  if (s.stale.removed > 0)
    std::fprintf(out, "  removed %d temporary files left by an interrupted run\n", s.stale.removed);
  if (s.stale.commits_finished > 0)
    std::fprintf(out, "  finished moving into place the outputs of an interrupted run killed while moving them\n");
  std::fprintf(out, "outputs in %s:", s.out_dir.c_str());
  for (const auto& path : s.outputs) std::fprintf(out, " %s", std::filesystem::path(path).filename().c_str());
  std::fprintf(out, "\n");
}

}  // namespace localmap_cli
