#include "engine/coordination/coordination_options.hpp"

#include <filesystem>

#include "engine/error.hpp"
#include "engine/yaml_section.hpp"
#include "geo/vector_reader.hpp"

namespace fs = std::filesystem;

namespace engine::coordination {
namespace {

// A sub-mapping that may be absent (Section::section() requires it).
std::optional<Section> optional_section(Section& s, const std::string& key) {
  if (!s.node()[key]) {
    s.take(key);
    return std::nullopt;
  }
  return s.section(key);
}

Day read_date(Section& s, const YAML::Node& node, const std::string& key) {
  const std::string text = node.IsScalar() ? node.as<std::string>() : std::string();
  const auto day = parse_date(text);
  if (!day) s.fail(node, "'" + s.qualified(key) + "' must be a date such as 2024-06-30, not '" + text + "'");
  return *day;
}

void read_actor_types(Section& s, CoordinationOptions& o) {
  std::optional<Section> all = optional_section(s, "actor_types");
  if (!all) return;
  for (const auto& entry : all->node()) {
    const std::string code = entry.first.as<std::string>();
    Section t = all->section(code);
    ActorType type;
    type.code = code;
    type.label = t.text("label", code);
    const char* roles = "roles: community, police, local_authority, governorate_authority, national_authority, other";
    const std::string role_text = t.required_text("role");
    const auto role = chain_role_from(role_text);
    if (!role) t.fail(t.node()["role"], "'" + t.qualified("role") + "' is '" + role_text + "'", roles);
    type.role = *role;
    type.aliases = t.list("aliases", {});
    t.finish();
    o.extra_actor_types.push_back(std::move(type));
  }
  all->finish();
}

void read_link_types(Section& s, CoordinationOptions& o) {
  std::optional<Section> all = optional_section(s, "link_types");
  if (!all) return;
  for (const auto& entry : all->node()) {
    const std::string code = entry.first.as<std::string>();
    LinkType type;
    type.code = code;
    type.label = code;
    if (entry.second.IsNull()) {  // "security_council:" with nothing under it
      all->take(code);
    } else {
      Section t = all->section(code);
      type.label = t.text("label", code);
      type.aliases = t.list("aliases", {});
      t.finish();
    }
    o.extra_link_types.push_back(std::move(type));
  }
  all->finish();
}

}  // namespace

void CoordinationOptions::validate() const {
  auto fail = [](const std::string& problem, const std::string& hint = {}) {
    throw Error("coordination: " + problem, {}, hint);
  };
  if (actors.source.empty()) fail("'coordination.actors.source' is missing", "name the actors table");
  if (links.source.empty()) fail("'coordination.links.source' is missing", "name the links table");
  if (actor_fields.id.empty() || actor_fields.type.empty())
    fail("'coordination.actors.fields' needs 'id' and 'type'");
  if (link_fields.source.empty() || link_fields.target.empty())
    fail("'coordination.links.fields' needs 'source' and 'target'");
  if (k_hops < 1 || k_hops > 100) fail("'coordination.k_hops' must be between 1 and 100");
  if (!review.empty() && (review.size() != 2 || review[0] >= review[1]))
    fail("'coordination.review' must hold two dates, the earlier first");
  if (!(community_resolution > 0) || community_resolution > 100)
    fail("'coordination.communities.resolution' must be above 0 (1 = classic modularity)");
  if (max_suggestions < 0) fail("'coordination.suggestions' must be 0 or more");
  if (threads < 0 || threads > 1024) fail("'coordination.threads' must be between 0 (one per core) and 1024");
  vocabulary();  // clashes between extensions and the standard words
}

Vocabulary CoordinationOptions::vocabulary() const {
  Vocabulary v = Vocabulary::standard();
  for (const ActorType& t : extra_actor_types) v.add_actor_type(t);
  for (const LinkType& t : extra_link_types) v.add_link_type(t);
  return v;
}

CoordinationOptions parse_coordination_options(Section& s, const std::string& base_dir) {
  CoordinationOptions o;
  {
    Section actors = s.section("actors");
    o.actors = read_source_spec(actors, base_dir, true, true);
    if (std::optional<Section> fields = optional_section(actors, "fields")) {
      Section& f = *fields;
      ActorFields& a = o.actor_fields;
      a.id = f.text("id", a.id);
      a.type = f.text("type", a.type);
      a.name_en = f.text("name_en");
      a.name_ar = f.text("name_ar");
      a.admin_code = f.text("admin_code");
      a.women_led = f.text("women_led");
      a.youth_led = f.text("youth_led");
      f.finish();
    }
    actors.finish();
  }
  {
    Section links = s.section("links");
    o.links = read_source_spec(links, base_dir, true, false);
    if (std::optional<Section> fields = optional_section(links, "fields")) {
      Section& f = *fields;
      LinkFields& l = o.link_fields;
      l.source = f.text("source", l.source);
      l.target = f.text("target", l.target);
      l.type = f.text("type");
      l.strength = f.text("strength");
      l.start = f.text("start");
      l.end = f.text("end");
      l.directed = f.text("directed");
      f.finish();
    }
    links.finish();
  }
  read_actor_types(s, o);
  read_link_types(s, o);
  o.k_hops = s.integer("k_hops", o.k_hops);
  if (const YAML::Node as_of = s.take("as_of")) o.as_of = read_date(s, as_of, "as_of");
  if (const YAML::Node review = s.take("review")) {
    if (!review.IsSequence() || review.size() != 2)
      s.fail(review, "'" + s.qualified("review") + "' must be a list of two dates", "e.g. review: [2023-06-30, 2024-06-30]");
    for (const auto& date : review) o.review.push_back(read_date(s, date, "review"));
  }
  o.directed_default = s.boolean("directed_default", o.directed_default);
  if (std::optional<Section> communities = optional_section(s, "communities")) {
    Section& c = *communities;
    o.community_resolution = c.number("resolution", o.community_resolution);
    const int seed = c.integer("seed", static_cast<int>(o.community_seed));
    if (seed < 0) c.fail(c.node(), "'" + c.qualified("seed") + "' must be 0 or more");
    o.community_seed = static_cast<std::uint64_t>(seed);
    c.finish();
  }
  o.max_suggestions = s.integer("suggestions", o.max_suggestions);
  o.threads = s.integer("threads", o.threads);
  s.finish();
  try {
    o.validate();
  } catch (const Error& e) {
    s.fail(s.node(), e.problem(), e.hint());
  }
  return o;
}

}  // namespace engine::coordination
