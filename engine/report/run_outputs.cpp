#include "engine/report/run_outputs.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "engine/error.hpp"
#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace engine::report {
namespace {

const char* kRunFirst = "run `localmap run PROJECT --out DIR` first, then `localmap report DIR`";

nlohmann::json read_run_json(const fs::path& dir) {
  const fs::path path = dir / "run.json";
  std::ifstream in(path);
  if (!in) throw Error("no run.json in the run directory", {.file = path.string()}, kRunFirst);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("run.json is not valid JSON: ") + e.what(), {.file = path.string()},
                "the run was interrupted or the file was edited; run the project again");
  }
}

// The largest k with an ADM<k>_PCODE field: the level of the layer's units.
int admin_level_of(const geo::LayerData& layer) {
  static const std::regex code("ADM([0-9]+)_PCODE");
  int level = -1;
  for (const geo::FieldDef& f : layer.fields) {
    std::smatch m;
    if (std::regex_match(f.name, m, code)) level = std::max(level, std::stoi(m[1]));
  }
  return level;
}

std::string first_field(const geo::LayerData& layer, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (layer.field_index(name) >= 0) return name;
  return {};
}

// Only records attributed to a unit are drawn: unmatched ones lie outside
// the map (often far away, with swapped coordinates) and are reported in
// unmatched.geojson and run.json instead.
geo::LayerData without_unmatched(geo::LayerData layer) {
  const int match = layer.field_index("match");
  if (match < 0) return layer;
  geo::LayerData kept;
  kept.name = layer.name;
  kept.geometry = layer.geometry;
  kept.fields = layer.fields;
  for (std::size_t r = 0; r < layer.size(); ++r) {
    const std::string state = geo::to_text(layer.rows[r][match]);
    if (state != "matched" && state != "snapped") continue;
    kept.rows.push_back(std::move(layer.rows[r]));
    kept.points.push_back(layer.points[r]);
    kept.shapes.push_back(std::move(layer.shapes[r]));
  }
  return kept;
}

}  // namespace

geo::LayerData read_layer_file(const std::string& path, const std::string& name) {
  geo::VectorReader reader(path);
  geo::LayerData layer;
  layer.name = name;
  layer.fields = reader.fields();
  layer.geometry = geo::GeometryKind::None;
  reader.for_each([&](const geo::FeatureView& f) {
    std::vector<geo::Value> row;
    row.reserve(layer.fields.size());
    for (std::size_t i = 0; i < layer.fields.size(); ++i) row.push_back(f.value(static_cast<int>(i)));
    if (f.has_geometry()) {
      if (const auto p = f.point()) {
        layer.geometry = geo::GeometryKind::Point;
        layer.points.push_back(*p);
        layer.shapes.emplace_back();
      } else {
        geo::Geometry g = f.geometry();
        layer.geometry = g.is_polygonal() ? geo::GeometryKind::Polygon : geo::GeometryKind::Line;
        layer.points.push_back({std::nan(""), std::nan("")});
        layer.shapes.push_back(std::move(g));
      }
    } else {
      layer.points.push_back({std::nan(""), std::nan("")});
      layer.shapes.emplace_back();
    }
    layer.rows.push_back(std::move(row));
    return true;
  });
  return layer;
}

RunOutputs read_run_outputs(const std::string& dir, bool with_issue_points) {
  if (!fs::is_directory(dir)) throw Error("the run directory does not exist", {.file = dir}, kRunFirst);
  const fs::path base(dir);
  const nlohmann::json run = read_run_json(base);
  RunOutputs out;
  out.dir = dir;
  try {
    out.title = run.at("project").value("title", std::string());
    out.synthetic = run.at("project").value("synthetic", false);
    out.project_file = run.at("project").value("file", std::string());
    std::vector<std::string> levels;
    for (const auto& level : run.at("boundaries")) levels.push_back(level.at("name").get<std::string>());
    if (levels.empty()) throw Error("run.json lists no boundary level", {.file = (base / "run.json").string()}, kRunFirst);
    for (std::size_t i = levels.size(); i-- > 0;) {
      const fs::path path = base / (levels[i] + ".geojson");
      if (!fs::exists(path)) throw Error("a boundary layer of the run is missing", {.file = path.string()}, kRunFirst);
      BoundaryOutput b{levels[i], -1, read_layer_file(path.string(), levels[i])};
      b.level = admin_level_of(b.layer);
      if (b.level < 0)
        throw Error("the layer has no ADM<k>_PCODE field", {.file = path.string()}, "was it written by localmap run?");
      if (i + 1 == levels.size()) {
        out.units = std::move(b);
      } else {
        out.coarser.push_back(std::move(b));
      }
    }
    for (const auto& layer : run.at("layers")) {
      const std::string name = layer.at("name").get<std::string>();
      const std::string role = layer.value("role", std::string("other"));
      out.layer_names.push_back(name);
      out.layer_roles.push_back(role);
      // Only layers whose points are meant to be seen: facilities and
      // partners; individual issues only when precise export is allowed.
      const bool shown = role == "facilities" || role == "partners" || (role == "issues" && with_issue_points);
      const fs::path path = base / (name + ".geojson");
      if (!shown || !fs::exists(path)) continue;
      PointOutput p{name, role, without_unmatched(read_layer_file(path.string(), name)), {}, {}, {}, {}};
      p.type_field = first_field(p.layer, {"type", "sector", "category", "kind"});
      p.status_field = first_field(p.layer, {"status", "state"});
      p.name_en_field = first_field(p.layer, {"name_en", "name", "Name", "NAME"});
      p.name_ar_field = first_field(p.layer, {"name_ar"});
      out.points.push_back(std::move(p));
    }
    // Older runs and projects without `priorities:` have none of this.
    if (const auto it = run.find("priorities"); it != run.end() && it->is_object()) {
      for (const auto& ind : it->value("indicators", nlohmann::json::array()))
        out.indicators.push_back({ind.at("name").get<std::string>(), ind.value("direction", std::string()),
                                  ind.value("normalisation", std::string()), ind.value("weight", 0.0)});
      if (const auto params = it->find("parameters"); params != it->end() && params->is_object())
        out.top_k = params->value("sensitivity_top_k", 0);
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("run.json does not have the expected shape: ") + e.what(),
                {.file = (base / "run.json").string()}, "it was written by another localmap version; run the project again");
  }
  for (const OverlaySpec& spec : overlay_catalog()) {
    for (const std::string& file : spec.files) {
      const fs::path path = base / file;
      if (!fs::exists(path)) continue;
      out.overlays.push_back({spec, file, read_layer_file(path.string(), spec.id)});
      break;
    }
  }
  if (fs::exists(base / "priorities.csv"))
    out.priorities = read_layer_file((base / "priorities.csv").string(), "priorities");
  if (fs::exists(base / "action_plan.csv"))
    out.action_plan = read_layer_file((base / "action_plan.csv").string(), "action_plan");
  return out;
}

}  // namespace engine::report
