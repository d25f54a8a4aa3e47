#pragma once
// A check GDAL's CSV reader does not make: it joins lines while a line's
// double quotes are unbalanced, so a quote that is never closed silently
// turns the rest of the file into one value of one record.

#include <cstddef>
#include <cstdint>
#include <string>

namespace geo {

// The 1-based line on which a double quote opens a value that the file
// never closes, or 0 when every quote is closed (quotes counted the way
// GDAL counts them: each '"' toggles, so an escaped "" changes nothing).
// Throws geo::Error when the file cannot be read.  `buffer_bytes`: how much
// is read at a time (tests make it small to cross reads).
std::int64_t unclosed_quote_line(const std::string& path, std::size_t buffer_bytes = std::size_t{1} << 20);

}  // namespace geo
