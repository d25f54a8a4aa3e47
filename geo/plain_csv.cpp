#include "geo/plain_csv.hpp"

#include <cpl_conv.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string_view>
#include <thread>

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

// The records of `part` (whole lines) as cells, or nullopt.
std::optional<Columns> read_records(std::string_view part, std::size_t width, std::size_t max_line) {
  if (part.find('\0') != std::string_view::npos || !is_valid_utf8(part)) return std::nullopt;
  Columns cells(std::vector<FieldType>(width, FieldType::String));
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

std::optional<PlainCsv> read_plain_csv(const std::string& path, unsigned threads) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size <= 0) return std::nullopt;
  text.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(text.data(), size)) return std::nullopt;
  std::string_view rest(text);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  const std::size_t max_line = std::strtoull(CPLGetConfigOption("OGR_CSV_MAX_LINE_SIZE", "10000000"), nullptr, 10);

  PlainCsv out;
  const std::size_t header_end = rest.find('\n');
  const std::string_view header_text = rest.substr(0, header_end);
  if (header_text.find('\0') != std::string_view::npos || !is_valid_utf8(header_text)) return std::nullopt;
  const auto header = next_line(rest, max_line);
  const auto add_name = [&](std::string_view name) {
    out.header.emplace_back(name);
    return true;
  };
  if (!header || !split_line(*header, add_name)) return std::nullopt;

  // Parts of at least 4 MiB, cut just after a line end: a line is the same
  // line whichever part reads it, so the parts decline exactly when the
  // whole would.
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t parts = std::clamp<std::size_t>(rest.size() >> 22, 1, threads);
  std::vector<std::string_view> pieces;
  for (std::size_t p = 0; p < parts; ++p) {
    std::size_t end = p + 1 == parts ? rest.size() : rest.size() / (parts - p);
    if (end < rest.size()) end = std::min(rest.size(), rest.find('\n', end) + 1);  // npos + 1 == 0
    if (end == 0) end = rest.size();
    pieces.push_back(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  std::vector<std::optional<Columns>> read(pieces.size());
  std::vector<std::exception_ptr> errors(pieces.size());
  auto read_piece = [&](std::size_t p) {
    try {
      read[p] = read_records(pieces[p], out.header.size(), max_line);
    } catch (...) {  // std::bad_alloc: rethrown below, not std::terminate
      errors[p] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t p = 1; p < pieces.size(); ++p) pool.emplace_back(read_piece, p);
  read_piece(0);
  for (std::thread& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  for (auto& part : read) {
    if (!part) return std::nullopt;
    out.cells.append(std::move(*part));
  }
  out.cells.shrink_to_fit();  // the cells stay for the whole run; their reserve was a guess
  return out;
}

}  // namespace geo
