#include "fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "support/test_support.hpp"

namespace priorities_testing {

engine::AdminUnit unit_from_wkt(const std::string& code, const std::string& wkt, double population) {
  engine::AdminUnit u;
  u.code = code;
  u.name_en = "Unit " + code;
  u.shape = geo::Geometry::from_wkt(wkt);
  u.population = population;
  u.area_km2 = 1;
  return u;
}

engine::AdminLevel lattice(int rows, int cols, double size, double lon0, double lat0, double population) {
  engine::AdminLevel level;
  level.spec.name = "districts";
  level.spec.level = 2;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const double x0 = lon0 + c * size, y0 = lat0 + r * size, x1 = x0 + size, y1 = y0 + size;
      char wkt[256];
      std::snprintf(wkt, sizeof wkt, "POLYGON((%.10f %.10f,%.10f %.10f,%.10f %.10f,%.10f %.10f,%.10f %.10f))", x0, y0, x1, y0,
                    x1, y1, x0, y1, x0, y0);
      level.units.push_back(unit_from_wkt("R" + std::to_string(r) + "C" + std::to_string(c), wkt, population));
    }
  for (std::size_t i = 0; i < level.units.size(); ++i) level.by_code[level.units[i].code] = static_cast<std::int32_t>(i);
  return level;
}

engine::AdminLevel yemen(int level) {
  engine::AdminLevelSpec spec;
  spec.name = level == 2 ? "districts" : "subdistricts";
  spec.level = level;
  spec.source.source = testing_support::shared_data("boundaries/yem_adm" + std::to_string(level) + ".gpkg");
  spec.code = "ADM" + std::to_string(level) + "_PCODE";
  spec.name_en = "ADM" + std::to_string(level) + "_EN";
  spec.name_ar = "ADM" + std::to_string(level) + "_AR";
  return engine::load_admin_level(spec);
}

std::string python(const std::string& script) {
  const auto dir = testing_support::scratch_dir();
  const auto path = dir / "oracle.py";
  testing_support::write_text(path, script);
  const auto result = testing_support::run_command("/usr/bin/python3 " + path.string());
  EXPECT_EQ(result.status, 0) << result.err;
  return result.out;
}

bool python_has(const std::string& module) {
  return testing_support::run_command("/usr/bin/python3 -c 'import " + module + "' 2>/dev/null").status == 0;
}

}  // namespace priorities_testing
