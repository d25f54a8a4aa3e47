#include "engine/coverage/three_w.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/counts.hpp"

namespace engine::coverage {

std::string partner_display_name(const PointLayer& partners, std::size_t record) {
  for (const char* role : {"name_en", "name_ar", "id"}) {
    const std::string text = partners.role_text(role, record);
    if (!text.empty()) return text;
  }
  return "record " + std::to_string(partners.records[record]);
}

ThreeW three_w(const PointLayer* partners, const LayerJoin* join) {
  ThreeW out;
  if (partners == nullptr || join == nullptr) return out;
  std::map<std::pair<std::int32_t, std::string>, std::vector<std::string>> cells;
  std::set<std::string> sectors;
  for (std::size_t r = 0; r < partners->size(); ++r) {
    if (join->unit[r] < 0) continue;
    const std::string sector = value_slug(partners->role_text("type", r));
    sectors.insert(sector);
    cells[{join->unit[r], sector}].push_back(partner_display_name(*partners, r));
  }
  out.sectors.assign(sectors.begin(), sectors.end());
  for (auto& [key, names] : cells) {
    std::sort(names.begin(), names.end());
    out.rows.push_back({key.first, key.second, std::move(names)});
  }
  return out;
}

}  // namespace engine::coverage
