#pragma once
// geo-internal: collects GDAL (CPL) error messages raised during a scope so
// they can be put into a geo::Error instead of being printed to stderr.

#include <string>
#include <string_view>
#include <vector>

namespace geo::detail {

class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  // The last failure message ("" if none), and all warnings seen, each made
  // one line by one_line().
  const std::string& last_error() const { return last_error_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  static void handler(int error_class, int number, const char* message);
  std::string last_error_;
  std::vector<std::string> warnings_;
};

// A driver message as one readable line.  libpq (through GDAL's PG driver)
// answers "PQconnectdb failed.\nconnection to server ... failed: FATAL:  password
// authentication failed ...\n"; a geo::Error is one line plus a hint, so the
// lines are trimmed, empty ones dropped, a line's closing full stop dropped,
// and the rest joined with "; "; runs of spaces and tabs become one space.
std::string one_line(std::string_view message);

}  // namespace geo::detail
