#include "engine/project.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"
#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace engine {
namespace {

int default_level(const std::string& name, int position) {
  if (name == "countries" || name == "country") return 0;
  if (name == "governorates" || name == "regions" || name == "provinces") return 1;
  if (name == "districts") return 2;
  if (name == "subdistricts" || name == "sub_districts" || name == "uzlas") return 3;
  return position + 1;
}

Sensitivity parse_sensitivity(Section& s, const std::string& role) {
  const YAML::Node node = s.take("sensitivity");
  const Sensitivity fallback = role == "issues" ? Sensitivity::Restricted : Sensitivity::Public;
  if (!node) return fallback;
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  for (Sensitivity v : {Sensitivity::Public, Sensitivity::Restricted, Sensitivity::Confidential})
    if (text == to_string(v)) return v;
  s.fail(node, "'" + s.qualified("sensitivity") + "' is '" + text + "'", "sensitivity is public, restricted or confidential");
}

std::vector<std::string> default_count_by(const std::string& role) {
  if (role == "facilities") return {"type", "status"};
  if (role == "partners") return {"type"};
  if (role == "issues") return {"category"};
  return {};
}

}  // namespace

const char* to_string(Sensitivity s) {
  switch (s) {
    case Sensitivity::Public: return "public";
    case Sensitivity::Restricted: return "restricted";
    case Sensitivity::Confidential: return "confidential";
  }
  return "?";
}

bool PointLayerSpec::exports_field(const std::string& field) const {
  if (export_all_fields) return true;
  auto named = [&](const std::string& f) { return !f.empty() && f == field; };
  const FieldRoles& r = fields;
  for (const std::string* f : {&r.id, &r.name_en, &r.name_ar, &r.type, &r.status, &r.category, &r.date, &r.severity})
    if (named(*f)) return true;
  for (const auto& [level, names] : admin_names)
    if (std::any_of(names.begin(), names.end(), named)) return true;
  return std::any_of(admin_codes.begin(), admin_codes.end(), named) ||
         std::any_of(export_fields.begin(), export_fields.end(), named);
}

std::string analysis_layer(const Project& project, const std::string& section, const std::string& key,
                           const std::string& named, const std::string& role, const std::string& user) {
  if (!named.empty()) {
    for (const PointLayerSpec& layer : project.layers)
      if (layer.name == named) return named;
    std::string names;
    for (const PointLayerSpec& layer : project.layers) names += (names.empty() ? "" : ", ") + layer.name;
    throw Error("'" + section + "." + key + "' names the layer '" + named + "', which the project does not have",
                {.file = project.path}, "layers: " + names);
  }
  std::string found;
  for (const PointLayerSpec& layer : project.layers) {
    if (layer.role != role) continue;
    if (!found.empty())
      throw Error("the layers '" + found + "' and '" + layer.name + "' both have role " + role, {.file = project.path},
                  "name the one " + user + " should use in " + section + "." + key);
    found = layer.name;
  }
  return found;
}

geo::ReadOptions read_options(const SourceSpec& spec) {
  geo::ReadOptions o;
  o.layer = spec.layer;
  o.sql = spec.sql;
  o.encoding = spec.encoding;
  o.crs = spec.crs;
  return o;
}

std::string resolve_path(const std::string& source, const std::string& base_dir) {
  if (source.empty() || geo::is_database_source(source) || source.rfind("/vsi", 0) == 0) return source;
  const fs::path p(source);
  return p.is_absolute() ? source : (fs::path(base_dir) / p).lexically_normal().string();
}

SourceSpec read_source_spec(Section& s, const std::string& base_dir, bool required, bool coordinates) {
  SourceSpec spec;
  spec.line = s.line();
  spec.source = resolve_path(required ? s.required_text("source") : s.text("source"), base_dir);
  spec.layer = s.text("layer");
  spec.sql = s.text("sql");
  spec.encoding = s.text("encoding");
  spec.crs = s.text("crs");
  if (coordinates) {
    spec.coordinates.x = s.text("x");
    spec.coordinates.y = s.text("y");
    spec.coordinates.wkt = s.text("wkt");
    spec.coordinates.geopoint = s.text("geopoint");
  }
  return spec;
}

