// localmap graph PROJECT.yaml --out DIR : the coordination graph alone.
// Loads the project's boundaries and its `coordination:` actors and links,
// computes the metrics, district gaps and suggested links, and writes
// actors.geojson, links.geojson, coordination.graphml, coordination.csv and
// suggested_links.csv (plus review_*.csv with review dates).

#include <cmath>
#include <cstdio>
#include <optional>

#include "engine/boundaries.hpp"
#include "engine/coordination/analysis.hpp"
#include "engine/coordination/coordination_project.hpp"
#include "engine/coordination/network_loader.hpp"
#include "engine/coordination/outputs.hpp"
#include "engine/coordination/summary.hpp"
#include "engine/error.hpp"
#include "engine/join.hpp"
#include "engine/pipeline.hpp"
#include "shared_options.hpp"
#include "terminal_progress.hpp"
#include "verb.hpp"

namespace localmap_cli {
namespace {

namespace co = engine::coordination;

void print_summary(const co::CoordinationSummary& s, const co::CoordinationResult& r, const co::ActorNetwork& network,
                   const engine::Boundaries& boundaries, std::FILE* out) {
  const auto& a = s.actors;
  const auto& l = s.links;
  std::fprintf(out, "actors %6lld rows: %lld by coordinates (%lld matched, %lld snapped, %lld unmatched), %lld by P-code, "
                    "%lld unplaced, %lld rejected\n",
               static_cast<long long>(a.input), static_cast<long long>(a.by_coordinates), static_cast<long long>(a.matched),
               static_cast<long long>(a.snapped), static_cast<long long>(a.unmatched), static_cast<long long>(a.by_admin_code),
               static_cast<long long>(a.unplaced), static_cast<long long>(a.rejected));
  std::fprintf(out, "links  %6lld rows: %lld used, %lld merged into an earlier identical row, %lld rejected\n",
               static_cast<long long>(l.input), static_cast<long long>(l.used), static_cast<long long>(l.merged),
               static_cast<long long>(l.rejected));
  for (const co::ProblemKind& k : s.problems) {
    const co::RowProblem& e = k.examples.front();
    std::fprintf(out, "  %s in %s: %lld x %s (e.g. record %lld: %s)\n", k.rejected ? "rejected" : "warning", k.table.c_str(),
                 static_cast<long long>(k.count), k.kind.c_str(), static_cast<long long>(e.record), e.message.c_str());
  }
  const auto& g = s.graph;
  std::fprintf(out, "graph (%s): %lld actors, %lld linked pairs, %lld components (largest %.1f %%), %lld isolated, "
                    "%lld articulation points, %lld bridges, %lld communities (modularity %.3f)\n",
               s.as_of ? ("on " + co::format_date(*s.as_of)).c_str() : "all links", static_cast<long long>(g.actors),
               static_cast<long long>(g.edges), static_cast<long long>(g.components), 100 * g.largest_component_share,
               static_cast<long long>(g.isolated), static_cast<long long>(g.articulation_points),
               static_cast<long long>(g.bridges), static_cast<long long>(g.communities), g.modularity);
  std::fprintf(out, "%s: %lld, %lld with community actors; of these, not within %d links of", boundaries.finest().spec.name.c_str(),
               static_cast<long long>(s.districts), static_cast<long long>(s.districts_with_community_actors), s.k_hops);
  for (const co::ChainStep step : co::kChain)
    std::fprintf(out, "%s %s %lld", step == co::ChainStep::Police ? "" : ",", co::to_string(step),
                 static_cast<long long>(s.districts_with_gap[static_cast<std::size_t>(step)]));
  std::fprintf(out, "\n");
  if (s.review) {
    std::size_t opened = 0;
    for (const auto& c : s.review->changes) opened += c.opened;
    std::fprintf(out, "review %s -> %s: %zu links gained, %zu lost; %zu chain gaps opened, %zu closed\n",
                 co::format_date(s.review->from).c_str(), co::format_date(s.review->to).c_str(), s.review->gained.size(),
                 s.review->lost.size(), opened, s.review->changes.size() - opened);
  }
  std::fprintf(out, "suggested links: %lld\n", static_cast<long long>(s.suggestions));
  for (std::size_t i = 0; i < r.suggestions.size() && i < 5; ++i) {
    const co::Suggestion& sg = r.suggestions[i];
    const auto& from = network.actors[static_cast<std::size_t>(sg.source)];
    const auto& to = network.actors[static_cast<std::size_t>(sg.target)];
    std::fprintf(out, "  %zu. %s %s -- %s %s", i + 1, from.id.c_str(), from.name_en.c_str(), to.id.c_str(), to.name_en.c_str());
    if (!std::isnan(sg.distance_m)) std::fprintf(out, " (%.1f km)", sg.distance_m / 1000);
    std::fprintf(out, ": closes %zu chain steps, connects %lld actor pairs\n", sg.closes.size(),
                 static_cast<long long>(sg.pairs_connected));
  }
}

class GraphVerb final : public Verb {
 public:
  void setup(CLI::App& command) override {
    command.footer(
        "Analyse who works with whom: the project's `coordination:` section names an actors table (any GDAL source, "
        "with coordinates or admin P-codes) and a links table. Writes actors.geojson, links.geojson, "
        "coordination.graphml (Gephi), coordination.csv (gaps per district) and suggested_links.csv to --out.");
    command.add_option("project", project_, "Project file (YAML) with a coordination: section")->required();
    command.add_option("-o,--out", out_, "Output directory (created if missing)")->required();
    command.add_option("--as-of", as_of_, "Analyse the links in force on this date (YYYY-MM-DD); overrides coordination.as_of");
    command.add_option("--k-hops", k_hops_, "A chain step counts as reachable within this many links; overrides coordination.k_hops");
    command.add_option("--threads", threads_, "Threads for betweenness and closeness (0 = one per core)");
    chatter_.add_to(command);
  }

