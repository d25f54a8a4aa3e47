#pragma once
// The short summary printed at the end of `localmap run`.

#include <cstdio>

#include "engine/pipeline.hpp"

namespace localmap_cli {

void print_run_summary(const engine::RunSummary& summary, std::FILE* out);

// One table row per layer: input, matched, snapped, unmatched, rejected.
void print_accounting(const std::string& name, const engine::JoinCounts& counts, std::FILE* out);
void print_accounting_header(std::FILE* out);

}  // namespace localmap_cli
