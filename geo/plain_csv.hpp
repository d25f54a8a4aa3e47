#pragma once
// Reading a plain CSV file without GDAL, streamed: the fast path for large
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
// The file is streamed in waves of `threads` parts of about `part_bytes`,
// cut at line ends; the parts of a wave are read on all cores, and the cells
// come out in file order whatever the number of threads or the part size.
// So memory holds one wave of the file, not all of it.
//
// Thread-safety: a pure function of the file.

#include <functional>
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

constexpr std::size_t kPlainCsvPartBytes = std::size_t{16} << 20;

// The whole file's cells; `threads` 0: as many as the machine has.
std::optional<PlainCsv> read_plain_csv(const std::string& path, unsigned threads = 0,
                                       std::size_t part_bytes = kPlainCsvPartBytes);

// The same read, handing the records over in parts instead of holding them
// all: accept(header) first (false declines at once), then take(cells,
// bytes) for consecutive runs of records, in file order, on the calling
// thread, with the bytes of the file they were read from (the first run may
// have no row).  take() copies what it needs or moves the cells away; the
// memory it leaves in them is read into again for a later part.  false when
// the file is not plain, in which case take() may already have seen some
// parts: the caller drops what it made of them.
//
// prepare(cells, part), when given, runs on the thread that read the part,
// before take() gets it: work on the cells that need not wait for the
// calling thread (parsing numbers, say).  It runs for several parts at once,
// so it must be thread-safe; `part` numbers the parts in the order take()
// receives them, from 0.  A prepare() that throws stops the read with its
// exception, as take() does.
using AcceptHeader = std::function<bool(const std::vector<std::string>& header)>;
using TakePart = std::function<void(Columns& cells, std::size_t bytes)>;
using PreparePart = std::function<void(const Columns& cells, std::size_t part)>;
bool read_plain_csv_parts(const std::string& path, unsigned threads, const AcceptHeader& accept, const TakePart& take,
                          std::size_t part_bytes = kPlainCsvPartBytes, const PreparePart& prepare = {});

}  // namespace geo
