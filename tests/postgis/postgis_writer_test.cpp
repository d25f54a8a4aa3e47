// geo::write_postgis against a live PostGIS: the tables QGIS needs (SRID,
// geometry type, key, spatial index, comment), exact values and geometries,
// replacement in one transaction, and writers and readers that get in each
// other's way.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <thread>

#include "geo/error.hpp"
#include "geo/postgis_writer.hpp"
#include "geo/vector_reader.hpp"
#include "pg_test_support.hpp"

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::LayerData;

std::string hex(const std::vector<unsigned char>& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += {digits[b >> 4], digits[b & 15]};
  return out;
}

// `n` points with an id, a real and a text field; row 2 has no geometry.
LayerData points(const std::string& name, int n) {
  LayerData layer;
  layer.name = name;
  layer.geometry = GeometryKind::Point;
  layer.fields = {{"id", FieldType::Integer}, {"Value", FieldType::Real}, {"label", FieldType::String}};
  for (int i = 0; i < n; ++i) {
    layer.rows.push_back({std::int64_t{i + 1}, 0.1 * i + 1e-17 * i, std::string("row ") + std::to_string(i)});
    layer.points.push_back(i == 1 ? geo::Point{NAN, NAN} : geo::Point{44.0 + i / 3.0, 13.0 + i / 7.0});
  }
  return layer;
}

geo::Geometry square(double x, double y, double size) {
  return geo::Geometry::polygon({{{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}, {x, y}}});
}

LayerData polygons(const std::string& name) {
  LayerData layer;
  layer.name = name;
  layer.geometry = GeometryKind::Polygon;
  layer.fields = {{"ADM2_PCODE", FieldType::String}};
  layer.rows = {{std::string("ZZ0101")}, {std::string("ZZ0102")}, {std::string("ZZ0103")}};
  layer.shapes.push_back(square(44.123456789012345, 13.1, 0.25));
  std::vector<geo::Geometry> parts;
  parts.push_back(square(45, 13, 0.1));
  parts.push_back(square(45.5, 13, 0.1));
  layer.shapes.push_back(geo::Geometry::multi_polygon(std::move(parts)));
  layer.shapes.emplace_back();  // no geometry
  return layer;
}

LayerData table(const std::string& name, std::vector<std::vector<geo::Value>> rows) {
  LayerData layer;
  layer.name = name;
  layer.fields = {{"unit", FieldType::String}, {"n", FieldType::Integer}};
  layer.rows = std::move(rows);
  return layer;
}

std::vector<const LayerData*> all(std::initializer_list<const LayerData*> layers) { return layers; }

geo::PostgisWriteOptions with_comment(const std::string& comment, double lock_wait_s = 60) {
  geo::PostgisWriteOptions o;
  o.comment = comment;
  o.lock_wait_s = lock_wait_s;
  return o;
}

}  // namespace

