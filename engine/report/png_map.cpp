#include "engine/report/png_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/error.hpp"
#include "engine/report/cairo_handles.hpp"
#include "engine/report/report_labels.hpp"
#include "geo/atomic_file.hpp"
#include "geo/geodesic.hpp"
#include "geo/web_mercator.hpp"

namespace engine::report {
namespace {

// Layout in pixels for the default 1800-pixel width; scaled with the width.
constexpr double kMargin = 40, kTitleHeight = 120, kFooterHeight = 90, kLegendWidth = 380, kGap = 24;
constexpr const char* kFont = "DejaVu Sans";

struct Rgb {
  double r, g, b;
};

Rgb parse_colour(const std::string& hex) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex.c_str(), "#%02x%02x%02x", &r, &g, &b);
  return {r / 255.0, g / 255.0, b / 255.0};
}

void set_colour(cairo_t* cr, const std::string& hex) {
  const Rgb c = parse_colour(hex);
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

class Painter {
 public:
  Painter(cairo_t* cr, double unit, bool rtl) : cr_(cr), unit_(unit), rtl_(rtl) {}

  // Draws text in a box `width` wide at (x, y) (top-left); returns its height.
  double text(const std::string& content, double x, double y, double width, double size, bool bold = false,
              const std::string& colour = "#222222") {
    PangoLayoutHandle layout(pango_cairo_create_layout(cr_));
    PangoFont font(pango_font_description_from_string(kFont));
    pango_font_description_set_absolute_size(font.get(), size * unit_ * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_auto_dir(layout.get(), TRUE);
    pango_layout_set_alignment(layout.get(), rtl_ ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), content.c_str(), -1);
    set_colour(cr_, colour);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout.get());
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    return h;
  }

 private:
  cairo_t* cr_;
  double unit_;
  bool rtl_;
};

void trace_shape(cairo_t* cr, const MapFrame& frame, const std::vector<geo::PolygonRings>& shape) {
  for (const geo::PolygonRings& rings : shape)
    for (const geo::Ring& ring : rings) {
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const geo::Point p = frame.to_pixel(ring[i]);
        if (i == 0) cairo_move_to(cr, p.x, p.y);
        else cairo_line_to(cr, p.x, p.y);
      }
      cairo_close_path(cr);
    }
}

// A round length (1, 2 or 5 times a power of ten, in km) near `target_km`.
double nice_length_km(double target_km) {
  const double power = std::pow(10.0, std::floor(std::log10(target_km)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * power <= target_km) return step * power;
  return power;
}

std::string format_length(double km) {
  char text[32];
  std::snprintf(text, sizeof text, km >= 1 ? "%.0f" : "%.1f", km);
  return text;
}

void draw_scale_bar(cairo_t* cr, Painter& painter, const MapFrame& frame, double unit, double x, double y,
                    const std::string& lang) {
  // Metres per pixel along the parallel through the map's centre, geodesic.
  const double cy = frame.top + frame.height / 2, cx = frame.left + frame.width / 2;
  auto lonlat = [&](double px, double py) {
    return geo::web_mercator_to_lonlat({frame.origin_x + (px - frame.left) / frame.scale,
                                        frame.origin_y - (py - frame.top) / frame.scale});
  };
  const double probe = 200 * unit;
  const geo::Point a = lonlat(cx, cy), b = lonlat(cx + probe, cy);
  const double km_per_px = geo::geodesic_distance_m(a, b) / 1000 / probe;
  const double km = nice_length_km(km_per_px * probe);
  const double length = km / km_per_px;
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  cairo_set_line_width(cr, 2 * unit);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x, y + 8 * unit);
  cairo_line_to(cr, x + length, y + 8 * unit);
  cairo_line_to(cr, x + length, y);
  cairo_stroke(cr);
  painter.text("0", x - 4 * unit, y + 10 * unit, 40 * unit, 14);
  painter.text(format_length(km) + " " + interface_string("km", lang), x + length - 10 * unit, y + 10 * unit,
               120 * unit, 14);
  char latitude[64];
  std::snprintf(latitude, sizeof latitude, "%.1f° %s", std::fabs(a.y), a.y >= 0 ? "N" : "S");
  painter.text(interface_string("scale_note", lang) + " " + latitude + " (" + interface_string("projection", lang) + ")",
               x + length + 90 * unit, y, 900 * unit, 14, false, "#444444");
}

}  // namespace

