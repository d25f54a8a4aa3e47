// load_network(): reads the actors and links sources (network_loader.hpp).
#include "engine/coordination/network_loader.hpp"
#include "engine/error.hpp"

namespace engine::coordination {

const char* to_string(Placement p) {
  switch (p) {
    case Placement::Coordinates: return "coordinates";
    case Placement::AdminCode: return "admin_code";
    case Placement::Unplaced: return "unplaced";
    case Placement::Rejected: return "rejected";
  }
  return "rejected";
}

const char* to_string(LinkStatus s) {
  switch (s) {
    case LinkStatus::Used: return "used";
    case LinkStatus::Merged: return "merged";
    case LinkStatus::Rejected: return "rejected";
  }
  return "rejected";
}

namespace {

// An actors table may hold no coordinate columns at all when every actor is
// placed by its P-code; load_point_layer() refuses such a table, so it is
// read as text and every row marked as having no coordinates.
PointLayer attributes_only(const PointLayerSpec& spec) {
  const TextTable table = read_text_table(spec.source, "actors");
  PointLayer layer;
  layer.spec = spec;
  layer.source = table.source;
  layer.located_by = "no coordinate columns";
  layer.warnings = table.warnings;
  for (const std::string& c : table.columns) layer.fields.push_back({c, geo::FieldType::String});
  layer.values = geo::Columns(std::vector<geo::FieldType>(layer.fields.size(), geo::FieldType::String));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (const std::string& cell : table.rows[r]) {
      if (cell.empty()) layer.values.push(std::monostate{});
      else layer.values.push_text(cell);
    }
    layer.values.end_row();
    layer.records.push_back(table.records[r]);
    layer.points.push_back({std::nan(""), std::nan("")});
    layer.rejection.push_back("no coordinate columns");
    layer.notes.emplace_back();
  }
  return layer;
}

}  // namespace

ActorNetwork load_network(const CoordinationOptions& options, const Boundaries& boundaries, const AdminIndex& index,
                          const JoinOptions& join, Progress& progress) {
  options.validate();
  join.validate();
  ActorNetwork network;
  network.vocabulary = options.vocabulary();

  PointLayerSpec spec;
  spec.name = "actors";
  spec.role = "other";
  spec.source = options.actors;
  spec.fields.id = options.actor_fields.id;
  spec.fields.type = options.actor_fields.type;
  spec.fields.name_en = options.actor_fields.name_en;
  spec.fields.name_ar = options.actor_fields.name_ar;
  PointLayer layer;
  try {
    layer = load_point_layer(spec);
  } catch (const Error& e) {
    // Only a table with a P-code field may do without coordinates.
    if (!options.actor_fields.admin_code.empty() && e.problem().rfind("no coordinate columns found", 0) == 0) {
      layer = attributes_only(spec);
    } else {
      // Name the project-file key the user wrote, not the point layer's.
      std::string problem = e.problem();
      if (const auto at = problem.find("(layers.actors."); at != std::string::npos)
        problem.replace(at, 15, "(coordination.actors.");
      throw Error(problem, e.where(), e.hint());
    }
  }
  network.actors_source = layer.source;
  network.actors_located_by = layer.located_by;
  network.warnings = layer.warnings;
  const LayerJoin joined = join_layer(index, layer, join, progress);
  add_actors(network, layer, joined, boundaries, options.actor_fields);

  const TextTable links = read_text_table(options.links, "links");
  network.links_source = links.source;
  for (const std::string& w : links.warnings) network.warnings.push_back("links: " + w);
  add_links(network, links, options.link_fields, options.directed_default);
  return network;
}

}  // namespace engine::coordination
