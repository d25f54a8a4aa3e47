#include "engine/report/embedded_assets.hpp"

#include <stdexcept>
#include <string>

namespace engine::report {

std::string_view embedded_asset(std::string_view name) {
  for (const EmbeddedAsset& asset : embedded_assets())
    if (asset.name == name) return asset.bytes;
  throw std::logic_error("asset '" + std::string(name) + "' was not embedded at build time");
}

}  // namespace engine::report
