#pragma once
// Strict reading of one YAML mapping of the project file: typed getters with
// defaults, and finish() to reject keys nobody asked for.  Every error names
// the file, the line and the dotted key ("join.snap_m"), with a hint such as
// "did you mean 'snap_m'?".  Analyses parse their own project-file sections
// with it, so every section is as strict as the others.

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

namespace engine {

class Section {
 public:
  // `path` is the dotted key of this mapping ("" for the top level); `label`
  // names the project file in messages.
  Section(const YAML::Node& node, std::string path, const std::string& label);

  int line() const { return node_.Mark().line + 1; }
  const std::string& path() const { return path_; }
  const std::string& label() const { return label_; }  // the project file, for messages
  const YAML::Node& node() const { return node_; }

  // The raw value of a key (marked as known); an undefined node if absent.
  YAML::Node take(const std::string& key);
  std::string text(const std::string& key, const std::string& fallback = {});
  std::string required_text(const std::string& key);
  double number(const std::string& key, double fallback);
  int integer(const std::string& key, int fallback);
  bool boolean(const std::string& key, bool fallback);
  std::vector<std::string> list(const std::string& key, const std::vector<std::string>& fallback);
  // A sub-mapping as a Section ("join" inside the top level gives "join").
  Section section(const std::string& key);

  // Every key present must have been taken; throws on the first that was not.
  void finish() const;

  [[noreturn]] void fail(const YAML::Node& at, const std::string& problem, const std::string& hint = {}) const;
  std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  YAML::Node node_;
  std::string path_;
  std::string label_;
  std::set<std::string> known_;
};

}  // namespace engine
