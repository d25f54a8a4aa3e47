// District and governorate layers with COD-AB style fields.
#include "tables.hpp"

#include <cstdio>

namespace make_demo {

std::string numbered(const char* prefix, std::size_t n, int digits) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%0*zu", prefix, digits, n);
  return buffer;
}

namespace {

std::vector<geo::FieldDef> country_fields() {
  return {{"ADM0_PCODE", geo::FieldType::String}, {"ADM0_EN", geo::FieldType::String}, {"ADM0_AR", geo::FieldType::String}};
}

std::vector<geo::Value> country_values() { return {kCountryCode, kCountry.en, kCountry.ar}; }

}  // namespace

geo::LayerData district_layer(const Region& region) {
  geo::LayerData layer;
  layer.name = "districts";
  layer.geometry = geo::GeometryKind::Polygon;
  layer.fields = country_fields();
  for (const char* f : {"ADM1_PCODE", "ADM1_EN", "ADM1_AR", "ADM2_PCODE", "ADM2_EN", "ADM2_AR"})
    layer.fields.push_back({f, geo::FieldType::String});
  layer.fields.push_back({"population", geo::FieldType::Integer});
  for (const District& d : region.districts) {
    const Governorate& g = region.governorates[d.governorate];
    std::vector<geo::Value> row = country_values();
    for (const std::string& v : {g.pcode, g.name.en, g.name.ar, d.pcode, d.name.en, d.name.ar}) row.push_back(v);
    row.emplace_back(std::in_place_type<std::int64_t>, d.population);
    layer.rows.push_back(std::move(row));
    layer.shapes.push_back(d.shape.clone());
  }
  return layer;
}

geo::LayerData governorate_layer(const Region& region) {
  geo::LayerData layer;
  layer.name = "governorates";
  layer.geometry = geo::GeometryKind::Polygon;
  layer.fields = country_fields();
  for (const char* f : {"ADM1_PCODE", "ADM1_EN", "ADM1_AR"}) layer.fields.push_back({f, geo::FieldType::String});
  for (const Governorate& g : region.governorates) {
    std::vector<geo::Value> row = country_values();
    for (const std::string& v : {g.pcode, g.name.en, g.name.ar}) row.push_back(v);
    layer.rows.push_back(std::move(row));
    layer.shapes.push_back(g.shape.clone());
  }
  return layer;
}

}  // namespace make_demo
