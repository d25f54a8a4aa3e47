#pragma once
// An admin level laid out as the COD-AB files are: P-code and names in
// ADM<n>_PCODE, ADM<n>_EN and ADM<n>_AR (the Yemen boundaries in
// ../shared/data, and the layers the tests write in that layout).

#include <string>

#include "engine/project.hpp"

namespace testing_support {

inline engine::AdminLevelSpec cod_level(const std::string& name, int n, const std::string& source) {
  engine::AdminLevelSpec s;
  s.name = name;
  s.level = n;
  s.source.source = source;
  s.code = "ADM" + std::to_string(n) + "_PCODE";
  s.name_en = "ADM" + std::to_string(n) + "_EN";
  s.name_ar = "ADM" + std::to_string(n) + "_AR";
  return s;
}

}  // namespace testing_support
