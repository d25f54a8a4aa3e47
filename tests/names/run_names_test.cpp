// Name matching inside `localmap run`: records without coordinates placed by
// their admin names (layers.<name>.admin_names), on the real Yemen
// boundaries.  The oracle is the boundary layer itself: every record is
// written from one district's own names, so its right P-code is known, and
// the placed point must lie in that district (GEOS covers, independent of
// the matcher).

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/pipeline.hpp"
#include "geo/vector_reader.hpp"
#include "support/test_support.hpp"

namespace {

using testing_support::read_text;
using testing_support::shared_data;
using testing_support::write_text;

struct District {
  std::string code, gov_ar, name_ar;
  geo::Geometry shape;
};

std::vector<District> yemen_districts() {
  geo::VectorReader reader(shared_data("boundaries/yem_adm2.gpkg"));
  std::vector<District> out;
  reader.for_each([&](const geo::FeatureView& f) {
    out.push_back({f.text(reader.field_index("ADM2_PCODE")), f.text(reader.field_index("ADM1_AR")),
                   f.text(reader.field_index("ADM2_AR")), f.geometry()});
    return true;
  });
  return out;
}

std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Output {
  std::string id, code, match, note;
  std::optional<geo::Point> point;
};

std::map<std::string, Output> read_output(const std::filesystem::path& file) {
  geo::VectorReader reader(file.string());
  std::map<std::string, Output> out;
  reader.for_each([&](const geo::FeatureView& f) {
    Output o{f.text(reader.field_index("id")), f.text(reader.field_index("ADM2_PCODE")), f.text(reader.field_index("match")),
             f.text(reader.field_index("match_note")), f.point()};
    out[o.id] = o;
    return true;
  });
  return out;
}

TEST(RunWithNames, RecordsWithoutCoordinatesArePlacedByTheirDistrictNames) {
  const std::vector<District> districts = yemen_districts();
  ASSERT_EQ(districts.size(), 335u);
  // A (governorate, district) pair written twice cannot be told apart by
  // names: such records must not be placed.
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (const District& d : districts) ++pairs[{d.gov_ar, d.name_ar}];

  const auto dir = testing_support::scratch_dir();
  std::string csv = "id,lon,lat,governorate,district\n";
  for (std::size_t i = 0; i < districts.size(); ++i)
    csv += "n" + std::to_string(i) + ",,," + csv_text("محافظة " + districts[i].gov_ar) + "," +
           csv_text("مديرية " + districts[i].name_ar) + "\n";
  // Located records: names that agree, names that name another governorate's
  // district, a bad coordinate with good names, names nobody has, nothing.
  const geo::Point inside0 = districts[0].shape.point_on_surface();
  std::size_t other = 1;
  while (districts[other].gov_ar == districts[0].gov_ar) ++other;
  auto located = [&](const std::string& id, const std::string& lon, const std::string& lat, const District& named) {
    return id + "," + lon + "," + lat + "," + csv_text(named.gov_ar) + "," + csv_text(named.name_ar) + "\n";
  };
  csv += located("agree", std::to_string(inside0.x), std::to_string(inside0.y), districts[0]);
  csv += located("conflict", std::to_string(inside0.x), std::to_string(inside0.y), districts[other]);
  csv += located("bad_lat", std::to_string(inside0.x), "north", districts[0]);
  csv += "nobody,,,,xyzzy qwerty\n";
  csv += "nothing,,,,\n";
  write_text(dir / "issues.csv", csv);
  write_text(dir / "project.yaml", "project: names in the run\nboundaries:\n  governorates:\n    source: " +
                                       shared_data("boundaries/yem_adm1.gpkg") + "\n  districts:\n    source: " +
                                       shared_data("boundaries/yem_adm2.gpkg") +
                                       "\n    parent: ADM1_PCODE\nlayers:\n  issues:\n    source: issues.csv\n"
                                       "    admin_names: {governorates: governorate, districts: district}\n"
                                       "    export_fields: all\n");

  engine::SilentProgress quiet;
  engine::RunOptions options;
  options.out_dir = (dir / "out").string();
  options.allow_precise = {"issues"};  // the test reads the placed records back
  const engine::RunSummary summary = engine::run_project(engine::load_project((dir / "project.yaml").string()), options, quiet);
  const std::map<std::string, Output> out = read_output(dir / "out" / "issues.geojson");
  ASSERT_EQ(out.size(), districts.size() + 5);

  std::int64_t placed = 0, wrong = 0, expected_placeable = 0;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    const Output& o = out.at("n" + std::to_string(i));
    const bool unique = pairs[{districts[i].gov_ar, districts[i].name_ar}] == 1;
    expected_placeable += unique;
    if (o.match != "name-matched") {
      EXPECT_EQ(o.match, "rejected") << o.id;
      EXPECT_NE(o.note.find("names: "), std::string::npos) << o.id << ": " << o.note;
      continue;
    }
    ++placed;
    EXPECT_TRUE(unique) << o.id << " placed although its names are not unique";
    if (o.code != districts[i].code) ++wrong;
    ASSERT_TRUE(o.point) << o.id;
    EXPECT_TRUE(districts[i].shape.covers(*o.point)) << o.id << " placed outside " << districts[i].code;
    EXPECT_NE(o.note.find("names: districts " + districts[i].code), std::string::npos) << o.note;
  }
  EXPECT_EQ(wrong, 0);
  // Exact names with the governorate: all unique pairs are placed.
  EXPECT_EQ(placed, expected_placeable);

