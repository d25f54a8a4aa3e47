#pragma once
// Files compiled into the library at build time: Leaflet's script, styles
// and images (from Debian's libjs-leaflet) and the report's own template,
// styles and code (engine/report/assets/).  The bytes are exactly the files'.

#include <string_view>
#include <vector>

namespace engine::report {

struct EmbeddedAsset {
  std::string_view name;  // "leaflet.js", "images/layers.png", "report.html", ...
  std::string_view bytes;
};

// Every embedded file (generated code).
const std::vector<EmbeddedAsset>& embedded_assets();

// One embedded file by name; throws std::logic_error if it was not embedded
// (a build mistake, not a user error).
std::string_view embedded_asset(std::string_view name);

}  // namespace engine::report
