// The synthetic demo project in data/demo: reproducible from the generator,
// and shaped as data/demo/README.md documents.  The files are read back from
// disk (not from the generator's memory), so what is checked is what users get.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "geo/boundary_distance.hpp"
#include "geo/coordinate_columns.hpp"
#include "geo/point_locator.hpp"
#include "geo/vector_reader.hpp"
#include "support/rfc7946.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using testing_support::read_text;
using testing_support::run_command;
using testing_support::source_path;

namespace {

const std::string kGenerator = std::string(LOCALMAP_BINARY_DIR) + "/tools/make_demo/make_demo";

fs::path demo_dir() { return source_path("data/demo"); }

// ---------------------------------------------------------------------------
// Reading the files back

struct District {
  std::string adm0, adm1, adm2, name_en, name_ar;
  std::int64_t population = 0;
  geo::Geometry shape;
};

std::vector<District> read_districts() {
  geo::VectorReader reader((demo_dir() / "districts.geojson").string());
  std::vector<District> out;
  reader.for_each([&](const geo::FeatureView& f) {
    District d;
    d.adm0 = f.text(reader.field_index("ADM0_PCODE"));
    d.adm1 = f.text(reader.field_index("ADM1_PCODE"));
    d.adm2 = f.text(reader.field_index("ADM2_PCODE"));
    d.name_en = f.text(reader.field_index("ADM2_EN"));
    d.name_ar = f.text(reader.field_index("ADM2_AR"));
    const geo::Value population = f.value(reader.field_index("population"));
    if (const auto* n = std::get_if<std::int64_t>(&population)) d.population = *n;
    d.shape = f.geometry();
    out.push_back(std::move(d));
    return true;
  });
  return out;
}

std::vector<const geo::Geometry*> shapes(const std::vector<District>& districts) {
  std::vector<const geo::Geometry*> out;
  for (const District& d : districts) out.push_back(&d.shape);
  return out;
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  const std::string text = read_text(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// Every ring vertex (closing repeats left out) and every ring edge of a (multi)polygon.
struct Segment {
  geo::Point a, b;
};
std::vector<geo::Point> vertices(const geo::Geometry& g) {
  std::vector<geo::Point> out;
  for (const auto& polygon : g.polygons())
    for (const auto& ring : polygon) out.insert(out.end(), ring.begin(), ring.end() - 1);
  return out;
}
std::vector<Segment> edges(const geo::Geometry& g) {
  std::vector<Segment> out;
  for (const auto& polygon : g.polygons())
    for (const auto& ring : polygon)
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) out.push_back({ring[i], ring[i + 1]});
  return out;
}

double segment_distance(geo::Point p, Segment s) {
  const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
  const double t = std::clamp(((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  return std::hypot(p.x - (s.a.x + t * dx), p.y - (s.a.y + t * dy));
}

// p is an endpoint of s or lies exactly on it (exact orientation predicate).
bool exactly_on(geo::Point p, Segment s) {
  if (p == s.a || p == s.b) return true;
  return geo::orientation(s.a, s.b, p) == 0 && p.x >= std::min(s.a.x, s.b.x) && p.x <= std::max(s.a.x, s.b.x) &&
         p.y >= std::min(s.a.y, s.b.y) && p.y <= std::max(s.a.y, s.b.y);
}

double symmetric_difference_area(const geo::Geometry& a, const geo::Geometry& b) {
  return a.difference(b).planar_area() + b.difference(a).planar_area();
}

// ---------------------------------------------------------------------------
// (a) Reproducibility

TEST(DemoData, GeneratorReproducesEveryCommittedFile) {
  const fs::path out = testing_support::scratch_dir();
  const auto run = run_command(kGenerator + " --out " + out.string());
  ASSERT_EQ(run.status, 0) << run.err;
  std::set<std::string> committed, generated;
  for (const auto& entry : fs::directory_iterator(demo_dir()))
    if (entry.path().filename() != "README.md") committed.insert(entry.path().filename().string());
  for (const auto& entry : fs::directory_iterator(out)) generated.insert(entry.path().filename().string());
  EXPECT_EQ(committed, generated);
  EXPECT_EQ(committed.size(), 9u);
  for (const std::string& name : committed) {
    // Not EXPECT_EQ on the text: a 200 KB diff helps nobody.
    EXPECT_TRUE(read_text(demo_dir() / name) == read_text(out / name))
        << name << " differs from the generator's output; regenerate with "
        << "build/tools/make_demo/make_demo --out data/demo";
  }
}

TEST(DemoData, SeedChangesTheDataAndIsRecorded) {
  const fs::path out = testing_support::scratch_dir();
  const auto run = run_command(kGenerator + " --out " + out.string() + " --seed 7");
  ASSERT_EQ(run.status, 0) << run.err;
  const std::string districts = read_text(out / "districts.geojson");
  EXPECT_NE(districts, read_text(demo_dir() / "districts.geojson"));
  EXPECT_NE(districts.find("SYNTHETIC demo data generated by tools\\/make_demo (seed 7); not a real place"),
            std::string::npos);
  EXPECT_EQ(read_text(out / "project.yaml").rfind("# SYNTHETIC demo project generated by tools/make_demo (seed 7)", 0), 0u);
}

TEST(DemoData, EveryFileSaysSynthetic) {
  for (const char* name : {"districts.geojson", "governorates.geojson"})
    EXPECT_NE(read_text(demo_dir() / name).find("\"description\": \"SYNTHETIC demo data generated by tools\\/make_demo "
                                                 "(seed 2022); not a real place\""),
              std::string::npos)
        << name;
  EXPECT_EQ(read_text(demo_dir() / "README.md").substr(0, 60).find("SYNTHETIC") != std::string::npos, true);
  const std::string project = read_text(demo_dir() / "project.yaml");
  EXPECT_EQ(project.rfind("# SYNTHETIC demo project generated by tools/make_demo (seed 2022)", 0), 0u);
  EXPECT_NE(project.find("\nsynthetic: true\n"), std::string::npos);
  // Every source the project file names is there.
  // (Lines that start with "source:", not the `source:` field role of the links.)
  for (std::size_t at = project.find("source: "); at != std::string::npos; at = project.find("source: ", at + 1)) {
    if (project.find_last_not_of(' ', at - 1) != project.rfind('\n', at)) continue;
    const std::string file = project.substr(at + 8, project.find('\n', at) - at - 8);
    EXPECT_TRUE(fs::exists(demo_dir() / file)) << file;
  }
}

// ---------------------------------------------------------------------------
// (b) Boundaries

TEST(DemoDistricts, CountsCodesNamesAndValidity) {
  const auto districts = read_districts();
  EXPECT_GE(districts.size(), 30u);
  EXPECT_LE(districts.size(), 36u);
  std::set<std::string> codes, governorates;
  std::set<std::pair<std::string, std::string>> names;
  for (const District& d : districts) {
    std::string why;
    EXPECT_TRUE(d.shape.is_polygonal() && d.shape.is_valid(&why)) << d.adm2 << ": " << why;
    EXPECT_EQ(d.adm0, "ZZ");
    EXPECT_TRUE(d.adm1.size() == 4 && d.adm1.rfind("ZZ0", 0) == 0 && d.adm1[3] >= '1' && d.adm1[3] <= '4') << d.adm1;
    EXPECT_EQ(d.adm2.size(), 6u);
    EXPECT_EQ(d.adm2.substr(0, 4), d.adm1) << d.adm2;
    EXPECT_TRUE(codes.insert(d.adm2).second) << "duplicate " << d.adm2;
    EXPECT_TRUE(names.insert({d.name_en, d.name_ar}).second) << "duplicate name " << d.name_en;
    EXPECT_FALSE(d.name_en.empty() || d.name_ar.empty()) << d.adm2;
    EXPECT_GE(d.population, 20000) << d.adm2;
    EXPECT_LE(d.population, 400000) << d.adm2;
    EXPECT_TRUE(d.shape.envelope().min_x > 61 && d.shape.envelope().max_x < 66.5) << d.adm2;  // open sea, ~62-65.5 E
    governorates.insert(d.adm1);
  }
  EXPECT_EQ(governorates, (std::set<std::string>{"ZZ01", "ZZ02", "ZZ03", "ZZ04"}));
  EXPECT_TRUE(testing_support::rfc7946_problems((demo_dir() / "districts.geojson").string(), 7).empty());
}

// Written coordinates are rounded to 7 decimals; the generator snaps before
// clipping so that neighbours still share every border vertex exactly.  A
// vertex within 1e-6 degrees (~0.1 m) of a neighbour's boundary must lie
// exactly on it, and no vertex may lie inside a neighbour.
TEST(DemoDistricts, NeighboursShareBordersExactly) {
  const auto districts = read_districts();
  std::size_t shared = 0;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    for (std::size_t j = 0; j < districts.size(); ++j) {
      if (i == j) continue;
      geo::Envelope box = districts[j].shape.envelope();
      box.expand(geo::Point{box.min_x - 1e-5, box.min_y - 1e-5});
      box.expand(geo::Point{box.max_x + 1e-5, box.max_y + 1e-5});
      const auto neighbour_edges = edges(districts[j].shape);
      for (const geo::Point v : vertices(districts[i].shape)) {
        if (!box.contains(v)) continue;
        bool near = false, exact = false;
        for (const Segment& e : neighbour_edges) {
          if (segment_distance(v, e) < 1e-6) {
            near = true;
            exact = exact || exactly_on(v, e);
          }
        }
        if (near) {
          ++shared;
          EXPECT_TRUE(exact) << districts[i].adm2 << " vertex " << v.x << "," << v.y << " is near but not on "
                             << districts[j].adm2 << "'s boundary";
        } else {
          EXPECT_FALSE(districts[j].shape.covers(v)) << districts[i].adm2 << " vertex inside " << districts[j].adm2;
        }
      }
    }
  }
  EXPECT_GT(shared, 2 * districts.size());  // the check was not vacuous
}

TEST(DemoDistricts, TileWithoutOverlaps) {
  const auto districts = read_districts();
  double sum = 0;
  for (const District& d : districts) sum += d.shape.planar_area();
  const double united = geo::Geometry::union_all(shapes(districts)).planar_area();
  EXPECT_NEAR(sum, united, 1e-9 * united);
}

TEST(DemoDistricts, OneDistrictOwnsAnOffshoreIsland) {
  const auto districts = read_districts();
  int islands = 0;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    if (districts[i].shape.type() != geo::GeometryType::MultiPolygon) continue;
    const auto parts = districts[i].shape.parts();
    for (std::size_t p = 0; p < parts.size(); ++p) {
      bool touches = false;
      for (std::size_t j = 0; j < districts.size(); ++j)
        if (j != i && districts[j].shape.intersects(parts[p])) touches = true;
      for (std::size_t q = 0; q < parts.size(); ++q)
        if (q != p && parts[q].intersects(parts[p])) touches = true;
      if (!touches) ++islands;
    }
  }
  EXPECT_GE(islands, 1);
}

TEST(DemoDistricts, AnEnclaveFillsAHoleExactly) {
  const auto districts = read_districts();
  int enclaves = 0;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    for (const geo::PolygonRings& polygon : districts[i].shape.polygons()) {
      for (std::size_t h = 1; h < polygon.size(); ++h) {
        const geo::Geometry hole = geo::Geometry::polygon({polygon[h]});
        const geo::Point inside = hole.point_on_surface();
        std::size_t filler = districts.size();
        for (std::size_t j = 0; j < districts.size(); ++j)
          if (j != i && districts[j].shape.covers(inside)) filler = j;
        ASSERT_LT(filler, districts.size()) << "hole in " << districts[i].adm2 << " is not filled";
        EXPECT_NEAR(districts[filler].shape.planar_area(), hole.planar_area(), 1e-9 * hole.planar_area());
        EXPECT_LT(symmetric_difference_area(districts[filler].shape, hole), 1e-9 * hole.planar_area());
        EXPECT_EQ(districts[filler].adm1, districts[i].adm1);
        ++enclaves;
      }
    }
  }
  EXPECT_GE(enclaves, 1);
}

TEST(DemoGovernorates, AreTheUnionsOfTheirDistricts) {
  const auto districts = read_districts();
  geo::VectorReader reader((demo_dir() / "governorates.geojson").string());
  std::set<std::pair<std::string, std::string>> names;
  int count = 0;
  reader.for_each([&](const geo::FeatureView& f) {
    const std::string code = f.text(reader.field_index("ADM1_PCODE"));
    EXPECT_TRUE(names.insert({f.text(reader.field_index("ADM1_EN")), f.text(reader.field_index("ADM1_AR"))}).second);
    EXPECT_EQ(f.text(reader.field_index("ADM1_AR")).rfind("محافظة", 0), std::string::npos);  // COD style: no prefix
    const geo::Geometry governorate = f.geometry();
    EXPECT_TRUE(governorate.is_valid()) << code;
    std::vector<const geo::Geometry*> members;
    for (const District& d : districts)
      if (d.adm1 == code) members.push_back(&d.shape);
    EXPECT_GE(members.size(), 5u) << code;
    const geo::Geometry united = geo::Geometry::union_all(members);
    EXPECT_LT(symmetric_difference_area(united, governorate), 1e-9 * governorate.planar_area()) << code;
    ++count;
    return true;
  });
  EXPECT_EQ(count, 4);
}

// ---------------------------------------------------------------------------
// (c) Tables

TEST(DemoTables, FacilitiesLieInDistrictsWithASecurityDepartmentPerGovernorate) {
  const auto districts = read_districts();
  const auto locator = geo::make_grid_locator(shapes(districts));
  const auto rows = read_csv(demo_dir() / "facilities.csv");
  const auto& h = rows.front();
  ASSERT_EQ(h, (std::vector<std::string>{"facility_id", "name_en", "name_ar", "type", "status", "governorate_en",
                                         "governorate_ar", "lon", "lat"}));
  EXPECT_GE(rows.size() - 1, 35u);
  EXPECT_LE(rows.size() - 1, 45u);
  std::map<std::string, int> status, security_departments;
  const std::set<std::string> types = {"police_station", "traffic_police", "operations_room", "security_department"};
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    EXPECT_TRUE(types.count(row[3])) << row[3];
    ++status[row[4]];
    const geo::Point p{*geo::parse_number(row[7]), *geo::parse_number(row[8])};
    const std::int32_t d = locator->locate(p);
    ASSERT_GE(d, 0) << row[0] << " is not in a district";
    if (row[3] == "security_department") ++security_departments[districts[d].adm1];
  }
  EXPECT_EQ(security_departments.size(), 4u);
  const double n = static_cast<double>(rows.size() - 1);
  EXPECT_EQ(status.size(), 3u);
  EXPECT_NEAR(status["damaged"] / n, 0.20, 0.05);
  EXPECT_NEAR(status["rehabilitated"] / n, 0.15, 0.05);
  EXPECT_EQ(status["operational"] + status["damaged"] + status["rehabilitated"], static_cast<int>(n));
}

TEST(DemoTables, PartnersAreHxlTaggedWithLatitudeBeforeLongitude) {
  const auto districts = read_districts();
  const auto locator = geo::make_grid_locator(shapes(districts));
  const auto rows = read_csv(demo_dir() / "partners.csv");
  ASSERT_GE(rows.size(), 3u);
  const auto& header = rows[0];
  const auto& tags = rows[1];
  EXPECT_TRUE(geo::is_hxl_tag_row(tags));
  EXPECT_EQ(tags, (std::vector<std::string>{"#org+id", "#org+name", "#org+name+i_ar", "#sector", "#org+women_led",
                                            "#org+youth_led", "#geo+lat", "#geo+lon"}));
  // Only the tags say which column is which: names give no coordinate hint.
  for (const std::string& name : header)
    for (const char* hint : {"lat", "lon", "lng", "x", "y"}) EXPECT_NE(name, hint);
  const auto found = geo::find_coordinate_columns(header, tags, {});
  ASSERT_EQ(found.kind, geo::CoordinateColumns::Kind::XY);
  EXPECT_EQ(found.y, 6);
  EXPECT_EQ(found.x, 7);
  EXPECT_GE(rows.size() - 2, 40u);
  EXPECT_LE(rows.size() - 2, 50u);
  std::set<std::string> ids;
  for (std::size_t r = 2; r < rows.size(); ++r) {
    EXPECT_TRUE(ids.insert(rows[r][0]).second);
    EXPECT_TRUE(rows[r][4] == "yes" || rows[r][4] == "no");
    const geo::Point p{*geo::parse_number(rows[r][7]), *geo::parse_number(rows[r][6])};
    EXPECT_GE(locator->locate(p), 0) << rows[r][0] << " is not in a district";
  }
}

// Each row is classified from its coordinates alone; the malformed ones must
// be exactly those listed in the README, and their notes must say so.  Every
// row names its district ("مديرية <ADM2_AR>"); for a good row it is the
// district holding its point.
TEST(DemoTables, IssuesHaveExactlyTheListedMalformedRecords) {
  const auto districts = read_districts();
  const auto all = shapes(districts);
  const auto locator = geo::make_grid_locator(all);
  const geo::BoundaryDistance distance(all);
  std::set<std::string> district_names;
  for (const District& d : districts) district_names.insert("مديرية " + d.name_ar);
  const auto rows = read_csv(demo_dir() / "issues.csv");
  const auto& h = rows.front();
  ASSERT_EQ(h, (std::vector<std::string>{"issue_id", "category", "severity", "reported_on", "channel", "district",
                                         "latitude", "longitude", "note"}));
  EXPECT_GE(rows.size() - 1, 1900u);
  EXPECT_LE(rows.size() - 1, 2100u);
  std::map<std::string, int> kinds;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), h.size()) << "row " << r;
    EXPECT_TRUE(district_names.count(row[5])) << row[0] << ": " << row[5];
    const auto lat = geo::parse_number(row[6]);
    const auto lon = geo::parse_number(row[7]);
    std::string kind;
    if (row[6].empty() && row[7].empty()) kind = "empty";
    else if (!lat && lon) kind = "non-numeric latitude";
    else if (!lat || !lon) kind = "other unparsable";
    else if (std::abs(*lat) > 90) kind = "latitude out of range";
    else if (locator->locate({*lon, *lat}) >= 0) kind = "good";
    else if (locator->locate({*lat, *lon}) >= 0) kind = "swapped";
    else if (distance.nearest({*lon, *lat}).distance_m < 300) kind = "near coast";
    else if (distance.nearest({*lon, *lat}).distance_m > 20000) kind = "far at sea";
    else kind = "other at sea";
    ++kinds[kind];
    if (kind == "good") {
      const District& holder = districts[static_cast<std::size_t>(locator->locate({*lon, *lat}))];
      EXPECT_EQ(row[5], "مديرية " + holder.name_ar) << row[0];
    }
    const bool flagged = row[8].rfind("synthetic: deliberately malformed – ", 0) == 0;
    const bool by_name = row[8].rfind("synthetic: no coordinates, only the district's name", 0) == 0;
    EXPECT_EQ(flagged, kind != "good" && kind != "empty") << row[0] << " (" << kind << "): " << row[8];
    EXPECT_EQ(by_name, kind == "empty") << row[0] << " (" << kind << "): " << row[8];
    EXPECT_EQ(row[0], "I" + std::string(4 - std::to_string(r).size(), '0') + std::to_string(r));
  }
  const int bad = 3 + 2 + 2 + 3 + 2 + 1;
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"empty", 3},
                                               {"non-numeric latitude", 2},
                                               {"swapped", 2},
                                               {"near coast", 3},
                                               {"far at sea", 2},
                                               {"latitude out of range", 1},
                                               {"good", static_cast<int>(rows.size() - 1) - bad}}));
}

