#include "engine/coordination/communities.hpp"

#include <igraph/igraph.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>

#include "engine/error.hpp"

namespace engine::coordination {
namespace {

std::mutex igraph_mutex;

// igraph's default error handler aborts the process; while this object
// lives, errors come back as return codes (and warnings stay quiet).
class QuietIgraph {
 public:
  QuietIgraph()
      : lock_(igraph_mutex),
        error_(igraph_set_error_handler(igraph_error_handler_ignore)),
        warning_(igraph_set_warning_handler(igraph_warning_handler_ignore)) {}
  ~QuietIgraph() {
    igraph_set_error_handler(error_);
    igraph_set_warning_handler(warning_);
  }
  static void check(igraph_error_t status, const char* what) {
    if (status != IGRAPH_SUCCESS)
      throw Error(std::string("igraph failed in ") + what + ": " + igraph_strerror(status));
  }

 private:
  std::lock_guard<std::mutex> lock_;
  igraph_error_handler_t* error_;
  igraph_warning_handler_t* warning_;
};

// An igraph copy of the graph and its weights, freed on scope exit.
class IgraphCopy {
 public:
  explicit IgraphCopy(const Graph& g) {
    const std::size_t m = boost::num_edges(g);
    igraph_vector_int_t ends;
    QuietIgraph::check(igraph_vector_int_init(&ends, static_cast<igraph_integer_t>(2 * m)), "allocating edges");
    QuietIgraph::check(igraph_vector_init(&weights, static_cast<igraph_integer_t>(m)), "allocating weights");
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
      const auto i = static_cast<igraph_integer_t>(g[*e].index);
      VECTOR(ends)[2 * i] = static_cast<igraph_integer_t>(boost::source(*e, g));
      VECTOR(ends)[2 * i + 1] = static_cast<igraph_integer_t>(boost::target(*e, g));
      VECTOR(weights)[i] = g[*e].strength;
    }
    const igraph_error_t status =
        igraph_create(&graph, &ends, static_cast<igraph_integer_t>(boost::num_vertices(g)), IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&ends);
    QuietIgraph::check(status, "igraph_create");
  }
  ~IgraphCopy() {
    igraph_destroy(&graph);
    igraph_vector_destroy(&weights);
  }
  igraph_t graph;
  igraph_vector_t weights;
};

}  // namespace

Communities find_communities(const Graph& g, double resolution, std::uint64_t seed) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::int32_t> raw(n, 0);
  Communities c;
  {
    QuietIgraph quiet;
    IgraphCopy copy(g);
    igraph_vector_int_t membership;
    QuietIgraph::check(igraph_vector_int_init(&membership, 0), "allocating membership");
    QuietIgraph::check(igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed)), "seeding");
    const igraph_error_t status =
        igraph_community_multilevel(&copy.graph, &copy.weights, resolution, &membership, nullptr, nullptr);
    if (status == IGRAPH_SUCCESS)
      for (std::size_t v = 0; v < n; ++v) raw[v] = static_cast<std::int32_t>(VECTOR(membership)[static_cast<igraph_integer_t>(v)]);
    igraph_vector_int_destroy(&membership);
    QuietIgraph::check(status, "igraph_community_multilevel");
  }
  // Renumber: isolated vertices 0, the rest by size, then first vertex.
  std::map<std::int32_t, std::pair<std::int32_t, std::size_t>> groups;  // raw -> (size, first vertex)
  for (std::size_t v = 0; v < n; ++v) {
    if (boost::out_degree(v, g) == 0) continue;
    auto [at, fresh] = groups.emplace(raw[v], std::make_pair(0, v));
    ++at->second.first;
  }
  std::vector<std::pair<std::int32_t, std::pair<std::int32_t, std::size_t>>> ordered(groups.begin(), groups.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second < b.second.second;
  });
  std::map<std::int32_t, std::int32_t> number;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    number[ordered[i].first] = static_cast<std::int32_t>(i + 1);
    c.size.push_back(ordered[i].second.first);
  }
  c.community.assign(n, 0);
  for (std::size_t v = 0; v < n; ++v)
    if (boost::out_degree(v, g) > 0) c.community[v] = number[raw[v]];
  c.modularity = modularity(g, c.community, resolution);
  return c;
}

double modularity(const Graph& g, const std::vector<std::int32_t>& membership, double resolution) {
  if (boost::num_edges(g) == 0) return 0;
  QuietIgraph quiet;
  IgraphCopy copy(g);
  igraph_vector_int_t labels;
  QuietIgraph::check(igraph_vector_int_init(&labels, static_cast<igraph_integer_t>(membership.size())), "allocating labels");
  for (std::size_t v = 0; v < membership.size(); ++v) VECTOR(labels)[static_cast<igraph_integer_t>(v)] = membership[v];
  igraph_real_t q = 0;
  const igraph_error_t status = igraph_modularity(&copy.graph, &labels, &copy.weights, resolution, false, &q);
  igraph_vector_int_destroy(&labels);
  QuietIgraph::check(status, "igraph_modularity");
  return q;
}

}  // namespace engine::coordination
