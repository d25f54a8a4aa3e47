#pragma once
// One `localmap` sub-command ("verb").  Like osmium-tool's commands: setup()
// declares the options on a CLI11 sub-command; validate() checks them without
// touching any file; run() does the work and returns the exit code.

#include <CLI/CLI.hpp>

#include <memory>
#include <vector>

namespace localmap_cli {

class Verb {
 public:
  virtual ~Verb() = default;
  virtual void setup(CLI::App& command) = 0;
  virtual void validate() const {}
  virtual int run() = 0;
};

std::unique_ptr<Verb> make_run_verb();
std::unique_ptr<Verb> make_join_verb();
std::unique_ptr<Verb> make_count_verb();
std::unique_ptr<Verb> make_inspect_verb();
std::unique_ptr<Verb> make_graph_verb();
std::unique_ptr<Verb> make_match_names_verb();
std::unique_ptr<Verb> make_report_verb();
std::unique_ptr<Verb> make_coverage_verb();
std::unique_ptr<Verb> make_priorities_verb();
std::unique_ptr<Verb> make_activities_verb();

}  // namespace localmap_cli
