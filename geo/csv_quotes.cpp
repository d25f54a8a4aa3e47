#include "geo/csv_quotes.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "geo/error.hpp"

namespace geo {
namespace {

struct CloseFile {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, CloseFile>;

File open(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw Error("cannot read the file", {.file = path});
  return f;
}

// The 1-based line of the byte at `offset`: one more than the line ends
// before it.
std::int64_t line_of(const std::string& path, std::int64_t offset, std::vector<char>& buffer) {
  File f = open(path);
  std::int64_t line = 1, at = 0;
  while (at < offset) {
    const auto want = static_cast<std::size_t>(std::min<std::int64_t>(offset - at, static_cast<std::int64_t>(buffer.size())));
    const std::size_t n = std::fread(buffer.data(), 1, want, f.get());
    if (n == 0) break;
    line += std::count(buffer.data(), buffer.data() + n, '\n');
    at += static_cast<std::int64_t>(n);
  }
  return line;
}

}  // namespace

// Only the quotes matter, so the scan jumps from one to the next with memchr
// (files may be gigabytes) and keeps the byte offset of the last opening
// quote; its line is counted only when it is left open.
std::int64_t unclosed_quote_line(const std::string& path, std::size_t buffer_bytes) {
  File f = open(path);
  std::vector<char> buffer(std::max<std::size_t>(buffer_bytes, 1));
  bool quoted = false;
  bool closed = false;            // the last quote closed a value
  std::int64_t last = -2;         // offset of the last quote
  std::int64_t opened_at = -1;    // offset of the quote that opened the current value
  std::int64_t base = 0;          // file offset of buffer[0]
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), f.get())) {
    const char* const begin = buffer.data();
    const char* const end = begin + n;
    for (const char* q = begin; (q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)))); ++q) {
      const std::int64_t at = base + (q - begin);
      // "" right after a closing quote is an escaped quote: the value goes
      // on, and it was opened earlier.
      const bool escaped = closed && at == last + 1;
      quoted = !quoted;
      if (quoted && !escaped) opened_at = at;
      closed = !quoted;
      last = at;
    }
    base += static_cast<std::int64_t>(n);
  }
  if (std::ferror(f.get())) throw Error("cannot read the file", {.file = path});
  return quoted ? line_of(path, opened_at, buffer) : 0;
}

}  // namespace geo
