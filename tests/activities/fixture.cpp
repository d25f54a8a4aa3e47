#include "fixture.hpp"

#include <gtest/gtest.h>

#include "engine/activities/activities_options.hpp"
#include "engine/exports.hpp"
#include "engine/progress.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace activities_testing {
namespace {

std::string square(double lon, double lat) {
  const std::string x0 = std::to_string(lon), x1 = std::to_string(lon + 0.5), y0 = std::to_string(lat),
                    y1 = std::to_string(lat + 0.5);
  return "[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],[" + x0 + "," +
         y0 + "]]]";
}

std::string district(const char* code, const char* en, const char* ar, const char* gov, double population, double lon,
                     double lat) {
  return std::string(R"({"type":"Feature","properties":{"ADM2_PCODE":")") + code + R"(","ADM2_EN":")" + en +
         R"(","ADM2_AR":")" + ar + R"(","ADM1_PCODE":")" + gov + R"(","population":)" + std::to_string(population) +
         R"(},"geometry":{"type":"Polygon","coordinates":)" + square(lon, lat) + "}}";
}

}  // namespace

// Row by row (hand totals in aggregation_test.cpp):
//   A1 local_forum in Bravo, 2024, 50 = 30 + 20, youth 10, 3 resolutions
//   A2 training in Bravo, 2024, USD 1,000, facility F1, 20 = 18 + 2
//   A3 security_grant in Bravo, starts 2023, USD 50,000, facility F1, 300 = 200 + 100
//   A4 advocacy_grant in Delta, 2024, YER 2,000,000, 100 = 60 + 40, youth 30, displaced 10
//   A5 community_dialogue, no coordinates, district name "Delta", 2024,
//      partner "women group d4" (an actor's name in other case), 40 = 10 + 30, youth 20, 2 resolutions
//   A6 local_forum in Bravo, 2024, total 60 but 30 + 25 = 55 (inconsistent, difference -5), youth 5, 1 resolution
//   A7 campaign in Delta, 2024, EUR 500, 200 = 100 + 100, youth 50
//   A8 local_forum at sea (20E 20N): not counted
//   A9 round_table in Charlie, 2024, 25 = 20 + 5, 4 resolutions
const char* const kActivitiesCsv =
    "id,type,partner,donor,start,end,budget,currency,facility,total,male,female,youth,displaced,resolutions,district,lon,lat\n"
    "A1,Local Forum,P-A,Donor X,2024-02-10,2024-02-10,,,,50,30,20,10,,3,,10.75,10.25\n"
    "A2,training,P-B,Donor X,2024-05-01,2024-05-10,1000,USD,F1,20,18,2,,,,,10.7,10.2\n"
    "A3,security grant,P-B,Donor Y,2023-11-01,2024-03-01,50000,usd,F1,300,200,100,,,,,10.8,10.3\n"
    "A4,advocacy_grant,P-C,Donor Y,2024-07-01,2024-12-01,2000000,YER,,100,60,40,30,10,,,10.75,10.75\n"
    "A5,community dialogue,women group d4,,2024-08-01,,,,,40,10,30,20,,2,Delta,,\n"
    "A6,local_forum,P-A,,2024-03-01,,,,,60,30,25,5,,1,,10.6,10.4\n"
    "A7,campaign,P-C,,2024-01-15,2024-02-15,500,EUR,,200,100,100,50,,,,10.9,10.9\n"
    "A8,local_forum,P-A,,2024-04-01,,,,,10,5,5,,,,,20,20\n"
    "A9,round_table,P-D,,2024-09-09,2024-09-09,,,,25,20,5,,,4,,10.25,10.75\n";

