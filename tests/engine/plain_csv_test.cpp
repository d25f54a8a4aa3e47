// The plain-CSV fast path (geo/plain_csv.hpp) against GDAL's CSV driver:
// every file is loaded twice, with and without the fast path, and the two
// layers (fields, cells, points, rejections, record numbers, notes, warnings)
// or the two errors must be the same.  The files: every CSV of the bad-input
// corpus and generated ones with quotes, commas and quotes inside quotes,
// CRLF, a byte-order mark, Arabic text, empty cells, HXL tag rows, bad
// coordinates, blank lines, ragged rows, other separators, quoted line breaks
// and invalid UTF-8.
// The fast path must take the plain ones and decline the rest.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <mutex>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "engine/point_layer.hpp"
#include "geo/plain_csv.hpp"
#include "same_layer.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

// Loads `path` both ways and compares; returns whether the fast path read it.
bool expect_same(const fs::path& path) {
  const auto fast = testing_support::expect_same_loads(path.string(), {.fast_csv = true}, {.fast_csv = false});
  return fast.layer && fast.layer->read_without_gdal;
}

TEST(PlainCsv, TheCorpusReadsAsGdalReadsIt) {
  int files = 0, fast = 0;
  for (const auto& entry : fs::directory_iterator(testing_support::source_path("tests/bad_inputs/corpus/csv"))) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    fast += expect_same(entry.path());
  }
  EXPECT_GE(files, 15);
  EXPECT_GE(fast, 5) << "the corpus's plain files take the fast path";
  std::cout << fast << " of " << files << " corpus files read without GDAL\n";
  EXPECT_LT(fast, files) << "and its malformed ones do not";
}

// Cells the generator draws from: plain, quoted, with commas, quotes, spaces,
// Arabic, HXL-looking and empty; and cells GDAL may read otherwise.
const char* const kPlainCells[] = {"Taiz", "\"Al Mukalla\"", "\"a, b\"", "\"say \"\"no\"\"\"", " padded ", "تعز",
                                   "\"عدن، المنصورة\"", "", "#geo+lat", "12.5e1", "\"\""};
const char* const kOddCells[] = {"x\"y", "a\"\"b", "\"q\" tail", " \"lead\""};

// A file of 1..40 rows; half of them get one defect the fast path must decline.
std::string random_csv(std::mt19937& rng, bool& plain_expected) {
  std::uniform_int_distribution<int> plain_cell(0, static_cast<int>(std::size(kPlainCells)) - 1), percent(0, 99);
  std::uniform_real_distribution<double> lon(42.0, 54.0), lat(12.0, 19.0);
  const bool crlf = percent(rng) < 30, bom = percent(rng) < 20, hxl = percent(rng) < 15;
  const std::string eol = crlf ? "\r\n" : "\n";
  const int rows = 1 + percent(rng) % 40;
  const int defect = percent(rng) < 50 ? percent(rng) % 7 : -1, defect_row = percent(rng) % rows;
  plain_expected = defect < 0;
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += "id,name,lon,lat" + eol;
  if (hxl) out += "#id,#org+name,#geo+lon,#geo+lat" + eol;
  for (int r = 0; r < rows; ++r) {
    std::string name = kPlainCells[plain_cell(rng)];
    if (r == defect_row && defect == 0) name = kOddCells[percent(rng) % std::size(kOddCells)];
    // Some records are rejected, after a tag row too, as the GDAL path rejects them.
    const char* const bad_latitudes[] = {"", "n/a", "95.0", "1e400"};
    const std::string latitude = percent(rng) < 10 ? bad_latitudes[percent(rng) % 4] : std::to_string(lat(rng));
    std::string line = std::to_string(r) + "," + name + "," + std::to_string(lon(rng)) + "," + latitude;
    if (r == defect_row) {
      if (defect == 1) line += ",extra";                         // a ragged row
      if (defect == 2) line = std::to_string(r) + "," + name;    // a short row
      if (defect == 3) line += eol;                              // a blank line after it
      if (defect == 4) line += ",\"two" + eol + "lines\"";        // a quoted line break
      if (defect == 5) line += "\xC3";                           // invalid UTF-8
      if (defect == 6) std::replace(line.begin(), line.end(), ',', ';');
    }
    out += line + eol;
  }
  if (defect == 6) std::replace(out.begin(), out.end(), ',', ';');  // another separator
  return out;
}

