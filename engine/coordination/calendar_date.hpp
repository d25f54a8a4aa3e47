#pragma once
// Calendar dates of links (start, end) and of reviews, as whole days since
// 1970-01-01 so they compare and sort as integers.
//
// Accepted spellings: ISO 8601 "2024-03-31", and "2024/03/31" (how GDAL
// renders date fields of GeoPackage and spreadsheet sources).  A time of day
// after the date ("2024-03-31T10:00", "2024/03/31 10:00:00") is ignored.
// Anything else, and impossible dates such as 2023-02-29, do not parse.

#include <optional>
#include <string>
#include <string_view>

namespace engine::coordination {

using Day = int;  // days since 1970-01-01

std::optional<Day> parse_date(std::string_view text);
// "2024-03-31".
std::string format_date(Day day);

}  // namespace engine::coordination
