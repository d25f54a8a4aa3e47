#include "geo/error.hpp"

namespace geo {
namespace {

std::string compose(const std::string& problem, const Where& where, const std::string& hint) {
  std::string message;
  const std::string place = where.describe();
  if (!place.empty()) message = place + ": ";
  message += problem;
  if (!hint.empty()) message += "\n  hint: " + hint;
  return message;
}

}  // namespace

std::string Where::describe() const {
  std::string out = file;
  auto append = [&out](const std::string& part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (!layer.empty()) append("layer '" + layer + "'");
  if (record >= 0) append("record " + std::to_string(record));
  if (!field.empty()) append("field '" + field + "'");
  return out;
}

Error::Error(const std::string& problem, Where where, std::string hint)
    : std::runtime_error(compose(problem, where, hint)),
      problem_(problem),
      where_(std::move(where)),
      hint_(std::move(hint)) {}

}  // namespace geo
