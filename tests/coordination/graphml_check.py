"""Reads coordination.graphml with NetworkX (an independent GraphML reader)
and recomputes betweenness and harmonic closeness from the file's own
edges; prints JSON with counts and the largest difference from the values
localmap wrote as node attributes.  Run with /usr/bin/python3."""
import json
import sys

import networkx as nx

G = nx.read_graphml(sys.argv[1])
n = G.number_of_nodes()
worst = 0.0
for key, weight in (("betweenness", None), ("betweenness_weighted", "length")):
    ours = nx.get_node_attributes(G, key)
    theirs = nx.betweenness_centrality(G, normalized=True, weight=weight)
    worst = max(worst, max(abs(ours[v] - theirs[v]) for v in G))
for key, distance in (("closeness", None), ("closeness_weighted", "length")):
    ours = nx.get_node_attributes(G, key)
    theirs = nx.harmonic_centrality(G, distance=distance)
    worst = max(worst, max(abs(ours[v] - theirs[v] / (n - 1)) for v in G))
bridges = {frozenset(e) for e in nx.bridges(G)}
flagged = {frozenset((u, v)) for u, v, d in G.edges(data=True) if d.get("bridge")}
print(json.dumps({
    "nodes": n,
    "edges": G.number_of_edges(),
    "largest_difference": worst,
    "bridges_agree": bridges == flagged,
    "articulation_agree": set(nx.articulation_points(G)) == {v for v, d in G.nodes(data=True) if d.get("articulation_point")},
    "labels": sorted(d.get("label", "") for _, d in G.nodes(data=True))[:3],
}))
