// geo::Columns against the row-by-row table it replaces: random tables of
// every field type with nulls, empty and non-ASCII text are held both ways
// and must read back the same, also after append, drop_first_row,
// keep_fields, append_rows and clear.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>

#include "geo/columns.hpp"

namespace {

using geo::FieldType;
using geo::Value;
using Rows = std::vector<std::vector<Value>>;

Value random_value(FieldType type, std::mt19937_64& rng) {
  if (rng() % 5 == 0) return std::monostate{};
  switch (type) {
    case FieldType::Integer: return static_cast<std::int64_t>(rng()) >> (rng() % 64);
    case FieldType::Real: return std::ldexp(double(rng() % 1000000) - 500000, int(rng() % 40) - 20);
    case FieldType::String: {
      const char* const pieces[] = {"", "a", "\xD8\xB3\xD9\x88\xD9\x82", "x,y", "\"q\"", "long text of some length"};
      std::string s;
      for (std::uint64_t n = rng() % 4; n > 0; --n) s += pieces[rng() % 6];
      return s;
    }
  }
  return std::monostate{};
}

Rows random_rows(const std::vector<FieldType>& types, std::size_t n, std::mt19937_64& rng) {
  Rows rows(n);
  for (auto& row : rows)
    for (FieldType t : types) row.push_back(random_value(t, rng));
  return rows;
}

void expect_holds(const geo::Columns& c, const Rows& rows) {
  ASSERT_EQ(c.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(c.row(r), rows[r]) << "row " << r;
    for (std::size_t f = 0; f < rows[r].size(); ++f) {
      EXPECT_EQ(c.is_null(r, f), geo::is_null(rows[r][f]));
      EXPECT_EQ(c.text(r, f), geo::to_text(rows[r][f]));
    }
  }
}

TEST(Columns, HoldWhatRowsHold) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<FieldType> types;
    for (std::uint64_t w = rng() % 6; w > 0; --w) types.push_back(FieldType(rng() % 3));
    const Rows a = random_rows(types, rng() % 40, rng), b = random_rows(types, rng() % 40, rng);
    geo::Columns ca(types), cb(types);
    ca.reserve(a.size(), 8);
    for (const auto& row : a) ca.push_row(row);
    for (const auto& row : b) cb.push_row(row);
    expect_holds(ca, a);
    ca.append(std::move(cb));
    Rows both = a;
    both.insert(both.end(), b.begin(), b.end());
    expect_holds(ca, both);
    if (!both.empty()) {
      ca.drop_first_row();
      both.erase(both.begin());
      expect_holds(ca, both);
    }
    // Keeping some fields: the rows without the others.
    std::vector<bool> keep;
    for (std::size_t f = 0; f < types.size(); ++f) keep.push_back(rng() % 2 == 0);
    for (auto& row : both) {
      std::vector<Value> kept;
      for (std::size_t f = 0; f < row.size(); ++f)
        if (keep[f]) kept.push_back(row[f]);
      row = std::move(kept);
    }
    ca.keep_fields(keep);
    EXPECT_EQ(ca.width(), static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true)));
    expect_holds(ca, both);
  }
}

// Copying some fields of the rows from one on, into a table refilled after
// clear() (its old memory, larger than needed, read into again).
TEST(Columns, AppendRowsCopiesThePickedFieldsFromTheFirstRowOn) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<FieldType> types;
    for (std::uint64_t w = 1 + rng() % 5; w > 0; --w) types.push_back(FieldType(rng() % 3));
    std::vector<bool> pick;
    std::vector<FieldType> picked;
    for (FieldType t : types) {
      pick.push_back(rng() % 3 != 0);
      if (pick.back()) picked.push_back(t);
    }
    const auto only_picked = [&](const Rows& rows, std::size_t from) {
      Rows out;
      for (std::size_t r = from; r < rows.size(); ++r) {
        out.emplace_back();
        for (std::size_t f = 0; f < types.size(); ++f)
          if (pick[f]) out.back().push_back(rows[r][f]);
      }
      return out;
    };
    geo::Columns source(types), target(picked);
    Rows expected = random_rows(picked, rng() % 5, rng);
    for (const auto& row : expected) target.push_row(row);
    for (int round = 0; round < 3; ++round) {
      source.clear();
      EXPECT_EQ(source.size(), 0u);
      EXPECT_EQ(source.width(), types.size());
      const Rows rows = random_rows(types, rng() % 30, rng);
      for (const auto& row : rows) source.push_row(row);
      expect_holds(source, rows);
      const std::size_t from = rng() % (rows.size() + 2);  // past the end too
      target.append_rows(source, pick, from);
      const Rows copied = only_picked(rows, from);
      expected.insert(expected.end(), copied.begin(), copied.end());
      expect_holds(target, expected);
      expect_holds(source, rows);  // left as it was
    }
  }
  geo::Columns a({FieldType::String, FieldType::Integer}), b({FieldType::String});
  EXPECT_THROW(b.append_rows(a, {true}), std::invalid_argument);         // a flag per field of a
  EXPECT_THROW(b.append_rows(a, {true, true}), std::invalid_argument);   // two picked for one field
  EXPECT_THROW(b.append_rows(a, {false, true}), std::invalid_argument);  // an Integer into a String field
}

TEST(Columns, EqualExactlyWhenTheValuesAre) {
  const std::vector<FieldType> types{FieldType::String, FieldType::Integer};
  geo::Columns a(types), b(types);
  a.push_row({std::string("ab"), std::int64_t{1}});
  b.push_row({std::string("ab"), std::int64_t{1}});
  EXPECT_TRUE(a == b);
  a.push_row({std::string("c"), std::monostate{}});
  b.push_row({std::string("c"), std::int64_t{0}});  // null is not zero
  EXPECT_FALSE(a == b);
  geo::Columns c(types), d(types);
  c.push_row({std::string("a"), std::int64_t{1}});
  c.push_row({std::string("bc"), std::int64_t{1}});
  d.push_row({std::string("ab"), std::int64_t{1}});
  d.push_row({std::string("c"), std::int64_t{1}});  // same text end to end, other cells
  EXPECT_FALSE(c == d);
}

TEST(Columns, RefuseValuesThatDoNotFitTheFields) {
  {
    geo::Columns c({FieldType::String, FieldType::Integer});
    EXPECT_THROW(c.keep_fields({true}), std::invalid_argument);
  }
  geo::Columns c({FieldType::Integer, FieldType::String});
  EXPECT_THROW(c.push(std::string("1")), std::invalid_argument);
  geo::Columns d({FieldType::Integer});
  d.push(std::int64_t{1});
  EXPECT_THROW(d.push(std::int64_t{2}), std::invalid_argument);  // a field too many
  geo::Columns e({FieldType::Integer, FieldType::Real});
  e.push(std::int64_t{1});
  EXPECT_THROW(e.end_row(), std::logic_error);  // a field missing
}

}  // namespace
