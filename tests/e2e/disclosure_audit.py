#!/usr/bin/python3
"""Attacks the published counts of a restricted layer, independently of localmap.

Usage: disclosure_audit.py OUT_DIR PRECISE_DIR LAYER MIN_COUNT

OUT_DIR holds the run with the layer restricted, PRECISE_DIR the same run with
--allow-precise LAYER (the true counts).  From the published files only
(governorates.geojson, districts.geojson and the layer's total in run.json)
the audit builds every additive relation a reader can see: a unit's total is
the sum of its category cells, a governorate is the sum of its districts, the
country is the sum of its governorates and of its districts.  Then for every
withheld cell it
  * tries the differencing attack: a relation with one blank gives it away;
  * solves two linear programmes (scipy's HiGHS): the smallest and largest
    value the cell can take given the relations and non-negativity.  A cell
    whose minimum equals its maximum is disclosed.
It also checks against the truth that every count 1..MIN_COUNT-1 is withheld
and every published count is the true one.

Coverage's sub-counts of the districts (issues covered and uncovered, which
add up to the district's issues) join the same system, with their national
sums from run.json: a small one must be withheld and stay unpinned (a
withheld zero may be pinned: it identifies nobody), and the share computed
from them must be withheld with them.  Prints a summary; exits 1 on any
failure.
"""
import json
import sys

import numpy as np
from scipy.optimize import linprog

out_dir, precise_dir, layer, min_count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
total_col = "n_" + layer
cat_prefix = total_col + "_category_"


def features(path):
    with open(path, encoding="utf-8") as f:
        return [feat["properties"] for feat in json.load(f)["features"]]


def count_columns(rows):
    return [c for c in rows[0] if c == total_col or c.startswith(cat_prefix)]


published = {"governorates": features(out_dir + "/governorates.geojson"),
             "districts": features(out_dir + "/districts.geojson")}
truth = {"governorates": features(precise_dir + "/governorates.geojson"),
         "districts": features(precise_dir + "/districts.geojson")}
key = {"governorates": "ADM1_PCODE", "districts": "ADM2_PCODE"}

# Cells: (level, unit code, column) -> published value or None.
cells, true_value = {}, {}
for level, rows in published.items():
    truth_by_code = {r[key[level]]: r for r in truth[level]}
    for r in rows:
        for c in count_columns(rows):
            cells[(level, r[key[level]], c)] = r[c]
            true_value[(level, r[key[level]], c)] = truth_by_code[r[key[level]]].get(c) or 0
columns = count_columns(published["districts"])
run = json.load(open(out_dir + "/run.json", encoding="utf-8"))
counts = next(l for l in run["layers"] if l["name"] == layer)["counts"]
national = counts["matched"] + counts["snapped"] + counts["name_matched"]

# Coverage's sub-counts per district (when the run has coverage).
sub_columns = [c for c in ("issues", "issues_covered", "issues_uncovered") if c in published["districts"][0]]
truth_districts = {r["ADM2_PCODE"]: r for r in truth["districts"]}
for r in published["districts"]:
    for c in sub_columns:
        cells[("districts", r["ADM2_PCODE"], c)] = r[c]
        true_value[("districts", r["ADM2_PCODE"], c)] = truth_districts[r["ADM2_PCODE"]].get(c) or 0

failures = []
# The truth: small counts withheld, published counts true.
for cell, value in cells.items():
    t = true_value[cell]
    if value is None:
        continue
    if value != t:
        failures.append(f"{cell} published as {value}, truly {t}")
    if 1 <= t < min_count:
        failures.append(f"{cell} holds {t} (< {min_count}) and is published")

# Relations: lists of (cell or constant, sign) summing to zero.
relations = []
for level, rows in published.items():
    for r in rows:
        code = r[key[level]]
        parts = [(level, code, c) for c in columns if c != total_col]
        if parts:
            relations.append([((level, code, total_col), -1)] + [(p, 1) for p in parts])