  EXPECT_EQ(out.at("agree").match, "matched");
  EXPECT_EQ(out.at("agree").code, districts[0].code);
  EXPECT_EQ(out.at("conflict").match, "matched");
  EXPECT_EQ(out.at("conflict").code, districts[0].code) << "a located record stays where its point is";
  EXPECT_NE(out.at("conflict").note.find("conflict with the admin names: the point lies in"), std::string::npos) << out.at("conflict").note;
  EXPECT_EQ(out.at("bad_lat").match, "rejected") << "a bad coordinate is not papered over by names";
  EXPECT_EQ(out.at("nobody").match, "rejected");
  EXPECT_NE(out.at("nobody").note.find("names: unmatched"), std::string::npos) << out.at("nobody").note;
  EXPECT_EQ(out.at("nothing").match, "rejected");
  EXPECT_EQ(out.at("nothing").note, "no coordinates");

  // Accounted for in run.json like every other outcome.
  const auto report = nlohmann::json::parse(read_text(dir / "out" / "run.json"));
  const auto& counts = report["layers"][0]["counts"];
  EXPECT_EQ(counts["name_matched"], placed);
  EXPECT_EQ(counts["matched"], 2);
  EXPECT_EQ(report["layers"][0]["name_conflicts"], 1);
  EXPECT_EQ(counts["matched"].get<std::int64_t>() + counts["snapped"].get<std::int64_t>() +
                counts["name_matched"].get<std::int64_t>() + counts["unmatched"].get<std::int64_t>() +
                counts["rejected"].get<std::int64_t>(),
            counts["input"].get<std::int64_t>());
  EXPECT_EQ(summary.layers[0].counts.name_matched, placed);
  // Placed records count in their district like located ones.
  EXPECT_EQ(counts["input"], static_cast<std::int64_t>(districts.size()) + 5);
}

TEST(RunWithNames, AnUnknownLevelOrFieldIsAClearError) {
  const auto dir = testing_support::scratch_dir();
  write_text(dir / "issues.csv", "id,lon,lat,district\n1,,,Aden\n");
  const std::string head = "boundaries:\n  districts:\n    source: " + shared_data("boundaries/yem_adm2.gpkg") +
                           "\nlayers:\n  issues:\n    source: issues.csv\n";
  write_text(dir / "level.yaml", head + "    admin_names: {wards: district}\n");
  try {
    engine::load_project((dir / "level.yaml").string());
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("'wards', which the boundaries do not have"), std::string::npos) << e.what();
  }
  write_text(dir / "field.yaml", head + "    admin_names: {districts: distrcit}\n");
  engine::SilentProgress quiet;
  engine::RunOptions options;
  options.out_dir = (dir / "out").string();
  try {
    engine::run_project(engine::load_project((dir / "field.yaml").string()), options, quiet);
    FAIL() << "no error";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no field 'distrcit'"), std::string::npos) << what;
    EXPECT_NE(what.find("issues"), std::string::npos) << what;
  }
}

}  // namespace
