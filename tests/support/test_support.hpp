#pragma once
// Helpers shared by the test suites: where test data lives, scratch
// directories, loading polygons.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace testing_support {

// A file under ../shared/data (fails the test if the folder is missing).
std::string shared_data(const std::string& relative);
// A file under the repository.
std::string source_path(const std::string& relative);
// A fresh, empty directory under the build tree, named after the running test.
std::filesystem::path scratch_dir();

// Every polygon of a layer, in WGS84, in layer order.
std::vector<geo::Geometry> load_polygons(const std::string& source, const std::string& layer = {});
std::vector<const geo::Geometry*> pointers(const std::vector<geo::Geometry>& geometries);

// Runs a shell command; returns its exit status, stdout and stderr.
struct CommandResult {
  int status = -1;
  std::string out, err;
};
CommandResult run_command(const std::string& command);

// The message of the exception f() throws, or "(no error)".
std::string error_of(const std::function<void()>& f);

std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace testing_support
