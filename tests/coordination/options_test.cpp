// The `coordination:` project-file section: defaults, every key, strictness,
// and errors that name the line and the key.

#include <gtest/gtest.h>

#include "engine/coordination/coordination_project.hpp"
#include "engine/error.hpp"

using namespace engine::coordination;

namespace {

const std::string kBoundaries = "boundaries:\n  districts:\n    source: d.geojson\n";

CoordinationProject parse(const std::string& coordination) {
  return parse_coordination_project(kBoundaries + "coordination:\n" + coordination, "/base", "p.yaml");
}

std::string error_of(const std::string& coordination) {
  try {
    parse(coordination);
  } catch (const engine::Error& e) {
    return e.what();
  }
  return "no error";
}

const std::string kMinimal = "  actors: {source: actors.csv}\n  links: {source: links.csv}\n";

}  // namespace

TEST(CoordinationOptions, MinimalSectionTakesTheDocumentedDefaults) {
  const CoordinationProject p = parse(kMinimal);
  const CoordinationOptions& o = p.options;
  EXPECT_EQ(o.actors.source, "/base/actors.csv");
  EXPECT_EQ(o.links.source, "/base/links.csv");
  EXPECT_EQ(o.actor_fields.id, "id");
  EXPECT_EQ(o.actor_fields.type, "type");
  EXPECT_EQ(o.actor_fields.admin_code, "");
  EXPECT_EQ(o.link_fields.source, "source");
  EXPECT_EQ(o.link_fields.target, "target");
  EXPECT_EQ(o.k_hops, 3);
  EXPECT_FALSE(o.as_of);
  EXPECT_TRUE(o.review.empty());
  EXPECT_FALSE(o.directed_default);
  EXPECT_EQ(o.community_resolution, 1.0);
  EXPECT_EQ(o.community_seed, 1u);
  EXPECT_EQ(o.max_suggestions, 50);
  EXPECT_EQ(o.threads, 0);
  EXPECT_EQ(p.project.levels.size(), 1u);
}

TEST(CoordinationOptions, EveryKeyIsRead) {
  const CoordinationProject p = parse(
      "  actors:\n"
      "    source: a.gpkg\n    layer: actors\n    x: E\n    y: N\n"
      "    fields: {id: aid, type: kind, name_en: en, name_ar: ar, admin_code: pc, women_led: w, youth_led: y}\n"
      "  links:\n    source: PG:dbname=x\n    sql: SELECT * FROM links\n"
      "    fields: {source: a, target: b, type: t, strength: s, start: from, end: to, directed: d}\n"
      "  actor_types:\n    tribal_council: {role: community, label: Tribal council, aliases: [majlis]}\n"
      "  link_types:\n    security_council: {label: Security council}\n    hotline:\n"
      "  k_hops: 4\n  as_of: 2024-12-31\n  review: [2023-06-30, 2024-06-30]\n  directed_default: true\n"
      "  communities: {resolution: 0.5, seed: 9}\n  suggestions: 7\n  threads: 2\n");
  const CoordinationOptions& o = p.options;
  EXPECT_EQ(o.actors.layer, "actors");
  EXPECT_EQ(o.actors.coordinates.x, "E");
  EXPECT_EQ(o.actor_fields.admin_code, "pc");
  EXPECT_EQ(o.actor_fields.youth_led, "y");
  EXPECT_EQ(o.links.source, "PG:dbname=x");
  EXPECT_EQ(o.link_fields.directed, "d");
  ASSERT_EQ(o.extra_actor_types.size(), 1u);
  EXPECT_EQ(o.extra_actor_types[0].role, ChainRole::Community);
  ASSERT_EQ(o.extra_link_types.size(), 2u);
  EXPECT_EQ(o.extra_link_types[1].code, "hotline");
  const Vocabulary v = o.vocabulary();
  EXPECT_EQ(v.actor_types()[static_cast<std::size_t>(v.actor_type_index("Majlis"))].code, "tribal_council");
  EXPECT_GE(v.link_type_index("Security council"), 0);
  EXPECT_EQ(o.k_hops, 4);
  EXPECT_EQ(format_date(*o.as_of), "2024-12-31");
  EXPECT_EQ(format_date(o.review[1]), "2024-06-30");
  EXPECT_TRUE(o.directed_default);
  EXPECT_EQ(o.community_resolution, 0.5);
  EXPECT_EQ(o.community_seed, 9u);
  EXPECT_EQ(o.max_suggestions, 7);
  EXPECT_EQ(o.threads, 2);
}

TEST(CoordinationOptions, MistakesNameTheFileLineAndKey) {
  // Lines: 1-3 boundaries, 4 "coordination:", 5 actors, 6 links, 7 the key under test.
  EXPECT_NE(error_of(kMinimal + "  k_hop: 2\n").find("p.yaml: line 7: unknown key 'coordination.k_hop'"), std::string::npos)
      << error_of(kMinimal + "  k_hop: 2\n");
  EXPECT_NE(error_of(kMinimal + "  k_hop: 2\n").find("did you mean 'k_hops'?"), std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  as_of: 2023-02-30\n").find("'coordination.as_of' must be a date"), std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  review: [2024-06-30, 2023-06-30]\n").find("the earlier first"), std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  review: [2024-06-30]\n").find("list of two dates"), std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  k_hops: 0\n").find("k_hops' must be between 1 and 100"), std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  actor_types:\n    x: {role: chief}\n").find("'coordination.actor_types.x.role' is 'chief'"),
            std::string::npos);
  EXPECT_NE(error_of(kMinimal + "  actor_types:\n    police_unit: {role: police, aliases: [police]}\n").find("already used"),
            std::string::npos);
  EXPECT_NE(error_of("  actors: {source: a.csv, fields: {kind: t}}\n  links: {source: l.csv}\n")
                .find("unknown key 'coordination.actors.fields.kind'"),
            std::string::npos);
  EXPECT_NE(error_of("  actors: {source: a.csv}\n").find("missing key 'coordination.links'"), std::string::npos);
  EXPECT_NE(error_of("  links: {source: l.csv, x: lon}\n  actors: {source: a.csv}\n").find("coordination.links.x"),
            std::string::npos);
}

TEST(CoordinationOptions, AProjectWithoutTheSectionIsAnErrorWithAHint) {
  try {
    parse_coordination_project(kBoundaries, "/base", "p.yaml");
    FAIL() << "no error";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no 'coordination:' section"), std::string::npos);
    EXPECT_FALSE(e.hint().empty());
  }
}

// Errors elsewhere in a project with a coordination section keep their
// line numbers.
TEST(CoordinationOptions, ErrorsOutsideTheSectionKeepTheirLineNumbers) {
  try {
    parse_coordination_project("coordination:\n  k: 1\nboundaries:\n  districts:\n    sauce: d.gpkg\n", "/b", "p.yaml");
    FAIL() << "no error";
  } catch (const engine::Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 5"), std::string::npos) << e.what();
  }
}

TEST(CoordinationDates, ParseAndFormat) {
  EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
  EXPECT_EQ(format_date(*parse_date("2024/03/01")), "2024-03-01");
  EXPECT_EQ(format_date(*parse_date("2024-03-01T10:00:00")), "2024-03-01");
  EXPECT_EQ(*parse_date("1970-01-02"), 1);
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-1-1", "01/02/2023", "yesterday", "", "2023-02-3x"})
    EXPECT_FALSE(parse_date(bad)) << bad;
}
