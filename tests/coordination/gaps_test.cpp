// District gaps, suggested links and reviews on a small network whose
// answers are worked out by hand (network_fixture.hpp):
//
//   G1 / D0: committee C1 -- women's group C2 -- police P1 -- authority DA0
//            DA0 -- governor G1A -- national N  (so from D0: police 1,
//            local authority 2, governorate 3, national 4 links)
//   G1 / D1: committee C3, alone (isolated), no district authority
//   G2 / D2: committee C4 -- authority DA2 -- police P2 (DA2 is a cut actor)
//            and DA2 -- DA0 (a horizontal link); G2 has no governor
//
// With k_hops = 3: D0 misses only national; D1 misses everything; D2 has
// police and local authority, no governorate actor, national at 4 links.

#include <gtest/gtest.h>

#include "engine/coordination/analysis.hpp"
#include "network_fixture.hpp"

using namespace engine::coordination;
using coordination_testing::NetworkFixture;

namespace {

struct Demo {
  NetworkFixture f;
  std::int32_t C1, C2, P1, DA0, G1A, N, C3, C4, DA2, P2;
  std::int32_t lost_link, gained_link;
  Demo() {
    C1 = f.actor("C1", "community_committee", 0, {0.1, 0.5});
    C2 = f.actor("C2", "womens_group", 0, {0.2, 0.5});
    P1 = f.actor("P1", "police_security", 0, {0.9, 0.5});
    DA0 = f.actor("DA0", "district_authority", 0, {0.3, 0.5});
    G1A = f.actor("G1A", "governorate_authority", -1, {0.5, 0.9}, 0);
    N = f.actor("N", "national_authority", -1, {0.6, 0.9});
    C3 = f.actor("C3", "community_committee", 1, {1.5, 0.5});
    C4 = f.actor("C4", "community_committee", 2, {2.2, 0.5});
    DA2 = f.actor("DA2", "district_authority", 2, {2.4, 0.5});
    P2 = f.actor("P2", "police_security", 2, {2.6, 0.5});
    f.link(C1, C2);
    f.link(C2, P1);
    f.link(P1, DA0);
    gained_link = f.link(DA0, G1A, 1, "2024-01-01");
    f.link(G1A, N);
    lost_link = f.link(C4, DA2, 1, "2022-01-01", "2024-03-01");
    f.link(DA2, P2);
    f.link(DA2, DA0);
  }
  CoordinationResult analyse(std::optional<Day> as_of = std::nullopt, std::vector<Day> review = {}) const {
    CoordinationOptions o;
    o.actors.source = "in memory";
    o.links.source = "in memory";
    o.k_hops = 3;
    o.as_of = as_of;
    o.review = std::move(review);
    return analyse_coordination(f.network, f.boundaries, o);
  }
};

using Hops = std::array<std::int32_t, kChainSteps>;
using Flags = std::array<bool, kChainSteps>;

}  // namespace

TEST(CoordinationGaps, VerticalChainHopsAndReachability) {
  const Demo d;
  const CoordinationResult r = d.analyse();
  ASSERT_EQ(r.gaps.size(), 3u);
  EXPECT_EQ(r.gaps[0].hops, (Hops{1, 2, 3, 4}));
  EXPECT_EQ(r.gaps[0].reachable, (Flags{true, true, true, false}));
  EXPECT_EQ(r.gaps[0].first_gap(), ChainStep::National);
  EXPECT_EQ(r.gaps[1].hops, (Hops{-1, -1, -1, -1}));
  EXPECT_EQ(r.gaps[1].reachable, (Flags{false, false, false, false}));
  EXPECT_EQ(r.gaps[1].target_exists, (Flags{true, false, true, true}));  // D1 has no district authority
  // D2: DA2 is its own authority; G1A governs G1, not G2.
  EXPECT_EQ(r.gaps[2].hops, (Hops{2, 1, -1, 4}));
  EXPECT_EQ(r.gaps[2].target_exists, (Flags{true, true, false, true}));
  EXPECT_EQ(r.gaps[2].first_gap(), ChainStep::Governorate);
}

TEST(CoordinationGaps, ShorterOrLongerKMovesTheGaps) {
  Demo d;
  CoordinationOptions o;
  o.actors.source = o.links.source = "in memory";
  o.k_hops = 1;
  EXPECT_EQ(analyse_coordination(d.f.network, d.f.boundaries, o).gaps[0].reachable, (Flags{true, false, false, false}));
  o.k_hops = 4;
  EXPECT_EQ(analyse_coordination(d.f.network, d.f.boundaries, o).gaps[0].reachable, (Flags{true, true, true, true}));
}

TEST(CoordinationGaps, WhoIsThereHorizontalIsolatedAndCutActors) {
  const Demo d;
  const CoordinationResult r = d.analyse();
  const Vocabulary& v = d.f.network.vocabulary;
  EXPECT_EQ(r.gaps[0].actors, 4);  // G1A and N sit in no district
  EXPECT_EQ(r.gaps[0].community_actors, 2);
  EXPECT_EQ(r.gaps[0].actors_by_type[static_cast<std::size_t>(v.actor_type_index("womens_group"))], 1);
  EXPECT_EQ(r.gaps[0].horizontal_links, 1);
  EXPECT_EQ(r.gaps[0].horizontal_peers, 1);
  EXPECT_EQ(r.gaps[2].horizontal_links, 1);
  EXPECT_EQ(r.gaps[1].horizontal_links, 0);
  EXPECT_EQ(r.gaps[1].isolated, (std::vector<std::int32_t>{d.C3}));
  EXPECT_TRUE(r.gaps[0].isolated.empty());
  // Only DA2 stands between D2's committee and the police.  In D0 the path
  // runs through C2, but C2 is one of D0's own community actors.
  EXPECT_EQ(r.gaps[2].cut_actors, (std::vector<std::int32_t>{d.DA2}));
  EXPECT_TRUE(r.gaps[0].cut_actors.empty());
  // D0's links: C1-C2, C2-P1, P1-DA0, DA0-G1A, DA2-DA0; two touch the women's group.
  EXPECT_EQ(r.gaps[0].links, 5);
  EXPECT_EQ(r.gaps[0].women_links, 2);
  EXPECT_EQ(r.gaps[0].youth_links, 0);
}

