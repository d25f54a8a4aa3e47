#include "agreement.hpp"

namespace bench {

Agreement compare_counts(const DistrictCounts& localmap, const DistrictCounts& peer) {
  Agreement a;
  for (const auto& [code, count] : localmap) {
    a.localmap_total += count;
    const auto it = peer.find(code);
    const std::int64_t other = it == peer.end() ? 0 : it->second;
    if (other == count) continue;
    ++a.districts_differing;
    if (other > count) a.points_more += other - count;
    else a.points_fewer += count - other;
  }
  for (const auto& [code, count] : peer) {
    a.peer_total += count;
    if (localmap.count(code) != 0) continue;
    ++a.unknown_codes;
    ++a.districts_differing;
    a.points_more += count;
  }
  return a;
}

}  // namespace bench
