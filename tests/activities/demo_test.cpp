// The demo project end to end through the real CLI: the totals of
// four_w.csv against sums over data/demo/activities.csv computed here from
// the file itself (each record's district from its own `district` column,
// its year from `start_date`), and the fields `localmap run` puts on the
// districts and governorates.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "fixture.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Row = std::map<std::string, std::string>;

// RFC 4180, as localmap and make_demo write it (quotes, doubled quotes, CRLF).
std::vector<Row> read_csv(const fs::path& path) {
  const std::string text = testing_support::read_text(path);
  std::vector<std::vector<std::string>> lines(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      lines.back().push_back(field), field.clear();
    } else if (c == '\n') {
      lines.back().push_back(field), field.clear();
      lines.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !lines.back().empty()) lines.back().push_back(field);
  if (lines.back().empty()) lines.pop_back();
  std::vector<Row> rows;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    Row row;
    for (std::size_t f = 0; f < lines[0].size() && f < lines[l].size(); ++f) row[lines[0][f]] = lines[l][f];
    rows.push_back(row);
  }
  return rows;
}

double number(const std::string& s) { return s.empty() ? 0 : std::stod(s); }
// A count as the analysis takes it: negative counts are left out.
double count(const std::string& s) { return number(s) < 0 ? 0 : number(s); }

struct Sums {
  double activities = 0, participants = 0, male = 0, female = 0, youth = 0, children = 0, displaced = 0, officers = 0,
         resolutions = 0, usd = 0, yer = 0;
  std::set<std::string> partners;
};

void add(Sums& s, const Row& r) {
  ++s.activities;
  s.participants += count(r.at("participants"));
  s.male += count(r.at("male"));
  s.female += count(r.at("female"));
  s.youth += count(r.at("youth"));
  s.children += count(r.at("children"));
  s.displaced += count(r.at("displaced"));
  s.officers += count(r.at("officers"));
  s.resolutions += count(r.at("resolutions"));
  (r.at("currency") == "YER" ? s.yer : s.usd) += number(r.at("budget"));
  s.partners.insert(r.at("partner"));
}

void expect_equal(const Sums& want, const Row& got, const std::string& what) {
  EXPECT_EQ(want.activities, number(got.at("activities"))) << what;
  EXPECT_EQ(want.participants, number(got.at("participants"))) << what;
  EXPECT_EQ(want.male, number(got.at("male"))) << what;
  EXPECT_EQ(want.female, number(got.at("female"))) << what;
  for (const auto& [field, value] : {std::pair{"youth", want.youth}, {"children", want.children},
                                     {"displaced", want.displaced}, {"officers", want.officers}})
    EXPECT_EQ(value, number(got.at(field))) << what << " " << field;
  EXPECT_EQ(want.resolutions, number(got.at("resolutions"))) << what;
  EXPECT_NEAR(want.usd, number(got.at("budget_usd")), 0.005) << what;
  EXPECT_NEAR(want.yer, number(got.at("budget_yer")), 0.005) << what;
  EXPECT_NEAR(std::round((want.usd + want.yer * 0.0018) * 100) / 100, number(got.at("budget_usd_converted")), 0.011) << what;
  EXPECT_EQ(double(want.partners.size()), number(got.at("partners"))) << what;
}

const std::string kDistrictWord = "مديرية ";

class DemoActivities : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: ctest runs each test case as its own
    // process, and scratch_dir() outside a test names one shared folder.
    out_ = new fs::path(fs::path(LOCALMAP_BINARY_DIR) / "test-scratch" / ("DemoActivities-" + std::to_string(::getpid())));
    fs::remove_all(*out_);
    fs::create_directories(*out_);
    const auto r = testing_support::run_command(std::string(LOCALMAP_CLI) + " activities " +
                                                testing_support::source_path("data/demo/project.yaml") + " --out " +
                                                out_->string() + " -q");
    ASSERT_EQ(r.status, 0) << r.err << r.out;
  }
  static void TearDownTestSuite() { delete out_; }
  static fs::path* out_;
};
fs::path* DemoActivities::out_ = nullptr;