TEST(PostgisWriter, TablesHaveSridTypeKeyIndexAndComment) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData pts = points("Points", 5), polys = polygons("areas"), plain = table("summary", {{std::string("a"), std::int64_t{1}}});
  const auto written = geo::write_postgis(c.pg(), s, all({&pts, &polys, &plain}), with_comment("run of 'x'; snap 500"));
  EXPECT_EQ(written, (std::vector<std::string>{s + ".Points", s + ".areas", s + ".summary"}));

  pg_test::Db db(c.conninfo());
  const auto columns = db.rows("SELECT f_table_name, type, srid, coord_dimension FROM geometry_columns WHERE f_table_schema = '" +
                               s + "' ORDER BY 1");
  ASSERT_EQ(columns.size(), 2u);  // the table without geometry has none
  EXPECT_EQ(columns[0], (std::vector<std::string>{"Points", "POINT", "4326", "2"}));
  EXPECT_EQ(columns[1], (std::vector<std::string>{"areas", "MULTIPOLYGON", "4326", "2"}));
  for (const std::string t : {"Points", "areas", "summary"}) {
    const std::string rel = "'" + s + ".\"" + t + "\"'::regclass";
    EXPECT_EQ(db.value("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                       "AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = " + rel),
              "fid")
        << t;
    EXPECT_EQ(db.value("SELECT count(*) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am am ON "
                       "am.oid = x.relam WHERE am.amname = 'gist' AND i.indrelid = " + rel),
              t == "summary" ? "0" : "1")
        << t;
    EXPECT_EQ(db.value("SELECT obj_description(" + rel + ", 'pg_class')"), "run of 'x'; snap 500") << t;
    EXPECT_NE(db.value("SELECT reltuples FROM pg_class WHERE oid = " + rel), "-1") << t << ": not analysed";
  }
  // Nothing of the staging is left.
  EXPECT_EQ(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = '" + s + "'"), "3");
}

TEST(PostgisWriter, ValuesAndGeometriesReadBackExactly) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  LayerData pts = points("points", 4);
  pts.rows[0][2] = std::string("tab\there, newline\nthere, back\\slash, 'quote', عدن");
  pts.rows[2][1] = std::monostate{};
  pts.rows[3][1] = NAN;  // not a number: stored as NULL, as in GeoPackage
  const LayerData polys = polygons("areas");
  geo::write_postgis(c.pg(), s, all({&pts, &polys}));

  pg_test::Db db(c.conninfo());
  const auto rows = db.rows("SELECT fid, id, \"Value\", label, ST_X(geom), ST_Y(geom) FROM " + s + ".points ORDER BY fid");
  ASSERT_EQ(rows.size(), 4u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], std::to_string(i + 1));
    EXPECT_EQ(rows[i][1], std::to_string(i + 1));
    if (i < 2) {
      EXPECT_EQ(std::strtod(rows[i][2].c_str(), nullptr), std::get<double>(pts.rows[i][1])) << rows[i][2];
    } else {
      EXPECT_EQ(rows[i][2], "<null>");
    }
    EXPECT_EQ(rows[i][3], std::get<std::string>(pts.rows[i][2]));
    if (i == 1) {
      EXPECT_EQ(rows[i][4], "<null>");
      continue;
    }
    EXPECT_EQ(std::strtod(rows[i][4].c_str(), nullptr), pts.points[i].x);
    EXPECT_EQ(std::strtod(rows[i][5].c_str(), nullptr), pts.points[i].y);
  }

  // Polygons come back as the same coordinates in a one-part MultiPolygon.
  const auto shapes = db.rows("SELECT encode(ST_AsBinary(geom, 'NDR'), 'hex') FROM " + s + ".areas ORDER BY fid");
  ASSERT_EQ(shapes.size(), 3u);
  std::vector<geo::Geometry> one;
  one.push_back(polys.shapes[0].clone());
  EXPECT_EQ(shapes[0][0], hex(geo::Geometry::multi_polygon(std::move(one)).to_wkb()));
  EXPECT_EQ(shapes[1][0], hex(polys.shapes[1].to_wkb()));
  EXPECT_EQ(shapes[2][0], "<null>");

  // GDAL (as QGIS uses it) sees the same fields, names kept, and the key as FID.
  geo::ReadOptions options;
  options.layer = s + ".points";
  geo::VectorReader reader(c.pg(), options);
  ASSERT_EQ(reader.fields().size(), 3u);
  EXPECT_EQ(reader.fields()[1].name, "Value");
  EXPECT_EQ(reader.fields()[1].type, FieldType::Real);
  EXPECT_EQ(reader.declared_geometry(), GeometryKind::Point);
  std::vector<std::int64_t> fids;
  reader.for_each([&](const geo::FeatureView& f) {
    fids.push_back(f.fid());
    if (f.fid() == 1) {
      EXPECT_EQ(f.text(2), std::get<std::string>(pts.rows[0][2]));
    }
    return true;
  });
  EXPECT_EQ(fids, (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(PostgisWriter, ReplacesThePreviousTablesAndKeepsTheirGrants) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData a1 = points("a", 3), b1 = table("b", {{std::string("x"), std::int64_t{1}}, {std::string("y"), std::int64_t{2}}});
  geo::write_postgis(c.pg(), s, all({&a1, &b1}), with_comment("first"));
  pg_test::Db db(c.conninfo());
  db.exec("GRANT USAGE ON SCHEMA " + s + " TO " + c.reader_user);
  db.exec("GRANT SELECT ON " + s + ".a TO " + c.reader_user);
  db.exec("CREATE TABLE " + s + ".mine (note text)");  // a user's own table beside the results

  const LayerData a2 = points("a", 7), b2 = table("b", {{std::string("z"), std::int64_t{3}}});
  geo::write_postgis(c.pg(), s, all({&a2, &b2}), with_comment("second"));
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".a"), "7");
  EXPECT_EQ(db.value("SELECT string_agg(unit, ',') FROM " + s + ".b"), "z");
  EXPECT_EQ(db.value("SELECT obj_description('" + s + ".a'::regclass, 'pg_class')"), "second");
  EXPECT_EQ(db.value("SELECT to_regclass('" + s + ".mine') IS NOT NULL"), "t");
  EXPECT_EQ(db.value("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = '" + s +
                     "'::regnamespace"),
            "a,a_geom_idx,a_pkey,b,b_pkey,mine");
  pg_test::Db reader(c.reader_conninfo());
  EXPECT_EQ(reader.value("SELECT count(*) FROM " + s + ".a"), "7");
}

