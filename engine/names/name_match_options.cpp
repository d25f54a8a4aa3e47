#include "engine/names/name_match_options.hpp"

#include <filesystem>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"
#include "geo/vector_reader.hpp"

namespace engine::names {

void NameMatchOptions::validate() const {
  auto fail = [](const std::string& problem, const std::string& hint) { throw Error(problem, {}, hint); };
  if (!(threshold > 0 && threshold <= 1)) fail("threshold (names.threshold, --threshold) must be above 0 and at most 1", "0.90 is the measured default");
  if (!(ambiguity_margin >= 0 && ambiguity_margin < 1))
    fail("ambiguity_margin (names.ambiguity_margin, --ambiguity-margin) must be at least 0 and below 1", "0.03 is the default; 0 turns the check off");
  if (!(sound_penalty >= 0 && sound_penalty <= 1)) fail("sound_penalty (names.sound_penalty) must be between 0 and 1", "0.03 is the default");
  if (candidates < 1 || candidates > 20) fail("candidates (names.candidates, --candidates) must be between 1 and 20", "3 is the default");
  for (const std::string& w : words)
    if (w.empty()) fail("names.words holds an empty word", "remove it");
  if (!aliases.source.source.empty()) {
    if (aliases.code_field.empty()) fail("names.aliases.code is empty", "name the field holding the P-code");
    if (aliases.name_fields.empty()) fail("names.aliases.names is empty", "name at least one field holding a spelling");
  }
  if (!crosswalk.source.source.empty() && (crosswalk.old_field.empty() || crosswalk.new_field.empty()))
    fail("names.crosswalk needs both `old` and `new` fields", "e.g. old: admin2oldp, new: admin2pcod");
}

NameMatchOptions parse_name_match_options(Section& s, const std::string& base_dir) {
  NameMatchOptions o;
  o.threshold = s.number("threshold", o.threshold);
  o.ambiguity_margin = s.number("ambiguity_margin", o.ambiguity_margin);
  o.sound_penalty = s.number("sound_penalty", o.sound_penalty);
  o.strip_article = s.boolean("strip_article", o.strip_article);
  o.strip_words = s.boolean("strip_words", o.strip_words);
  o.words = s.list("words", o.words);
  o.search_outside_parent = s.boolean("search_outside_parent", o.search_outside_parent);
  o.candidates = s.integer("candidates", o.candidates);
  if (s.node()["aliases"]) {
    Section a = s.section("aliases");
    o.aliases.source = read_source_spec(a, base_dir, true, false);
    o.aliases.code_field = a.text("code", o.aliases.code_field);
    o.aliases.name_fields = a.list("names", o.aliases.name_fields);
    a.finish();
  }
  if (s.node()["crosswalk"]) {
    Section c = s.section("crosswalk");
    o.crosswalk.source = read_source_spec(c, base_dir, true, false);
    o.crosswalk.old_field = c.text("old", o.crosswalk.old_field);
    o.crosswalk.new_field = c.text("new", o.crosswalk.new_field);
    c.finish();
  }
  s.finish();
  try {
    o.validate();
  } catch (const Error& e) {
    s.fail(s.node(), e.problem(), e.hint());
  }
  return o;
}

}  // namespace engine::names
