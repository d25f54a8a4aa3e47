#pragma once
// A table's values held column by column: the numbers of a field in one
// array, its text end to end in one buffer, its nulls as bits.  A million
// records cost a few allocations and about the size of their text, instead
// of one allocation and a 40-byte variant per cell.
//
// Filled row by row: each field's value in field order (push / push_text),
// then end_row().  Read by (row, field).  A value must be null or of its
// field's type (geo/field.hpp), as the readers give them.
//
// Thread-safety: const members may be called concurrently.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/field.hpp"

namespace geo {

class Columns {
 public:
  Columns() = default;
  explicit Columns(const std::vector<FieldType>& types);

  std::size_t size() const { return rows_; }
  std::size_t width() const { return columns_.size(); }
  FieldType type(std::size_t field) const { return columns_[field].type; }
  // Room for `rows` more rows, with `text_bytes` bytes of text per String field.
  void reserve(std::size_t rows, std::size_t text_bytes = 0);
  // Room for `factor` times the rows and text of `sample` more: for a table
  // read in parts, sized from its first part.  `fields` picks the sample's
  // fields that are these (one flag per sample field; empty: all of them).
  void reserve_like(const Columns& sample, double factor, const std::vector<bool>& fields = {});

  // The next field's value of the row being filled; throws
  // std::invalid_argument for a value of another type or a field too many.
  void push(const Value& value);
  void push_text(std::string_view text);  // a String field's non-null value
  void end_row();                          // throws std::logic_error when a field was not given
  void push_row(const std::vector<Value>& row);
  // Moves `other`'s rows (same field types) after these.
  void append(Columns&& other);
  // Copies `other`'s rows from `first_row` on, of its fields whose `fields`
  // entry is true (those must have these fields' types, in order), after
  // these; `other` is left as it was, its memory free for reuse.
  void append_rows(const Columns& other, const std::vector<bool>& fields, std::size_t first_row = 0);
  // No rows any more, the same fields; the memory stays for the next rows.
  void clear();
  void drop_first_row();
  // Keeps the fields whose `keep` entry is true, in order, and frees the
  // others; throws std::invalid_argument when `keep` is not one per field.
  void keep_fields(const std::vector<bool>& keep);
  void shrink_to_fit();  // gives back what reserve() and growth left unused, beyond an eighth

  Value value(std::size_t row, std::size_t field) const;
  bool is_null(std::size_t row, std::size_t field) const { return columns_[field].null[row]; }
  // A String field's text ("" when null); other fields: to_text(value).
  std::string text(std::size_t row, std::size_t field) const;
  std::string_view string_view(std::size_t row, std::size_t field) const;  // String fields only
  std::vector<Value> row(std::size_t row) const;
  std::size_t bytes() const;  // memory held (allocated capacity)

  bool operator==(const Columns& other) const;

 private:
  struct Column {
    FieldType type = FieldType::String;
    std::vector<bool> null;
    std::vector<std::int64_t> integers;  // Integer fields
    std::vector<double> reals;           // Real fields
    std::string text;                    // String fields: every value, end to end
    std::vector<std::uint64_t> ends;     // String fields: where each row's text ends in `text`
    bool operator==(const Column&) const = default;
  };
  Column& next_column(FieldType type);

  std::vector<Column> columns_;
  std::size_t rows_ = 0;
  std::size_t next_ = 0;  // the field the next push fills
};

}  // namespace geo