geo::Point MapFrame::to_pixel(geo::Point lonlat) const {
  const geo::Point m = geo::lonlat_to_web_mercator(lonlat);
  return {left + (m.x - origin_x) * scale, top + (origin_y - m.y) * scale};
}

MapFrame png_map_frame(const ReportModel& model, int width) {
  const double unit = width / 1800.0;
  MapFrame frame;
  frame.image_width = width;
  frame.width = width - 2 * kMargin * unit - kLegendWidth * unit - kGap * unit;
  geo::Envelope extent = model.extent;
  if (extent.empty()) extent = {-1, -1, 1, 1};
  const geo::Point lo = geo::lonlat_to_web_mercator({extent.min_x, extent.min_y});
  const geo::Point hi = geo::lonlat_to_web_mercator({extent.max_x, extent.max_y});
  const double span_x = std::max(hi.x - lo.x, 1.0), span_y = std::max(hi.y - lo.y, 1.0);
  // The map is as wide as the column allows, and as tall as the area's shape
  // needs within 0.45 to 1.3 times its width.
  frame.height = std::clamp(frame.width * span_y / span_x, 0.45 * frame.width, 1.3 * frame.width);
  // 4 % of air around the area, so coasts do not touch the frame.
  frame.scale = 0.96 * std::min(frame.width / span_x, frame.height / span_y);
  frame.left = (model.lang == "ar" ? kMargin + kLegendWidth + kGap : kMargin) * unit;
  frame.top = (kMargin + kTitleHeight) * unit;
  // Centre the area in the map frame.
  frame.origin_x = (lo.x + hi.x) / 2 - frame.width / 2 / frame.scale;
  frame.origin_y = (lo.y + hi.y) / 2 + frame.height / 2 / frame.scale;
  frame.image_height = static_cast<int>(std::ceil(frame.top + frame.height + (kFooterHeight + kMargin) * unit));
  return frame;
}

