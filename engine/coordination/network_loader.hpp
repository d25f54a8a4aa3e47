#pragma once
// Loading a coordination network: the actors table read like any point
// layer and joined to the boundaries, the links table read as text, and
// every row checked (network.hpp lists the states and reasons).
//
// load_network() does the reading; add_actors() and add_links() are the
// checks, pure functions of tables already in memory, so tests can feed them
// rows directly.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coordination/coordination_options.hpp"
#include "engine/coordination/network.hpp"
#include "engine/join.hpp"
#include "engine/point_layer.hpp"
#include "engine/progress.hpp"

namespace engine::coordination {

// A table read as text cells (nulls as "").
struct TextTable {
  std::string source;  // masked source description
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> records;  // 1-based data rows (an HXL tag row is skipped and not counted)
  std::vector<std::string> warnings;
  int column(const std::string& name) const;  // -1 if absent; exact, then case-insensitive
};

// Reads every row of a source as text.  Throws engine::Error if it cannot be
// opened or is empty.
TextTable read_text_table(const SourceSpec& spec, const std::string& what);

// Appends one Actor per row of `layer` (joined by `join`), checking ids,
// types and flags and placing rows without coordinates by their P-code.
// Throws engine::Error if a configured field is missing from the layer.
void add_actors(ActorNetwork& network, const PointLayer& layer, const LayerJoin& join, const Boundaries& boundaries,
                const ActorFields& fields);

// Appends one Link per row of `table`.  Call after add_actors().  Throws
// engine::Error if a configured field is missing from the table.
void add_links(ActorNetwork& network, const TextTable& table, const LinkFields& fields, bool directed_default);

// Reads both sources and checks every row.  Validates `options` first.
ActorNetwork load_network(const CoordinationOptions& options, const Boundaries& boundaries, const AdminIndex& index,
                          const JoinOptions& join, Progress& progress);

}  // namespace engine::coordination
