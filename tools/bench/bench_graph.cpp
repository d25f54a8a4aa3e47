// bench_graph: how fast the coordination graph's metrics are, next to
// NetworkX on the same graphs in the same run.
//
//   1. exact betweenness (unweighted and weighted, length = 1 / strength) on
//      a random network of 10,000 actors and 50,000 links;
//   2. every metric of engine/coordination/metrics.hpp (degrees, both
//      betweenness and closeness, components, articulation points, bridges,
//      Louvain communities) on 1,000 actors and 5,000 links.
//
// NetworkX runs in a child process (/usr/bin/python3, Debian's
// python3-networkx).  Its exact betweenness on 10,000 actors takes about
// half an hour here, so by default it runs Brandes from a random sample of
// --networkx-sources sources (betweenness_centrality(k=...), the same
// per-source loop) and the full time is that time x n / k; pass
// --networkx-sources 0 for the exact full run.  The 1,000-actor comparison
// is always full, and its values are checked against ours, because a fast
// wrong answer is worth nothing.  Prints figures; asserts nothing.
//
//   bench_graph [--actors 10000] [--links 50000] [--small-actors 1000]
//               [--small-links 5000] [--networkx-sources 300] [--seed S]

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "engine/coordination/centrality.hpp"
#include "engine/coordination/graph.hpp"
#include "engine/coordination/metrics.hpp"

