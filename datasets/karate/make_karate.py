#!/usr/bin/python3
"""Writes Zachary's karate club (Zachary 1977) in the firmnet import format.

Source of the network: igraph's built-in famous graph "Zachary" (python-igraph,
Graph.Famous("Zachary")): 34 members, 78 undirected friendship ties. The faction each member
joined after the club split ("Mr. Hi" or "Officer") comes from networkx's karate_club_graph,
whose edge set is checked here to be the same graph.

Usage: /usr/bin/python3 datasets/karate/make_karate.py [OUTPUT_DIR]  (default: this folder)
"""
import csv
import os
import sys

import igraph
import networkx


def main() -> None:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    graph = igraph.Graph.Famous("Zachary")
    club = networkx.karate_club_graph()
    igraph_edges = {tuple(sorted(e.tuple)) for e in graph.es}
    networkx_edges = {tuple(sorted(e)) for e in club.edges()}
    if igraph_edges != networkx_edges or graph.vcount() != club.number_of_nodes():
        sys.exit("igraph and networkx disagree on Zachary's karate club")

    # Members are numbered 1..34 as in Zachary's paper (igraph vertex i is member i + 1).
    with open(os.path.join(out_dir, "nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind"])
        for v in range(graph.vcount()):
            w.writerow([v + 1, f"member {v + 1}", "other"])
    # Friendship has no direction: one row per tie, relation type cooperation (symmetric).
    with open(os.path.join(out_dir, "edges.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type", "weight", "year"])
        for a, b in sorted(igraph_edges):
            w.writerow([a + 1, b + 1, "cooperation", 1, ""])
    with open(os.path.join(out_dir, "truth_nodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "faction"])
        for v in range(graph.vcount()):
            w.writerow([v + 1, club.nodes[v]["club"]])


if __name__ == "__main__":
    main()
