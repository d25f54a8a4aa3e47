// The bad-input corpus (issue 9, item 3): one test per case of
// tests/bad_inputs/cases.yaml, each running the real `localmap` binary on the
// case's files and checking the expected outcome written in the manifest,
// plus the invariants that hold for every run:
//   - no run dies from a signal;
//   - a failed run prints "localmap: error: ..." in one or two lines and
//     writes no run.json;
//   - every layer of a run.json satisfies
//     matched + snapped + name_matched + unmatched + rejected = input;
//   - no `.partial-*` temporary file is left behind.
// Cases marked `known_failure:` (the tool misbehaves today) are skipped;
// LOCALMAP_BAD_INPUTS_KNOWN=1 runs them as well.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The corpus reads records back from the point outputs, so its runs export
// restricted layers (issues by default) with --allow-precise; disclosure
// itself is tested in tests/e2e/disclosure_test.cpp.  A project file that
// does not parse gets no flag (the run reports the problem).
std::string precise_flags(const std::string& project) {
  std::string flags;
  try {
    const YAML::Node layers = YAML::LoadFile(project)["layers"];
    if (!layers || !layers.IsMap()) return flags;
    for (const auto& entry : layers) {
      const std::string name = entry.first.as<std::string>();
      const YAML::Node layer = entry.second;
      if (!layer.IsMap()) continue;
      const std::string role = layer["role"] ? layer["role"].as<std::string>() : name;
      const std::string sensitivity =
          layer["sensitivity"] ? layer["sensitivity"].as<std::string>() : (role == "issues" ? "restricted" : "public");
      if (sensitivity == "restricted") flags += " --allow-precise " + name;
    }
  } catch (const YAML::Exception&) {
  }
  return flags;
}

const fs::path kHere = BAD_INPUTS_DIR;

struct Case {
  std::string name;
  YAML::Node node;
};

// gtest prints a case by its name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> load_cases() {
  std::vector<Case> out;
  const YAML::Node root = YAML::LoadFile((kHere / "cases.yaml").string());
  std::set<std::string> names;
  for (const YAML::Node& c : root["cases"]) {
    const std::string name = c["name"].as<std::string>();
    if (!names.insert(name).second) throw std::runtime_error("cases.yaml: the case name '" + name + "' is used twice");
    out.push_back({name, c});
  }
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string indent(const std::string& text, const std::string& by) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out += by + line + "\n";
  return out;
}

// Deterministic files made at test time: big, binary and zero-size inputs
// are never committed.
void generate(const YAML::Node& spec, const fs::path& dir) {
  const fs::path path = dir / spec["file"].as<std::string>();
  const std::string kind = spec["kind"].as<std::string>();
  std::ofstream out(path, std::ios::binary);
  if (kind == "zero_size") return;
  if (kind == "huge_csv") {
    // Record i: i % 1000 == 0 unparsable, i % 1000 == 500 far east of the
    // squares, otherwise odd i in ZZ01 and even i in ZZ02.
    const int rows = spec["rows"].as<int>();
    out << "id,lon,lat,category\n";
    for (int i = 1; i <= rows; ++i) {
      const char* lon = i % 1000 == 0 ? "bad" : i % 1000 == 500 ? "50" : i % 2 == 1 ? "44.5" : "45.5";
      out << i << ',' << lon << ",15.5," << (i % 3 == 0 ? "drugs" : "arms") << '\n';
    }
    return;
  }
  if (kind == "big_cell") {
    const std::size_t bytes = spec["bytes"].as<std::size_t>();
    out << "id,lon,lat,note\n1,44.5,15.5,short\n2,45.5,15.5,";
    out << std::string(bytes, 'x') << "\n3,44.5,15.5,short\n";
    return;
  }
  if (kind == "binary_garbage") {
    const std::size_t bytes = spec["bytes"].as<std::size_t>();
    std::uint64_t state = 0x9E3779B97F4A7C15ull;  // xorshift64, fixed seed
    for (std::size_t i = 0; i < bytes; ++i) {
      state ^= state << 13, state ^= state >> 7, state ^= state << 17;
      out.put(static_cast<char>(state & 0xFF));
    }
    return;
  }
  FAIL() << "cases.yaml: unknown generate kind '" << kind << "'";
}

// Every file under `dir` whose name holds ".partial-".
std::vector<std::string> partial_files(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().filename().string().find(".partial-") != std::string::npos) out.push_back(entry.path().string());
  return out;
}

