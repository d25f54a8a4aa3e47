"""GeoPandas peer of bench_join: the same points-in-districts count, end to end.

Run by bench_join with Debian's interpreter (/usr/bin/python3, which owns
python3-geopandas and python3-rtree):

  geopandas_join.py POINTS_CSV DISTRICTS CODE_FIELD OUT_CSV [--predicate P]

Reads the benchmark's points CSV (id,lon,lat) with pandas, makes EPSG:4326
points, reads the districts, joins, counts points per district P-code and
writes OUT_CSV (code,count; districts without points are left out).  It
prints one `step NAME SECONDS` line per step (time.perf_counter, inside the
interpreter, after the imports) and `pairs N` (rows of the join), which
bench_join parses; bench_join itself times the whole process, interpreter
start and imports included.

Predicate.  localmap counts a point in a district when the closed polygon
covers it (a point on a shared border goes to one of the districts), the
same set of pairs as PostGIS's ST_Covers(district, point).  The default here
is that set exactly: sjoin(districts, points, predicate="covers").  It is
written with the districts on the left on purpose: GeoPandas 0.12 without
pygeos (Debian 12) has only the rtree index, whose query_bulk prepares the
*input* geometry, so districts-as-input prepare each polygon once and probe an
R-tree of the points, while sjoin(points, districts, predicate="intersects")
(the same pairs for points) prepares every point and tests raw polygons.
"within" (points strictly inside) is faster still in 0.12 but drops border
points.  --predicate intersects|within runs those forms for comparison.
"""

import argparse
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("points_csv")
    parser.add_argument("districts")
    parser.add_argument("code_field")
    parser.add_argument("out_csv")
    parser.add_argument("--predicate", choices=["covers", "intersects", "within"], default="covers")
    args = parser.parse_args()

    import geopandas
    import pandas

    # No spatial index means sjoin fails deep inside; say what to install.
    compat = geopandas._compat
    if not (compat.HAS_RTREE or compat.USE_PYGEOS or getattr(compat, "USE_SHAPELY_20", False)):
        sys.exit("geopandas_join.py: GeoPandas has no spatial index backend; apt-get install python3-rtree")

    steps = []

    def step(name, start):
        now = time.perf_counter()
        steps.append((name, now - start))
        return now

    total_start = t = time.perf_counter()
    table = pandas.read_csv(args.points_csv)
    t = step("read_points_csv", t)
    points = geopandas.GeoDataFrame(
        {"id": table["id"].to_numpy()},
        geometry=geopandas.points_from_xy(table["lon"], table["lat"]),
        crs="EPSG:4326",
    )
    del table
    t = step("build_points", t)
    districts = geopandas.read_file(args.districts)[[args.code_field, "geometry"]]
    if districts.crs is None or districts.crs.to_epsg() != 4326:
        districts = districts.to_crs("EPSG:4326")  # localmap works in WGS84 lon/lat too
    t = step("read_districts", t)

    if args.predicate == "covers":
        pairs = geopandas.sjoin(districts, points, how="inner", predicate="covers")
    elif args.predicate == "intersects":
        pairs = geopandas.sjoin(points, districts, how="inner", predicate="intersects")
    else:
        pairs = geopandas.sjoin(points, districts, how="inner", predicate="within")
    t = step("sjoin", t)

    counts = pairs.groupby(args.code_field).size().rename("count")
    counts.index.name = "code"
    counts.to_csv(args.out_csv, header=True)
    t = step("count_and_write", t)
    steps.append(("total", t - total_start))

    for name, seconds in steps:
        print(f"step {name} {seconds:.6f}")
    print(f"pairs {len(pairs)}")
    import shapely
    index = "pygeos" if compat.USE_PYGEOS else "shapely" if getattr(compat, "USE_SHAPELY_20", False) else "rtree"
    print(f"versions geopandas {geopandas.__version__} pandas {pandas.__version__} "
          f"shapely {shapely.__version__} index {index} python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
