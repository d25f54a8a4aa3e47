#include "engine/names/normalize_rules.hpp"

namespace engine::names {

const std::vector<std::string>& default_strip_words() {
  // Why these: they describe the kind of unit, not which one.  "مدينة" and
  // "city" are not here: in the OCHA lists they tell units apart ("Ma'rib"
  // and "Ma'rib City" are two districts); add them through `words` for data
  // where they do not.
  static const std::vector<std::string> words = {
      "محافظة", "مديرية", "عزلة", "ناحية", "لواء", "قضاء", "منطقة",
      "governorate", "governorat", "governate", "gov", "province", "muhafazah", "muhafazat",
      "district", "directorate", "mudiriyah", "mudiriyat",
      "subdistrict", "sub", "uzlah", "uzla", "ozlah", "ozla", "liwa", "qada", "qadaa", "nahiyah", "area"};
  return words;
}

}  // namespace engine::names
