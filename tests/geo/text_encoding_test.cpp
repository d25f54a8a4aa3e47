#include "geo/text_encoding.hpp"

#include <gtest/gtest.h>

namespace {

TEST(TextEncoding, CanonicalNamesOfCpgValues) {
  EXPECT_EQ(geo::canonical_encoding("88596"), "ISO-8859-6");
  EXPECT_EQ(geo::canonical_encoding("8859-6"), "ISO-8859-6");
  EXPECT_EQ(geo::canonical_encoding("ISO88596"), "ISO-8859-6");
  EXPECT_EQ(geo::canonical_encoding("1256"), "CP1256");
  EXPECT_EQ(geo::canonical_encoding("ANSI 1256"), "CP1256");
  EXPECT_EQ(geo::canonical_encoding("windows-1256"), "CP1256");
  EXPECT_EQ(geo::canonical_encoding("utf8"), "UTF-8");
  EXPECT_EQ(geo::canonical_encoding(" UTF-8\n"), "UTF-8");
}

TEST(TextEncoding, Utf8Validation) {
  EXPECT_TRUE(geo::is_valid_utf8("Aden عدن"));
  EXPECT_TRUE(geo::is_valid_utf8(""));
  EXPECT_FALSE(geo::is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(geo::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(geo::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(geo::is_valid_utf8("\xE3\xDA\xE4"));      // "عدن" in CP1256
}

// ASCII is skipped eight bytes at a time: a sequence at any offset from
// those steps, in ASCII of any length, is still judged, valid or not.
TEST(TextEncoding, Utf8ValidationAtEveryOffsetInAscii) {
  const std::string valid[] = {"\xD8\xB9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
  const std::string invalid[] = {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\x80", "\xFF", "\xF4\x90\x80\x80"};
  for (std::size_t before = 0; before < 20; ++before)
    for (std::size_t after = 0; after < 12; ++after) {
      const std::string head(before, 'a'), tail(after, '7');
      for (const std::string& v : valid) EXPECT_TRUE(geo::is_valid_utf8(head + v + tail)) << before << " " << after;
      for (const std::string& v : invalid) EXPECT_FALSE(geo::is_valid_utf8(head + v + tail)) << before << " " << after;
      EXPECT_TRUE(geo::is_valid_utf8(head + tail));
    }
}

// Byte values from the code page tables: ISO-8859-6 has ع=D9 د=CF ن=E6,
// Windows-1256 has ع=DA د=CF ن=E4.
TEST(TextEncoding, DecodesArabicCodePages) {
  geo::TextDecoder iso("88596");
  EXPECT_EQ(iso.decode("\xD9\xCF\xE6").value(), "عدن");
  geo::TextDecoder win("1256");
  EXPECT_EQ(win.decode("\xDA\xCF\xE4").value(), "عدن");
}

TEST(TextEncoding, InvalidBytesAreAnErrorNotAQuestionMark) {
  geo::TextDecoder iso("ISO-8859-6");
  EXPECT_FALSE(iso.decode("\xA1").has_value());  // unassigned in ISO-8859-6
  geo::TextDecoder utf8("UTF-8");
  EXPECT_FALSE(utf8.decode("\xDA\xCF\xE4").has_value());
}

TEST(TextEncoding, ControlCharactersRevealAWrongCodePage) {
  // UTF-8 "ن" (D9 86) read as ISO-8859-6 is "ع" plus the C1 control U+0086.
  geo::TextDecoder iso("ISO-8859-6");
  const auto wrong = iso.decode("ن");
  ASSERT_TRUE(wrong.has_value());
  EXPECT_TRUE(geo::has_control_characters(*wrong));
  EXPECT_FALSE(geo::has_control_characters("عدن\tAden"));
}

TEST(TextEncoding, UnknownEncodingIsAClearError) {
  EXPECT_THROW(geo::TextDecoder("NOT-AN-ENCODING"), std::runtime_error);
}

}  // namespace
