#pragma once
// The error type of the geo layer: what went wrong, where (file, layer,
// record, field) and how to fix it.  what() is the full one- or two-line
// message a user sees.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace geo {

struct Where {
  std::string file;
  std::string layer;
  std::int64_t record = -1;  // 1-based record number as a user counts rows, -1 = none
  std::string field;

  // "file.csv, layer 'x', record 12, field 'lat'" (empty parts left out).
  std::string describe() const;
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& problem, Where where = {}, std::string hint = {});

  const std::string& problem() const { return problem_; }
  const Where& where() const { return where_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string problem_;
  Where where_;
  std::string hint_;
};

}  // namespace geo
