// How a level's field names (`parent`, `code`, names) are matched to the
// layer's fields: exactly first, else ignoring case, and never by a guess
// between two fields that differ only in case.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "cod_level.hpp"
#include "engine/boundaries.hpp"
#include "engine/error.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::cod_level;
using testing_support::error_of;
using testing_support::shared_data;

// Real districts, with `parent` and `code` written in lower case: linked by
// the field (no fallback warnings) to the same governorates as the exact
// names give, and every Yemen district code starts with its governorate's.
TEST(BoundaryFields, ParentAndCodeFieldsMatchIgnoringCase) {
  engine::SilentProgress progress;
  auto gov = cod_level("governorates", 1, shared_data("boundaries/yem_adm1.gpkg"));
  auto dist = cod_level("districts", 2, shared_data("boundaries/yem_adm2.gpkg"));
  dist.parent = "adm1_pcode";
  dist.code = "adm2_pcode";
  const engine::Boundaries b = engine::load_boundaries({gov, dist}, progress);
  ASSERT_EQ(b.levels[1].units.size(), 335u);
  EXPECT_TRUE(b.levels[1].warnings.empty());
  for (const auto& d : b.levels[1].units) {
    ASSERT_GE(d.parent, 0) << d.code;
    EXPECT_EQ(d.code.substr(0, 4), b.levels[0].units[static_cast<std::size_t>(d.parent)].code) << d.code;
  }
}

// Two governorates side by side, and one district inside the first whose
// layer has two parent fields differing only in case, naming different
// governorates.
struct TwoParentFields {
  fs::path dir = testing_support::scratch_dir();
  engine::AdminLevelSpec gov, dist;
  TwoParentFields() {
    testing_support::write_text(
        dir / "gov.geojson",
        R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ADM1_PCODE":"ZZ01"},"geometry":{"type":"Polygon","coordinates":[[[44,15],[45,15],[45,16],[44,16],[44,15]]]}},
{"type":"Feature","properties":{"ADM1_PCODE":"ZZ02"},"geometry":{"type":"Polygon","coordinates":[[[45,15],[46,15],[46,16],[45,16],[45,15]]]}}]})");
    testing_support::write_text(
        dir / "dist.geojson",
        R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ADM2_PCODE":"ZZ0101","Adm1_Pcode":"ZZ01","adm1_PCODE":"ZZ02"},"geometry":{"type":"Polygon","coordinates":[[[44.2,15.2],[44.4,15.2],[44.4,15.4],[44.2,15.4],[44.2,15.2]]]}}]})");
    gov = cod_level("governorates", 1, (dir / "gov.geojson").string());
    dist = cod_level("districts", 2, (dir / "dist.geojson").string());
  }
  std::string parent_code() {
    engine::SilentProgress progress;
    const engine::Boundaries b = engine::load_boundaries({gov, dist}, progress);
    return b.levels[0].units[static_cast<std::size_t>(b.levels[1].units.at(0).parent)].code;
  }
};

TEST(BoundaryFields, AnExactNameWinsOverOneDifferingInCase) {
  TwoParentFields t;
  t.dist.parent = "adm1_PCODE";
  EXPECT_EQ(t.parent_code(), "ZZ02");  // by the field: the location would say ZZ01
  t.dist.parent = "Adm1_Pcode";
  EXPECT_EQ(t.parent_code(), "ZZ01");
}

TEST(BoundaryFields, TwoFieldsMatchingIgnoringCaseIsAnError) {
  TwoParentFields t;
  t.dist.parent = "ADM1_PCODE";
  const std::string e = error_of([&] { t.parent_code(); });
  EXPECT_NE(e.find("field 'ADM1_PCODE' (the level's `parent`) is ambiguous"), std::string::npos) << e;
  EXPECT_NE(e.find("'Adm1_Pcode' and 'adm1_PCODE'"), std::string::npos) << e;
  EXPECT_NE(e.find("dist.geojson"), std::string::npos) << e;
}

TEST(BoundaryFields, AMissingParentFieldIsStillNamed) {
  TwoParentFields t;
  t.dist.parent = "ADM0_PCODE";
  const std::string e = error_of([&] { t.parent_code(); });
  EXPECT_NE(e.find("no field 'ADM0_PCODE' (the level's `parent`)"), std::string::npos) << e;
}

}  // namespace
