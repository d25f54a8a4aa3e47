// Unclosed quotes in CSV files, counted the way GDAL's CSV reader counts
// them; each expected line is read off the file text by hand.

#include <gtest/gtest.h>

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

TEST(CsvQuotes, AMissingFileIsAnError) {
  EXPECT_THROW(geo::unclosed_quote_line((testing_support::scratch_dir() / "none.csv").string()), geo::Error);
}

}  // namespace
