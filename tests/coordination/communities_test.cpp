// Louvain communities (igraph) on graphs whose communities are known, and
// their modularity against NetworkX's modularity of the same partition.

#include <gtest/gtest.h>

#include <set>

#include "engine/coordination/communities.hpp"
#include "networkx_oracle.hpp"

using namespace engine::coordination;
using coordination_testing::networkx_oracle;
using coordination_testing::OracleGraph;

namespace {

// Six cliques of five actors in a ring, one link between neighbouring cliques.
OracleGraph ring_of_cliques() {
  OracleGraph g;
  g.vertices = 30;
  for (std::int32_t c = 0; c < 6; ++c) {
    for (std::int32_t a = 0; a < 5; ++a)
      for (std::int32_t b = a + 1; b < 5; ++b) g.edges.emplace_back(5 * c + a, 5 * c + b);
    g.edges.emplace_back(5 * c + 4, (5 * c + 5) % 30);
  }
  return g;
}

}  // namespace

TEST(CoordinationCommunities, RingOfCliquesGivesTheCliques) {
  const OracleGraph o = ring_of_cliques();
  const Communities c = find_communities(make_graph(o.vertices, o.edges), 1.0, 1);
  ASSERT_EQ(c.size.size(), 6u);
  for (std::int32_t clique = 0; clique < 6; ++clique) {
    std::set<std::int32_t> labels;
    for (std::int32_t a = 0; a < 5; ++a) labels.insert(c.community[static_cast<std::size_t>(5 * clique + a)]);
    EXPECT_EQ(labels.size(), 1u) << "clique " << clique << " is split";
    EXPECT_GE(*labels.begin(), 1);
  }
  const nlohmann::json nx = networkx_oracle(o, c.community, 1.0, true);
  EXPECT_NEAR(c.modularity, nx["modularity"].get<double>(), 1e-9);
  // NetworkX's own Louvain finds the same six groups.
  std::set<std::set<std::int32_t>> ours, theirs;
  for (std::int32_t k = 1; k <= 6; ++k) {
    std::set<std::int32_t> members;
    for (std::size_t v = 0; v < o.vertices; ++v)
      if (c.community[v] == k) members.insert(static_cast<std::int32_t>(v));
    ours.insert(members);
  }
  for (const auto& group : nx["louvain"]) theirs.insert(group.get<std::set<std::int32_t>>());
  EXPECT_EQ(ours, theirs);
}

// Strengths, not just links, decide: a complete graph on six actors with
// strong ties inside {0,1,2} and {3,4,5} and weak ones across.
TEST(CoordinationCommunities, StrengthsDecideTheGroups) {
  OracleGraph o;
  o.vertices = 7;  // 6 is isolated
  for (std::int32_t a = 0; a < 6; ++a)
    for (std::int32_t b = a + 1; b < 6; ++b) {
      o.edges.emplace_back(a, b);
      o.strengths.push_back((a < 3) == (b < 3) ? 10.0 : 0.5);
    }
  const Communities c = find_communities(make_graph(o.vertices, o.edges, o.strengths), 1.0, 1);
  EXPECT_EQ(c.size, (std::vector<std::int32_t>{3, 3}));
  EXPECT_EQ(c.community[0], c.community[1]);
  EXPECT_EQ(c.community[1], c.community[2]);
  EXPECT_EQ(c.community[3], c.community[4]);
  EXPECT_EQ(c.community[4], c.community[5]);
  EXPECT_NE(c.community[0], c.community[3]);
  EXPECT_EQ(c.community[6], 0);  // isolated: no community
  for (const double resolution : {0.5, 1.0, 2.0}) {
    const nlohmann::json nx = networkx_oracle(o, c.community, resolution);
    EXPECT_NEAR(modularity(make_graph(o.vertices, o.edges, o.strengths), c.community, resolution),
                nx["modularity"].get<double>(), 1e-9)
        << resolution;
  }
}

TEST(CoordinationCommunities, SameSeedSameCommunities) {
  OracleGraph o;
  o.vertices = 200;
  std::uint64_t state = 7;
  std::set<std::pair<std::int32_t, std::int32_t>> seen;
  while (o.edges.size() < 600) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const auto a = static_cast<std::int32_t>((state >> 33) % 200), b = static_cast<std::int32_t>((state >> 13) % 200);
    if (a != b && seen.insert(std::minmax(a, b)).second) o.edges.emplace_back(a, b);
  }
  const Graph g = make_graph(o.vertices, o.edges);
  const Communities first = find_communities(g, 1.0, 5), second = find_communities(g, 1.0, 5);
  EXPECT_EQ(first.community, second.community);
  EXPECT_EQ(first.modularity, second.modularity);
  EXPECT_GT(first.modularity, 0.3);
}
