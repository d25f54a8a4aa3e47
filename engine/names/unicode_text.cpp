#include "engine/names/unicode_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <stdexcept>

namespace engine::names {
namespace {

const icu::Normalizer2& normalizer(const icu::Normalizer2* (*get)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = get(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error(std::string("ICU normaliser unavailable: ") + u_errorName(status));
  return *n;
}

icu::UnicodeString normalize(const icu::Normalizer2& n, const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(s, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalisation failed: ") + u_errorName(status));
  return out;
}

std::u32string to_u32(const icu::UnicodeString& s) {
  std::u32string out;
  out.reserve(static_cast<std::size_t>(s.length()));
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(s.char32At(i)));
  return out;
}

icu::UnicodeString from_u32(std::u32string_view text) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(text.size()));
}

}  // namespace

std::string to_nfc(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string out;
  normalize(normalizer(&icu::Normalizer2::getNFCInstance), s).toUTF8String(out);
  return out;
}

std::u32string fold_compatibility(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  return to_u32(normalize(normalizer(&icu::Normalizer2::getNFKCCasefoldInstance), s));
}

std::u32string strip_marks(std::u32string_view text) {
  const icu::UnicodeString decomposed = normalize(normalizer(&icu::Normalizer2::getNFDInstance), from_u32(text));
  std::u32string out;
  for (char32_t c : to_u32(decomposed))
    if (!is_nonspacing_mark(c)) out.push_back(c);
  return out;
}

Script script_of(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status)) return Script::Other;
  if (code == USCRIPT_ARABIC) return Script::Arabic;
  if (code == USCRIPT_LATIN) return Script::Latin;
  if (code == USCRIPT_INHERITED) {
    // Combining marks shared by scripts (e.g. U+064B fathatan is Inherited in
    // some Unicode versions): the script extensions say which they serve.
    if (uscript_hasScript(static_cast<UChar32>(c), USCRIPT_ARABIC)) return Script::Arabic;
    if (uscript_hasScript(static_cast<UChar32>(c), USCRIPT_LATIN)) return Script::Latin;
  }
  return Script::Other;
}

bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

bool is_decimal_digit(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER; }

int digit_value(char32_t c) { return is_decimal_digit(c) ? u_charDigitValue(static_cast<UChar32>(c)) : -1; }

bool is_nonspacing_mark(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK; }

std::u32string to_u32(std::string_view utf8) {
  return to_u32(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  from_u32(text).toUTF8String(out);
  return out;
}

}  // namespace engine::names