TEST_F(DemoActivities, FourWEqualsSumsOverTheInputFile) {
  const std::vector<Row> input = read_csv(testing_support::source_path("data/demo/activities.csv"));
  ASSERT_EQ(input.size(), 120u);
  std::map<std::tuple<std::string, std::string, std::string>, Sums> by_district;  // (ADM2_AR, type, year)
  std::map<std::pair<std::string, std::string>, Sums> by_type;                     // (type, year)
  for (const Row& r : input) {
    const std::string& d = r.at("district");
    ASSERT_EQ(d.rfind(kDistrictWord, 0), 0u) << d;
    const std::string year = r.at("start_date").substr(0, 4);
    add(by_district[{d.substr(kDistrictWord.size()), r.at("type"), year}], r);
    add(by_type[{r.at("type"), year}], r);
  }

  const std::vector<Row> four_w = read_csv(*out_ / "four_w.csv");
  std::size_t district_rows = 0;
  std::map<std::pair<std::string, std::string>, Sums> governorate_sums;
  for (const Row& row : four_w) {
    if (row.at("level") == "districts") {
      ++district_rows;
      const auto key = std::make_tuple(row.at("ADM2_AR"), row.at("type"), row.at("period"));
      const auto it = by_district.find(key);
      ASSERT_NE(it, by_district.end()) << "a four_w row no input record supports: " << row.at("ADM2_PCODE") << " " << row.at("type");
      expect_equal(it->second, row, row.at("ADM2_PCODE") + " " + row.at("type") + " " + row.at("period"));
    } else {
      ASSERT_EQ(row.at("level"), "governorates");
      Sums& s = governorate_sums[{row.at("type"), row.at("period")}];
      s.activities += number(row.at("activities"));
      s.participants += number(row.at("participants"));
      s.female += number(row.at("female"));
      s.usd += number(row.at("budget_usd"));
      s.yer += number(row.at("budget_yer"));
    }
  }
  EXPECT_EQ(district_rows, by_district.size());  // every input cell has its row
  ASSERT_EQ(governorate_sums.size(), by_type.size());
  for (const auto& [key, want] : by_type) {
    const Sums& got = governorate_sums[key];
    EXPECT_EQ(want.activities, got.activities) << key.first << " " << key.second;
    EXPECT_EQ(want.participants, got.participants) << key.first;
    EXPECT_EQ(want.female, got.female) << key.first;
    EXPECT_NEAR(want.usd, got.usd, 0.01) << key.first;
    EXPECT_NEAR(want.yer, got.yer, 0.01) << key.first;
  }
}

TEST_F(DemoActivities, AccountingAndTheDeliberateProblems) {
  std::ifstream in(*out_ / "activities.json");
  const json s = json::parse(in);
  EXPECT_EQ(s.at("synthetic"), true);
  EXPECT_EQ(s.at("records").at("input"), 120);
  EXPECT_EQ(s.at("records").at("counted"), 120);
  EXPECT_EQ(s.at("records").at("by_name"), 4);
  std::map<std::string, int> kinds;
  for (const auto& p : s.at("problems")) kinds[p.at("kind")] = p.at("count");
  const std::map<std::string, int> expected{{"dates_out_of_order", 1}, {"negative", 1}, {"sex_mismatch", 1}};
  EXPECT_EQ(kinds, expected);
  ASSERT_EQ(s.at("inconsistent_breakdowns").size(), 1u);
  EXPECT_EQ(s.at("inconsistent_breakdowns")[0].at("difference"), 10);

  const std::vector<Row> records = read_csv(*out_ / "activities.csv");
  ASSERT_EQ(records.size(), 120u);
  std::size_t with_checks = 0;
  for (const Row& r : records) with_checks += !r.at("checks").empty();
  EXPECT_EQ(with_checks, 3u);
  for (const char* file : {"reach.csv", "inclusion.csv", "facility_activities.csv", "districts.geojson", "governorates.geojson"})
    EXPECT_TRUE(fs::exists(*out_ / file)) << file;
}

