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
// Thread-safety: a pure function of the file.

#include <optional>
#include <string>
#include <vector>

namespace geo {

struct PlainCsv {
  std::vector<std::string> header;
  std::vector<std::string> cells;  // record after record, header.size() cells each
  std::size_t records() const { return header.empty() ? 0 : cells.size() / header.size(); }
};

std::optional<PlainCsv> read_plain_csv(const std::string& path);

}  // namespace geo
