#pragma once
// Options of the coordination-graph analysis and the `coordination:` section
// of the project file that sets them.
//
//   coordination:
//     actors:                      # any GDAL source, read like a point layer
//       source: actors.csv         # (layer, sql, encoding, crs, x, y, wkt, geopoint as for layers)
//       fields: {id: actor_id, name_en: name_en, name_ar: name_ar, type: type,
//                admin_code: pcode, women_led: women_led, youth_led: youth_led}
//     links:                       # a table; any geometry is ignored
//       source: links.csv
//       fields: {source: from_id, target: to_id, type: link_type, strength: strength,
//                start: start_date, end: end_date, directed: directed}
//     actor_types:                 # added to the standard vocabulary (vocabulary.hpp)
//       tribal_council: {role: community, label: Tribal council, aliases: [majlis]}
//     link_types:
//       security_council: {label: Security council}
//     k_hops: 3                    # a chain step counts as reachable within this many links
//     as_of: 2024-12-31            # the network on this date (links active then)
//     review: [2023-06-30, 2024-06-30]   # compare the network on two dates
//     directed_default: false      # links whose `directed` cell is empty
//     communities: {resolution: 1.0, seed: 1}
//     suggestions: 50              # at most this many suggested links
//     threads: 0                   # centrality threads; 0 = one per core
//
// Relative paths are resolved against the project file's folder.  Keys are
// strict like every other section (yaml_section.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/coordination/calendar_date.hpp"
#include "engine/coordination/vocabulary.hpp"
#include "engine/project.hpp"

namespace engine {
class Section;
}

namespace engine::coordination {

// Which source fields hold what ("" = absent).
struct ActorFields {
  std::string id = "id";      // DEFAULT: "id"; required, unique
  std::string type = "type";  // DEFAULT: "type"; required, from the vocabulary
  std::string name_en, name_ar;
  std::string admin_code;  // P-code of any boundary level; places actors without coordinates
  std::string women_led, youth_led;  // yes/no, true/false, 1/0, y/n; empty = no
};

struct LinkFields {
  std::string source = "source";  // DEFAULT: "source"; an actor id
  std::string target = "target";  // DEFAULT: "target"; an actor id
  std::string type;               // absent or empty cell = "unspecified"
  std::string strength;           // absent or empty cell = 1; must be > 0
  std::string start, end;         // absent or empty cell = open-ended
  std::string directed;           // absent or empty cell = directed_default
};

struct CoordinationOptions {
  SourceSpec actors;
  ActorFields actor_fields;
  SourceSpec links;
  LinkFields link_fields;
  // Added to Vocabulary::standard().
  std::vector<ActorType> extra_actor_types;
  std::vector<LinkType> extra_link_types;
  // A step of the vertical chain counts as reachable when its nearest actor
  // is at most this many links from the district's community actors.
  // DEFAULT: 3 (community -> police -> district authority -> governorate).
  int k_hops = 3;
  // The network on this date: links whose start is after it or whose end is
  // before it are left out.  DEFAULT: none = every link, whatever its dates.
  std::optional<Day> as_of;
  // Two review dates: links gained and lost between them, districts whose
  // gaps opened or closed.  DEFAULT: none.
  std::vector<Day> review;
  // How links with an empty `directed` cell are recorded.  Direction is kept
  // as an attribute; every metric uses the undirected network (see graph.hpp).
  // DEFAULT: false.
  bool directed_default = false;
  // Louvain modularity resolution (1 = classic modularity) and the seed of
  // igraph's random node order.  DEFAULT: 1.0 and 1.
  double community_resolution = 1.0;
  std::uint64_t community_seed = 1;
  // At most this many suggested links, best first.  DEFAULT: 50.
  int max_suggestions = 50;
  // Threads for betweenness and closeness; results do not depend on it.
  // DEFAULT: 0 = one per core.
  int threads = 0;

  // Throws engine::Error naming the key; touches no file.
  void validate() const;
  // The standard vocabulary plus the extensions (throws on clashes).
  Vocabulary vocabulary() const;
};

// Reads the `coordination:` section (strict keys; relative paths against
// base_dir) and validates it.
CoordinationOptions parse_coordination_options(engine::Section& s, const std::string& base_dir);

}  // namespace engine::coordination
