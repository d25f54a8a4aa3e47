#include "engine/coordination/centrality.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <queue>
#include <thread>

namespace engine::coordination {
namespace {

// The graph's adjacency as flat arrays (compressed sparse rows): the
// neighbours of v are targets[offsets[v] .. offsets[v+1]), sorted.
struct Adjacency {
  std::vector<std::size_t> offsets;
  std::vector<std::int32_t> targets;
  std::vector<double> lengths;
  std::size_t size() const { return offsets.size() - 1; }
};

Adjacency flatten(const Graph& g) {
  const std::size_t n = boost::num_vertices(g);
  Adjacency a;
  a.offsets.assign(n + 1, 0);
  std::vector<std::vector<std::pair<std::int32_t, double>>> lists(n);
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const auto u = boost::source(*e, g), v = boost::target(*e, g);
    lists[u].emplace_back(static_cast<std::int32_t>(v), g[*e].length);
    lists[v].emplace_back(static_cast<std::int32_t>(u), g[*e].length);
  }
  for (std::size_t v = 0; v < n; ++v) {
    std::sort(lists[v].begin(), lists[v].end());
    a.offsets[v + 1] = a.offsets[v] + lists[v].size();
    for (const auto& [w, length] : lists[v]) {
      a.targets.push_back(w);
      a.lengths.push_back(length);
    }
  }
  return a;
}

// Per-thread scratch space of one single-source pass.
struct Workspace {
  explicit Workspace(std::size_t n) : sigma(n, 0), delta(n, 0), dist(n, -1), hops(n, -1) { order.reserve(n); }
  std::vector<double> sigma, delta, dist;
  std::vector<std::int32_t> hops;
  std::vector<std::int32_t> order;  // vertices in non-decreasing distance
};

// Accumulates into `betweenness` and `closeness` the dependencies and the
// harmonic sum of source s, counting shortest paths in hops.
void single_source_hops(const Adjacency& a, std::int32_t s, Workspace& w, std::vector<double>& betweenness,
                        std::vector<double>& closeness) {
  w.order.clear();
  w.hops[static_cast<std::size_t>(s)] = 0;
  w.sigma[static_cast<std::size_t>(s)] = 1;
  w.order.push_back(s);
  double harmonic = 0;
  for (std::size_t head = 0; head < w.order.size(); ++head) {
    const auto v = static_cast<std::size_t>(w.order[head]);
    const std::int32_t next = w.hops[v] + 1;
    for (std::size_t i = a.offsets[v]; i < a.offsets[v + 1]; ++i) {
      const auto u = static_cast<std::size_t>(a.targets[i]);
      if (w.hops[u] < 0) {
        w.hops[u] = next;
        w.order.push_back(static_cast<std::int32_t>(u));
        harmonic += 1.0 / next;
      }
      if (w.hops[u] == next) w.sigma[u] += w.sigma[v];
    }
  }
  for (std::size_t k = w.order.size(); k-- > 1;) {
    const auto u = static_cast<std::size_t>(w.order[k]);
    const double coefficient = (1 + w.delta[u]) / w.sigma[u];
    const std::int32_t previous = w.hops[u] - 1;
    for (std::size_t i = a.offsets[u]; i < a.offsets[u + 1]; ++i) {
      const auto v = static_cast<std::size_t>(a.targets[i]);
      if (w.hops[v] == previous) w.delta[v] += w.sigma[v] * coefficient;
    }
    betweenness[u] += w.delta[u];
  }
  closeness[static_cast<std::size_t>(s)] += harmonic;
  for (const std::int32_t v : w.order) {
    const auto i = static_cast<std::size_t>(v);
    w.hops[i] = -1;
    w.sigma[i] = 0;
    w.delta[i] = 0;
  }
}

// The same with edge lengths (Dijkstra).  A vertex's shortest-path count is
// the sum over its settled neighbours v with dist(v) + length == dist(u),
// the exact float comparison NetworkX makes, so ties resolve alike.
void single_source_weighted(const Adjacency& a, std::int32_t s, Workspace& w, std::vector<double>& betweenness,
                            std::vector<double>& closeness) {
  using Entry = std::pair<double, std::int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  w.order.clear();
  std::vector<std::int32_t> touched;
  auto& dist = w.dist;  // -1 = not reached; hops doubles as "settled" (1)
  dist[static_cast<std::size_t>(s)] = 0;
  touched.push_back(s);
  queue.emplace(0.0, s);
  double harmonic = 0;
  while (!queue.empty()) {
    const auto [d, vi] = queue.top();
    queue.pop();
    const auto v = static_cast<std::size_t>(vi);
    if (w.hops[v] == 1 || d > dist[v]) continue;  // settled, or a stale entry
    w.hops[v] = 1;
    w.order.push_back(vi);
    if (vi == s) {
      w.sigma[v] = 1;
    } else {
      harmonic += 1.0 / d;
      for (std::size_t i = a.offsets[v]; i < a.offsets[v + 1]; ++i) {
        const auto u = static_cast<std::size_t>(a.targets[i]);
        if (w.hops[u] == 1 && dist[u] + a.lengths[i] == d) w.sigma[v] += w.sigma[u];
      }
    }
    for (std::size_t i = a.offsets[v]; i < a.offsets[v + 1]; ++i) {
      const auto u = static_cast<std::size_t>(a.targets[i]);
      if (w.hops[u] == 1) continue;
      const double through = d + a.lengths[i];
      if (dist[u] < 0 || through < dist[u]) {
        if (dist[u] < 0) touched.push_back(static_cast<std::int32_t>(u));
        dist[u] = through;
        queue.emplace(through, static_cast<std::int32_t>(u));
      }
    }
  }
  for (std::size_t k = w.order.size(); k-- > 1;) {
    const auto u = static_cast<std::size_t>(w.order[k]);
    const double coefficient = (1 + w.delta[u]) / w.sigma[u];
    for (std::size_t i = a.offsets[u]; i < a.offsets[u + 1]; ++i) {
      const auto v = static_cast<std::size_t>(a.targets[i]);
      if (w.hops[v] == 1 && dist[v] + a.lengths[i] == dist[u]) w.delta[v] += w.sigma[v] * coefficient;
    }
    betweenness[u] += w.delta[u];
  }
  closeness[static_cast<std::size_t>(s)] += harmonic;
  for (const std::int32_t v : touched) {
    const auto i = static_cast<std::size_t>(v);
    dist[i] = -1;
    w.hops[i] = -1;
    w.sigma[i] = 0;
    w.delta[i] = 0;
  }
}

// Fixed, so partial sums (and their rounding) never depend on the machine.
constexpr std::size_t kChunks = 16;

}  // namespace

