#pragma once
// run.json: what a run read, with which parameters, what became of every
// record, how long each step took, the peak memory of the process so far
// (peak_memory_mib) and which library versions did the work.

#include <nlohmann/json.hpp>

#include "engine/pipeline.hpp"

namespace engine {

nlohmann::json run_report(const RunSummary& summary);

}  // namespace engine