namespace {

namespace co = engine::coordination;
namespace fs = std::filesystem;

struct RandomGraph {
  std::size_t vertices = 0;
  std::vector<std::pair<std::int32_t, std::int32_t>> edges;
  std::vector<double> strengths;  // 1 .. 5
};

// Uniform random simple graph G(n, m) with integer strengths 1..5.
RandomGraph random_graph(std::size_t n, std::size_t m, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  RandomGraph g;
  g.vertices = n;
  std::set<std::pair<std::int32_t, std::int32_t>> seen;
  while (g.edges.size() < m) {
    const auto a = static_cast<std::int32_t>(random() % n), b = static_cast<std::int32_t>(random() % n);
    if (a == b || !seen.insert(std::minmax(a, b)).second) continue;
    g.edges.emplace_back(a, b);
    g.strengths.push_back(static_cast<double>(1 + random() % 5));
  }
  return g;
}

template <class F>
double seconds(F&& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// NetworkX's side: reads the graph, runs the named task, prints JSON.
const char* kNetworkX = R"PY(
import json, sys, time
import networkx as nx
spec = json.load(open(sys.argv[1]))
G = nx.Graph()
G.add_nodes_from(range(spec["n"]))
for (u, v), s in zip(spec["edges"], spec["strengths"]):
    G.add_edge(u, v, strength=s, length=1.0 / s)
out = {}
if spec["task"] == "betweenness":
    k = spec["sources"] or None
    for key, weight in (("betweenness", None), ("betweenness_weighted", "length")):
        t = time.perf_counter()
        nx.betweenness_centrality(G, k=k, normalized=True, weight=weight, seed=1)
        out[key] = time.perf_counter() - t
else:
    t0 = time.perf_counter()
    degree = dict(G.degree()); wdegree = dict(G.degree(weight="strength"))
    b = nx.betweenness_centrality(G, normalized=True)
    bw = nx.betweenness_centrality(G, normalized=True, weight="length")
    h = nx.harmonic_centrality(G); hw = nx.harmonic_centrality(G, distance="length")
    components = list(nx.connected_components(G))
    articulation = list(nx.articulation_points(G)); bridges = list(nx.bridges(G))
    communities = nx.community.louvain_communities(G, weight="strength", seed=1)
    out["all"] = time.perf_counter() - t0
    out["betweenness"] = [b[v] for v in range(spec["n"])]
    out["betweenness_weighted"] = [bw[v] for v in range(spec["n"])]
    out["closeness"] = [h[v] / (spec["n"] - 1) for v in range(spec["n"])]
    out["components"] = len(components); out["articulation_points"] = len(articulation); out["bridges"] = len(bridges)
print(json.dumps(out))
)PY";

nlohmann::json run_networkx(const RandomGraph& g, const std::string& task, std::size_t sources) {
  const fs::path dir = fs::temp_directory_path() / ("localmap_bench_graph_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  nlohmann::json spec = {{"n", g.vertices}, {"edges", g.edges}, {"strengths", g.strengths}, {"task", task}, {"sources", sources}};
  std::ofstream(dir / "graph.json") << spec.dump();
  std::ofstream(dir / "bench.py") << kNetworkX;
  const std::string command =
      "/usr/bin/python3 " + (dir / "bench.py").string() + " " + (dir / "graph.json").string() + " > " + (dir / "out.json").string();
  const int status = std::system(command.c_str());
  std::stringstream text;
  text << std::ifstream(dir / "out.json").rdbuf();
  fs::remove_all(dir);
  if (status != 0) throw std::runtime_error("NetworkX failed (is python3-networkx installed for /usr/bin/python3?)");
  return nlohmann::json::parse(text.str());
}

double largest_difference(const std::vector<double>& ours, const nlohmann::json& theirs) {
  double worst = 0;
  for (std::size_t v = 0; v < ours.size(); ++v) worst = std::max(worst, std::fabs(ours[v] - theirs[v].get<double>()));
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_graph: coordination-graph metrics next to NetworkX"};
  std::size_t actors = 10000, links = 50000, small_actors = 1000, small_links = 5000, sources = 300;
  std::uint64_t seed = 2022;
  app.add_option("--actors", actors, "Actors of the betweenness graph")->capture_default_str();
  app.add_option("--links", links, "Links of the betweenness graph")->capture_default_str();
  app.add_option("--small-actors", small_actors, "Actors of the all-metrics graph")->capture_default_str();
  app.add_option("--small-links", small_links, "Links of the all-metrics graph")->capture_default_str();
  app.add_option("--networkx-sources", sources, "Sources NetworkX samples on the big graph (0 = all, exact)")
      ->capture_default_str();
  app.add_option("--seed", seed, "Random seed of the graphs")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::printf("bench_graph: %s build, %u cores; NetworkX from /usr/bin/python3\n", LOCALMAP_BENCH_BUILD_TYPE, cores);

    // 1. Exact betweenness on the big graph.
    const RandomGraph big = random_graph(actors, links, seed);
    const co::Graph g = co::make_graph(big.vertices, big.edges, big.strengths);
    std::printf("\n1. exact betweenness, %zu actors, %zu links (random G(n,m), strengths 1-5)\n", actors, links);
    std::printf("   %-34s %12s %12s %14s %10s\n", "", "localmap", "localmap", "NetworkX", "NetworkX /");
    std::printf("   %-34s %12s %12s %14s %10s\n", "", "1 thread", "all cores", "", "localmap");
    const nlohmann::json nx = run_networkx(big, "betweenness", sources >= actors ? 0 : sources);
    const double scale = sources == 0 || sources >= actors ? 1.0 : static_cast<double>(actors) / static_cast<double>(sources);
    for (const auto& [label, length, key] : {std::tuple{"unweighted (+ harmonic closeness)", co::PathLength::Hops, "betweenness"},
                                             std::tuple{"weighted, length 1/strength", co::PathLength::Weighted, "betweenness_weighted"}}) {
      const double one = seconds([&] { co::compute_centrality(g, length, 1); });
      const double all = seconds([&] { co::compute_centrality(g, length, 0); });
      const double theirs = nx[key].get<double>() * scale;
      std::printf("   %-34s %10.2f s %10.2f s %12.1f s%s %9.0fx\n", label, one, all, theirs, scale > 1 ? "*" : " ",
                  theirs / all);
    }
    if (scale > 1)
      std::printf("   * NetworkX: Brandes from %zu sampled sources, x %.1f for all %zu (--networkx-sources 0: exact run)\n",
                  sources, scale, actors);

    // 2. Every metric on the small graph, checked against NetworkX.
    const RandomGraph small = random_graph(small_actors, small_links, seed + 1);
    const co::Graph s = co::make_graph(small.vertices, small.edges, small.strengths);
    co::GraphMetrics ours;
    co::MetricOptions single;
    single.threads = 1;
    const double one = seconds([&] { ours = co::compute_metrics(s, single); });
    const double all = seconds([&] { ours = co::compute_metrics(s); });
    const nlohmann::json check = run_networkx(small, "all", 0);
    const double theirs = check["all"].get<double>();
    std::printf("\n2. all metrics, %zu actors, %zu links\n", small_actors, small_links);
    std::printf("   %-34s %10.3f s %10.3f s %12.2f s  %9.0fx\n", "degrees, 2x betweenness, 2x closeness,", one, all, theirs,
                theirs / all);
    std::printf("   %-34s\n", "components, cut points, bridges, Louvain");
    std::printf("   agreement with NetworkX: betweenness %.1e, weighted %.1e, closeness %.1e (largest difference); "
                "components %lld/%d, articulation points %lld/%d, bridges %lld/%d\n",
                largest_difference(ours.betweenness, check["betweenness"]),
                largest_difference(ours.betweenness_weighted, check["betweenness_weighted"]),
                largest_difference(ours.closeness, check["closeness"]), static_cast<long long>(ours.totals.components),
                check["components"].get<int>(), static_cast<long long>(ours.totals.articulation_points),
                check["articulation_points"].get<int>(), static_cast<long long>(ours.totals.bridges), check["bridges"].get<int>());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_graph: %s\n", e.what());
    return 1;
  }
  return 0;
}
