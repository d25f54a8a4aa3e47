#pragma once
// Fictional place names in English and Arabic.
//
// Names are a generic prefix (Wadi / وادي "valley", Ras / رأس "cape", ...)
// plus a made-up root, so they sound local without naming a real place.
// Roots are drawn without replacement, so every name pair is unique.

#include <string>
#include <vector>

#include "rng.hpp"

namespace make_demo {

struct Name {
  std::string en;
  std::string ar;
};

class NameBank {
 public:
  explicit NameBank(Rng& rng);  // shuffles the roots once

  Name governorate();             // a plain root, as COD-AB ADM1 names are
  Name district(bool coastal);    // a coastal or inland prefix plus a root, sometimes the root alone
  static Name city(const Name& governorate);  // "Madinat <root>" / "مدينة <root>"

 private:
  Name next_root();
  Rng& rng_;
  std::vector<Name> roots_;
  std::size_t used_ = 0;
};

}  // namespace make_demo
