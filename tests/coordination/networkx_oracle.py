"""Oracle values for tests/coordination, computed by NetworkX.

Reads a graph as JSON {"n": N, "edges": [[u, v, strength], ...],
"partition": [label per vertex] (optional), "resolution": r (optional)} from
the file named by argv[1] and prints JSON with every metric localmap
computes, in NetworkX's own definitions:

  betweenness            nx.betweenness_centrality(normalized=True)
  betweenness_weighted   the same with weight = "length" (1 / strength)
  harmonic(_weighted)    nx.harmonic_centrality (not normalised)
  components             nx.connected_components
  articulation_points    nx.articulation_points
  bridges                nx.bridges
  modularity             nx.community.modularity of the given partition
"""
import json
import sys

import networkx as nx

spec = json.load(open(sys.argv[1]))
G = nx.Graph()
G.add_nodes_from(range(spec["n"]))
for u, v, s in spec["edges"]:
    G.add_edge(u, v, strength=float(s), length=1.0 / float(s))

out = {
    "degree": [G.degree(v) for v in range(spec["n"])],
    "weighted_degree": [G.degree(v, weight="strength") for v in range(spec["n"])],
    "betweenness": nx.betweenness_centrality(G, normalized=True),
    "betweenness_weighted": nx.betweenness_centrality(G, normalized=True, weight="length"),
    "harmonic": nx.harmonic_centrality(G),
    "harmonic_weighted": nx.harmonic_centrality(G, distance="length"),
    "components": [sorted(c) for c in nx.connected_components(G)],
    "articulation_points": sorted(nx.articulation_points(G)),
    "bridges": sorted(sorted(e) for e in nx.bridges(G)),
    "density": nx.density(G),
}
for key in ("betweenness", "betweenness_weighted", "harmonic", "harmonic_weighted"):
    out[key] = [out[key][v] for v in range(spec["n"])]
if "partition" in spec:
    groups = {}
    for v, label in enumerate(spec["partition"]):
        groups.setdefault(label, set()).add(v)
    out["modularity"] = nx.community.modularity(
        G, list(groups.values()), weight="strength", resolution=spec.get("resolution", 1.0))
if spec.get("louvain"):
    communities = nx.community.louvain_communities(
        G, weight="strength", resolution=spec.get("resolution", 1.0), seed=1)
    out["louvain"] = [sorted(c) for c in communities]
json.dump(out, sys.stdout)
