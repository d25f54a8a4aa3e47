// `localmap graph` end to end on the demo project: accounting, the
// deliberate gaps of data/demo/README.md, valid RFC 7946 layers, a GraphML
// file that NetworkX reads and whose metrics it reproduces, byte-identical
// reruns, and errors before any work.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "support/rfc7946.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using testing_support::read_text;
using testing_support::run_command;
using testing_support::source_path;

namespace {

const std::string kCli = LOCALMAP_CLI;

testing_support::CommandResult graph(const std::string& arguments) { return run_command(kCli + " graph " + arguments); }

// The demo's outputs, made once per process (ctest runs each test in a
// process of its own, several at a time, hence the process id) and removed
// when the process ends.
struct DemoRun {
  fs::path dir = fs::path(LOCALMAP_BINARY_DIR) / "test-scratch" / ("graph-verb-demo-" + std::to_string(::getpid()));
  DemoRun() {
    fs::remove_all(dir);
    const auto r = graph(source_path("data/demo/project.yaml") + " --out " + dir.string());
    EXPECT_EQ(r.status, 0) << r.err;
  }
  ~DemoRun() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

const fs::path& demo_outputs() {
  static const DemoRun run;
  return run.dir;
}

json features(const std::string& file) { return json::parse(read_text(demo_outputs() / file))["features"]; }

std::vector<std::map<std::string, std::string>> read_csv_rows(const fs::path& path) {
  // The CSVs here hold no quoted line breaks: split lines, then fields.
  std::vector<std::vector<std::string>> rows;
  std::string text = read_text(path), cell;
  std::vector<std::string> row;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') row.push_back(std::move(cell)), cell.clear();
    else if (c == '\n') row.push_back(std::move(cell)), cell.clear(), rows.push_back(std::move(row)), row.clear();
    else if (c != '\r') cell += c;
  }
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (std::size_t i = 0; i < rows[0].size() && i < rows[r].size(); ++i) m[rows[0][i]] = rows[r][i];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

TEST(GraphVerb, DemoAccountsForEveryRow) {
  const json actors = features("actors.geojson"), links = features("links.geojson");
  ASSERT_EQ(actors.size(), 152u);
  ASSERT_EQ(links.size(), 400u);
  std::map<std::string, int> placement, status;
  for (const json& f : actors) {
    const std::string p = f["properties"]["placement"];
    ++placement[p];
    EXPECT_EQ(f["geometry"].is_null(), p == "rejected" || p == "unplaced") << f["properties"]["actor_id"];
  }
  EXPECT_EQ(placement, (std::map<std::string, int>{{"coordinates", 122}, {"admin_code", 28}, {"unplaced", 1}, {"rejected", 1}}));
  for (const json& f : links) ++status[f["properties"]["status"].get<std::string>()];
  EXPECT_EQ(status, (std::map<std::string, int>{{"used", 390}, {"merged", 3}, {"rejected", 7}}));
  for (const char* file : {"actors.geojson", "links.geojson"}) {
    const auto problems = testing_support::rfc7946_problems((demo_outputs() / file).string(), 7);
    EXPECT_TRUE(problems.empty()) << file << ": " << (problems.empty() ? "" : problems.front());
  }
}

// The gaps data/demo/README.md promises.
TEST(GraphVerb, DemoShowsTheDeliberateGaps) {
  std::map<std::string, json> by_name;
  int isolated_police = 0;
  for (const json& f : features("actors.geojson")) {
    const json& p = f["properties"];
    if (p["name_en"].is_string()) by_name[p["name_en"]] = p;
    if (p["type"] == "police_security" && p["isolated"] == 1) ++isolated_police;
  }
  EXPECT_EQ(isolated_police, 3);
  EXPECT_EQ(by_name["Sahil Barhun District Authority"]["articulation_point"], 1);
  EXPECT_EQ(by_name["Kahlan District Authority"]["cuts_police_for"], "ZZ0203");
  // The island's only tie to the mainland is a bridge.
  bool island_bridge = false;
  for (const json& f : features("links.geojson")) {
    const json& p = f["properties"];
    if (p["source_name"] == "Sahil Barhun District Authority" && p["target_name"] == "Khazrun Governorate Office")
      island_bridge = p["bridge"] == 1;
  }
  EXPECT_TRUE(island_bridge);

  const auto districts = read_csv_rows(demo_outputs() / "coordination.csv");
  ASSERT_EQ(districts.size(), 34u);
  std::set<std::string> no_police;
  for (const auto& d : districts)
    if (d.at("police_reachable") == "0" && d.at("community_actors") != "0") no_police.insert(d.at("ADM2_PCODE"));
  EXPECT_EQ(no_police, (std::set<std::string>{"ZZ0102", "ZZ0103", "ZZ0104", "ZZ0205", "ZZ0306"}));
  const auto suggestions = read_csv_rows(demo_outputs() / "suggested_links.csv");
  ASSERT_FALSE(suggestions.empty());
  std::set<std::string> proposed_for;
  for (const auto& s : suggestions)
    if (s.at("kind") == "chain_step") proposed_for.insert(s.at("gap").substr(0, 6));
  for (const std::string& code : no_police) EXPECT_TRUE(proposed_for.count(code)) << code;
  EXPECT_EQ(suggestions.front().at("rank"), "1");
  const auto review = read_csv_rows(demo_outputs() / "review_links.csv");
  EXPECT_GT(review.size(), 10u);
}

// NetworkX reads the GraphML and, from its edges alone, finds the same
// betweenness, closeness, bridges and articulation points we wrote.
TEST(GraphVerb, GraphmlOpensInNetworkXAndReproducesTheMetrics) {
  const auto r = run_command("/usr/bin/python3 " + source_path("tests/coordination/graphml_check.py") + " " +
                             (demo_outputs() / "coordination.graphml").string());
  ASSERT_EQ(r.status, 0) << r.err;
  const json check = json::parse(r.out);
  EXPECT_EQ(check["nodes"], 151);
  EXPECT_EQ(check["edges"], 390);
  EXPECT_LT(check["largest_difference"].get<double>(), 1e-9);
  EXPECT_TRUE(check["bridges_agree"].get<bool>());
  EXPECT_TRUE(check["articulation_agree"].get<bool>());
}

TEST(GraphVerb, SecondRunIsByteIdentical) {
  const fs::path again = testing_support::scratch_dir() / "again";
  const auto r = graph(source_path("data/demo/project.yaml") + " --out " + again.string() + " --threads 1 -q");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  int files = 0;
  for (const auto& entry : fs::directory_iterator(demo_outputs())) {
    ++files;
    EXPECT_TRUE(read_text(entry.path()) == read_text(again / entry.path().filename())) << entry.path().filename();
  }
  EXPECT_EQ(files, 7);
}

TEST(GraphVerb, SummaryReportsCountsAndProblems) {
  const fs::path out = testing_support::scratch_dir();
  const auto r = graph(source_path("data/demo/project.yaml") + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* expected : {"[SYNTHETIC data]", "actors    152 rows", "links     400 rows: 390 used, 3 merged",
                               "rejected in links: 1 x self_loop", "unknown actor type 'militia_liaison'",
                               "9 components", "suggested links:", "coordination.graphml"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
}

TEST(GraphVerb, ErrorsComeBeforeAnyWork) {
  const fs::path dir = testing_support::scratch_dir();
  auto r = graph(source_path("data/demo/project.yaml") + " --out " + (dir / "o").string() + " --as-of 2024-13-01");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--as-of '2024-13-01' is not a date"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "o"));
  testing_support::write_text(dir / "p.yaml", "boundaries:\n  districts:\n    source: " +
                                                  source_path("data/demo/districts.geojson") + "\n");
  r = graph((dir / "p.yaml").string() + " --out " + (dir / "o").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no 'coordination:' section"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "o"));
}
