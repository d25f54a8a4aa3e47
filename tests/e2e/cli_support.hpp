#pragma once
// Running the real `localmap` binary in end-to-end tests.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.hpp"

namespace e2e {

// Runs `localmap <arguments>`; stdout/stderr captured.
testing_support::CommandResult localmap(const std::string& arguments);

// A project file for real Yemen boundaries plus point layers written by the test.
std::string yemen_project(const std::filesystem::path& dir, const std::string& layers_yaml, const std::string& extra = {});

nlohmann::json read_json(const std::filesystem::path& path);

}  // namespace e2e