  void validate() const override {
    if (out_.empty()) throw engine::Error("no output directory given", {}, "pass --out DIR");
    if (as_of_ && !co::parse_date(*as_of_))
      throw engine::Error("--as-of '" + *as_of_ + "' is not a date", {}, "write it as YYYY-MM-DD");
    if (k_hops_ && (*k_hops_ < 1 || *k_hops_ > 100)) throw engine::Error("--k-hops must be between 1 and 100");
    if (threads_ && (*threads_ < 0 || *threads_ > 1024)) throw engine::Error("--threads must be between 0 and 1024");
  }

  int run() override {
    co::CoordinationProject p = co::load_coordination_project(project_);
    if (as_of_) p.options.as_of = co::parse_date(*as_of_);
    if (k_hops_) p.options.k_hops = *k_hops_;
    if (threads_) p.options.threads = *threads_;
    p.options.validate();
    engine::prepare_output_directory(out_);

    TerminalProgress terminal;
    engine::SilentProgress silent;
    engine::Progress& progress = chatter_.show_progress() ? static_cast<engine::Progress&>(terminal) : silent;
    const engine::Boundaries boundaries = engine::load_boundaries(p.project.levels, progress);
    const engine::AdminIndex index(boundaries.finest());
    const co::ActorNetwork network =
        co::load_network(p.options, boundaries, index, engine::JoinOptions{p.project.join.snap_m}, progress);
    const co::CoordinationResult result = co::analyse_coordination(network, boundaries, p.options);

    geo::WriteOptions write;
    write.precision = p.project.output.precision;
    if (p.project.synthetic) write.description = "SYNTHETIC data: " + p.project.title;
    const std::vector<std::string> written = co::write_coordination_outputs(out_, network, result, boundaries, write);

    if (!chatter_.quiet) {
      std::printf("localmap graph: %s%s\n", p.project.title.c_str(), p.project.synthetic ? "  [SYNTHETIC data]" : "");
      print_summary(co::summarise_coordination(network, result), result, network, boundaries, stdout);
      std::printf("outputs in %s:", out_.c_str());
      for (const std::string& file : written) std::printf(" %s", std::filesystem::path(file).filename().c_str());
      std::printf("\n");
    }
    return 0;
  }

 private:
  std::string project_, out_;
  std::optional<std::string> as_of_;
  std::optional<int> k_hops_, threads_;
  Chatter chatter_;
};

}  // namespace

std::unique_ptr<Verb> make_graph_verb() { return std::make_unique<GraphVerb>(); }

}  // namespace localmap_cli
