#pragma once
// Jaro and Jaro–Winkler similarity of two strings of code points
// (Winkler 1990): 1 for equal strings, 0 when nothing matches; the Winkler
// step rewards a common prefix of up to four characters by 0.1 per
// character (the customary scaling), so names that start alike score higher.
// Two empty strings are equal (1); an empty and a non-empty string score 0.
// Thread-safety: pure functions.

#include <string_view>

namespace engine::names {

double jaro(std::u32string_view a, std::u32string_view b);
double jaro_winkler(std::u32string_view a, std::u32string_view b);

}  // namespace engine::names