TEST(PlainCsv, GeneratedFilesReadAsGdalReadsThem) {
  std::mt19937 rng(7);
  const fs::path dir = testing_support::scratch_dir();
  int fast = 0, plain = 0;
  for (int trial = 0; trial < 300; ++trial) {
    bool plain_expected = false;
    const fs::path path = dir / ("t" + std::to_string(trial) + ".csv");
    testing_support::write_text(path, random_csv(rng, plain_expected));
    const bool read_fast = expect_same(path);
    if (!plain_expected) {
      EXPECT_FALSE(read_fast) << path.filename() << " is not plain";
    }
    fast += read_fast;
    plain += plain_expected;
  }
  EXPECT_GE(plain, 100);
  EXPECT_EQ(fast, plain) << "every plain file takes the fast path";
}

TEST(PlainCsv, DeclinesWhatGdalMightReadOtherwise) {
  const fs::path dir = testing_support::scratch_dir();
  auto declined = [&](const std::string& text) {
    testing_support::write_text(dir / "d.csv", text);
    return !geo::read_plain_csv((dir / "d.csv").string()).has_value();
  };
  EXPECT_FALSE(declined("a,b\n1,2\n"));
  EXPECT_FALSE(declined("a,b\r\n\"1,5\",\"say \"\"x\"\"\"\r\n"));
  EXPECT_TRUE(declined("a,b\n1,2\n\n"));       // a blank line
  EXPECT_TRUE(declined("a,b\n1,2,3\n"));       // a ragged row
  EXPECT_TRUE(declined("a,b\n\"1\n2\",3\n"));  // a quoted line break
  EXPECT_TRUE(declined("a,b\n1\"x,2\n"));      // a stray quote
  EXPECT_TRUE(declined("a,b\n\"1\"x,2\n"));    // text after a closing quote
  EXPECT_TRUE(declined("a,b\n1,\xFF\n"));      // not UTF-8
  EXPECT_TRUE(declined("a,b\r1,2\r"));         // CR alone
  EXPECT_TRUE(declined(""));
  testing_support::write_text(dir / "e.csv", "\xEF\xBB\xBFid,x\n1,\"a,b\"\n2,\n");
  const auto e = geo::read_plain_csv((dir / "e.csv").string());
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->header, (std::vector<std::string>{"id", "x"}));
  ASSERT_EQ(e->records(), 2u);
  EXPECT_EQ(e->cells.string_view(0, 0), "1");
  EXPECT_EQ(e->cells.string_view(0, 1), "a,b");
  EXPECT_EQ(e->cells.string_view(1, 0), "2");
  EXPECT_EQ(e->cells.string_view(1, 1), "");
}

