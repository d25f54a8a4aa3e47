#include "engine/coordination/structure.hpp"

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>

#include <algorithm>
#include <iterator>
#include <numeric>

namespace engine::coordination {

Structure analyse_structure(const Graph& g) {
  const std::size_t n = boost::num_vertices(g), m = boost::num_edges(g);
  Structure s;

  std::vector<int> raw(n, 0);
  const int count = n == 0 ? 0 : boost::connected_components(g, raw.data());
  // Renumber: largest first, then by first vertex (Boost numbers by first vertex).
  std::vector<std::int32_t> size(static_cast<std::size_t>(count), 0);
  for (const int c : raw) ++size[static_cast<std::size_t>(c)];
  std::vector<int> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return size[static_cast<std::size_t>(a)] > size[static_cast<std::size_t>(b)]; });
  std::vector<std::int32_t> number(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < order.size(); ++i) {
    number[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i + 1);
    s.component_size.push_back(size[static_cast<std::size_t>(order[i])]);
  }
  s.component.resize(n);
  for (std::size_t v = 0; v < n; ++v) s.component[v] = number[static_cast<std::size_t>(raw[v])];

  std::vector<std::size_t> bicomponent(m, 0);
  std::vector<Vertex> cut_vertices;
  const auto edge_component =
      boost::make_iterator_property_map(bicomponent.begin(), boost::get(&PairEdge::index, g));
  const std::size_t bicomponents =
      n == 0 ? 0 : boost::biconnected_components(g, edge_component, std::back_inserter(cut_vertices)).first;
  s.articulation.assign(n, 0);
  for (const Vertex v : cut_vertices) s.articulation[v] = 1;
  std::vector<std::size_t> edges_in(bicomponents, 0);
  for (const std::size_t c : bicomponent) ++edges_in[c];
  s.bridge.assign(m, 0);
  for (std::size_t e = 0; e < m; ++e) s.bridge[e] = edges_in[bicomponent[e]] == 1 ? 1 : 0;
  return s;
}

}  // namespace engine::coordination