TEST(DemoTables, IssueValuesAreInTheirDomains) {
  const auto rows = read_csv(demo_dir() / "issues.csv");
  const std::set<std::string> categories = {"drugs",     "arms",          "gangs",       "checkpoints",
                                            "detention", "womens_safety", "basic_needs", "extremism"};
  const std::set<std::string> channels = {"local_forum", "community_dialogue", "round_table", "hotline"};
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    EXPECT_TRUE(categories.count(row[1])) << row[0];
    EXPECT_TRUE(row[2].size() == 1 && row[2][0] >= '1' && row[2][0] <= '5') << row[0];
    EXPECT_TRUE(row[3] >= "2023-01-01" && row[3] <= "2024-12-31" && row[3].size() == 10) << row[0];
    EXPECT_TRUE(channels.count(row[4])) << row[0];
  }
}

// The signal later analyses are meant to find (see data/demo/README.md).
TEST(DemoTables, IssuesCarryTheDocumentedSignal) {
  const auto districts = read_districts();
  const auto locator = geo::make_grid_locator(shapes(districts));
  const auto rows = read_csv(demo_dir() / "issues.csv");
  std::map<std::string, std::map<std::string, int>> by_governorate;         // adm1 -> category -> n
  std::map<std::string, std::map<std::string, int>> drugs_by_year;         // adm1 -> year -> n
  std::map<std::string, std::map<std::string, int>> by_district;           // adm2 -> category -> n
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto lat = geo::parse_number(rows[r][6]), lon = geo::parse_number(rows[r][7]);
    if (!lat || !lon) continue;
    const std::int32_t d = locator->locate({*lon, *lat});
    if (d < 0) continue;
    ++by_governorate[districts[d].adm1][rows[r][1]];
    ++by_district[districts[d].adm2][rows[r][1]];
    if (rows[r][1] == "drugs") ++drugs_by_year[districts[d].adm1][rows[r][3].substr(0, 4)];
  }
  auto share = [](const std::map<std::string, int>& counts, std::initializer_list<const char*> of) {
    int part = 0, total = 0;
    for (const auto& [category, n] : counts) total += n;
    for (const char* c : of) part += counts.count(c) ? counts.at(c) : 0;
    return total ? static_cast<double>(part) / total : 0.0;
  };
  // Border governorate: arms and checkpoints over-represented.
  for (const char* other : {"ZZ02", "ZZ03", "ZZ04"})
    EXPECT_GT(share(by_governorate["ZZ01"], {"arms", "checkpoints"}),
              1.5 * share(by_governorate[other], {"arms", "checkpoints"}))
        << other;
  // Drugs rise from 2023 to 2024 in ZZ02, faster than anywhere else.
  auto growth = [&](const char* code) {
    return static_cast<double>(drugs_by_year[code]["2024"]) / std::max(1, drugs_by_year[code]["2023"]);
  };
  EXPECT_GT(growth("ZZ02"), 1.8);
  for (const char* other : {"ZZ01", "ZZ03", "ZZ04"}) EXPECT_GT(growth("ZZ02"), 1.2 * growth(other)) << other;
  // At least two districts (with 20+ issues) where drugs are over-represented:
  // a location quotient (district share / regional share) above 1.8.
  std::map<std::string, int> region;
  for (const auto& [code, counts] : by_district)
    for (const auto& [category, n] : counts) region[category] += n;
  int drug_districts = 0;
  for (const auto& [code, counts] : by_district) {
    int n = 0;
    for (const auto& [category, k] : counts) n += k;
    if (n >= 20 && share(counts, {"drugs"}) > 1.8 * share(region, {"drugs"})) ++drug_districts;
  }
  EXPECT_GE(drug_districts, 2);
}

