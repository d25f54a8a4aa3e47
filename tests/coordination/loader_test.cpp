// Loading actors and links from files: placement by coordinates or P-code,
// and every bad-input case, each row in exactly one state and counted.

#include <gtest/gtest.h>

#include <cmath>

#include "engine/boundaries.hpp"
#include "engine/coordination/coordination_project.hpp"
#include "engine/coordination/network_loader.hpp"
#include "engine/error.hpp"
#include "support/test_support.hpp"

using namespace engine::coordination;
namespace fs = std::filesystem;
using testing_support::write_text;

namespace {

// Three unit squares side by side: XX0101 and XX0102 in governorate XX01,
// XX0201 in XX02.
void write_boundaries(const fs::path& dir) {
  std::string features;
  const char* codes[] = {"XX0101", "XX0102", "XX0201"};
  for (int i = 0; i < 3; ++i) {
    const std::string x0 = std::to_string(i), x1 = std::to_string(i + 1);
    features += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"ADM2_PCODE":")" + codes[i] +
                R"(","ADM2_EN":"D)" + std::to_string(i) + R"(","ADM1_PCODE":")" + std::string(codes[i]).substr(0, 4) +
                R"("},"geometry":{"type":"Polygon","coordinates":[[[)" + x0 + ",0],[" + x1 + ",0],[" + x1 + ",1],[" + x0 +
                ",1],[" + x0 + ",0]]]}}";
  }
  write_text(dir / "districts.geojson", R"({"type":"FeatureCollection","features":[)" + features + "]}");
}

const std::string kProject =
    "boundaries:\n"
    "  governorates: {level: 1, from: districts, code: ADM1_PCODE}\n"
    "  districts: {level: 2, source: districts.geojson, parent: ADM1_PCODE}\n"
    "coordination:\n"
    "  actors:\n    source: actors.csv\n"
    "    fields: {id: id, type: type, name_en: name, admin_code: pcode, women_led: women}\n"
    "  links:\n    source: links.csv\n"
    "    fields: {type: kind, strength: strength, start: start, end: end, directed: directed}\n";

struct Loaded {
  engine::Boundaries boundaries;
  ActorNetwork network;
};

Loaded load(const fs::path& dir, const std::string& actors, const std::string& links, const std::string& project = kProject) {
  write_boundaries(dir);
  write_text(dir / "actors.csv", actors);
  write_text(dir / "links.csv", links);
  write_text(dir / "project.yaml", project);
  const CoordinationProject p = load_coordination_project((dir / "project.yaml").string());
  Loaded l;
  engine::SilentProgress quiet;
  l.boundaries = engine::load_boundaries(p.project.levels, quiet);
  const engine::AdminIndex index(l.boundaries.finest());
  l.network = load_network(p.options, l.boundaries, index, engine::JoinOptions{0}, quiet);
  return l;
}

const std::string kActors =
    "id,name,type,pcode,women,lon,lat\n"
    "A1,Committee,community_committee,XX0101,yes,0.5,0.5\n"      // 1 by coordinates
    "A2,Police,Police / security,,no,1.5,0.5\n"                  // 2 by coordinates, type by label
    "A3,District office,district_authority,XX0102,,,\n"          // 3 by P-code (district)
    "A4,Governor,governorate_authority,XX02,,,\n"                // 4 by P-code (governorate)
    "A5,Lost,community_leader,ZZ9999,,,\n"                       // 5 unplaced, unknown P-code
    "A6,Nowhere,cso,,maybe,,\n"                                  // 6 unplaced, bad flag
    ",No id,cso,XX0101,,0.5,0.5\n"                               // 7 rejected: no id
    "A1,Again,cso,XX0101,,0.5,0.5\n"                             // 8 rejected: duplicate id
    "A9,Militia,militia,XX0101,,0.5,0.5\n"                       // 9 rejected: unknown type
    "A10,Misplaced,cso,XX0201,,0.5,0.5\n"                        // 10 by coordinates, P-code disagrees
    "A11,At sea,cso,XX0201,,5.5,0.5\n";                          // 11 unmatched, attributed by P-code

const std::string kLinks =
    "source,target,kind,strength,start,end,directed\n"
    "A1,A2,meeting,2,2023-01-01,,no\n"          // 1 used
    "A2,A3,reporting_line,,2022-05-01,,yes\n"   // 2 used, strength 1
    "A2,A1,meeting,5,2023-01-01,,\n"            // 3 merged into 1 (same pair reversed, type, dates)
    "A1,A2,referral,1,,,\n"                     // 4 used: another type
    "A1,A99,meeting,1,,,\n"                     // 5 unknown actor
    "A1,A9,meeting,1,,,\n"                      // 6 rejected actor
    "A3,A3,meeting,1,,,\n"                      // 7 self-loop
    "A3,A4,lunch,1,,,\n"                        // 8 unknown link type
    "A3,A4,meeting,0,,,\n"                      // 9 zero strength
    "A3,A4,meeting,-1,,,\n"                     // 10 negative strength
    "A3,A4,meeting,abc,,,\n"                    // 11 not a number
    "A3,A4,meeting,1,2023-02-30,,\n"            // 12 bad date
    "A3,A4,meeting,1,2024-01-01,2023-01-01,\n"  // 13 ends before it starts
    "A3,A4,meeting,1,,,sometimes\n"             // 14 bad directed
    ",A4,meeting,1,,,\n"                        // 15 no source
    "A5,A6,funding,3,,,\n";                     // 16 used, between unplaced actors

}  // namespace

TEST(CoordinationLoader, EveryActorRowEndsInExactlyOneState) {
  const Loaded l = load(testing_support::scratch_dir(), kActors, kLinks);
  const ActorCounts& c = l.network.actor_counts;
  EXPECT_EQ(c.input, 11);
  EXPECT_EQ(c.by_coordinates, 4);
  EXPECT_EQ(c.matched, 3);
  EXPECT_EQ(c.unmatched, 1);
  EXPECT_EQ(c.by_admin_code, 2);
  EXPECT_EQ(c.unplaced, 2);
  EXPECT_EQ(c.rejected, 3);
  EXPECT_EQ(c.input, c.by_coordinates + c.by_admin_code + c.unplaced + c.rejected);
  EXPECT_EQ(c.missing_id, 1);
  EXPECT_EQ(c.duplicate_id, 1);
  EXPECT_EQ(c.unknown_type, 1);
  EXPECT_EQ(c.bad_flag, 1);
  EXPECT_EQ(c.unknown_admin_code, 1);
  EXPECT_EQ(c.admin_code_mismatch, 1);

  const auto& a = l.network.actors;
  ASSERT_EQ(a.size(), 11u);
  EXPECT_TRUE(a[0].women_led);
  EXPECT_EQ(l.network.vocabulary.actor_types()[static_cast<std::size_t>(a[1].type)].code, "police_security");
  EXPECT_EQ(a[1].finest_unit(), 1);
  // Placed by P-code at the unit's representative point, and flagged so.
  EXPECT_EQ(a[2].placement, Placement::AdminCode);
  const geo::Point expected = l.boundaries.finest().units[1].shape.point_on_surface();
  EXPECT_EQ(a[2].location, expected);
  EXPECT_NE(a[2].note.find("representative point of XX0102"), std::string::npos) << a[2].note;
  // A governorate P-code: governorate known, district not.
  EXPECT_EQ(a[3].placement, Placement::AdminCode);
  EXPECT_EQ(a[3].units, (std::vector<std::int32_t>{1, -1}));
  EXPECT_EQ(a[4].placement, Placement::Unplaced);
  EXPECT_TRUE(std::isnan(a[4].location.x));
  EXPECT_EQ(a[6].placement, Placement::Rejected);
  EXPECT_NE(a[7].note.find("first at record 1"), std::string::npos);
  EXPECT_EQ(a[8].note, "unknown actor type 'militia'");
  // The location wins over a disagreeing P-code; an unmatched point takes its P-code's unit.
  EXPECT_EQ(a[9].finest_unit(), 0);
  EXPECT_EQ(a[10].match, engine::Match::Unmatched);
  EXPECT_EQ(a[10].finest_unit(), 2);
}

TEST(CoordinationLoader, EveryLinkRowEndsInExactlyOneState) {
  const Loaded l = load(testing_support::scratch_dir(), kActors, kLinks);
  const LinkCounts& c = l.network.link_counts;
  EXPECT_EQ(c.input, 16);
  EXPECT_EQ(c.used, 4);
  EXPECT_EQ(c.merged, 1);
  EXPECT_EQ(c.rejected, 11);
  EXPECT_EQ(c.input, c.used + c.merged + c.rejected);
  EXPECT_EQ(c.unknown_actor, 1);
  EXPECT_EQ(c.rejected_actor, 1);
  EXPECT_EQ(c.self_loop, 1);
  EXPECT_EQ(c.unknown_type, 1);
  EXPECT_EQ(c.bad_strength, 3);
  EXPECT_EQ(c.bad_date, 2);
  EXPECT_EQ(c.bad_directed, 1);
  EXPECT_EQ(c.missing_actor, 1);

  const auto& links = l.network.links;
  EXPECT_EQ(links[0].repeats, 1);
  EXPECT_EQ(links[0].strength, 5);  // the stronger of the two repeats
  EXPECT_EQ(links[2].status, LinkStatus::Merged);
  EXPECT_EQ(links[2].merged_into, 0);
  EXPECT_EQ(links[1].strength, 1);
  EXPECT_TRUE(links[1].directed);
  EXPECT_EQ(links[4].note, "target 'A99' is not an actor id");
  EXPECT_EQ(links[12].note, "ends (2023-01-01) before it starts (2024-01-01)");
  // Every rejection is reported with its row and field.
  int link_problems = 0;
  for (const RowProblem& p : l.network.problems)
    if (p.table == "links") {
      ++link_problems;
      EXPECT_TRUE(p.rejected);
      EXPECT_FALSE(p.field.empty());
      EXPECT_GE(p.record, 5);
    }
  EXPECT_EQ(link_problems, 11);
}

// A table with P-codes and no coordinate columns at all is fine.
TEST(CoordinationLoader, ActorsTableWithoutCoordinateColumns) {
  const Loaded l = load(testing_support::scratch_dir(),
                        "id,name,type,pcode,women\nA1,Committee,community_committee,XX0101,no\nA2,Office,district_authority,XX0101,no\n",
                        "source,target,kind,strength,start,end,directed\nA1,A2,meeting,1,,,\n");
  EXPECT_EQ(l.network.actor_counts.by_admin_code, 2);
  EXPECT_EQ(l.network.link_counts.used, 1);
  EXPECT_EQ(l.network.actors_located_by, "no coordinate columns");
}

TEST(CoordinationLoader, MissingFieldsNameTheProjectKey) {
  const fs::path dir = testing_support::scratch_dir();
  try {
    load(dir, "id,name,kind,pcode,women,lon,lat\nA1,x,cso,XX0101,no,0.5,0.5\n", "source,target\nA1,A1\n");
    FAIL() << "no error";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'type' (coordination.actors.fields.type)"), std::string::npos) << e.what();
  }
  try {
    load(dir, kActors, "from,to\nA1,A2\n");
    FAIL() << "no error";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("coordination.links.fields.source"), std::string::npos) << e.what();
  }
}
