#include "geo/plain_csv.hpp"

#include <cpl_conv.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>
#include <utility>

#include "geo/huge_pages.hpp"
#include "geo/text_encoding.hpp"

namespace geo {
namespace {

// Calls add(cell) for each of one line's cells; false on anything GDAL might
// read otherwise, or when add() returns false.
template <class Add>
bool split_line(std::string_view line, Add&& add) {
  std::size_t i = 0;
  std::string quoted;
  for (;;) {
    if (i < line.size() && line[i] == '"') {  // wholly quoted
      quoted.clear();
      ++i;
      for (;;) {
        if (i >= line.size()) return false;  // the quote goes on past the line
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            quoted += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        quoted += line[i++];
      }
      if (i < line.size() && line[i] != ',') return false;  // text after the closing quote
      if (!add(std::string_view(quoted))) return false;
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view text = line.substr(i, end - i);
      if (text.find('"') != std::string_view::npos) return false;  // a stray quote
      if (!add(text)) return false;
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

// The next line of `rest` without its end, or nullopt when it is one the
// reader declines (blank, a lone CR, too long).
std::optional<std::string_view> next_line(std::string_view& rest, std::size_t max_line) {
  const std::size_t newline = rest.find('\n');
  std::string_view line = rest.substr(0, newline);
  rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (line.empty() || line.find('\r') != std::string_view::npos || (max_line > 0 && line.size() >= max_line))
    return std::nullopt;
  return line;
}

// The records of `part` (whole lines) as cells, or nullopt; read into the
// memory of `recycled` (the cells of an earlier part) when it has the width.
std::optional<Columns> read_records(std::string_view part, std::size_t width, std::size_t max_line, Columns recycled) {
  if (part.find('\0') != std::string_view::npos || !is_valid_utf8(part)) return std::nullopt;
  Columns cells = std::move(recycled);
  if (cells.width() == width)
    cells.clear();
  else
    cells = Columns(std::vector<FieldType>(width, FieldType::String));
  const std::size_t lines = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n')) + 1;
  cells.reserve(lines, part.size() / std::max<std::size_t>(1, lines * width));
  while (!part.empty()) {
    const auto line = next_line(part, max_line);
    std::size_t given = 0;
    const auto add = [&](std::string_view cell) {
      if (++given > width) return false;  // a ragged row
      cells.push_text(cell);
      return true;
    };
    if (!line || !split_line(*line, add) || given != width) return std::nullopt;
    cells.end_row();
  }
  return cells;
}

}  // namespace

bool read_plain_csv_parts(const std::string& path, unsigned threads, const AcceptHeader& accept, const TakePart& take,
                          std::size_t part_bytes, const PreparePart& prepare) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // At least kWaves waves, so that take() works through one wave while the
  // next is read, and later waves read into the memory of earlier ones; a
  // file of a single wave (a million rows in parts of 16 MiB) took 2x to
  // 3.5x as long.  Parts of 1 MiB at least, unless asked for smaller ones.
  constexpr std::size_t kWaves = 4;
  std::error_code size_unknown;
  const std::size_t file_bytes = std::filesystem::file_size(path, size_unknown);
  if (!size_unknown)
    part_bytes = std::min(part_bytes, std::max(file_bytes / (kWaves * threads), std::size_t{1} << 20));
  part_bytes = std::max<std::size_t>(part_bytes, 1);
  const std::size_t wave = threads * part_bytes;
  // A wave's whole lines fall short of `wave` by the line carried over, so
  // pieces of half a part still split a full wave over every thread.
  const std::size_t min_piece = std::min<std::size_t>(part_bytes / 2 + 1, std::size_t{4} << 20);
  const std::size_t max_line = std::strtoull(CPLGetConfigOption("OGR_CSV_MAX_LINE_SIZE", "10000000"), nullptr, 10);

  // The file is streamed through `buffer`: a wave of about `wave` bytes at a
  // time, of which the whole lines are read and the rest carried over (room
  // for a line of up to 1 MiB carried over, in huge pages).
  std::string buffer;
  reserve_fresh(buffer, std::min(wave + (std::size_t{1} << 20), file_bytes + 1));
  bool end_of_file = false;
  auto read_more = [&](std::size_t bytes) {
    const std::size_t had = buffer.size();
    buffer.resize(had + bytes);
    in.read(buffer.data() + had, static_cast<std::streamsize>(bytes));
    buffer.resize(had + static_cast<std::size_t>(in.gcount()));
    end_of_file = in.eof();
    return !in.bad();
  };
  // Whole lines in `buffer`, or all of it at the end of the file; a line
  // longer than a wave makes the buffer grow.
  auto fill = [&]() -> bool {
    if (!end_of_file && buffer.size() < wave && !read_more(wave - buffer.size())) return false;
    while (!end_of_file && buffer.find('\n') == std::string::npos)
      if (!read_more(wave)) return false;
    return true;
  };

  if (!fill() || buffer.empty()) return false;
  std::string_view rest(buffer);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  const std::string_view header_text = rest.substr(0, rest.find('\n'));
  if (header_text.find('\0') != std::string_view::npos || !is_valid_utf8(header_text)) return false;
  const auto header = next_line(rest, max_line);
  std::vector<std::string> names;
  const auto add_name = [&](std::string_view name) {
    names.emplace_back(name);
    return true;
  };
  if (!header || !split_line(*header, add_name) || !accept(names)) return false;
  buffer.erase(0, buffer.size() - rest.size());

  // One wave: its whole lines cut into pieces of at least min_piece, one
  // per thread, just after a line end (a line is the same line whichever
  // piece reads it, so the pieces decline exactly when the whole would),
  // each read on its own thread.
  struct Wave {
    std::size_t whole = 0;  // bytes of `buffer` it covers
    std::vector<std::string_view> pieces;
    std::vector<std::optional<Columns>> read;
    std::vector<std::exception_ptr> errors;
    std::vector<std::jthread> pool;  // joined on destruction too, so no path leaves one running
    void join() { pool.clear(); }
  };
  // The cells of taken parts, read into again: after the first waves a read
  // needs no fresh memory (a page fault per 4 KiB of it is slow on virtual
  // machines).
  std::vector<Columns> spares;
  std::size_t parts_started = 0;  // numbers the parts for prepare()
  auto start = [&](Wave& w) {
    w.whole = end_of_file ? buffer.size() : buffer.rfind('\n') + 1;
    std::string_view lines(buffer.data(), w.whole);
    const std::size_t count = std::clamp<std::size_t>(lines.size() / min_piece, 1, threads);
    for (std::size_t p = 0; p < count; ++p) {
      std::size_t end = p + 1 == count ? lines.size() : lines.size() / (count - p);
      if (end < lines.size()) end = std::min(lines.size(), lines.find('\n', end) + 1);  // npos + 1 == 0
      if (end == 0) end = lines.size();
      w.pieces.push_back(lines.substr(0, end));
      lines.remove_prefix(end);
    }
    w.read.resize(w.pieces.size());
    w.errors.resize(w.pieces.size());
    const std::size_t first_part = std::exchange(parts_started, parts_started + w.pieces.size());
    for (std::size_t p = 0; p < w.pieces.size(); ++p) {
      Columns recycled;
      if (!spares.empty()) {
        recycled = std::move(spares.back());
        spares.pop_back();
      }
      w.pool.emplace_back([&w, p, &names, max_line, &prepare, part = first_part + p, recycled = std::move(recycled)]() mutable {
        try {
          w.read[p] = read_records(w.pieces[p], names.size(), max_line, std::move(recycled));
          if (w.read[p] && prepare) prepare(*w.read[p], part);
        } catch (...) {  // std::bad_alloc, prepare()'s: rethrown by the caller, not std::terminate
          w.errors[p] = std::current_exception();
        }
      });
    }
  };

  // Wave k+1 is read while take() works through wave k on this thread.
  if (!fill()) return false;
  Wave current;
  start(current);
  current.join();
  for (;;) {
    buffer.erase(0, current.whole);  // the parts hold their own copies
    const bool more = !(end_of_file && buffer.empty());
    Wave next;
    if (more) {
      if (!fill()) return false;
      start(next);
    }
    try {
      for (const auto& e : current.errors)
        if (e) std::rethrow_exception(e);
      for (const auto& part : current.read)
        if (!part) {
          next.join();
          return false;
        }
      for (std::size_t p = 0; p < current.read.size(); ++p) {
        take(*current.read[p], current.pieces[p].size());
        spares.push_back(std::move(*current.read[p]));
      }
    } catch (...) {
      next.join();  // its threads read `buffer`
      throw;
    }
    next.join();
    if (!more) return true;
    current = std::move(next);
  }
}

std::optional<PlainCsv> read_plain_csv(const std::string& path, unsigned threads, std::size_t part_bytes) {
  PlainCsv out;
  std::vector<bool> all_fields;
  const auto accept = [&](const std::vector<std::string>& header) {
    out.header = header;
    all_fields.assign(header.size(), true);
    out.cells = Columns(std::vector<FieldType>(header.size(), FieldType::String));
    return true;
  };
  if (!read_plain_csv_parts(path, threads, accept, [&](Columns& part, std::size_t) { out.cells.append_rows(part, all_fields); }, part_bytes))
    return std::nullopt;
  out.cells.shrink_to_fit();  // the cells stay for the whole run; their reserve was a guess
  return out;
}

}  // namespace geo