std::string render_png_map(const ReportModel& model, int width) {
  const MapFrame frame = png_map_frame(model, width);
  const double unit = width / 1800.0;
  const bool rtl = model.lang == "ar";
  CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, frame.image_width, frame.image_height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw Error("cannot create a " + std::to_string(frame.image_width) + " x " + std::to_string(frame.image_height) +
                    " image for the PNG map",
                {}, "choose a smaller png_width");
  CairoContext context(cairo_create(surface.get()));
  cairo_t* cr = context.get();
  Painter painter(cr, unit, rtl);

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  set_colour(cr, "#eef3f7");
  cairo_rectangle(cr, frame.left, frame.top, frame.width, frame.height);
  cairo_fill(cr);

  // Units, filled by class, with thin borders; clipped to the map area.
  cairo_save(cr);
  cairo_rectangle(cr, frame.left, frame.top, frame.width, frame.height);
  cairo_clip(cr);
  const Choropleth* choropleth = model.chosen_choropleth();
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (std::size_t u = 0; u < model.unit_shapes.size(); ++u) {
    trace_shape(cr, frame, model.unit_shapes[u]);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_colour(cr, choropleth ? choropleth->colour_of(choropleth->values[u]) : kNoDataColour);
    cairo_fill_preserve(cr);
    set_colour(cr, "#6e6e6e");
    cairo_set_line_width(cr, 0.7 * unit);
    cairo_stroke(cr);
  }
  // Outlines of the next coarser level on top.
  if (!model.coarser_shapes.empty()) {
    for (const auto& shape : model.coarser_shapes.front()) trace_shape(cr, frame, shape);
    set_colour(cr, "#1a1a1a");
    cairo_set_line_width(cr, 2.2 * unit);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  set_colour(cr, "#9a9a9a");
  cairo_set_line_width(cr, 1 * unit);
  cairo_rectangle(cr, frame.left, frame.top, frame.width, frame.height);
  cairo_stroke(cr);

  // Title: the run's title and what the colours show.
  const double text_left = kMargin * unit, text_width = frame.image_width - 2 * kMargin * unit;
  const std::string field_name =
      choropleth ? headline_label(choropleth->field, model.run.layer_names, model.run.layer_roles, model.lang)
                 : level_label(model.run.units.name, model.lang);
  double y = kMargin * unit * 0.6;
  y += painter.text(model.run.title.empty() ? interface_string("map_of", model.lang) : model.run.title, text_left, y,
                    text_width, 30, true);
  y += painter.text(level_label(model.run.units.name, model.lang) + ": " + field_name, text_left, y + 4 * unit, text_width, 20);
  if (model.run.synthetic)
    painter.text(interface_string("synthetic", model.lang), text_left, y + 10 * unit, text_width, 16, true, "#8a6d00");

  // Legend beside the map.
  const double legend_left = rtl ? kMargin * unit : frame.left + frame.width + kGap * unit;
  const double legend_width = kLegendWidth * unit;
  double ly = frame.top;
  ly += painter.text(field_name, legend_left, ly, legend_width, 18, true) + 8 * unit;
  auto legend_row = [&](const std::string& colour, const std::string& text, bool outline) {
    const double box = 26 * unit;
    const double box_left = rtl ? legend_left + legend_width - box : legend_left;
    if (outline) {
      set_colour(cr, colour);
      cairo_set_line_width(cr, 2.2 * unit);
      cairo_move_to(cr, box_left, ly + box / 2);
      cairo_line_to(cr, box_left + box, ly + box / 2);
      cairo_stroke(cr);
    } else {
      cairo_rectangle(cr, box_left, ly, box, 18 * unit);
      set_colour(cr, colour);
      cairo_fill_preserve(cr);
      set_colour(cr, "#6e6e6e");
      cairo_set_line_width(cr, 0.8 * unit);
      cairo_stroke(cr);
    }
    const double text_x = rtl ? legend_left : legend_left + box + 10 * unit;
    ly += std::max(26 * unit, painter.text(text, text_x, ly - 1 * unit, legend_width - box - 10 * unit, 15) + 6 * unit);
  };
  if (choropleth) {
    const std::vector<std::string> labels = choropleth->class_labels();
    for (std::size_t c = 0; c < labels.size(); ++c) legend_row(choropleth->colours[c], labels[c], false);
  }
  legend_row(kNoDataColour, interface_string("no_data", model.lang), false);
  if (!model.run.coarser.empty()) legend_row("#1a1a1a", level_label(model.run.coarser.front().name, model.lang), true);
  ly += 12 * unit;
  painter.text(std::to_string(model.unit_shapes.size()) + " " + level_label(model.run.units.name, model.lang), legend_left,
               ly, legend_width, 13, false, "#555555");

  // Footer: scale bar and its note.
  draw_scale_bar(cr, painter, frame, unit, frame.left + 10 * unit, frame.top + frame.height + 24 * unit, model.lang);

  cairo_surface_flush(surface.get());
  std::string png;
  const cairo_status_t status = cairo_surface_write_to_png_stream(
      surface.get(),
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  if (status != CAIRO_STATUS_SUCCESS)
    throw Error(std::string("cannot encode the PNG map: ") + cairo_status_to_string(status));
  return png;
}

void write_png_map(const ReportModel& model, const ReportOptions& options, const std::string& path) {
  geo::write_file_atomically(path, render_png_map(model, options.png_width));
}

}  // namespace engine::report
