#pragma once
// geo-internal: the calling thread's GEOS context and GEOS error capture.

#include <geos_c.h>

#include <string>

#include "geo/geometry.hpp"

namespace geo::detail {

// The GEOS context of the calling thread, created on first use and destroyed
// at thread exit.
GEOSContextHandle_t geos();

// GEOS's last error message on this thread ("" if none), cleared by the call.
std::string take_geos_error();

// Throws geo::Error("GEOS <what> failed: <message>").
[[noreturn]] void throw_geos(const std::string& what);

}  // namespace geo::detail

namespace geo {

// Bridge to the raw handle for code inside geo/ only.
struct GeometryAccess {
  static GEOSGeometry* raw(const Geometry& g) { return g.raw_; }
  static Geometry adopt(GEOSGeometry* raw) { return Geometry(raw); }
  static GEOSGeometry* release(Geometry& g) {
    GEOSGeometry* raw = g.raw_;
    g.raw_ = nullptr;
    return raw;
  }
};

}  // namespace geo
