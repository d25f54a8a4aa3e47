#include "engine/coordination/outputs.hpp"

#include <cmath>
#include <filesystem>
#include <map>

#include "engine/counts.hpp"
#include "engine/exports.hpp"
#include "geo/atomic_file.hpp"

namespace engine::coordination {
namespace {

using geo::FieldDef;
using geo::FieldType;
using geo::Value;

Value text_or_null(const std::string& s) { return s.empty() ? Value{} : Value{s}; }
Value flag(bool b) { return std::int64_t{b ? 1 : 0}; }

std::string adm(const AdminLevel& level, const char* suffix) {
  return "ADM" + std::to_string(level.spec.level) + "_" + suffix;
}

const std::string& type_code(const ActorNetwork& n, const Actor& a) {
  return n.vocabulary.actor_types()[static_cast<std::size_t>(a.type)].code;
}

std::string unit_code(const Boundaries& b, const Actor& a) {
  const std::int32_t u = a.finest_unit();
  return u < 0 ? std::string() : b.finest().units[static_cast<std::size_t>(u)].code;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string ids_of(const ActorNetwork& n, const std::vector<std::int32_t>& actors) {
  std::vector<std::string> ids;
  for (const std::int32_t a : actors) ids.push_back(n.actors[static_cast<std::size_t>(a)].id);
  return join_list(ids);
}

// The edge (PairEdge::index) of every used link in force, -1 otherwise.
std::vector<std::int64_t> edge_of_links(const ActorNetwork& n, const Graph& g) {
  std::vector<std::int64_t> edge(n.links.size(), -1);
  for (auto [e, end] = boost::edges(g); e != end; ++e)
    for (const std::int32_t l : g[*e].links) edge[static_cast<std::size_t>(l)] = static_cast<std::int64_t>(g[*e].index);
  return edge;
}

std::string unit_label(const Boundaries& b, std::int32_t unit) {
  const AdminUnit& u = b.finest().units[static_cast<std::size_t>(unit)];
  return u.code + (u.name_en.empty() ? "" : " " + u.name_en);
}

}  // namespace

geo::LayerData actors_layer(const ActorNetwork& n, const CoordinationResult& r, const Boundaries& b) {
  geo::LayerData out;
  out.name = "actors";
  out.geometry = geo::GeometryKind::Point;
  for (const AdminLevel& level : b.levels)
    for (const char* suffix : {"PCODE", "EN", "AR"}) out.fields.push_back({adm(level, suffix), FieldType::String});
  const std::vector<FieldDef> own = {
      {"actor_id", FieldType::String},       {"name_en", FieldType::String},
      {"name_ar", FieldType::String},        {"type", FieldType::String},
      {"type_label", FieldType::String},     {"chain_role", FieldType::String},
      {"women_led", FieldType::Integer},     {"youth_led", FieldType::Integer},
      {"placement", FieldType::String},      {"match", FieldType::String},
      {"note", FieldType::String},           {"record", FieldType::Integer},
      {"degree", FieldType::Integer},        {"weighted_degree", FieldType::Real},
      {"betweenness", FieldType::Real},      {"betweenness_weighted", FieldType::Real},
      {"closeness", FieldType::Real},        {"closeness_weighted", FieldType::Real},
      {"component", FieldType::Integer},     {"component_size", FieldType::Integer},
      {"community", FieldType::Integer},     {"articulation_point", FieldType::Integer},
      {"isolated", FieldType::Integer},      {"cuts_police_for", FieldType::String}};
  out.fields.insert(out.fields.end(), own.begin(), own.end());

  // Districts whose community actors each actor alone connects to the police.
  std::map<std::int32_t, std::vector<std::string>> cuts;
  for (const DistrictGaps& d : r.gaps)
    for (const std::int32_t a : d.cut_actors) cuts[a].push_back(b.finest().units[static_cast<std::size_t>(d.unit)].code);

  const GraphMetrics& m = r.metrics;
  for (std::size_t i = 0; i < n.actors.size(); ++i) {
    const Actor& a = n.actors[i];
    std::vector<Value> row;
    for (std::size_t l = 0; l < b.levels.size(); ++l) {
      const std::int32_t u = a.units.empty() ? -1 : a.units[l];
      if (u < 0) {
        row.insert(row.end(), 3, Value{});
        continue;
      }
      const AdminUnit& unit = b.levels[l].units[static_cast<std::size_t>(u)];
      row.insert(row.end(), {unit.code, text_or_null(unit.name_en), text_or_null(unit.name_ar)});
    }
    const bool in = a.in_network();
    const ActorType* type = in ? &n.vocabulary.actor_types()[static_cast<std::size_t>(a.type)] : nullptr;
    row.insert(row.end(), {text_or_null(a.id), text_or_null(a.name_en), text_or_null(a.name_ar),
                           in ? Value{type->code} : text_or_null(a.type_value), in ? Value{type->label} : Value{},
                           in ? Value{std::string(to_string(type->role))} : Value{}, flag(a.women_led), flag(a.youth_led),
                           std::string(to_string(a.placement)),
                           a.placement == Placement::Coordinates ? Value{std::string(to_string(a.match))} : Value{},
                           text_or_null(a.note), a.record});
    if (in) {
      const auto v = static_cast<std::size_t>(r.graph.vertex_of_actor[i]);
      const std::int32_t component = m.structure.component[v];
      const std::int32_t community = m.communities.community[v];
      row.insert(row.end(), {std::int64_t{m.degree[v]}, m.weighted_degree[v], m.betweenness[v], m.betweenness_weighted[v],
                             m.closeness[v], m.closeness_weighted[v], std::int64_t{component},
                             std::int64_t{m.structure.component_size[static_cast<std::size_t>(component - 1)]},
                             community > 0 ? Value{std::int64_t{community}} : Value{}, flag(m.structure.articulation[v]),
                             flag(m.degree[v] == 0), text_or_null(join_list(cuts[static_cast<std::int32_t>(i)]))});
    } else {
      row.insert(row.end(), 12, Value{});
    }
    out.rows.push_back(std::move(row));
    out.points.push_back(a.location);
  }
  return out;
}

geo::LayerData links_layer(const ActorNetwork& n, const CoordinationResult& r) {
  geo::LayerData out;
  out.name = "links";
  out.geometry = geo::GeometryKind::Line;
  out.fields = {{"record", FieldType::Integer},      {"source", FieldType::String},       {"target", FieldType::String},
                {"source_name", FieldType::String},  {"target_name", FieldType::String},  {"type", FieldType::String},
                {"strength", FieldType::Real},       {"start", FieldType::String},        {"end", FieldType::String},
                {"directed", FieldType::Integer},    {"status", FieldType::String},       {"note", FieldType::String},
                {"repeats_merged", FieldType::Integer}, {"active", FieldType::Integer},  {"pair_strength", FieldType::Real},
                {"bridge", FieldType::Integer}};
  const Graph& g = r.graph.graph;
  const std::vector<std::int64_t> edge = edge_of_links(n, g);
  std::vector<double> pair_strength(boost::num_edges(g), 0.0);
  for (auto [e, end] = boost::edges(g); e != end; ++e) pair_strength[g[*e].index] = g[*e].strength;
  for (std::size_t l = 0; l < n.links.size(); ++l) {
    const Link& link = n.links[l];
    const bool usable = link.status != LinkStatus::Rejected;
    const Actor* s = link.source >= 0 ? &n.actors[static_cast<std::size_t>(link.source)] : nullptr;
    const Actor* t = link.target >= 0 ? &n.actors[static_cast<std::size_t>(link.target)] : nullptr;
    const std::int64_t e = edge[l];
    std::string type = link.type_value;
    if (usable) type = link.type >= 0 ? n.vocabulary.link_types()[static_cast<std::size_t>(link.type)].code : "unspecified";
    out.rows.push_back({link.record, text_or_null(link.source_id), text_or_null(link.target_id),
                        s ? text_or_null(s->name_en) : Value{}, t ? text_or_null(t->name_en) : Value{}, text_or_null(type),
                        usable ? Value{link.strength} : Value{}, link.start ? Value{format_date(*link.start)} : Value{},
                        link.end ? Value{format_date(*link.end)} : Value{}, usable ? flag(link.directed) : Value{},
                        std::string(to_string(link.status)), text_or_null(link.note), std::int64_t{link.repeats},
                        link.status == LinkStatus::Used ? flag(e >= 0) : Value{},
                        e >= 0 ? Value{pair_strength[static_cast<std::size_t>(e)]} : Value{},
                        e >= 0 ? flag(r.metrics.structure.bridge[static_cast<std::size_t>(e)]) : Value{}});
    const bool drawable = usable && s && t && !std::isnan(s->location.x) && !std::isnan(t->location.x);
    out.shapes.push_back(drawable ? geo::Geometry::line_string({s->location, t->location}) : geo::Geometry{});
  }
  return out;
}

UnitTable coordination_table(const ActorNetwork& n, const CoordinationResult& r) {
  UnitTable t;
  t.fields = {{"actors", FieldType::Integer}, {"community_actors", FieldType::Integer}};
  for (const ActorType& type : n.vocabulary.actor_types()) t.fields.push_back({"actors_" + type.code, FieldType::Integer});
  for (const ChainStep step : kChain) t.fields.push_back({std::string(to_string(step)) + "_hops", FieldType::Integer});
  for (const ChainStep step : kChain) t.fields.push_back({std::string(to_string(step)) + "_reachable", FieldType::Integer});
  const std::vector<FieldDef> rest = {
      {"chain_gaps", FieldType::String},        {"first_gap", FieldType::String},
      {"horizontal_links", FieldType::Integer}, {"horizontal_peer_districts", FieldType::Integer},
      {"isolated_actors", FieldType::Integer},  {"isolated_ids", FieldType::String},
      {"cut_actors", FieldType::Integer},       {"cut_actor_ids", FieldType::String},
      {"links", FieldType::Integer},            {"women_links_share", FieldType::Real},
      {"youth_links_share", FieldType::Real}};
  t.fields.insert(t.fields.end(), rest.begin(), rest.end());
  for (const DistrictGaps& d : r.gaps) {
    std::vector<Value> row = {std::int64_t{d.actors}, std::int64_t{d.community_actors}};
    for (const std::int32_t count : d.actors_by_type) row.emplace_back(std::int64_t{count});
    for (const std::int32_t hops : d.hops) row.push_back(hops >= 0 ? Value{std::int64_t{hops}} : Value{});
    std::vector<std::string> missing;
    for (const ChainStep step : kChain) {
      const bool ok = d.reachable[static_cast<std::size_t>(step)];
      row.push_back(flag(ok));
      if (!ok) missing.emplace_back(to_string(step));
    }
    const auto first = d.first_gap();
    auto share = [&](std::int32_t part) { return d.links > 0 ? Value{static_cast<double>(part) / d.links} : Value{}; };
    row.insert(row.end(), {text_or_null(join_list(missing)), first ? Value{std::string(to_string(*first))} : Value{},
                           std::int64_t{d.horizontal_links}, std::int64_t{d.horizontal_peers},
                           std::int64_t{static_cast<std::int64_t>(d.isolated.size())}, text_or_null(ids_of(n, d.isolated)),
                           std::int64_t{static_cast<std::int64_t>(d.cut_actors.size())}, text_or_null(ids_of(n, d.cut_actors)),
                           std::int64_t{d.links}, share(d.women_links), share(d.youth_links)});
    t.rows.push_back(std::move(row));
  }
  return t;
}

geo::LayerData suggestions_layer(const ActorNetwork& n, const CoordinationResult& r, const Boundaries& b) {
  geo::LayerData out;
  out.name = "suggested_links";
  out.geometry = geo::GeometryKind::Line;
  out.fields = {{"rank", FieldType::Integer},          {"kind", FieldType::String},
                {"gap", FieldType::String},            {"source_id", FieldType::String},
                {"source_name", FieldType::String},    {"source_type", FieldType::String},
                {"source_pcode", FieldType::String},   {"target_id", FieldType::String},
                {"target_name", FieldType::String},    {"target_type", FieldType::String},
                {"target_pcode", FieldType::String},   {"distance_km", FieldType::Real},
                {"hops_before", FieldType::Integer},   {"hops_after", FieldType::Integer},
                {"steps_closed", FieldType::Integer},  {"closes", FieldType::String},
                {"pairs_connected", FieldType::Integer}};
  for (std::size_t i = 0; i < r.suggestions.size(); ++i) {
    const Suggestion& s = r.suggestions[i];
    const Actor& from = n.actors[static_cast<std::size_t>(s.source)];
    const Actor& to = n.actors[static_cast<std::size_t>(s.target)];
    std::string gap;
    if (s.kind == SuggestionKind::ChainStep) {
      const std::int32_t hops = s.hops_before;
      gap = unit_label(b, s.unit) + ": " + chain_label(*s.step) +
            (hops < 0 ? " (no path)" : " (" + std::to_string(hops) + " links, more than " + std::to_string(r.k_hops) + ")");
    } else {
      const std::int32_t size = r.metrics.structure.component_size[static_cast<std::size_t>(s.component - 1)];
      gap = "component " + std::to_string(s.component) + " (" + std::to_string(size) + (size == 1 ? " actor" : " actors") +
            ") cut off from the main network";
    }
    std::vector<std::string> closes;
    for (const auto& [unit, step] : s.closes) closes.push_back(b.finest().units[static_cast<std::size_t>(unit)].code + " " + to_string(step));
    const bool chain = s.kind == SuggestionKind::ChainStep;
    out.rows.push_back({static_cast<std::int64_t>(i + 1), std::string(to_string(s.kind)), gap, from.id,
                        text_or_null(from.name_en), type_code(n, from), text_or_null(unit_code(b, from)), to.id,
                        text_or_null(to.name_en), type_code(n, to), text_or_null(unit_code(b, to)),
                        std::isnan(s.distance_m) ? Value{} : Value{std::round(s.distance_m) / 1000},
                        chain && s.hops_before >= 0 ? Value{std::int64_t{s.hops_before}} : Value{},
                        chain && s.hops_after >= 0 ? Value{std::int64_t{s.hops_after}} : Value{},
                        static_cast<std::int64_t>(s.closes.size()), text_or_null(join_list(closes)), s.pairs_connected});
    const bool drawable = !std::isnan(from.location.x) && !std::isnan(to.location.x);
    out.shapes.push_back(drawable ? geo::Geometry::line_string({from.location, to.location}) : geo::Geometry{});
  }
  return out;
}

geo::LayerData review_links_layer(const ActorNetwork& n, const ReviewDiff& review) {
  geo::LayerData out;
  out.name = "review_links";
  out.fields = {{"change", FieldType::String}, {"record", FieldType::Integer}, {"source", FieldType::String},
                {"target", FieldType::String}, {"type", FieldType::String},    {"start", FieldType::String},
                {"end", FieldType::String},    {"from_date", FieldType::String}, {"to_date", FieldType::String}};
  for (const bool gained : {true, false}) {
    for (const std::int32_t l : gained ? review.gained : review.lost) {
      const Link& link = n.links[static_cast<std::size_t>(l)];
      out.rows.push_back({std::string(gained ? "gained" : "lost"), link.record, link.source_id, link.target_id,
                          link.type >= 0 ? n.vocabulary.link_types()[static_cast<std::size_t>(link.type)].code : "unspecified",
                          link.start ? Value{format_date(*link.start)} : Value{}, link.end ? Value{format_date(*link.end)} : Value{},
                          format_date(review.from), format_date(review.to)});
    }
  }
  return out;
}

geo::LayerData review_gaps_layer(const ReviewDiff& review, const Boundaries& b) {
  geo::LayerData out;
  out.name = "review_gaps";
  out.fields = {{"pcode", FieldType::String},      {"name_en", FieldType::String},    {"step", FieldType::String},
                {"change", FieldType::String},     {"hops_before", FieldType::Integer}, {"hops_after", FieldType::Integer},
                {"from_date", FieldType::String},  {"to_date", FieldType::String}};
  for (const GapChange& c : review.changes) {
    const AdminUnit& u = b.finest().units[static_cast<std::size_t>(c.unit)];
    out.rows.push_back({u.code, text_or_null(u.name_en), std::string(to_string(c.step)),
                        std::string(c.opened ? "opened" : "closed"),
                        c.hops_before >= 0 ? Value{std::int64_t{c.hops_before}} : Value{},
                        c.hops_after >= 0 ? Value{std::int64_t{c.hops_after}} : Value{}, format_date(review.from),
                        format_date(review.to)});
  }
  return out;
}

std::vector<std::string> write_coordination_outputs(const std::string& out_dir, const ActorNetwork& n,
                                                    const CoordinationResult& r, const Boundaries& b,
                                                    const geo::WriteOptions& options) {
  namespace fs = std::filesystem;
  const std::size_t finest = b.levels.size() - 1;
  UnitCounts no_counts;
  no_counts.values.assign(b.finest().units.size(), {});
  const UnitTable table = coordination_table(n, r);
  geo::LayerData districts = admin_layer(b, finest, no_counts, false, {&table});
  districts.name = "coordination";
  const geo::LayerData actors = actors_layer(n, r, b), links = links_layer(n, r), suggestions = suggestions_layer(n, r, b);
  const std::string graphml = coordination_graphml(n, r, b);

  std::vector<std::string> written;
  auto path = [&](const char* name) { return (fs::path(out_dir) / name).string(); };
  geo::write_geojson(path("actors.geojson"), actors, options);
  geo::write_geojson(path("links.geojson"), links, options);
  geo::write_file_atomically(path("coordination.graphml"), graphml);
  geo::write_csv(path("coordination.csv"), districts, options);
  geo::write_csv(path("suggested_links.csv"), suggestions, options);
  written = {path("actors.geojson"), path("links.geojson"), path("coordination.graphml"), path("coordination.csv"),
             path("suggested_links.csv")};
  if (r.review) {
    geo::write_csv(path("review_links.csv"), review_links_layer(n, *r.review), options);
    geo::write_csv(path("review_gaps.csv"), review_gaps_layer(*r.review, b), options);
    written.push_back(path("review_links.csv"));
    written.push_back(path("review_gaps.csv"));
  }
  return written;
}

}  // namespace engine::coordination