TEST(CoordinationSuggestions, ProposedLinksCloseTheGapsTheySay) {
  const Demo d;
  const CoordinationResult r = d.analyse();
  ASSERT_EQ(r.suggestions.size(), 3u);
  // 1. D1 has no path to the police: its committee to the nearest police
  //    unit (P1, 0.6 degrees away; P2 is 1.1).  Through P1 it also reaches
  //    G1A in 3 links; N would be 4.  It joins C3's component (1 actor) to
  //    the other 9.
  const Suggestion& first = r.suggestions[0];
  EXPECT_EQ(first.kind, SuggestionKind::ChainStep);
  EXPECT_EQ(first.source, d.C3);
  EXPECT_EQ(first.target, d.P1);
  EXPECT_EQ(first.unit, 1);
  EXPECT_EQ(first.step, ChainStep::Police);
  EXPECT_EQ(first.hops_before, -1);
  EXPECT_EQ(first.hops_after, 1);
  EXPECT_EQ(first.closes, (std::vector<std::pair<std::int32_t, ChainStep>>{{1, ChainStep::Police}, {1, ChainStep::Governorate}}));
  EXPECT_EQ(first.pairs_connected, 9);
  EXPECT_NEAR(first.distance_m, 65'000, 2'000);  // 0.6 degrees of longitude at the equator
  // 2. and 3.: national for D0 and D2, from their best-connected community
  //    actor (C2 in D0: degree 2) straight to N; ranked by distance.
  std::set<std::pair<std::int32_t, std::int32_t>> rest;
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(r.suggestions[i].step, ChainStep::National);
    EXPECT_EQ(r.suggestions[i].closes.size(), 1u);
    EXPECT_EQ(r.suggestions[i].hops_after, 1);
    rest.insert({r.suggestions[i].source, r.suggestions[i].target});
  }
  EXPECT_EQ(rest, (std::set<std::pair<std::int32_t, std::int32_t>>{{d.C2, d.N}, {d.C4, d.N}}));
  EXPECT_LT(r.suggestions[1].distance_m, r.suggestions[2].distance_m);
}

TEST(CoordinationSuggestions, ComponentsAreJoinedWhereNoChainStepApplies) {
  NetworkFixture f;
  const auto a = f.actor("A", "police_security", 0, {0.2, 0.5});
  const auto b = f.actor("B", "district_authority", 0, {0.3, 0.5});
  const auto c = f.actor("C", "health", 1, {1.2, 0.5});
  const auto e = f.actor("E", "business", 1, {1.9, 0.5});
  f.link(a, b);
  f.link(c, e);
  CoordinationOptions o;
  o.actors.source = o.links.source = "in memory";
  const CoordinationResult r = analyse_coordination(f.network, f.boundaries, o);
  ASSERT_EQ(r.suggestions.size(), 1u);  // no community actors: no chain steps
  const Suggestion& s = r.suggestions[0];
  EXPECT_EQ(s.kind, SuggestionKind::JoinComponents);
  EXPECT_EQ(s.component, 2);
  EXPECT_EQ(s.source, c);  // ties on degree: first in the source
  EXPECT_EQ(s.target, b);  // the nearer of A and B
  EXPECT_EQ(s.pairs_connected, 4);
  EXPECT_TRUE(s.closes.empty());
}

TEST(CoordinationReview, LinksGainedAndLostAndGapsOpenedAndClosed) {
  const Demo d;
  const CoordinationResult r = d.analyse(std::nullopt, {*parse_date("2023-06-30"), *parse_date("2024-06-30")});
  ASSERT_TRUE(r.review);
  EXPECT_EQ(r.review->gained, (std::vector<std::int32_t>{d.gained_link}));
  EXPECT_EQ(r.review->lost, (std::vector<std::int32_t>{d.lost_link}));
  EXPECT_EQ(r.review->edges_from, 7);
  EXPECT_EQ(r.review->edges_to, 7);
  // D0 gains the governorate (DA0-G1A starts in 2024).  D2 loses police and
  // local authority (C4-DA2 ends 2024-03-01); it never had a governorate
  // actor, and national was out of reach on both dates (in 2023 the path
  // through DA0-G1A did not exist yet).
  std::vector<std::tuple<std::int32_t, ChainStep, bool>> changes;
  for (const GapChange& c : r.review->changes) changes.emplace_back(c.unit, c.step, c.opened);
  EXPECT_EQ(changes, (std::vector<std::tuple<std::int32_t, ChainStep, bool>>{
                         {0, ChainStep::Governorate, false}, {2, ChainStep::Police, true}, {2, ChainStep::LocalAuthority, true}}));
}

TEST(CoordinationGraph, AsOfLeavesOutLinksNotInForce) {
  const Demo d;
  EXPECT_EQ(d.analyse().metrics.totals.edges, 8);
  const CoordinationResult r = d.analyse(*parse_date("2023-06-30"));
  EXPECT_EQ(r.metrics.totals.edges, 7);  // DA0-G1A starts in 2024
  EXPECT_EQ(r.gaps[0].hops[static_cast<std::size_t>(ChainStep::Governorate)], -1);
}