// ---------------------------------------------------------------------------
// (d) The coordination network (actors.csv, links.csv)

// Actors: unique ids, types from the standard vocabulary (but the one flagged
// row), located inside the district their P-code names, or placed by P-code only.
TEST(DemoCoordination, ActorsAreWhereTheirPcodesSay) {
  const auto districts = read_districts();
  const auto locator = geo::make_grid_locator(shapes(districts));
  const auto rows = read_csv(demo_dir() / "actors.csv");
  ASSERT_EQ(rows.front(), (std::vector<std::string>{"actor_id", "name_en", "name_ar", "type", "pcode", "women_led", "youth_led",
                                                    "facility_id", "lon", "lat", "note"}));
  const std::set<std::string> types = {"national_authority", "governorate_authority", "district_authority", "municipality",
                                       "police_security", "judiciary", "health", "cso", "community_committee",
                                       "community_leader", "womens_group", "youth_group", "business"};
  std::set<std::string> ids, district_codes;
  for (const District& d : districts) district_codes.insert(d.adm2);
  std::map<std::string, int> by_type;
  int by_pcode_only = 0, flagged = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), rows.front().size()) << "row " << r;
    EXPECT_TRUE(ids.insert(row[0]).second) << row[0];
    const bool malformed = row[10].rfind("synthetic: deliberately", 0) == 0;
    flagged += malformed;
    EXPECT_TRUE(types.count(row[3]) || malformed) << row[0] << " " << row[3];
    ++by_type[row[3]];
    if (row[8].empty()) {
      EXPECT_TRUE(row[9].empty());
      EXPECT_FALSE(row[4].empty()) << row[0] << " has neither coordinates nor a P-code";
      ++by_pcode_only;
      continue;
    }
    const std::int32_t d = locator->locate({*geo::parse_number(row[8]), *geo::parse_number(row[9])});
    ASSERT_GE(d, 0) << row[0] << " is not in a district";
    if (district_codes.count(row[4])) {
      EXPECT_EQ(districts[d].adm2, row[4]) << row[0];
    }
  }
  EXPECT_GE(rows.size() - 1, 140u);
  EXPECT_LE(rows.size() - 1, 160u);
  EXPECT_EQ(flagged, 2);  // an unknown type and an unknown P-code
  EXPECT_GE(by_pcode_only, 20);
  EXPECT_EQ(by_type["governorate_authority"], 4);
  EXPECT_EQ(by_type["district_authority"], static_cast<int>(districts.size()));
  EXPECT_EQ(by_type["police_security"], 28);  // the police stations and security departments of facilities.csv
}