TEST(PostgisWriter, AFailureHalfWayLeavesThePreviousTables) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData a1 = points("a", 3), b1 = polygons("b");
  geo::write_postgis(c.pg(), s, all({&a1, &b1}), with_comment("first"));

  // The second layer holds a line where polygons belong: found while copying
  // its rows, after the first layer is staged.
  const LayerData a2 = points("a", 9);
  LayerData b2 = polygons("b");
  b2.shapes[1] = geo::Geometry::line_string({{44, 13}, {45, 14}});
  try {
    geo::write_postgis(c.pg(), s, all({&a2, &b2}), with_comment("second"));
    FAIL() << "no error";
  } catch (const geo::Error& e) {
    EXPECT_NE(std::string(e.what()).find("LineString in a polygon layer"), std::string::npos) << e.what();
    EXPECT_EQ(e.where().layer, s + ".b");
    EXPECT_EQ(e.where().record, 2);
  }
  pg_test::Db db(c.conninfo());
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".a"), "3");
  EXPECT_EQ(db.value("SELECT obj_description('" + s + ".a'::regclass, 'pg_class')"), "first");
  EXPECT_EQ(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = '" + s + "'"), "2");
}

TEST(PostgisWriter, ADependentViewStopsTheSwapWithAClearMessage) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData a = points("a", 3);
  geo::write_postgis(c.pg(), s, all({&a}));
  pg_test::Db db(c.conninfo());
  db.exec("CREATE VIEW " + s + ".a_labels AS SELECT label FROM " + s + ".a");
  const LayerData a2 = points("a", 4);
  try {
    geo::write_postgis(c.pg(), s, all({&a2}));
    FAIL() << "no error";
  } catch (const geo::Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("cannot replace table '" + s + ".a'"), std::string::npos) << m;
    EXPECT_NE(m.find("view " + s + ".a_labels depends on table " + s + ".a"), std::string::npos) << m;
    EXPECT_NE(m.find("nothing was changed"), std::string::npos) << m;
  }
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".a_labels"), "3");
}

