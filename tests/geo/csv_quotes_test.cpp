// Unclosed quotes in CSV files, counted the way GDAL's CSV reader counts
// them; each expected line is read off the file text by hand.

#include <gtest/gtest.h>

#include <random>

#include "geo/csv_quotes.hpp"
#include "geo/error.hpp"
#include "support/test_support.hpp"

namespace {

std::int64_t check(const std::string& text) {
  const auto path = testing_support::scratch_dir() / "t.csv";
  testing_support::write_text(path, text);
  return geo::unclosed_quote_line(path.string());
}

TEST(CsvQuotes, ClosedQuotesIncludingValuesOverSeveralLinesAndEscapes) {
  EXPECT_EQ(check("id,note\n1,plain\n"), 0);
  EXPECT_EQ(check("id,note\n1,\"two\nlines\"\n2,x\n"), 0);
  EXPECT_EQ(check("id,note\n1,\"say \"\"hi\"\"\"\n"), 0);
  EXPECT_EQ(check("id,note\r\n1,\"a,b\"\r\n"), 0);
}

TEST(CsvQuotes, TheLineThatOpensTheUnclosedQuote) {
  EXPECT_EQ(check("id,note\n1,\"never closed\n2,x\n3,y\n"), 2);
  // Closed on line 2, opened again on line 4 and left open.
  EXPECT_EQ(check("id,note\n1,\"a\"\n2,b\n3,\"c\n4,d\n"), 4);
  // An escaped quote inside the open value is not a new opening.
  EXPECT_EQ(check("id,note\n1,x\n2,\"open \"\"quoted\"\" and\nnever closed\n"), 3);
}

// The rule read byte by byte, as GDAL's reader walks a line: every '"'
// toggles; one that follows a closing quote directly is an escape, not an
// opening.
std::int64_t byte_by_byte(const std::string& text) {
  bool quoted = false, just_closed = false;
  std::int64_t line = 1, opened_on = 0;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
      if (quoted && !just_closed) opened_on = line;
      just_closed = !quoted;
      continue;
    }
    just_closed = false;
    if (c == '\n') ++line;
  }
  return quoted ? opened_on : 0;
}

// The scan jumps from quote to quote across reads of any size: random texts
// thick with quotes and line ends, read 1, 2, 3, 7 and 64 bytes at a time
// and whole, against the byte-by-byte rule.
TEST(CsvQuotes, AnyReadSizeGivesTheByteByByteAnswer) {
  std::mt19937 rng(7);
  const std::string alphabet = "\"\"\"\n\n,ab";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 300);
  const auto path = testing_support::scratch_dir() / "random.csv";
  int unclosed = 0;
  for (int trial = 0; trial < 400; ++trial) {
    std::string text(length(rng), ' ');
    for (char& c : text) c = alphabet[pick(rng)];
    testing_support::write_text(path, text);
    const std::int64_t expected = byte_by_byte(text);
    unclosed += expected > 0;
    for (const std::size_t buffer : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}, std::size_t{1} << 20})
      ASSERT_EQ(geo::unclosed_quote_line(path.string(), buffer), expected) << "buffer " << buffer << ", text:\n" << text;
  }
  EXPECT_GT(unclosed, 100);  // both answers are well represented
  EXPECT_LT(unclosed, 300);
}

TEST(CsvQuotes, AMissingFileIsAnError) {
  EXPECT_THROW(geo::unclosed_quote_line((testing_support::scratch_dir() / "none.csv").string()), geo::Error);
}

}  // namespace