// Links: every row names known actors and parses, except exactly the rows
// whose note says they are malformed.
TEST(DemoCoordination, LinksAreWellFormedButTheFlaggedRows) {
  const auto actors = read_csv(demo_dir() / "actors.csv");
  const auto rows = read_csv(demo_dir() / "links.csv");
  ASSERT_EQ(rows.front(), (std::vector<std::string>{"link_id", "source", "target", "link_type", "strength", "start_date",
                                                    "end_date", "directed", "note"}));
  std::set<std::string> known;
  for (std::size_t r = 1; r < actors.size(); ++r)
    if (actors[r][10].rfind("synthetic: deliberately malformed", 0) != 0) known.insert(actors[r][0]);
  const std::set<std::string> types = {"meeting", "agreement", "referral", "joint_campaign", "funding", "reporting_line"};
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> seen;
  auto date_ok = [](const std::string& d) {
    return d.empty() || (d.size() == 10 && d >= "2022-01-01" && d <= "2026-12-31" && d.substr(5) != "02-30");
  };
  int flagged = 0, good = 0, ended = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), rows.front().size()) << "row " << r;
    const auto strength = geo::parse_number(row[4]);
    const auto key = std::make_tuple(std::min(row[1], row[2]), std::max(row[1], row[2]), row[3], row[5], row[6]);
    const bool fine = known.count(row[1]) && known.count(row[2]) && row[1] != row[2] && types.count(row[3]) && strength &&
                      *strength > 0 && date_ok(row[5]) && date_ok(row[6]) && seen.insert(key).second;
    const bool malformed = row[8].rfind("synthetic: deliberately malformed – ", 0) == 0;
    EXPECT_EQ(fine, !malformed) << row[0] << ": " << row[8];
    flagged += malformed;
    good += fine;
    ended += !row[6].empty();
  }
  EXPECT_EQ(flagged, 10);
  EXPECT_GE(good, 380);
  EXPECT_GE(ended, 30);  // some links end, so reviews see links lost
}

