#pragma once
// The few Unicode operations name matching needs, done by ICU so that NFC,
// compatibility folding, case folding and script properties follow the
// Unicode Character Database rather than hand-written tables.
//
// All text in and out is UTF-8; ill-formed input bytes become U+FFFD.
// Thread-safety: pure functions (ICU's normaliser singletons are immutable).

#include <string>
#include <string_view>

namespace engine::names {

// Canonical composition (NFC): the form every comparison starts from, so
// "é" typed as e + U+0301 equals the precomposed "é".
std::string to_nfc(std::string_view text);

// NFKC with case folding and removal of default-ignorable code points
// (ICU's NFKC_Casefold): Arabic presentation forms become plain letters,
// full-width Latin becomes ASCII, "A" becomes "a", ZWJ/ZWNJ/soft hyphens go.
std::u32string fold_compatibility(std::string_view text);

// Canonical decomposition with every non-spacing mark removed: "ḥ" -> "h",
// "ā" -> "a".  Used on Latin text only (Arabic marks have their own rules).
std::u32string strip_marks(std::u32string_view text);

enum class Script { Other, Arabic, Latin };
// The script of one code point: Arabic and Latin letters and the marks of
// each script; Other for digits, punctuation, spaces and other scripts.
Script script_of(char32_t c);
bool is_letter(char32_t c);
bool is_decimal_digit(char32_t c);
// The value 0-9 of any Unicode decimal digit (Arabic-Indic, Eastern
// Arabic-Indic, ASCII, ...), -1 for others.
int digit_value(char32_t c);
bool is_nonspacing_mark(char32_t c);

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace engine::names
