// localmap match-names --boundaries SRC --input TABLE --out FILE : attach
// records that carry admin names or P-codes, but no coordinates, to admin
// units.  Every input row comes out once with its match status, level,
// score, the matched units of each level and the best candidates.

#include <array>
#include <cstdio>
#include <filesystem>

#include "engine/boundaries.hpp"
#include "engine/error.hpp"
#include "engine/names/layer_levels.hpp"
#include "engine/names/match_table.hpp"
#include "engine/names/name_tables.hpp"
#include "geo/vector_writer.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

class MatchNamesVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Match admin names (Arabic, English or both) and P-codes to boundary units, coarse to fine: a district is "
        "looked for inside its governorate. Levels: pcode, crosswalk, exact, alias, normalised, fuzzy (Jaro-Winkler "
        ">= --threshold). Too close to call -> ambiguous, with the candidates listed; nothing is guessed silently. "
        "--boundaries is the finest level; coarser levels come from --parent-boundaries or from its ADM<k>_PCODE "
        "fields. Output format by extension: .csv, .geojson or .gpkg (spatial outputs get the matched unit's point "
        "on surface).");
    boundaries_.add_to(command, "boundaries", "boundaries-", "Finest boundary level (e.g. districts)", false);
    command.add_option("--parent-boundaries", parents_, "Coarser boundary layers, coarse to fine (e.g. governorates)");
    command.add_option("--code", layer_.code, "P-code field of --boundaries (default: its most detailed ADMn_PCODE)");
    command.add_option("--name-en", layer_.name_en, "English name field of --boundaries (default ADMn_EN)");
    command.add_option("--name-ar", layer_.name_ar, "Arabic name field of --boundaries (default ADMn_AR)");
    command.add_option("--parent-code", layer_.parent_code, "Field of --boundaries with the parent level's P-code");
    command.add_option("--parent-name-en", layer_.parent_name_en, "Field of --boundaries with the parent's English name");
    command.add_option("--parent-name-ar", layer_.parent_name_ar, "Field of --boundaries with the parent's Arabic name");
    input_.add_to(command, "input", "input-", "Table of records to match (CSV, XLSX, ODS, GeoPackage, ...)", false);
    command.add_option("--governorate", fields_[0], "Input field(s) with governorate (ADM1) names; repeatable");
    command.add_option("--district", fields_[1], "Input field(s) with district (ADM2) names; repeatable");
    command.add_option("--subdistrict", fields_[2], "Input field(s) with sub-district (ADM3) names; repeatable");
    command.add_option("--pcode", codes_, "Input field(s) with P-codes (current, or old with --crosswalk); repeatable");
    command.add_option("--aliases", options_.aliases.source.source, "Table of extra spellings: a P-code and name columns");
    command.add_option("--alias-code", options_.aliases.code_field, "P-code field of --aliases")->capture_default_str();
    command.add_option("--alias-names", options_.aliases.name_fields, "Name field(s) of --aliases")->capture_default_str();
    command.add_option("--crosswalk", options_.crosswalk.source.source, "Table of old -> current P-codes");
    command.add_option("--crosswalk-old", options_.crosswalk.old_field, "Old-code field of --crosswalk")->capture_default_str();
    command.add_option("--crosswalk-new", options_.crosswalk.new_field, "Current-code field of --crosswalk")->capture_default_str();
    command.add_option("--threshold", options_.threshold, "Lowest fuzzy score that matches (0-1)")->capture_default_str();
    command.add_option("--ambiguity-margin", options_.ambiguity_margin, "Best and runner-up closer than this: ambiguous")
        ->capture_default_str();
    command.add_option("--candidates", options_.candidates, "Candidates listed per row")->capture_default_str();
    command.add_flag("--keep-words", keep_words_, "Never drop generic words (مديرية, district, ...)");
    command.add_flag("--keep-article", keep_article_, "Never drop the article (ال, Al-, As-, ...)");
    command.add_flag("--search-outside-parent", options_.search_outside_parent,
                     "Accept exact/normalised matches outside the given parent unit (with a note)");
    command.add_option("-o,--out", out_, "Output file: .csv, .geojson or .gpkg")->required();
    chatter_.add_to(command);
  }

  void validate() const override {
    options().validate();
    geo::output_format_for(out_);
    bool any = !codes_.empty();
    for (const auto& f : fields_) any = any || !f.empty();
    if (!any) throw engine::Error("no input fields to match", {}, "give --district, --governorate, --subdistrict or --pcode");
  }

  int run() override {
    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;

    std::vector<engine::SourceSpec> parents;
    for (const std::string& p : parents_) parents.push_back({.source = p});
    const auto specs = engine::names::layer_levels(parents, boundaries_.spec, layer_);
    const engine::Boundaries boundaries = engine::load_boundaries(specs, progress);
    const auto tables = engine::names::load_name_tables(options());
    const engine::names::NameMatcher matcher(boundaries, options(), tables);

    engine::names::NameFields fields;
    for (const engine::AdminLevel& level : boundaries.levels) {
      const int n = level.spec.level;
      fields.levels.push_back(n >= 1 && n <= 3 ? fields_[static_cast<std::size_t>(n - 1)] : std::vector<std::string>{});
    }
    for (int n = 1; n <= 3; ++n) {
      bool present = false;
      for (const engine::AdminLevel& level : boundaries.levels) present = present || level.spec.level == n;
      if (!fields_[static_cast<std::size_t>(n - 1)].empty() && !present)
        throw engine::Error("names are given for " + engine::names::level_name(n) + " but the boundaries have no level " +
                                std::to_string(n),
                            {.file = boundaries_.spec.source}, "give that level with --parent-boundaries or drop the option");
    }
    while (!fields.levels.empty() && fields.levels.back().empty()) fields.levels.pop_back();
    fields.codes = codes_;

    const engine::names::InputTable input = engine::names::read_input_table(input_.spec);
    const bool spatial = geo::output_format_for(out_) != geo::OutputFormat::CSV;
    engine::names::MatchedRows result = engine::names::match_rows(input, fields, matcher, spatial, progress);
    result.layer.name = std::filesystem::path(input_.spec.source).stem().string();
    geo::write_layer(out_, result.layer);

    if (!chatter_.quiet) print_summary(boundaries, matcher, result.counts);
    return 0;
  }

 private:
  engine::names::NameMatchOptions options() const {
    engine::names::NameMatchOptions o = options_;
    o.strip_words = !keep_words_;
    o.strip_article = !keep_article_;
    return o;
  }

  void print_summary(const engine::Boundaries& boundaries, const engine::names::NameMatcher& matcher,
                     const engine::names::MatchCounts& c) const {
    std::printf("localmap match-names: %lld rows against", static_cast<long long>(c.rows));
    for (const auto& level : boundaries.levels) std::printf(" %zu %s", level.units.size(), level.spec.name.c_str());
    std::printf("\n");
    std::printf("  matched    %lld (", static_cast<long long>(c.matched));
    bool first = true;
    for (std::size_t l = 1; l < c.by_level.size(); ++l) {
      if (c.by_level[l] == 0) continue;
      std::printf("%s%s %lld", first ? "" : ", ", engine::names::to_string(static_cast<engine::names::MatchLevel>(l)),
                  static_cast<long long>(c.by_level[l]));
      first = false;
    }
    std::printf(")\n  ambiguous  %lld\n  unmatched  %lld\n", static_cast<long long>(c.ambiguous), static_cast<long long>(c.unmatched));
    if (c.not_given > 0) std::printf("  no names   %lld\n", static_cast<long long>(c.not_given));
    for (const std::string& w : matcher.warnings()) std::printf("warning: %s\n", w.c_str());
    std::printf("written: %s\n", out_.c_str());
  }

  InputOptions boundaries_, input_;
  std::vector<std::string> parents_;
  engine::names::LayerLevelFields layer_;
  std::array<std::vector<std::string>, 3> fields_;
  std::vector<std::string> codes_;
  engine::names::NameMatchOptions options_;
  bool keep_words_ = false, keep_article_ = false;
  std::string out_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_match_names_verb() { return std::make_unique<MatchNamesVerb>(); }

}  // namespace localmap_cli