// ---------------------------------------------------------------------------
// (d) Activities

TEST(DemoActivities, LocatedNamedAndFlaggedAsDocumented) {
  const auto districts = read_districts();
  const auto locator = geo::make_grid_locator(shapes(districts));
  const auto rows = read_csv(demo_dir() / "activities.csv");
  const auto& h = rows.front();
  ASSERT_EQ(h, (std::vector<std::string>{"activity_id", "type", "partner", "donor", "start_date", "end_date", "budget",
                                         "currency", "facility_id", "participants", "male", "female", "youth", "children",
                                         "displaced", "officers", "resolutions", "district", "lon", "lat", "note"}));
  ASSERT_EQ(rows.size() - 1, 120u);
  std::set<std::string> facilities;
  for (const auto& row : read_csv(demo_dir() / "facilities.csv")) facilities.insert(row[0]);
  const std::set<std::string> types = {"security_grant", "infrastructure_works", "advocacy_grant", "campaign",
                                       "local_forum",    "community_dialogue",   "round_table",    "training"};
  int by_name = 0, inconsistent = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), h.size()) << "row " << r;
    EXPECT_TRUE(types.count(row[1])) << row[0];
    EXPECT_TRUE(row[8].empty() || facilities.count(row[8])) << row[0] << ": " << row[8];
    const auto lon = geo::parse_number(row[18]), lat = geo::parse_number(row[19]);
    if (!lon || !lat) {
      ++by_name;
      EXPECT_EQ(row[20], "synthetic: no coordinates, only the district's name") << row[0];
    } else {
      const std::int32_t d = locator->locate({*lon, *lat});
      ASSERT_GE(d, 0) << row[0];
      EXPECT_EQ(row[17], "مديرية " + districts[static_cast<std::size_t>(d)].name_ar) << row[0];
    }
    const double total = *geo::parse_number(row[9]), male = *geo::parse_number(row[10]), female = *geo::parse_number(row[11]);
    const bool consistent = male >= 0 && female >= 0 && male + female == total && row[5] >= row[4];
    const bool flagged = row[20].rfind("synthetic: deliberately inconsistent – ", 0) == 0;
    EXPECT_EQ(consistent, !flagged) << row[0] << ": " << row[20];
    inconsistent += flagged;
  }
  EXPECT_EQ(by_name, 4);
  EXPECT_EQ(inconsistent, 3);
}

}  // namespace
