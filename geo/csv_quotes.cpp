#include "geo/csv_quotes.hpp"

#include <fstream>
#include <vector>

#include "geo/error.hpp"

namespace geo {

std::int64_t unclosed_quote_line(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read the file", {.file = path});
  std::vector<char> buffer(1 << 20);
  bool quoted = false, just_closed = false;  // just_closed: the previous byte closed a value
  std::int64_t line = 1, opened_on = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      const char c = buffer[static_cast<std::size_t>(i)];
      if (c == '"') {
        quoted = !quoted;
        // "" inside a value is an escaped quote, not a new opening.
        if (quoted && !just_closed) opened_on = line;
        just_closed = !quoted;
        continue;
      }
      just_closed = false;
      if (c == '\n') ++line;
    }
  }
  return quoted ? opened_on : 0;
}

}  // namespace geo
