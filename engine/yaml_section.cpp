#include "engine/yaml_section.hpp"

#include <algorithm>

#include "engine/error.hpp"

namespace engine {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

Section::Section(const YAML::Node& node, std::string path, const std::string& label)
    : node_(node), path_(std::move(path)), label_(label) {
  if (!node.IsMap()) fail(node, "'" + path_ + "' must be a mapping of keys to values");
  // Keys are names.  A list or mapping used as a key ("? [a, b]: x", or a
  // stray "{" making a flow map of a line) would otherwise escape as a
  // yaml-cpp conversion error wherever the keys of this mapping are read.
  for (const auto& entry : node)
    if (!entry.first.IsScalar())
      fail(entry.first, "a key of '" + path_ + "' is a list or mapping, not a name", "check the brackets and braces on that line");
}

YAML::Node Section::take(const std::string& key) {
  known_.insert(key);
  return node_[key];
}

std::string Section::text(const std::string& key, const std::string& fallback) {
  const YAML::Node v = take(key);
  if (!v) return fallback;
  if (!v.IsScalar()) fail(v, "'" + qualified(key) + "' must be a text value");
  return v.as<std::string>();
}

std::string Section::required_text(const std::string& key) {
  const YAML::Node v = take(key);
  if (!v) fail(node_, "missing key '" + qualified(key) + "'");
  if (!v.IsScalar() || v.as<std::string>().empty()) fail(v, "'" + qualified(key) + "' must be a non-empty text value");
  return v.as<std::string>();
}

double Section::number(const std::string& key, double fallback) {
  const YAML::Node v = take(key);
  if (!v) return fallback;
  try {
    if (v.IsScalar()) return v.as<double>();
  } catch (const YAML::Exception&) {
  }
  fail(v, "'" + qualified(key) + "' must be a number, not '" + (v.IsScalar() ? v.as<std::string>() : "a list/map") + "'");
}

int Section::integer(const std::string& key, int fallback) {
  const YAML::Node v = take(key);
  if (!v) return fallback;
  try {
    if (v.IsScalar()) return v.as<int>();
  } catch (const YAML::Exception&) {
  }
  fail(v, "'" + qualified(key) + "' must be a whole number, not '" + (v.IsScalar() ? v.as<std::string>() : "a list/map") + "'");
}

bool Section::boolean(const std::string& key, bool fallback) {
  const YAML::Node v = take(key);
  if (!v) return fallback;
  try {
    if (v.IsScalar()) return v.as<bool>();
  } catch (const YAML::Exception&) {
  }
  fail(v, "'" + qualified(key) + "' must be true or false");
}

std::vector<std::string> Section::list(const std::string& key, const std::vector<std::string>& fallback) {
  const YAML::Node v = take(key);
  if (!v) return fallback;
  if (v.IsScalar()) return {v.as<std::string>()};
  if (!v.IsSequence()) fail(v, "'" + qualified(key) + "' must be a list");
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.IsScalar()) fail(item, "'" + qualified(key) + "' must be a list of text values");
    out.push_back(item.as<std::string>());
  }
  return out;
}

Section Section::section(const std::string& key) {
  const YAML::Node v = take(key);
  if (!v) fail(node_, "missing key '" + qualified(key) + "'");
  return Section(v, qualified(key), label_);
}

void Section::finish() const {
  for (const auto& entry : node_) {
    const std::string key = entry.first.as<std::string>();
    if (known_.count(key)) continue;
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& k : known_) {
      const std::size_t d = edit_distance(key, k);
      if (d < best_distance) best_distance = d, best = k;
    }
    std::string known;
    for (const std::string& k : known_) known += (known.empty() ? "" : ", ") + k;
    fail(entry.first, "unknown key '" + qualified(key) + "'",
         best.empty() ? "known keys here: " + known : "did you mean '" + best + "'?");
  }
}

void Section::fail(const YAML::Node& at, const std::string& problem, const std::string& hint) const {
  throw Error("line " + std::to_string(at.Mark().line + 1) + ": " + problem, {.file = label_}, hint);
}

}  // namespace engine
