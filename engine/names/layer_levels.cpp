#include "engine/names/layer_levels.hpp"

#include "engine/error.hpp"
#include "geo/vector_reader.hpp"

namespace engine::names {
namespace {

std::string adm(int n, const char* what) { return "ADM" + std::to_string(n) + "_" + what; }

// The level number of a layer: n of its most detailed ADM<n>_PCODE field.
int detect_level(const geo::VectorReader& reader) {
  for (int n = 9; n >= 0; --n)
    if (reader.field_index(adm(n, "PCODE")) >= 0) return n;
  std::string names;
  for (const auto& f : reader.fields()) names += (names.empty() ? "" : ", ") + f.name;
  throw Error("no ADM<n>_PCODE field to take P-codes from", {.file = reader.source(), .layer = reader.layer_name()},
              "name the P-code field with --code (fields: " + names + ")");
}

}  // namespace

std::string level_name(int level) {
  switch (level) {
    case 1: return "governorates";
    case 2: return "districts";
    case 3: return "subdistricts";
    default: return "adm" + std::to_string(level);
  }
}

std::vector<AdminLevelSpec> layer_levels(const std::vector<SourceSpec>& coarser_layers, const SourceSpec& finest,
                                         const LayerLevelFields& fields) {
  std::vector<AdminLevelSpec> specs;
  for (const SourceSpec& source : coarser_layers) {
    const geo::VectorReader reader(source.source, read_options(source));
    AdminLevelSpec s;
    s.level = detect_level(reader);
    s.name = level_name(s.level);
    s.source = source;
    s.code = adm(s.level, "PCODE"), s.name_en = adm(s.level, "EN"), s.name_ar = adm(s.level, "AR");
    specs.push_back(s);
  }

  const geo::VectorReader reader(finest.source, read_options(finest));
  auto has = [&](const std::string& f) { return !f.empty() && reader.field_index(f) >= 0; };
  AdminLevelSpec fine;
  fine.source = finest;
  fine.level = fields.level;
  if (fields.code.empty()) {
    const int n = detect_level(reader);
    fine.code = adm(n, "PCODE");
    if (fine.level <= 0) fine.level = n;
  } else {
    fine.code = fields.code;
    if (fine.level <= 0) fine.level = specs.empty() ? (fields.parent_code.empty() ? 1 : 2) : specs.back().level + 1;
  }
  fine.name = level_name(fine.level);
  fine.name_en = fields.name_en.empty() ? adm(fine.level, "EN") : fields.name_en;
  fine.name_ar = fields.name_ar.empty() ? adm(fine.level, "AR") : fields.name_ar;

  if (specs.empty()) {
    // One coarser level from the finest layer's own attributes, dissolved.
    AdminLevelSpec parent;
    if (!fields.parent_code.empty()) {
      if (!has(fields.parent_code))
        throw Error("no field '" + fields.parent_code + "' (--parent-code)", {.file = reader.source(), .layer = reader.layer_name()});
      parent.level = fine.level - 1;
      parent.code = fields.parent_code, parent.name_en = fields.parent_name_en, parent.name_ar = fields.parent_name_ar;
    } else {
      for (int k = fine.level - 1; k >= 1 && parent.code.empty(); --k)
        if (has(adm(k, "PCODE"))) parent.level = k, parent.code = adm(k, "PCODE"), parent.name_en = adm(k, "EN"), parent.name_ar = adm(k, "AR");
    }
    if (!parent.code.empty()) {
      parent.name = level_name(parent.level);
      parent.from = fine.name;
      if (parent.name == fine.name) parent.name += "_parent";
      specs.push_back(parent);
    }
  }
  for (std::size_t i = 1; i < specs.size(); ++i)
    if (specs[i].level <= specs[i - 1].level)
      throw Error("boundary layers must go from coarse to fine (level " + std::to_string(specs[i].level) + " after level " +
                      std::to_string(specs[i - 1].level) + ")",
                  {.file = specs[i].source.source}, "give coarser layers first");
  if (!specs.empty() && fine.level <= specs.back().level)
    throw Error("the boundary layer (level " + std::to_string(fine.level) + ") is not finer than its parent layers",
                {.file = finest.source}, "give the finest layer as --boundaries, coarser ones as --parent-boundaries");
  specs.push_back(fine);
  // Link each level to the next coarser by the finer layer's code field
  // for it, when the finer layer is read from a source and has one.
  for (std::size_t i = 1; i < specs.size(); ++i) {
    if (!specs[i - 1].from.empty()) continue;  // dissolving links the levels itself
    if (specs[i].source.source.empty()) continue;
    const geo::VectorReader r(specs[i].source.source, read_options(specs[i].source));
    const std::string parent_code = specs[i - 1].code;
    if (r.field_index(parent_code) >= 0) specs[i].parent = parent_code;
  }
  return specs;
}

}  // namespace engine::names