Centrality compute_centrality(const Graph& graph, PathLength length, int threads) {
  const Adjacency a = flatten(graph);
  const std::size_t n = a.size();
  std::vector<std::vector<double>> between(kChunks, std::vector<double>(n, 0.0)), close(kChunks, std::vector<double>(n, 0.0));
  std::atomic<std::size_t> next_chunk{0};
  auto worker = [&] {
    Workspace w(n);
    for (std::size_t c = next_chunk++; c < kChunks; c = next_chunk++) {
      for (std::size_t s = c; s < n; s += kChunks) {
        if (length == PathLength::Hops) single_source_hops(a, static_cast<std::int32_t>(s), w, between[c], close[c]);
        else single_source_weighted(a, static_cast<std::int32_t>(s), w, between[c], close[c]);
      }
    }
  };
  std::size_t count = threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
  count = std::min({count, kChunks, std::max<std::size_t>(n / 64, 1)});
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < count; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  Centrality result;
  result.betweenness.assign(n, 0.0);
  result.closeness.assign(n, 0.0);
  for (std::size_t c = 0; c < kChunks; ++c)
    for (std::size_t v = 0; v < n; ++v) {
      result.betweenness[v] += between[c][v];
      result.closeness[v] += close[c][v];
    }
  const double pairs = n > 2 ? static_cast<double>(n - 1) * static_cast<double>(n - 2) : 0;
  for (std::size_t v = 0; v < n; ++v) {
    result.betweenness[v] = pairs > 0 ? result.betweenness[v] / pairs : 0.0;
    result.closeness[v] = n > 1 ? result.closeness[v] / static_cast<double>(n - 1) : 0.0;
  }
  return result;
}

}  // namespace engine::coordination