// A file of many parts, each located on the thread that read it: an HXL tag
// row, records rejected and noted all through it, the same layer as GDAL's;
// and a defect near the end, found after many parts were taken, goes back to
// GDAL with nothing left over.
TEST(PlainCsv, LocatedPartByPartAsGdalLocatesIt) {
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> percent(0, 99);
  std::string text = "id,lat,lon,geo_precision\n#id,#geo+lat,#geo+lon,#meta+precision\n";
  for (int r = 0; text.size() < (3u << 20); ++r) {
    const char* const bad[] = {"", "n/a", "95.5", "1e400"};
    const std::string lat = percent(rng) < 3 ? bad[percent(rng) % 4] : std::to_string(12.0 + percent(rng) / 10.0);
    text += std::to_string(r) + "," + lat + "," + std::to_string(43.0 + percent(rng) / 10.0) + "," +
            std::to_string(1 + percent(rng) % 3) + "\n";
  }
  testing_support::write_text(dir / "parts.csv", text);
  for (const std::size_t part : {std::size_t{100000}, std::size_t{1} << 20}) {
    const auto fast = testing_support::expect_same_loads((dir / "parts.csv").string(), {.csv_part_bytes = part}, {.fast_csv = false});
    ASSERT_TRUE(fast.layer);
    EXPECT_TRUE(fast.layer->read_without_gdal) << "parts of " << part;
    EXPECT_TRUE(fast.layer->hxl_tags);
    std::size_t rejected = 0, noted = 0;
    for (std::size_t r = 0; r < fast.layer->size(); ++r) {
      rejected += !fast.layer->rejection[r].empty();
      noted += !fast.layer->notes[r].empty();
    }
    EXPECT_GT(rejected, 500u);  // both kinds all through the file
    EXPECT_GT(noted, 20000u);
  }
  testing_support::write_text(dir / "late_defect.csv", text + "1,2\n");
  const auto declined =
      testing_support::expect_same_loads((dir / "late_defect.csv").string(), {.csv_part_bytes = 100000}, {.fast_csv = false});
  ASSERT_TRUE(declined.layer);
  EXPECT_FALSE(declined.layer->read_without_gdal);
}

