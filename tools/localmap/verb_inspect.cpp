// localmap inspect SRC : what is in a source, before using it.

#include <cstdio>

#include "geo/vector_reader.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

const char* type_name(geo::FieldType t) {
  switch (t) {
    case geo::FieldType::Integer: return "integer";
    case geo::FieldType::Real: return "real";
    case geo::FieldType::String: return "text";
  }
  return "?";
}

class InspectVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Describe a source: its layers, geometry type, CRS, fields, feature count, extent (WGS84) and invalid "
        "geometries. Reads every feature, so it also proves the source decodes.");
    command.add_option("source", options_source_, "File or PG: connection string")->required();
    command.add_option("--layer", options_.layer, "Only this layer");
    command.add_option("--encoding", options_.encoding, "Text encoding override (e.g. CP1256)");
    command.add_option("--crs", options_.crs, "CRS override (e.g. EPSG:32638)");
  }

  int run() override {
    const geo::SourceDescription d = geo::describe_source(options_source_, options_);
    std::printf("%s (%s): %zu layer%s\n", d.source.c_str(), d.driver.c_str(), d.layers.size(), d.layers.size() == 1 ? "" : "s");
    for (const auto& l : d.layers) {
      std::printf("\nlayer %s\n", l.name.c_str());
      std::printf("  geometry   %s\n", l.geometry_type.c_str());
      std::printf("  crs        %s\n", l.crs.c_str());
      std::printf("  features   %lld (%lld without geometry)\n", static_cast<long long>(l.feature_count),
                  static_cast<long long>(l.null_geometries));
      if (!l.extent.empty())
        std::printf("  extent     lon %.6f .. %.6f, lat %.6f .. %.6f (WGS84)\n", l.extent.min_x, l.extent.max_x,
                    l.extent.min_y, l.extent.max_y);
      std::printf("  invalid    %lld\n", static_cast<long long>(l.invalid_geometries));
      for (const auto& example : l.invalid_examples) std::printf("             %s\n", example.c_str());
      std::printf("  fields     %zu\n", l.fields.size());
      for (const auto& f : l.fields) std::printf("    %-24s %s\n", f.name.c_str(), type_name(f.type));
    }
    return 0;
  }

 private:
  std::string options_source_;
  geo::ReadOptions options_;
};

}  // namespace

std::unique_ptr<Verb> make_inspect_verb() { return std::make_unique<InspectVerb>(); }

}  // namespace localmap_cli