TEST(DemoRun, ActivityFieldsOnDistrictsAndGovernorates) {
  const fs::path out = testing_support::scratch_dir();
  const auto r = testing_support::run_command(std::string(LOCALMAP_CLI) + " run " +
                                              testing_support::source_path("data/demo/project.yaml") + " --out " +
                                              out.string() + " -q");
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  for (const char* level : {"districts.geojson", "governorates.geojson"}) {
    std::ifstream in(out / level);
    const json layer = json::parse(in);
    double activities = 0, beneficiaries = 0;
    for (const auto& f : layer.at("features")) {
      activities += f.at("properties").at("activities").get<double>();
      beneficiaries += f.at("properties").at("beneficiaries").get<double>();
    }
    EXPECT_EQ(activities, 120) << level;
    double want = 0;
    for (const Row& row : read_csv(testing_support::source_path("data/demo/activities.csv"))) want += count(row.at("participants"));
    EXPECT_EQ(beneficiaries, want) << level;
  }
  // Reach reads the coverage gap of the same run: equal to the districts' coverage fields.
  std::ifstream districts_in(out / "districts.geojson");
  const json districts = json::parse(districts_in);
  std::map<std::string, json> coverage;
  for (const auto& f : districts.at("features")) coverage[f.at("properties").at("ADM2_PCODE")] = f.at("properties");
  const std::vector<Row> reach = read_csv(out / "reach.csv");
  ASSERT_EQ(reach.size(), coverage.size());
  int published_uncovered = 0;
  for (const Row& row : reach) {
    const json& p = coverage.at(row.at("ADM2_PCODE"));
    EXPECT_NEAR(number(row.at("uncovered_share")), p.at("uncovered_share").get<double>(), 1e-9) << row.at("ADM2_PCODE");
    // A small uncovered count is withheld in both (the demo's issues are restricted).
    if (p.at("issues_uncovered").is_null()) {
      EXPECT_EQ(row.at("issues_uncovered"), "") << row.at("ADM2_PCODE");
    } else {
      EXPECT_EQ(number(row.at("issues_uncovered")), p.at("issues_uncovered").get<double>()) << row.at("ADM2_PCODE");
      ++published_uncovered;
    }
    EXPECT_EQ(number(row.at("activities")), p.at("activities").get<double>()) << row.at("ADM2_PCODE");
  }
  EXPECT_GT(published_uncovered, 0);
  std::ifstream in(out / "run.json");
  const json run = json::parse(in);
  EXPECT_EQ(run.at("activities").at("records").at("counted"), 120);
  for (const char* file : {"activities.csv", "four_w.csv", "reach.csv", "inclusion.csv", "facility_activities.csv"})
    EXPECT_TRUE(fs::exists(out / file)) << file;
}

// The verb withholds what `localmap run` withholds: the fixture's issues are
// restricted (the default for reported issues) and Delta has 1 issue, below
// output.min_count 5, so its issue count and rate leave no output.
TEST(ActivitiesVerb, WithholdsSmallIssueCountsInReach) {
  const fs::path dir = testing_support::scratch_dir();
  const fs::path project = activities_testing::write_project(dir, activities_testing::kActivitiesCsv, "  period: year\n");
  const auto r = testing_support::run_command(std::string(LOCALMAP_CLI) + " activities " + project.string() + " --out " +
                                              (dir / "out").string() + " -q");
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  std::map<std::string, Row> reach;
  for (const Row& row : read_csv(dir / "out" / "reach.csv")) reach[row.at("ADM2_PCODE")] = row;
  EXPECT_EQ(reach.at("ZZ0204").at("issues"), "");
  EXPECT_EQ(reach.at("ZZ0204").at("need"), "");
  EXPECT_EQ(reach.at("ZZ0204").at("need_rank"), "3");  // an order gives no count away
  EXPECT_EQ(reach.at("ZZ0204").at("activities"), "3");  // activities are not restricted
  // Exactly the districts whose n_issues `localmap run` withholds (with the
  // complementary cells that keep the governorate totals from giving them away).
  const auto run = testing_support::run_command(std::string(LOCALMAP_CLI) + " run " + project.string() + " --out " +
                                                (dir / "run").string() + " -q");
  ASSERT_EQ(run.status, 0) << run.err << run.out;
  std::ifstream in(dir / "run" / "districts.geojson");
  const json districts = json::parse(in);
  int withheld = 0;
  for (const auto& f : districts.at("features")) {
    const json& p = f.at("properties");
    const Row& row = reach.at(p.at("ADM2_PCODE").get<std::string>());
    EXPECT_EQ(p.at("n_issues").is_null(), row.at("issues").empty()) << p.at("ADM2_PCODE");
    if (!p.at("n_issues").is_null()) {
      EXPECT_EQ(std::to_string(p.at("n_issues").get<int>()), row.at("issues"));
    }
    withheld += p.at("n_issues").is_null();
  }
  EXPECT_GE(withheld, 1);
}

}  // namespace
