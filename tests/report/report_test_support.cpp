#include "report_test_support.hpp"

#include <unistd.h>

#include "engine/pipeline.hpp"
#include "engine/project.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace report_testing {
namespace {

// One run per test process: ctest runs test cases as parallel processes,
// which must not write into each other's run.
fs::path run_once(const std::string& project_file, const std::string& name, const std::vector<std::string>& precise = {}) {
  const fs::path dir =
      fs::path(LOCALMAP_BINARY_DIR) / "test-scratch" / "report-runs" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  engine::RunOptions options;
  options.out_dir = dir.string();
  options.allow_precise = precise;  // the report tests decide themselves whether issue points are shown
  engine::SilentProgress quiet;
  engine::run_project(engine::load_project(project_file), options, quiet);
  return dir;
}

}  // namespace

fs::path demo_run_dir() {
  static const fs::path dir = run_once(testing_support::source_path("data/demo/project.yaml"), "demo", {"issues"});
  return dir;
}

fs::path yemen_run_dir() {
  static const fs::path dir = [] {
    const fs::path project = fs::path(LOCALMAP_BINARY_DIR) / "test-scratch" / "report-runs" /
                             ("yemen-" + std::to_string(::getpid()) + ".yaml");
    fs::create_directories(project.parent_path());
    testing_support::write_text(project,
                                "project: Yemen districts (real boundaries, localities as points)\n"
                                "boundaries:\n"
                                "  governorates:\n"
                                "    source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") + "\n"
                                "  districts:\n"
                                "    source: " + testing_support::shared_data("boundaries/yem_adm2.gpkg") + "\n"
                                "    parent: ADM1_PCODE\n"
                                "layers:\n"
                                "  localities:\n"
                                "    role: other\n"
                                "    source: " + testing_support::shared_data("points/yem_localities_wof.gpkg") + "\n");
    return run_once(project.string(), "yemen");
  }();
  return dir;
}

}  // namespace report_testing
