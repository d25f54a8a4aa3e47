#include "geo/plain_csv.hpp"

#include <cpl_conv.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "geo/text_encoding.hpp"

namespace geo {
namespace {

// Appends one line's cells to `out`; false on anything GDAL might read otherwise.
bool split_line(std::string_view line, std::vector<std::string>& out) {
  std::size_t i = 0;
  for (;;) {
    if (i < line.size() && line[i] == '"') {  // wholly quoted
      std::string cell;
      ++i;
      for (;;) {
        if (i >= line.size()) return false;  // the quote goes on past the line
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += line[i++];
      }
      if (i < line.size() && line[i] != ',') return false;  // text after the closing quote
      out.push_back(std::move(cell));
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view text = line.substr(i, end - i);
      if (text.find('"') != std::string_view::npos) return false;  // a stray quote
      out.emplace_back(text);
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace

std::optional<PlainCsv> read_plain_csv(const std::string& path) {
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
  if (rest.find('\0') != std::string_view::npos || !is_valid_utf8(rest)) return std::nullopt;
  const std::size_t max_line = std::strtoull(CPLGetConfigOption("OGR_CSV_MAX_LINE_SIZE", "10000000"), nullptr, 10);

  // The next line without its end, or nullopt when it is one the reader declines.
  auto next_line = [&]() -> std::optional<std::string_view> {
    const std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line.find('\r') != std::string_view::npos || (max_line > 0 && line.size() >= max_line))
      return std::nullopt;
    return line;
  };

  PlainCsv out;
  const auto header = next_line();
  if (!header || !split_line(*header, out.header)) return std::nullopt;
  const std::size_t width = out.header.size();
  out.cells.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n') + 1) * width);
  while (!rest.empty()) {
    const auto line = next_line();
    const std::size_t before = out.cells.size();
    if (!line || !split_line(*line, out.cells) || out.cells.size() - before != width) return std::nullopt;
  }
  return out;
}

}  // namespace geo