// A large file is read in parts on several threads: the cells must be the
// ones one thread reads, and a defect in any part must decline the whole.
TEST(PlainCsv, PartsReadOnSeveralThreadsGiveTheCellsOfOneThread) {
  const fs::path dir = testing_support::scratch_dir();
  std::mt19937_64 rng(11);
  std::string text = "id,lon,lat,note\n";
  const char* const notes[] = {"", "\"a, b\"", "\"say \"\"hi\"\"\"", "\u0633\u0648\u0642", "plain text"};
  for (int r = 0; text.size() < (13u << 20); ++r)
    text += std::to_string(r + 1) + "," + std::to_string(43.0 + double(rng() % 100000) / 1e5) + "," +
            std::to_string(13.0 + double(rng() % 100000) / 1e5) + "," + notes[rng() % 5] + (r % 7 == 0 ? "\r\n" : "\n");
  testing_support::write_text(dir / "big.csv", text);
  const auto one = geo::read_plain_csv((dir / "big.csv").string(), 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->cells.string_view(0, 0), "1");
  EXPECT_EQ(one->cells.string_view(one->records() - 1, 0), std::to_string(one->records()));
  for (unsigned threads : {2u, 3u}) {
    const auto many = geo::read_plain_csv((dir / "big.csv").string(), threads);
    ASSERT_TRUE(many.has_value()) << threads;
    EXPECT_EQ(many->header, one->header);
    EXPECT_TRUE(many->cells == one->cells) << threads << " threads";
  }
  // Streamed in waves of small parts: the same cells.
  for (unsigned threads : {1u, 2u})
    for (std::size_t part : {std::size_t{100000}, std::size_t{(1u << 20) + 7}}) {
      const auto waves = geo::read_plain_csv((dir / "big.csv").string(), threads, part);
      ASSERT_TRUE(waves.has_value()) << threads << " threads, parts of " << part;
      EXPECT_TRUE(waves->cells == one->cells) << threads << " threads, parts of " << part;
    }
  // Handed over part by part, in order; a take() that throws while the next
  // wave is being read stops the read with its exception.
  std::size_t rows = 0, parts = 0;
  const auto accept = [](const std::vector<std::string>&) { return true; };
  EXPECT_TRUE(geo::read_plain_csv_parts((dir / "big.csv").string(), 2, accept, [&](geo::Columns& part, std::size_t bytes) {
    EXPECT_GT(bytes, 0u);
    rows += part.size();
    ++parts;
  }, 100000));
  EXPECT_EQ(rows, one->records());
  EXPECT_GT(parts, 60u);  // 13 MiB in waves of 200,000 bytes
  EXPECT_THROW(geo::read_plain_csv_parts((dir / "big.csv").string(), 2, accept, [&](geo::Columns&, std::size_t) {
    if (--parts == 50) throw std::runtime_error("stop");
  }, 100000), std::runtime_error);
  // With the default part size (16 MiB), a file of fewer than four waves of
  // it is cut into smaller parts so that it still streams in four waves,
  // one part per thread in each full wave.
  std::vector<std::size_t> part_bytes;
  EXPECT_TRUE(geo::read_plain_csv_parts((dir / "big.csv").string(), 2, accept, [&](geo::Columns& part, std::size_t bytes) {
    if (part.size() > 0) part_bytes.push_back(bytes);
  }));
  EXPECT_GE(part_bytes.size(), 7u);
  for (const std::size_t bytes : part_bytes) EXPECT_LE(bytes, text.size() / 8 + 1000);
  // prepare() sees each part on its reading thread, numbered in the order
  // take() then gets it; one that throws stops the read.
  {
    std::mutex mutex;
    std::map<std::size_t, std::string> prepared;  // part number -> its rows and first id
    const auto describe = [](const geo::Columns& part) {
      return std::to_string(part.size()) + ":" + std::string(part.size() ? part.string_view(0, 0) : "");
    };
    std::size_t taken = 0;
    EXPECT_TRUE(geo::read_plain_csv_parts((dir / "big.csv").string(), 2, accept, [&](geo::Columns& part, std::size_t) {
      const std::lock_guard lock(mutex);
      ASSERT_EQ(prepared.count(taken), 1u) << "part " << taken << " was not prepared before it was taken";
      EXPECT_EQ(prepared[taken], describe(part)) << "part " << taken;
      ++taken;
    }, 100000, [&](const geo::Columns& part, std::size_t number) {
      const std::lock_guard lock(mutex);
      EXPECT_TRUE(prepared.emplace(number, describe(part)).second) << "part " << number << " prepared twice";
    }));
    EXPECT_EQ(taken, prepared.size());
    EXPECT_GT(taken, 60u);
    EXPECT_THROW(geo::read_plain_csv_parts((dir / "big.csv").string(), 2, accept, [](geo::Columns&, std::size_t) {}, 100000,
                                           [](const geo::Columns&, std::size_t number) {
                                             if (number == 30) throw std::runtime_error("stop");
                                           }), std::runtime_error);
  }
  // Parts smaller than a line: a wave grows to hold a whole line.
  const std::string head = text.substr(0, text.find('\n', 20000) + 1);
  testing_support::write_text(dir / "head.csv", head);
  const auto whole = geo::read_plain_csv((dir / "head.csv").string(), 1);
  ASSERT_TRUE(whole.has_value());
  for (unsigned threads : {1u, 2u}) {
    const auto tiny = geo::read_plain_csv((dir / "head.csv").string(), threads, 16);
    ASSERT_TRUE(tiny.has_value()) << threads;
    EXPECT_TRUE(tiny->cells == whole->cells) << threads << " threads";
  }
  // One defect near the end, in the last part whatever the number of parts,
  // and one in the middle.
  testing_support::write_text(dir / "bad.csv", text + "x,1,2\n\n");
  for (unsigned threads : {1u, 2u, 3u}) EXPECT_FALSE(geo::read_plain_csv((dir / "bad.csv").string(), threads)) << threads;
  testing_support::write_text(dir / "middle.csv", text.substr(0, text.find('\n', text.size() / 2) + 1) + "1,2\n" +
                                                      text.substr(text.find('\n', text.size() / 2) + 1));
  for (unsigned threads : {1u, 2u})
    for (std::size_t part : {std::size_t{100000}, geo::kPlainCsvPartBytes})
      EXPECT_FALSE(geo::read_plain_csv((dir / "middle.csv").string(), threads, part)) << threads << " threads, " << part;
}

}  // namespace
