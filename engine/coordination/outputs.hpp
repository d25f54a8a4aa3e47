#pragma once
// The coordination outputs, built in memory (geo::LayerData, UnitTable,
// GraphML text) and written atomically.
//
//   actors.geojson        every actor row, in source order: its admin units,
//                         placement and note, and every metric (null for
//                         rejected rows, which have no geometry)
//   links.geojson         every link row, in source order: a LineString
//                         between its actors' locations (none when either has
//                         none or the row was rejected), status, note, whether
//                         in force on the analysis date, and its pair's bridge flag
//   coordination.graphml  the graph, for Gephi / Cytoscape / NetworkX: node
//                         ids are actor ids, every metric an attribute;
//                         `weight` = strength
//   coordination.csv      one row per finest-level unit: names, area,
//                         population and the columns of coordination_table()
//   suggested_links.csv   ranked suggestions, with a WKT line
//   review_links.csv      (with review dates) links gained and lost
//   review_gaps.csv       (with review dates) chain steps opened and closed

#include <string>
#include <vector>

#include "engine/boundaries.hpp"
#include "engine/coordination/analysis.hpp"
#include "engine/coordination/network.hpp"
#include "engine/unit_table.hpp"
#include "geo/vector_writer.hpp"

namespace engine::coordination {

geo::LayerData actors_layer(const ActorNetwork& network, const CoordinationResult& result, const Boundaries& boundaries);
geo::LayerData links_layer(const ActorNetwork& network, const CoordinationResult& result);

// Per finest-level unit (the pipeline may append it to the districts layer):
//   actors, community_actors, actors_<type> for every actor type,
//   <step>_hops (null = no path) and <step>_reachable (0/1) for police,
//   local_authority, governorate, national; chain_gaps ("police; national"),
//   first_gap, horizontal_links, horizontal_peer_districts, isolated_actors,
//   isolated_ids, cut_actors, cut_actor_ids, links, women_links_share,
//   youth_links_share (null without links).
UnitTable coordination_table(const ActorNetwork& network, const CoordinationResult& result);

geo::LayerData suggestions_layer(const ActorNetwork& network, const CoordinationResult& result, const Boundaries& boundaries);
geo::LayerData review_links_layer(const ActorNetwork& network, const ReviewDiff& review);
geo::LayerData review_gaps_layer(const ReviewDiff& review, const Boundaries& boundaries);

// GraphML 1.0, UTF-8, deterministic (numbers in shortest round-trip form).
std::string coordination_graphml(const ActorNetwork& network, const CoordinationResult& result,
                                 const Boundaries& boundaries);

// Writes every output above into `out_dir` (which must exist); returns the
// paths written.  Everything is built before the first file is written.
std::vector<std::string> write_coordination_outputs(const std::string& out_dir, const ActorNetwork& network,
                                                    const CoordinationResult& result, const Boundaries& boundaries,
                                                    const geo::WriteOptions& options);

}  // namespace engine::coordination
