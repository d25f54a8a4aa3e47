#pragma once
// Reading a plain CSV file in memory, without GDAL: the fast path for large
// tables of points (a million rows in a fraction of the time GDAL's CSV
// driver takes feature by feature).
//
// Plain means: comma-separated UTF-8 (a byte-order mark is skipped), one line
// per record (LF or CRLF), no blank line, every record as wide as the header,
// each cell either without any double quote or wholly quoted ("" for a quote
// inside), no line longer than GDAL's OGR_CSV_MAX_LINE_SIZE.  On anything
// else the reader declines (nullopt) and the caller reads the file with
// VectorReader, so no file is ever read differently: the cells are the text
// GDAL's CSV driver gives for them (checked by a differential test over the
// bad-input corpus and generated files).  The caller also compares the header
// with the field names GDAL reads, which catches another separator.
//
// Large files are split at line ends and the parts read on all cores; the
// cells come out in file order whatever the number of threads.
//
// Thread-safety: a pure function of the file.

#include <optional>
#include <string>
#include <vector>

#include "geo/columns.hpp"

namespace geo {

struct PlainCsv {
  std::vector<std::string> header;
  Columns cells;  // one String column per header cell, one row per record
  std::size_t records() const { return cells.size(); }
};

// `threads` 0: as many as the machine has.
std::optional<PlainCsv> read_plain_csv(const std::string& path, unsigned threads = 0);

}  // namespace geo
