#include "cli_support.hpp"

#include <fstream>

namespace e2e {

testing_support::CommandResult localmap(const std::string& arguments) {
  return testing_support::run_command(std::string(LOCALMAP_CLI) + " " + arguments);
}

std::string yemen_project(const std::filesystem::path& dir, const std::string& layers_yaml, const std::string& extra) {
  const std::string text = "project: Yemen test\n"
                           "boundaries:\n"
                           "  governorates:\n"
                           "    source: " + testing_support::shared_data("boundaries/yem_adm1.gpkg") + "\n"
                           "  districts:\n"
                           "    source: " + testing_support::shared_data("boundaries/yem_adm2.gpkg") + "\n"
                           "    parent: ADM1_PCODE\n"
                           "layers:\n" + layers_yaml + extra;
  const auto path = dir / "project.yaml";
  testing_support::write_text(path, text);
  return path.string();
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

}  // namespace e2e
