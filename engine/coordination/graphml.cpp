// coordination_graphml() (outputs.hpp): GraphML 1.0 written by hand rather
// than with boost::write_graphml, which names keys key0, key1, ... in an
// order set by a std::map of property names and prints doubles with the
// stream's default 6 significant digits.
#include <charconv>
#include <cmath>
#include <string>

#include "engine/coordination/outputs.hpp"

namespace engine::coordination {
namespace {

std::string escape_xml(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The shortest text that reads back as the same double.
std::string number(double v) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  return std::string(buffer, end);
}

struct Key {
  const char* id;
  const char* domain;  // node or edge
  const char* type;    // string, int, double, boolean
};

constexpr Key kKeys[] = {
    {"label", "node", "string"},         {"name_ar", "node", "string"},        {"type", "node", "string"},
    {"chain_role", "node", "string"},    {"district", "node", "string"},       {"governorate", "node", "string"},
    {"placement", "node", "string"},     {"lon", "node", "double"},            {"lat", "node", "double"},
    {"women_led", "node", "boolean"},    {"youth_led", "node", "boolean"},     {"degree", "node", "int"},
    {"weighted_degree", "node", "double"}, {"betweenness", "node", "double"},  {"betweenness_weighted", "node", "double"},
    {"closeness", "node", "double"},     {"closeness_weighted", "node", "double"}, {"component", "node", "int"},
    {"community", "node", "int"},        {"articulation_point", "node", "boolean"},
    {"weight", "edge", "double"},        {"length", "edge", "double"},         {"link_types", "edge", "string"},
    {"links", "edge", "int"},            {"bridge", "edge", "boolean"}};

class Element {
 public:
  explicit Element(std::string& out) : out_(out) {}
  void data(const char* key, const std::string& value) {
    out_ += "      <data key=\"" + std::string(key) + "\">" + escape_xml(value) + "</data>\n";
  }
  void text(const char* key, const std::string& value) {
    if (!value.empty()) data(key, value);
  }
  void real(const char* key, double value) {
    if (std::isfinite(value)) data(key, number(value));
  }
  void integer(const char* key, std::int64_t value) { data(key, std::to_string(value)); }
  void boolean(const char* key, bool value) { data(key, value ? "true" : "false"); }

 private:
  std::string& out_;
};

}  // namespace

std::string coordination_graphml(const ActorNetwork& n, const CoordinationResult& r, const Boundaries& b) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& k : kKeys)
    out += "  <key id=\"" + std::string(k.id) + "\" for=\"" + k.domain + "\" attr.name=\"" + k.id + "\" attr.type=\"" +
           k.type + "\"/>\n";
  out += "  <graph id=\"coordination\" edgedefault=\"undirected\">\n";
  const Graph& g = r.graph.graph;
  const GraphMetrics& m = r.metrics;
  const int governorate_level = b.levels.size() >= 2 ? 0 : -1;
  for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
    const Actor& a = n.actors[static_cast<std::size_t>(g[v].actor)];
    const ActorType& type = n.vocabulary.actor_types()[static_cast<std::size_t>(a.type)];
    out += "    <node id=\"" + escape_xml(a.id) + "\">\n";
    Element e(out);
    e.text("label", a.name_en.empty() ? a.id : a.name_en);
    e.text("name_ar", a.name_ar);
    e.text("type", type.code);
    e.text("chain_role", to_string(type.role));
    if (a.finest_unit() >= 0) e.text("district", b.finest().units[static_cast<std::size_t>(a.finest_unit())].code);
    if (governorate_level >= 0 && a.units[0] >= 0) e.text("governorate", b.levels[0].units[static_cast<std::size_t>(a.units[0])].code);
    e.text("placement", to_string(a.placement));
    e.real("lon", a.location.x);
    e.real("lat", a.location.y);
    e.boolean("women_led", a.women_led);
    e.boolean("youth_led", a.youth_led);
    e.integer("degree", m.degree[v]);
    e.real("weighted_degree", m.weighted_degree[v]);
    e.real("betweenness", m.betweenness[v]);
    e.real("betweenness_weighted", m.betweenness_weighted[v]);
    e.real("closeness", m.closeness[v]);
    e.real("closeness_weighted", m.closeness_weighted[v]);
    e.integer("component", m.structure.component[v]);
    e.integer("community", m.communities.community[v]);
    e.boolean("articulation_point", m.structure.articulation[v] != 0);
    out += "    </node>\n";
  }
  // Edges in PairEdge::index order (the order their first link appears).
  std::vector<Edge> edges(boost::num_edges(g));
  for (auto [e, end] = boost::edges(g); e != end; ++e) edges[g[*e].index] = *e;
  for (const Edge& edge : edges) {
    const PairEdge& p = g[edge];
    const Actor& s = n.actors[static_cast<std::size_t>(g[boost::source(edge, g)].actor)];
    const Actor& t = n.actors[static_cast<std::size_t>(g[boost::target(edge, g)].actor)];
    out += "    <edge id=\"e" + std::to_string(p.index) + "\" source=\"" + escape_xml(s.id) + "\" target=\"" +
           escape_xml(t.id) + "\">\n";
    Element e(out);
    e.real("weight", p.strength);
    e.real("length", p.length);
    std::string types;
    for (const std::int32_t l : p.links) {
      const Link& link = n.links[static_cast<std::size_t>(l)];
      const std::string code = link.type >= 0 ? n.vocabulary.link_types()[static_cast<std::size_t>(link.type)].code : "unspecified";
      if (("; " + types + ";").find("; " + code + ";") == std::string::npos) types += (types.empty() ? "" : "; ") + code;
    }
    e.text("link_types", types);
    e.integer("links", static_cast<std::int64_t>(p.links.size()));
    e.boolean("bridge", m.structure.bridge[p.index] != 0);
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace engine::coordination