districts_of = {}
for r in published["districts"]:
    districts_of.setdefault(r["ADM1_PCODE"], []).append(r["ADM2_PCODE"])
for gov in published["governorates"]:
    g = gov["ADM1_PCODE"]
    for c in columns:
        relations.append([(("governorates", g, c), -1)] + [(("districts", d, c), 1) for d in districts_of.get(g, [])])
for level, rows in published.items():
    relations.append([(national, -1)] + [((level, r[key[level]], total_col), 1) for r in rows])
if sub_columns:
    totals = run["coverage"]["totals"]
    sums = {"issues": totals["issues"], "issues_covered": totals["issues_covered"],
            "issues_uncovered": totals["issues"] - totals["issues_covered"]}
    for r in published["districts"]:
        d = r["ADM2_PCODE"]
        relations.append([(("districts", d, "issues"), -1), (("districts", d, total_col), 1)])
        relations.append([(("districts", d, "issues"), -1), (("districts", d, "issues_covered"), 1),
                          (("districts", d, "issues_uncovered"), 1)])
        if r["issues_covered_share"] is not None and (r["issues_covered"] is None or r["issues_uncovered"] is None):
            failures.append(f"{d}: issues_covered_share published beside a withheld sub-count")
    for c in sub_columns:
        relations.append([(sums[c], -1)] + [(("districts", r["ADM2_PCODE"], c), 1) for r in published["districts"]])

# Keep only relations that hold on the truth (e.g. districts without a governorate).
def holds(rel):
    return sum(sign * (term if isinstance(term, int) else true_value[term]) for term, sign in rel) == 0
relations = [rel for rel in relations if holds(rel)]

blanks = [cell for cell, v in cells.items() if v is None]
index = {cell: i for i, cell in enumerate(blanks)}
A, b = [], []
for rel in relations:
    row, rhs = np.zeros(len(blanks)), 0.0
    unknown = 0
    for term, sign in rel:
        if isinstance(term, int):
            rhs -= sign * term
        elif cells[term] is None:
            row[index[term]] += sign
            unknown += 1
        else:
            rhs -= sign * cells[term]
    if unknown == 1:
        failures.append(f"differencing: a relation has one blank: {[t for t, s in rel if not isinstance(t, int) and cells[t] is None]}")
    if unknown:
        A.append(row)
        b.append(rhs)

pinned = pinned_zeros = 0
if blanks:
    A, b = np.array(A), np.array(b)
    for cell, i in index.items():
        c = np.zeros(len(blanks))
        c[i] = 1
        low = linprog(c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        high = linprog(-c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        if low.status != 0 or high.status != 0:
            failures.append(f"{cell}: the linear programme failed ({low.message} / {high.message})")
            continue
        lo, hi = low.fun, -high.fun
        if not (lo - 1e-6 <= true_value[cell] <= hi + 1e-6):
            failures.append(f"{cell}: true value {true_value[cell]} outside [{lo}, {hi}]: the relations are wrong")
        if hi - lo < 0.5 and cell[2] in sub_columns and true_value[cell] == 0:
            pinned_zeros += 1
        elif hi - lo < 0.5:
            pinned += 1
            failures.append(f"{cell}: pinned to {lo:g} by the published relations (true {true_value[cell]})")

small = sum(1 for cell, t in true_value.items() if 1 <= t < min_count)
sub_blanks = sum(1 for cell in blanks if cell[2] in sub_columns)
print(f"audit: {len(cells)} cells, {small} truly below {min_count}, {len(blanks)} withheld "
      f"({sub_blanks} of them coverage sub-counts), {len(relations)} relations, {pinned} pinned, "
      f"{pinned_zeros} withheld zeros pinned, {len(failures)} failures")
for f in failures[:20]:
    print("FAIL", f)
sys.exit(1 if failures else 0)