fs::path write_project(const fs::path& dir, const std::string& activities_csv, const std::string& activities_section,
                       bool network) {
  using testing_support::write_text;
  fs::create_directories(dir);
  write_text(dir / "districts.geojson",
             R"({"type":"FeatureCollection","features":[)" + district("ZZ0101", "Alpha", "ألفا", "G1", 10000, 10.0, 10.0) + "," +
                 district("ZZ0102", "Bravo", "برافو", "G1", 20000, 10.5, 10.0) + "," +
                 district("ZZ0203", "Charlie", "تشارلي", "G2", 40000, 10.0, 10.5) + "," +
                 district("ZZ0204", "Delta", "دلتا", "G2", 10000, 10.5, 10.5) + "]}");
  write_text(dir / "facilities.csv",
             "facility_id,type,status,lon,lat\nF1,security_department,operational,10.6,10.3\n"
             "F2,police_station,operational,10.2,10.7\nF3,security_department,damaged,10.2,10.2\n");
  std::string issues = "issue_id,category,lon,lat\n";
  int n = 0;
  auto add = [&](int count, double lon, double lat) {
    for (int i = 0; i < count; ++i) issues += "I" + std::to_string(++n) + ",arms," + std::to_string(lon + 0.01 * i) + "," + std::to_string(lat) + "\n";
  };
  add(10, 10.1, 10.1);   // Alpha
  add(10, 10.6, 10.1);   // Bravo
  add(1, 10.6, 10.6);    // Delta
  write_text(dir / "issues.csv", issues);
  write_text(dir / "activities.csv", activities_csv);
  std::string project =
      "project: activities fixture\nboundaries:\n"
      "  governorates: {level: 1, from: districts, code: ADM1_PCODE, name_en: ADM1_PCODE, name_ar: ADM1_PCODE}\n"
      "  districts: {level: 2, source: districts.geojson, parent: ADM1_PCODE, population: population}\n"
      "layers:\n"
      "  facilities: {source: facilities.csv, fields: {id: facility_id, type: type, status: status}}\n"
      "  issues: {source: issues.csv, fields: {id: issue_id, category: category}}\n"
      "  activities: {source: activities.csv, fields: {id: id, type: type}, admin_names: {districts: district}}\n";
  if (network) {
    write_text(dir / "actors.csv",
               "actor_id,name_en,type,pcode,women_led,youth_led\n"
               "W4,Women Group D4,womens_group,ZZ0204,no,no\n"   // women-led by its type
               "P-C,Delta Youth Network,cso,ZZ0204,no,yes\n"     // matched by id
               "X1,P-A,cso,ZZ0102,yes,no\n"                      // id X1, but named like a partner: matched by name
               "X2,P-D,cso,ZZ0203,no,no\n"
               "X3,p-d,cso,ZZ0203,yes,no\n");                   // a second actor named P-D: ambiguous, no match
    write_text(dir / "links.csv", "source,target,link_type\nW4,P-C,meeting\n");
    project += "coordination:\n"
               "  actors: {source: actors.csv, fields: {id: actor_id, name_en: name_en, type: type, admin_code: pcode, "
               "women_led: women_led, youth_led: youth_led}}\n"
               "  links: {source: links.csv, fields: {source: source, target: target, type: link_type}}\n";
  }
  project += "activities:\n" + activities_section;
  write_text(dir / "project.yaml", project);
  return dir / "project.yaml";
}

const engine::PointLayer* Loaded::layer(const std::string& name) const {
  for (const auto& l : layers)
    if (l.spec.name == name) return &l;
  return nullptr;
}

const engine::LayerJoin* Loaded::join(const std::string& name) const {
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (layers[i].spec.name == name) return &joins[i];
  return nullptr;
}

std::unique_ptr<Loaded> load(const fs::path& project_file) {
  auto out = std::make_unique<Loaded>();
  engine::SilentProgress progress;
  out->project = engine::load_project(project_file.string());
  engine::check_analysis_sections(out->project);
  out->boundaries = engine::load_boundaries(out->project.levels, progress);
  out->index = std::make_unique<engine::AdminIndex>(out->boundaries.finest());
  for (const engine::PointLayerSpec& spec : out->project.layers) {
    out->layers.push_back(engine::load_point_layer(spec));
    out->joins.push_back(engine::join_layer(*out->index, out->layers.back(), engine::JoinOptions{0}, progress));
  }
  engine::match_admin_names(out->project, out->boundaries, out->layers, out->joins, progress);
  return out;
}

engine::activities::ActivitiesResult compute(const Loaded& l) {
  namespace act = engine::activities;
  const act::ActivitiesOptions options = act::activities_options(l.project);
  act::ActivitiesInputs in;
  in.boundaries = &l.boundaries;
  in.activities = l.layer("activities");
  in.join = l.join("activities");
  in.facilities = l.layer("facilities");
  in.facilities_join = l.join("facilities");
  in.issues = l.layer("issues");
  in.issues_join = l.join("issues");
  return act::compute_activities(in, options);
}

engine::AnalysisOutputs run_all(const Loaded& l) {
  engine::SilentProgress progress;
  const engine::UnitColumns units = engine::admin_columns(l.boundaries);
  std::vector<geo::LayerData> points;
  for (std::size_t i = 0; i < l.layers.size(); ++i)
    points.push_back(engine::joined_points(l.layers[i], l.joins[i], units, l.boundaries.finest()));
  const engine::JoinedProject joined{l.project, l.boundaries, *l.index, l.layers, l.joins, 0};
  return engine::run_analyses(joined, points, progress);
}

const geo::LayerData& table(const engine::AnalysisOutputs& outputs, const std::string& name) {
  for (const geo::LayerData& t : outputs.layers)
    if (t.name == name) return t;
  ADD_FAILURE() << "no output table " << name;
  static const geo::LayerData empty;
  return empty;
}

std::string cell(const geo::LayerData& t, std::size_t row, const std::string& field) {
  const int f = t.field_index(field);
  EXPECT_GE(f, 0) << "no field " << field << " in " << t.name;
  return f < 0 ? std::string() : geo::to_text(t.rows[row][static_cast<std::size_t>(f)]);
}

std::vector<std::size_t> rows_where(const geo::LayerData& t, const std::vector<std::pair<std::string, std::string>>& match) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool all = true;
    for (const auto& [field, value] : match) all = all && cell(t, r, field) == value;
    if (all) out.push_back(r);
  }
  return out;
}

}  // namespace activities_testing
