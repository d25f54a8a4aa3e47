#include "geo/field.hpp"

#include <cstdio>

namespace geo {

std::string to_text(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", *d);
    return buffer;
  }
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

}  // namespace geo