TEST(PostgisWriter, ASecondWriterOfTheSchemaWaitsThenGivesUpNamingTheFirst) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData a1 = points("a", 2);
  geo::write_postgis(c.pg(), s, all({&a1}));

  // A reader holding table `a` stops writer 1 at its swap, with its
  // transaction (and the schema's lock) open.
  pg_test::Db reader(c.conninfo());
  reader.exec("BEGIN");
  reader.exec("LOCK TABLE " + s + ".a IN ACCESS SHARE MODE");
  const LayerData a2 = points("a", 5), a3 = points("a", 8);
  std::string first_error;
  std::thread first([&] {
    try {
      geo::write_postgis(c.pg(), s, all({&a2}), with_comment("first writer"));
    } catch (const std::exception& e) {
      first_error = e.what();
    }
  });
  pg_test::Db watcher(c.conninfo());
  const std::string first_pid = pg_test::poll(
      watcher,
      "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP TABLE \"" + s + "\"%'", 30);
  ASSERT_FALSE(first_pid.empty()) << "writer 1 never reached its swap";

  try {
    geo::write_postgis(c.pg(), s, all({&a3}), with_comment("second writer", 0.5));
    ADD_FAILURE() << "writer 2 did not wait for writer 1";
  } catch (const geo::Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("another writer is writing schema '" + s + "' (pid " + first_pid), std::string::npos) << m;
    EXPECT_NE(m.find("gave up after waiting 0.5 s"), std::string::npos) << m;
  }
  reader.exec("COMMIT");
  first.join();
  EXPECT_EQ(first_error, "");
  EXPECT_EQ(watcher.value("SELECT count(*) FROM " + s + ".a"), "5");
  EXPECT_EQ(watcher.value("SELECT obj_description('" + s + ".a'::regclass, 'pg_class')"), "first writer");
}

TEST(PostgisWriter, AReaderHoldingATableTooLongStopsTheSwapAndNothingChanges) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  const LayerData a1 = points("a", 2), b1 = points("b", 2);
  geo::write_postgis(c.pg(), s, all({&a1, &b1}), with_comment("first"));
  pg_test::Db reader(c.conninfo());
  reader.exec("BEGIN");
  reader.exec("SELECT count(*) FROM " + s + ".b");  // holds b until the transaction ends
  const LayerData a2 = points("a", 6), b2 = points("b", 6);
  try {
    geo::write_postgis(c.pg(), s, all({&a2, &b2}), with_comment("second", 0.3));
    FAIL() << "no error";
  } catch (const geo::Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("readers held table '" + s + ".b' for longer than 0.3 s (pid " + std::to_string(reader.pid())),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("nothing was changed"), std::string::npos) << m;
  }
  reader.exec("COMMIT");
  pg_test::Db db(c.conninfo());
  EXPECT_EQ(db.value("SELECT count(*) FROM " + s + ".a"), "2");  // swapped before b, rolled back with it
  EXPECT_EQ(db.value("SELECT obj_description('" + s + ".a'::regclass, 'pg_class')"), "first");
}

TEST(PostgisWriter, RefusesLayersPostgresCannotHold) {
  REQUIRE_POSTGIS_CLUSTER(c);
  const std::string s = pg_test::fresh_schema(c);
  LayerData clash = points("a", 1);
  clash.fields[0].name = "geom";
  EXPECT_THROW(geo::write_postgis(c.pg(), s, all({&clash})), geo::Error);
  const LayerData twin1 = points("same", 1), twin2 = points("same", 1);
  EXPECT_THROW(geo::write_postgis(c.pg(), s, all({&twin1, &twin2})), geo::Error);
  const LayerData long_name = points(std::string(64, 'x'), 1);
  EXPECT_THROW(geo::write_postgis(c.pg(), s, all({&long_name})), geo::Error);
  LayerData nul = points("a", 1);
  nul.rows[0][2] = std::string("a\0b", 3);
  EXPECT_THROW(geo::write_postgis(c.pg(), s, all({&nul})), geo::Error);
  // None of them got as far as creating anything.
  pg_test::Db db(c.conninfo());
  EXPECT_EQ(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = '" + s + "'"), "0");
}
