#pragma once
// Owning handles for the Cairo and Pango objects the PNG map uses, so no
// drawing resource leaks when an exception leaves a function.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace engine::report {

struct SurfaceRelease {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextRelease {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutRelease {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontRelease {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

using CairoSurface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using CairoContext = std::unique_ptr<cairo_t, ContextRelease>;
using PangoLayoutHandle = std::unique_ptr<PangoLayout, LayoutRelease>;
using PangoFont = std::unique_ptr<PangoFontDescription, FontRelease>;

}  // namespace engine::report
