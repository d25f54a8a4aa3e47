#include "engine/coordination/analysis.hpp"

namespace engine::coordination {

CoordinationResult analyse_coordination(const ActorNetwork& network, const Boundaries& boundaries,
                                        const CoordinationOptions& options) {
  options.validate();
  CoordinationResult r;
  r.k_hops = options.k_hops;
  r.graph = build_graph(network, options.as_of);
  r.metrics = compute_metrics(r.graph.graph, {options.community_resolution, options.community_seed, options.threads});
  const ChainFinder chain(network, r.graph, boundaries, options.k_hops);
  r.gaps = find_gaps(chain, r.metrics.structure.articulation);
  r.suggestions = suggest_links(chain, r.gaps, r.metrics, options.max_suggestions);
  if (options.review.size() == 2)
    r.review = review_network(network, boundaries, options.review[0], options.review[1], options.k_hops);
  return r;
}

}  // namespace engine::coordination