const json* find_layer(const json& report, const std::string& name) {
  for (const json& layer : report["layers"])
    if (layer["name"] == name) return &layer;
  return nullptr;
}

class BadInputs : public ::testing::TestWithParam<Case> {};

TEST_P(BadInputs, Case) {
  const Case& c = GetParam();
  const YAML::Node& n = c.node;
  ASSERT_TRUE(n["expect"]) << "case " << c.name << " has no expect:";
  ASSERT_TRUE(n["why"]) << "case " << c.name << " gives no reason for its expectation (why:)";
  // LOCALMAP_BAD_INPUTS_KNOWN=1 runs the known failures too (to check a fix).
  const char* run_known = std::getenv("LOCALMAP_BAD_INPUTS_KNOWN");
  if (n["known_failure"] && !(run_known && std::string(run_known) == "1"))
    GTEST_SKIP() << "known failure: " << n["known_failure"].as<std::string>();

  const fs::path scratch = testing_support::scratch_dir();
  const fs::path out = scratch / "out";
  fs::create_directories(out);
  auto substitute = [&](std::string text) {
    text = replace_all(text, "{corpus}", (kHere / "corpus").string());
    text = replace_all(text, "{shared}", LOCALMAP_SHARED_DATA);
    text = replace_all(text, "{scratch}", scratch.string());
    return replace_all(text, "{out}", out.string());
  };

  if (n["generate"])
    for (const YAML::Node& g : n["generate"]) generate(g, scratch);

  std::string project;
  if (n["project_file"]) {
    const fs::path from = kHere / "corpus" / n["project_file"].as<std::string>();
    project = (scratch / from.filename()).string();
    testing_support::write_text(project, substitute(testing_support::read_text(from)));
  } else if (n["boundaries"]) {
    const std::string b = n["boundaries"].as<std::string>();
    std::string text = "project: bad input " + c.name + "\nboundaries:\n";
    if (b == "yemen") {
      text += "  governorates:\n    source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") +
              "\n  districts:\n    source: " + testing_support::shared_data("boundaries/yem_adm2.gpkg") +
              "\n    parent: ADM1_PCODE\n";
    } else {
      text += "  districts:\n    source: \"" + (kHere / "corpus" / b).string() + "\"\n";
    }
    if (n["boundary_keys"]) text += indent(n["boundary_keys"].as<std::string>(), "    ");
    if (n["layers"]) text += "layers:\n" + indent(substitute(n["layers"].as<std::string>()), "  ");
    if (n["extra"]) text += substitute(n["extra"].as<std::string>());
    project = (scratch / "project.yaml").string();
    testing_support::write_text(project, text);
  }
  const std::string args =
      replace_all(substitute(n["args"] ? n["args"].as<std::string>() : "run {project} --out {out}" + precise_flags(project)),
                  "{project}", project);

  // Environment of the run (GDAL reads its configuration options from it).
  std::string environment;
  if (n["env"])
    for (const auto& entry : n["env"]) environment += entry.first.as<std::string>() + "='" + entry.second.as<std::string>() + "' ";
  const auto r = testing_support::run_command(environment + std::string(LOCALMAP_CLI) + " " + args);
  const std::string context = "localmap " + args + "\nstatus " + std::to_string(r.status) + "\nstderr:\n" + r.err +
                              "\nstdout (first 2000 bytes):\n" + r.out.substr(0, 2000);
  SCOPED_TRACE(context);

  // A run that dies from a signal: system() reports -1 or the shell's 128+N.
  ASSERT_TRUE(r.status >= 0 && r.status < 128) << "localmap crashed";

  const YAML::Node e = n["expect"];
  const int status = e["status"].as<int>();
  EXPECT_EQ(r.status, status);
  if (e["stderr"])
    for (const YAML::Node& part : e["stderr"]) {
      const std::string s = part.as<std::string>();
      EXPECT_NE(r.err.find(s), std::string::npos) << "stderr lacks '" << s << "'";
    }
  const fs::path run_json = out / "run.json";
  if (r.status != 0) {
    EXPECT_EQ(r.err.rfind("localmap: error: ", 0), 0u) << "the message does not start with 'localmap: error: '";
    EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << "the message is longer than two lines";
    EXPECT_FALSE(fs::exists(run_json)) << "a failed run wrote run.json";
  }
  for (const std::string& p : partial_files(scratch)) ADD_FAILURE() << "temporary file left behind: " << p;

  json report;
  if (fs::exists(run_json)) {
    report = json::parse(testing_support::read_text(run_json));
    for (const json& layer : report["layers"]) {
      const json& k = layer["counts"];
      const std::int64_t sum = k["matched"].get<std::int64_t>() + k["snapped"].get<std::int64_t>() +
                               k["name_matched"].get<std::int64_t>() + k["unmatched"].get<std::int64_t>() +
                               k["rejected"].get<std::int64_t>();
      EXPECT_EQ(sum, k["input"].get<std::int64_t>()) << "accounting of layer " << layer["name"] << ": " << k.dump();
    }
  }
  const bool needs_report = e["counts"] || e["reasons"] || e["likely_swapped"] || e["repaired"] || e["reason_records"];
  if (needs_report) {
    ASSERT_TRUE(fs::exists(run_json)) << "no run.json in " << out;
  }

  if (e["counts"])
    for (const auto& entry : e["counts"]) {
      const std::string name = entry.first.as<std::string>();
      const json* layer = find_layer(report, name);
      ASSERT_NE(layer, nullptr) << "run.json has no layer '" << name << "'";
      for (const char* key : {"input", "matched", "snapped", "name_matched", "unmatched", "rejected"}) {
        ASSERT_TRUE(entry.second[key]) << "cases.yaml: counts of '" << name << "' lack '" << key << "'";
        EXPECT_EQ((*layer)["counts"][key].get<std::int64_t>(), entry.second[key].as<std::int64_t>())
            << "layer " << name << ", count '" << key << "'";
      }
    }
  if (e["reasons"])
    for (const auto& entry : e["reasons"]) {
      const std::string name = entry.first.as<std::string>();
      const json* layer = find_layer(report, name);
      ASSERT_NE(layer, nullptr) << "run.json has no layer '" << name << "'";
      std::map<std::string, std::int64_t> expected, actual;
      for (const auto& kind : entry.second) expected[kind.first.as<std::string>()] = kind.second.as<std::int64_t>();
      for (const auto& [kind, value] : (*layer)["rejection_reasons"].items()) actual[kind] = value["count"].get<std::int64_t>();
      EXPECT_EQ(actual, expected) << "rejection reasons of layer " << name << ": " << (*layer)["rejection_reasons"].dump();
    }
  if (e["reason_records"])
    for (const auto& entry : e["reason_records"]) {
      const std::string name = entry.first.as<std::string>();
      const json* layer = find_layer(report, name);
      ASSERT_NE(layer, nullptr) << "run.json has no layer '" << name << "'";
      for (const auto& kind : entry.second) {
        const json& reasons = (*layer)["rejection_reasons"];
        const std::string k = kind.first.as<std::string>();
        ASSERT_TRUE(reasons.contains(k)) << "no rejection kind '" << k << "'";
        EXPECT_EQ(reasons[k]["example_record"].get<std::int64_t>(), kind.second.as<std::int64_t>()) << "example record of '" << k << "'";
      }
    }
  if (e["likely_swapped"])
    for (const auto& entry : e["likely_swapped"]) {
      const json* layer = find_layer(report, entry.first.as<std::string>());
      ASSERT_NE(layer, nullptr);
      EXPECT_EQ((*layer)["likely_swapped_lat_lon"].get<std::int64_t>(), entry.second.as<std::int64_t>());
    }
  if (e["repaired"])
    for (const auto& entry : e["repaired"]) {
      const std::string name = entry.first.as<std::string>();
      const json* level = nullptr;
      for (const json& l : report["boundaries"])
        if (l["name"] == name) level = &l;
      ASSERT_NE(level, nullptr) << "run.json has no boundary level '" << name << "'";
      EXPECT_EQ((*level)["repaired"].get<std::int64_t>(), entry.second.as<std::int64_t>()) << "repaired units of " << name;
    }
  for (const char* key : {"output_contains", "output_lacks"})
    if (e[key])
      for (const auto& entry : e[key]) {
        const fs::path file = out / entry.first.as<std::string>();
        ASSERT_TRUE(fs::exists(file)) << "no output " << file;
        const std::string text = testing_support::read_text(file);
        for (const YAML::Node& part : entry.second) {
          const std::string s = part.as<std::string>();
          if (std::string(key) == "output_contains")
            EXPECT_NE(text.find(s), std::string::npos) << file.filename() << " lacks '" << s << "'";
          else
            EXPECT_EQ(text.find(s), std::string::npos) << file.filename() << " holds '" << s << "'";
        }
      }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputs, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
