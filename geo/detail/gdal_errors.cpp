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
    self->last_error_ = message;
  else if (error_class == CE_Warning && self->warnings_.size() < 100)
    self->warnings_.emplace_back(message);
}

}  // namespace geo::detail