YAML::Node Project::analysis(const std::string& name) const {
  const auto it = analyses.find(name);
  return it == analyses.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
}

Project parse_project(const std::string& yaml, const std::string& base_dir, const std::string& label) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::ParserException& e) {
    throw Error("line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) +
                    ": not valid YAML: " + e.msg,
                {.file = label}, "check indentation and quoting around that line");
  }
  if (!root || root.IsNull()) throw Error("the project file is empty", {.file = label}, "see data/demo/project.yaml for an example");
  Project project;
  project.path = label;
  Section top(root, "", label);
  project.title = top.text("project", fs::path(label).stem().string());
  project.synthetic = top.boolean("synthetic", false);

  const YAML::Node boundaries = top.take("boundaries");
  if (!boundaries) top.fail(root, "missing key 'boundaries'", "name at least the district layer under boundaries:");
  Section levels(boundaries, "boundaries", label);
  for (const auto& entry : boundaries) {
    const std::string name = entry.first.as<std::string>();
    levels.take(name);
    Section s(entry.second, "boundaries." + name, label);
    AdminLevelSpec level;
    level.name = name;
    level.line = s.line();
    level.level = s.integer("level", default_level(name, static_cast<int>(project.levels.size())));
    level.from = s.text("from");
    level.source = read_source_spec(s, base_dir, level.from.empty());
    const std::string n = std::to_string(level.level);
    level.code = s.text("code", "ADM" + n + "_PCODE");
    level.name_en = s.text("name_en", "ADM" + n + "_EN");
    level.name_ar = s.text("name_ar", "ADM" + n + "_AR");
    level.parent = s.text("parent");
    level.population = s.text("population");
    s.finish();
    project.levels.push_back(level);
  }
  levels.finish();

  if (const YAML::Node layers = top.take("layers")) {
    Section all(layers, "layers", label);
    for (const auto& entry : layers) {
      const std::string name = entry.first.as<std::string>();
      all.take(name);
      Section s(entry.second, "layers." + name, label);
      PointLayerSpec layer;
      layer.name = name;
      layer.line = s.line();
      const bool known_role = std::find(std::begin(kRoles), std::end(kRoles), name) != std::end(kRoles);
      layer.role = s.text("role", known_role ? name : "other");
      layer.source = read_source_spec(s, base_dir);
      if (const YAML::Node fields = s.take("fields")) {
        Section f(fields, "layers." + name + ".fields", label);
        layer.fields.id = f.text("id");
        layer.fields.name_en = f.text("name_en");
        layer.fields.name_ar = f.text("name_ar");
        layer.fields.type = f.text("type");
        layer.fields.status = f.text("status");
        layer.fields.category = f.text("category");
        layer.fields.date = f.text("date");
        layer.fields.severity = f.text("severity");
        f.finish();
      }
      layer.count_by = s.list("count_by", default_count_by(layer.role));
      if (const YAML::Node admin = s.take("admin_names")) {
        Section names(admin, "layers." + name + ".admin_names", label);
        if (!admin.IsMap()) names.fail(admin, "'layers." + name + ".admin_names' must map boundary levels to name fields",
                                       "e.g. admin_names: {governorates: gov_name, districts: district}");
        for (const auto& level : admin) {
          const std::string level_name = level.first.as<std::string>();
          layer.admin_names.emplace_back(level_name, names.list(level_name, {}));
        }
        names.finish();
      }
      layer.admin_codes = s.list("admin_codes", {});
      layer.sensitivity = parse_sensitivity(s, layer.role);
      layer.export_fields = s.list("export_fields", {});
      if (layer.export_fields == std::vector<std::string>{"all"}) layer.export_all_fields = true, layer.export_fields.clear();
      s.finish();
      project.layers.push_back(layer);
    }
    all.finish();
  }

  if (const YAML::Node join = top.take("join")) {
    Section s(join, "join", label);
    project.join.snap_m = s.number("snap_m", 0);
    s.finish();
  }
  if (const YAML::Node output = top.take("output")) {
    Section s(output, "output", label);
    project.output.precision = s.integer("precision", 7);
    project.output.min_count = s.integer("min_count", 5);
    s.finish();
  }
  for (const char* name : kAnalysisSections)
    if (YAML::Node section = top.take(name)) project.analyses[name] = section;
  project.base_dir = base_dir;
  top.finish();
  project.validate();
  return project;
}

