#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace testing_support {

std::string shared_data(const std::string& relative) {
  const fs::path path = fs::path(LOCALMAP_SHARED_DATA) / relative;
  if (!fs::exists(path)) {
    ADD_FAILURE() << "missing shared data " << path << " (the repository expects ../shared beside it)";
  }
  return path.string();
}

std::string source_path(const std::string& relative) { return (fs::path(LOCALMAP_SOURCE_DIR) / relative).string(); }

fs::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "scratch";
  for (char& c : name)
    if (c == '/') c = '_';
  const fs::path dir = fs::path(LOCALMAP_BINARY_DIR) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<geo::Geometry> load_polygons(const std::string& source, const std::string& layer) {
  geo::ReadOptions options;
  options.layer = layer;
  geo::VectorReader reader(source, options);
  std::vector<geo::Geometry> out;
  reader.for_each([&](const geo::FeatureView& f) {
    out.push_back(f.geometry());
    return true;
  });
  return out;
}

std::vector<const geo::Geometry*> pointers(const std::vector<geo::Geometry>& geometries) {
  std::vector<const geo::Geometry*> out;
  for (const auto& g : geometries) out.push_back(&g);
  return out;
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  const fs::path dir = fs::path(LOCALMAP_BINARY_DIR) / "test-scratch";
  fs::create_directories(dir);
  static int counter = 0;
  const std::string base = (dir / ("cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
  const std::string full = "(" + command + ") >" + base + ".out 2>" + base + ".err";
  const int status = std::system(full.c_str());
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(base + ".out");
  result.err = read_text(base + ".err");
  fs::remove(base + ".out");
  fs::remove(base + ".err");
  return result;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace testing_support
