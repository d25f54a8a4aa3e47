#pragma once
// Attribute fields and values as localmap holds them: three value types plus
// null, all text in UTF-8.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace geo {

enum class FieldType { Integer, Real, String };

struct FieldDef {
  std::string name;
  FieldType type = FieldType::String;
};

// std::monostate is null.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// Text form of a value as a user would type it ("" for null; reals with up to
// 15 significant digits).
std::string to_text(const Value& v);

}  // namespace geo
