#include "engine/report/html_report.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <stdexcept>

#include "engine/report/embedded_assets.hpp"
#include "engine/report/report_data.hpp"
#include "engine/report/report_labels.hpp"
#include "geo/atomic_file.hpp"

namespace engine::report {
namespace {

std::string base64(std::string_view bytes) {
  static const char* const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t chunk = 0;
    for (std::size_t k = 0; k < 3; ++k)
      chunk = chunk << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? digits[(chunk >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Leaflet's stylesheet names its images by relative URL; in a single file
// they become data: URLs, or the browser would ask the disk for them.
std::string leaflet_css_inlined() {
  std::string css(embedded_asset("leaflet.css"));
  static const std::regex image_url(R"(url\((images/[A-Za-z0-9_-]+\.png)\))");
  std::string out;
  auto begin = std::sregex_iterator(css.begin(), css.end(), image_url);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out.append(css, last, it->position() - last);
    out += "url(data:image/png;base64," + base64(embedded_asset((*it)[1].str())) + ")";
    last = it->position() + it->length();
  }
  out.append(css, last);
  // Its source-map comment would make developer tools ask the disk for a file.
  const std::size_t map = out.rfind("/*# sourceMappingURL=");
  if (map != std::string::npos) out.erase(map, out.find("*/", map) + 2 - map);
  return out;
}

// The minified script ends with a source-map comment that developer tools
// would try to fetch; it is of no use offline.
std::string leaflet_js_inlined() {
  std::string js(embedded_asset("leaflet.js"));
  const std::size_t map = js.rfind("//# sourceMappingURL=");
  if (map != std::string::npos) js.erase(map);
  return js;
}

// Text placed inside <script> or <style> must not close the element early.
std::string checked_inline(std::string text, const char* what) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.find("</script") != std::string::npos || lower.find("</style") != std::string::npos)
    throw std::logic_error(std::string(what) + " cannot be inlined: it contains a closing tag");
  return text;
}

// JSON inside <script type="application/json">: '<', '>' and '&' escaped, so
// no text in the data (a district name, a note) can end the element.
std::string script_safe_json(const nlohmann::json& data) {
  const std::string text = data.dump();
  std::string out;
  out.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

// "https://tile.example.org/{z}/{x}/{y}.png" -> "https://tile.example.org"
std::string origin_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme + 3);
  std::string origin = url.substr(0, path);
  // Subdomain templates ({s}.tile...) become a wildcard host.
  const std::size_t s = origin.find("{s}.");
  if (s != std::string::npos) origin.replace(s, 4, "*.");
  return origin;
}

std::string content_security_policy(const ReportOptions& options) {
  std::string images = "data:";
  if (!options.tiles_url.empty()) images += " " + origin_of(options.tiles_url);
  return "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src " + images +
         "; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'";
}

// Replaces {{NAME}} markers of the template in one pass; inserted text is
// never scanned again, so data holding "{{" cannot be mistaken for a marker.
std::string fill_template(std::string_view page, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = page.find("}}", open);
    if (close == std::string_view::npos) break;
    const std::string name(page.substr(open + 2, close - open - 2));
    const auto it = values.find(name);
    if (it == values.end()) throw std::logic_error("report.html has an unknown marker {{" + name + "}}");
    out.append(page.substr(at, open - at));
    out += it->second;
    at = close + 2;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace

std::string render_html_report(const ReportModel& model, const ReportOptions& options) {
  const std::string title = model.run.title.empty() ? interface_string("map_of", model.lang) : model.run.title;
  return fill_template(embedded_asset("report.html"),
                       {{"LANG", model.lang},
                        {"DIR", model.lang == "ar" ? "rtl" : "ltr"},
                        {"TITLE", html_escape(title)},
                        {"CSP", content_security_policy(options)},
                        {"LEAFLET_CSS", checked_inline(leaflet_css_inlined(), "leaflet.css")},
                        {"REPORT_CSS", checked_inline(std::string(embedded_asset("report.css")), "report.css")},
                        {"DATA", script_safe_json(report_data(model, options))},
                        {"LEAFLET_JS", checked_inline(leaflet_js_inlined(), "leaflet.js")},
                        {"REPORT_JS", checked_inline(std::string(embedded_asset("report.js")), "report.js")}});
}

void write_html_report(const ReportModel& model, const ReportOptions& options, const std::string& path) {
  geo::write_file_atomically(path, render_html_report(model, options));
}

}  // namespace engine::report
