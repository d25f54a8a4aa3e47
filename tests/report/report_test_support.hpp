#pragma once
// Run directories for the report tests, made once per test program by the
// real pipeline (engine::run_project), like `localmap run` makes them.

#include <filesystem>
#include <string>

namespace report_testing {

// The demo project's outputs (34 districts, 4 governorates, facilities, partners, issues).
std::filesystem::path demo_run_dir();

// Real Yemen boundaries (yem_adm1 + yem_adm2: 335 districts, 146,721 vertices)
// with the Who's On First localities as a point layer of role "other".
std::filesystem::path yemen_run_dir();

}  // namespace report_testing
