#!/usr/bin/env python3
"""Loads every export in a folder with the real consumers and checks it against graph.json.

usage: check_exports.py EXPORT_DIR [--path A B [LENGTH]]

With --path, the Cypher shortest path between A and B over fact relationships in Kùzu must
equal networkx's on graph.json (and LENGTH, when given: `shabaka path`'s answer).

networkx (node-link JSON, GraphML, GEXF), python-igraph (GraphML), xmllint (well-formed
XML), Graphviz (dot -Tsvg), Kùzu (the Neo4j CSVs, loaded as they are, and a Cypher shortest
path). Prints one line per consumer; exits 1 on the first failure.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx

out = sys.argv[1]
ok = []


def xml_text(s):
    """What XML 1.0 can carry of a string: the characters it forbids are dropped on export."""
    def allowed(c):
        o = ord(c)
        return c in "\t\n\r" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000
    return "".join(c for c in s if allowed(c))


def check(cond, msg):
    if not cond:
        print(f"FAIL: {msg}", file=sys.stderr)
        sys.exit(1)


data = json.load(open(os.path.join(out, "graph.json"), encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges")
n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
check(n_nodes == len(data["nodes"]) and n_edges == len(data["edges"]), "networkx node-link counts")
ok.append(f"networkx node-link: {n_nodes} nodes, {n_edges} edges")
by_id = {n["id"]: n for n in data["nodes"]}

# GraphML: networkx and igraph
H = nx.read_graphml(os.path.join(out, "graph.graphml"))
check(H.number_of_nodes() == n_nodes, f"graphml nodes {H.number_of_nodes()} != {n_nodes}")
check(H.number_of_edges() == n_edges, f"graphml edges {H.number_of_edges()} != {n_edges}")
for nid, attrs in H.nodes(data=True):
    src = by_id[nid]
    check(attrs.get("label", "") == xml_text(src.get("label", "")), f"graphml label of {nid}: {attrs.get('label')!r} vs {src.get('label')!r}")
    check(attrs.get("kind") == src["kind"], f"graphml kind of {nid}")
    if "mentions" in src:
        check(isinstance(attrs["mentions"], int) and attrs["mentions"] == src["mentions"], f"graphml int type of {nid}")
    if "discovered" in src:
        check(attrs["discovered"] is src["discovered"], f"graphml bool type of {nid}")
for _, _, attrs in H.edges(data=True):
    check(isinstance(attrs["weight"], float), "graphml weight is a double")
ok.append("networkx GraphML: counts, labels, int/bool/double types")
import igraph

ig = igraph.Graph.Read_GraphML(os.path.join(out, "graph.graphml"))
check(ig.vcount() == n_nodes and ig.ecount() == n_edges, "igraph counts")
labels = set(ig.vs["label"]) if n_nodes else set()
check(labels == {xml_text(n.get("label", "")) for n in data["nodes"]}, "igraph labels (Arabic)")
ok.append(f"igraph GraphML: {ig.vcount()} vertices, {ig.ecount()} edges")

# GEXF
X = nx.read_gexf(os.path.join(out, "graph.gexf"))
check(X.number_of_nodes() == n_nodes, f"gexf nodes {X.number_of_nodes()}")
check(X.number_of_edges() == n_edges, f"gexf edges {X.number_of_edges()} != {n_edges}")
for nid, attrs in X.nodes(data=True):
    check(attrs.get("label", nid) == (xml_text(by_id[nid].get("label", "")) or nid), f"gexf label of {nid}: {attrs.get('label')!r}")
    check("viz" in attrs and "color" in attrs["viz"], f"gexf viz colour of {nid}")
ok.append("networkx GEXF 1.3: counts, labels, viz colours")

# XML well-formedness with libxml2
for f in ("graph.graphml", "graph.gexf"):
    r = subprocess.run(["xmllint", "--noout", os.path.join(out, f)], capture_output=True, text=True)
    check(r.returncode == 0, f"xmllint {f}: {r.stderr[:300]}")
ok.append("xmllint: GraphML and GEXF well-formed")

# Graphviz
svg = subprocess.run(["dot", "-Tsvg", os.path.join(out, "graph.dot")], capture_output=True)
check(svg.returncode == 0 and b"<svg" in svg.stdout, f"dot -Tsvg: {svg.stderr[:300]!r}")
r = subprocess.run(["xmllint", "--noout", "-"], input=svg.stdout, capture_output=True)
check(r.returncode == 0, "dot's SVG is valid XML")
ok.append("Graphviz dot -Tsvg: rendered, valid SVG")

# Gephi CSV
with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
check(len(rows) == n_nodes and list(rows[0].keys())[:3] == ["Id", "Label", "Kind"] if rows else True, "nodes.csv")
with open(os.path.join(out, "edges.csv"), encoding="utf-8", newline="") as f:
    erows = list(csv.DictReader(f))
check(len(erows) == n_edges, "edges.csv rows")
if erows:
    check(list(erows[0].keys())[:7] == ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"], "edges.csv header")
ok.append("Gephi CSV: headers and row counts")

# Neo4j CSVs into Kùzu
import kuzu

neo = os.path.join(out, "neo4j")
tmp = tempfile.mkdtemp()
db = kuzu.Database(os.path.join(tmp, "db"))
conn = kuzu.Connection(db)
KTYPE = {"long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}


def columns(path):
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def prop(col):
    name, _, typ = col.partition(":")
    return name, KTYPE.get(typ, "STRING")


files = sorted(os.listdir(neo))
loaded_nodes = 0
for f in [f for f in files if f.startswith("nodes_")]:
    label = f[len("nodes_"):-len(".csv")]
    cols = columns(os.path.join(neo, f))
    props = [prop(c) for c in cols[2:]]
    ddl = ", ".join(["id STRING", "neo4j_labels STRING"] + [f"`{n}` {t}" for n, t in props])
    conn.execute(f"CREATE NODE TABLE {label}({ddl}, PRIMARY KEY(id))")
    conn.execute(f"COPY {label} FROM '{os.path.join(neo, f)}' (header=true, parallel=false, auto_detect=false, delim=',', quote='\"', escape='\"')")
    loaded_nodes += conn.execute(f"MATCH (n:{label}) RETURN count(n)").get_next()[0]
check(loaded_nodes == n_nodes, f"Kùzu nodes {loaded_nodes} != {n_nodes}")
rels = {}
for f in [f for f in files if f.startswith("rels_")]:
    cols = columns(os.path.join(neo, f))
    rest = f[len("rels_"):-len(".csv")]
    parts = rest.split("_")
    rel_type, src, dst = "_".join(parts[:-2]), parts[-2], parts[-1]
    rels.setdefault(rel_type, {"pairs": [], "cols": cols, "files": []})
    rels[rel_type]["pairs"].append((src, dst))
    rels[rel_type]["files"].append((f, src, dst))
loaded_edges = 0
for rel_type, info in rels.items():
    props = [prop(c) for c in info["cols"][3:]]
    pairs = ", ".join(f"FROM {a} TO {b}" for a, b in info["pairs"])
    ddl = ", ".join(["neo4j_type STRING"] + [f"`{n}` {t}" for n, t in props])
    conn.execute(f"CREATE REL TABLE {rel_type}({pairs}, {ddl})")
    for f, a, b in info["files"]:
        before = conn.execute(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)").get_next()[0]
        conn.execute(f"COPY {rel_type} FROM '{os.path.join(neo, f)}' (header=true, parallel=false, auto_detect=false, delim=',', quote='\"', escape='\"', from='{a}', to='{b}')")
        after = conn.execute(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)").get_next()[0]
        with open(os.path.join(neo, f), encoding="utf-8", newline="") as fh:
            rows_in_file = len(list(csv.reader(fh))) - 1
        check(after - before == rows_in_file, f"Kùzu loaded {after - before} of {rows_in_file} rows of {f}:\n" + open(os.path.join(neo, f), encoding="utf-8").read()[:800])
    loaded_edges += conn.execute(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)").get_next()[0]
check(loaded_edges == n_edges, f"Kùzu relationships {loaded_edges} != {n_edges}")
ok.append(f"Kùzu: {loaded_nodes} nodes, {loaded_edges} relationships loaded from the Neo4j CSVs")

if "--path" in sys.argv:
    i = sys.argv.index("--path")
    a, b = sys.argv[i + 1], sys.argv[i + 2]
    given = int(sys.argv[i + 3]) if len(sys.argv) > i + 3 else None
    fact_types = [t for t in rels if t not in ("MENTIONED_IN", "REPORTED_IN")]
    la, lb = by_id[a]["kind"], by_id[b]["kind"]
    q = (f"MATCH p = (x:{la})-[r:{'|'.join(fact_types)}* SHORTEST 1..12]-(y:{lb}) "
         f"WHERE x.id = '{a}' AND y.id = '{b}' RETURN length(r)")
    res = conn.execute(q)
    check(res.has_next(), f"Kùzu found no path {a} → {b}")
    got = res.get_next()[0]
    F = nx.Graph()
    F.add_edges_from((e["source"], e["target"]) for e in data["edges"] if e["kind"] in fact_types)
    expected = nx.shortest_path_length(F, a, b)
    check(got == expected, f"Kùzu shortest path {got} != networkx {expected}")
    if given is not None:
        check(got == given, f"Kùzu shortest path {got} != shabaka path {given}")
    ok.append(f"Kùzu Cypher shortest path {a} → {b}: {got} hops, same as networkx" + (" and shabaka path" if given is not None else ""))

print("\n".join(ok))
print(f"{len(ok)} passed, 0 failed")
