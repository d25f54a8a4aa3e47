#include "geo/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "geo/error.hpp"

namespace geo {

std::string canonical_encoding(std::string_view name) {
  std::string upper;
  for (char c : name)
    if (!std::isspace(static_cast<unsigned char>(c))) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.empty()) return upper;
  if (upper == "UTF8" || upper == "UTF-8" || upper == "65001") return "UTF-8";
  // ESRI .cpg code: 8859N or 8859-N (ISO 8859 part N).
  for (const std::string prefix : {"ISO-8859-", "ISO8859-", "ISO_8859-", "ISO8859", "8859-", "8859"}) {
    if (upper.rfind(prefix, 0) == 0 && upper.size() > prefix.size()) return "ISO-8859-" + upper.substr(prefix.size());
  }
  for (const std::string prefix : {"ANSI", "WINDOWS-", "WINDOWS", "CP", "WIN"}) {
    if (upper.rfind(prefix, 0) == 0 && upper.size() > prefix.size() &&
        std::all_of(upper.begin() + static_cast<long>(prefix.size()), upper.end(), ::isdigit))
      return "CP" + upper.substr(prefix.size());
  }
  if (std::all_of(upper.begin(), upper.end(), ::isdigit)) return "CP" + upper;  // e.g. "1256", "437"
  return upper;
}

bool is_utf8_encoding(std::string_view canonical_name) { return canonical_name == "UTF-8" || canonical_name.empty(); }

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Runs of ASCII (most of a table of numbers) eight bytes at a time.
    std::uint64_t word;
    while (i + 8 <= n && (std::memcpy(&word, s + i, 8), (word & 0x8080808080808080u) == 0)) i += 8;
    if (i == n) break;
    const unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;  // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
    // U+0080..U+009F are encoded as C2 80 .. C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

TextDecoder::TextDecoder(const std::string& encoding) : encoding_(canonical_encoding(encoding)) {
  identity_ = is_utf8_encoding(encoding_);
  if (identity_) return;
  iconv_t cd = iconv_open("UTF-8", encoding_.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw Error("unsupported text encoding '" + encoding + "'", {},
                "use a name iconv knows, for example UTF-8, ISO-8859-6, CP1256 (see `iconv -l`)");
  handle_ = cd;
}

TextDecoder::~TextDecoder() {
  if (handle_ != nullptr) iconv_close(static_cast<iconv_t>(handle_));
}

std::optional<std::string> TextDecoder::decode(std::string_view bytes) {
  if (identity_) {
    if (!is_valid_utf8(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  iconv_t cd = static_cast<iconv_t>(handle_);
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  std::string out(bytes.size() * 4 + 4, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        const std::size_t used = static_cast<std::size_t>(out_ptr - out.data());
        out.resize(out.size() * 2);
        out_ptr = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      return std::nullopt;  // EILSEQ / EINVAL: not valid in this encoding
    }
  }
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  return out;
}

}  // namespace geo