Project load_project(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read the project file", {.file = path}, "check the path");
  std::stringstream text;
  text << in.rdbuf();
  const std::string base = fs::absolute(path).parent_path().string();
  return parse_project(text.str(), base, path);
}

void Project::validate() const {
  const Where here{.file = path};
  auto fail = [&](int line, const std::string& problem, const std::string& hint = {}) {
    throw Error((line > 0 ? "line " + std::to_string(line) + ": " : std::string()) + problem, here, hint);
  };
  if (levels.empty()) fail(0, "no boundary levels under 'boundaries'", "name at least the district layer");
  std::set<std::string> names;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const AdminLevelSpec& l = levels[i];
    if (!names.insert(l.name).second) fail(l.line, "the name '" + l.name + "' is used twice");
    if (i > 0 && l.level <= levels[i - 1].level)
      fail(l.line, "boundary levels must go from coarse to fine (level " + std::to_string(l.level) + " after level " +
                       std::to_string(levels[i - 1].level) + ")");
    if (!l.from.empty()) {
      if (i + 1 >= levels.size() || levels[i + 1].name != l.from)
        fail(l.line, "'boundaries." + l.name + ".from' names '" + l.from + "', which is not the next finer level",
             "a level can only be dissolved from the level listed right after it");
      if (!l.source.source.empty()) fail(l.line, "'boundaries." + l.name + "' has both 'source' and 'from'; give one");
    }
  }
  if (!finest().from.empty()) fail(finest().line, "the finest level '" + finest().name + "' needs a source");
  for (const PointLayerSpec& layer : layers) {
    if (!names.insert(layer.name).second) fail(layer.line, "the name '" + layer.name + "' is used twice");
    if (std::find(std::begin(kRoles), std::end(kRoles), layer.role) == std::end(kRoles))
      fail(layer.line, "'layers." + layer.name + ".role' is '" + layer.role + "'",
           "roles are facilities, partners, issues, activities and other");
    for (const std::string& role : layer.count_by)
      if (role != "type" && role != "status" && role != "category")
        fail(layer.line, "'layers." + layer.name + ".count_by' holds '" + role + "'", "count_by takes type, status and category");
    for (const auto& [level_name, fields] : layer.admin_names) {
      const bool known = std::any_of(levels.begin(), levels.end(), [&name = level_name](const AdminLevelSpec& l) { return l.name == name; });
      std::string names;
      for (const AdminLevelSpec& l : levels) names += (names.empty() ? "" : ", ") + l.name;
      if (!known) fail(layer.line, "'layers." + layer.name + ".admin_names' names the level '" + level_name + "', which the boundaries do not have",
                       "boundary levels: " + names);
      if (fields.empty()) fail(layer.line, "'layers." + layer.name + ".admin_names." + level_name + "' names no field");
    }
    for (const std::string& name : {std::string("match"), std::string("match_note")})
      if (layer.name == name) fail(layer.line, "'" + name + "' is reserved; choose another layer name");
  }
  if (!(join.snap_m >= 0) || join.snap_m > 1e6)
    fail(0, "'join.snap_m' must be between 0 and 1,000,000 metres", "0 turns snapping off");
  if (output.precision < 1 || output.precision > 15) fail(0, "'output.precision' must be between 1 and 15 decimals");
  if (output.min_count < 1 || output.min_count > 1000)
    fail(0, "'output.min_count' must be between 1 and 1,000", "1 turns suppression of small counts off; the default is 5");
}

}  // namespace engine
