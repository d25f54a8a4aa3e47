#include "geo/detail/gdal_errors.hpp"

#include <cpl_error.h>

namespace geo::detail {

GdalErrorCapture::GdalErrorCapture() {
  CPLPushErrorHandlerEx(
      [](CPLErr error_class, CPLErrorNum number, const char* message) {
        handler(static_cast<int>(error_class), static_cast<int>(number), message);
      },
      this);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void GdalErrorCapture::handler(int error_class, int, const char* message) {
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  if (self == nullptr || message == nullptr) return;
  if (error_class >= CE_Failure)
    self->last_error_ = one_line(message);
  else if (error_class == CE_Warning && self->warnings_.size() < 100)
    self->warnings_.push_back(one_line(message));
}

std::string one_line(std::string_view message) {
  std::string out;
  std::size_t start = 0;
  while (start <= message.size()) {
    std::size_t end = message.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = message.size();
    std::string line;
    for (char c : message.substr(start, end - start)) {
      const bool blank = c == ' ' || c == '\t';
      if (blank && (line.empty() || line.back() == ' ')) continue;
      line += blank ? ' ' : c;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) {
      if (!out.empty()) {
        if (out.back() == '.') out.pop_back();
        out += "; ";
      }
      out += line;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace geo::detail
