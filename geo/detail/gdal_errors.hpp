#pragma once
// geo-internal: collects GDAL (CPL) error messages raised during a scope so
// they can be put into a geo::Error instead of being printed to stderr.

#include <string>
#include <vector>

namespace geo::detail {

class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  // The last failure message ("" if none), and all warnings seen.
  const std::string& last_error() const { return last_error_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  static void handler(int error_class, int number, const char* message);
  std::string last_error_;
  std::vector<std::string> warnings_;
};

}  // namespace geo::detail
