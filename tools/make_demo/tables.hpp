#pragma once
// The demo layers, built in memory as geo::LayerData and written by main.cpp
// with geo's writers.  CSV tables carry their coordinates as text columns
// (7 fixed decimals) so that deliberately malformed values can be written.

#include <cstdint>
#include <string>

#include "geo/vector_writer.hpp"
#include "region.hpp"
#include "sampling.hpp"

namespace make_demo {

geo::LayerData district_layer(const Region& region);
geo::LayerData governorate_layer(const Region& region);
geo::LayerData make_facilities(const Region& region, const DistrictIndex& index, std::uint64_t seed);
// The first row is the HXL hashtag row.
geo::LayerData make_partners(const Region& region, const DistrictIndex& index, std::uint64_t seed);
geo::LayerData make_issues(const Region& region, const DistrictIndex& index, std::uint64_t seed);

// The coordination network: actors.csv and links.csv (actors.cpp).
struct CoordinationTables {
  geo::LayerData actors, links;
};
CoordinationTables make_coordination(const Region& region, const DistrictIndex& index, std::uint64_t seed);

// The programme's activities (activities.cpp), citing the generated
// facilities, partners and actors.
geo::LayerData make_activities(const Region& region, const DistrictIndex& index, const geo::LayerData& facilities,
                               const geo::LayerData& partners, const geo::LayerData& actors, std::uint64_t seed);

// A table with only text columns.
inline geo::LayerData text_table(const std::string& name, const std::vector<std::string>& columns) {
  geo::LayerData layer;
  layer.name = name;
  for (const std::string& c : columns) layer.fields.push_back({c, geo::FieldType::String});
  return layer;
}

// "F001" style identifiers.
std::string numbered(const char* prefix, std::size_t n, int digits);

}  // namespace make_demo
