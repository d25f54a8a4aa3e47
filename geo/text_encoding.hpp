#pragma once
// Text encodings of attribute values: decoding to UTF-8 and checking it.
//
// localmap holds and writes text as UTF-8 only.  Sources that declare another
// encoding (a Shapefile's .cpg such as "88596" = ISO-8859-6 or "1256" =
// Windows-1256, or a user override) are decoded strictly: a byte sequence the
// encoding does not define is an error, never a silent '?'.

#include <optional>
#include <string>
#include <string_view>

namespace geo {

// Canonical iconv name for an encoding as users and .cpg files spell it:
// "88596" -> "ISO-8859-6", "1256"/"ANSI 1256"/"windows-1256" -> "CP1256",
// "UTF8" -> "UTF-8".  Unknown spellings are returned upper-cased, unchanged.
std::string canonical_encoding(std::string_view name);

bool is_utf8_encoding(std::string_view canonical_name);

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or
// truncated sequences).
bool is_valid_utf8(std::string_view text);

// Whether UTF-8 `text` holds C0/C1 control characters other than tab, CR and
// LF: the mark of text decoded with the wrong single-byte code page.
bool has_control_characters(std::string_view text);

// Strict decoder from one encoding to UTF-8.  Not thread-safe (one iconv
// state per object); cheap to create one per reader.
class TextDecoder {
 public:
  explicit TextDecoder(const std::string& encoding);  // throws geo::Error if unsupported
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  // UTF-8 text, or nullopt when `bytes` is not valid in the encoding.
  std::optional<std::string> decode(std::string_view bytes);
  const std::string& encoding() const { return encoding_; }

 private:
  std::string encoding_;
  void* handle_ = nullptr;  // iconv_t
  bool identity_ = false;   // already UTF-8: validate only
};

}  // namespace geo
