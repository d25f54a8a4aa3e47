#include "geo/columns.hpp"

#include <algorithm>
#include <stdexcept>

#include "geo/huge_pages.hpp"

namespace geo {
namespace {

// Room for `n` elements in fresh memory with huge pages asked for (the
// columns of a large table run to hundreds of megabytes, and a page fault per
// 4 KiB is slow on virtual machines: geo/huge_pages.hpp); the null bits are
// a 64th of the rest and take a plain reserve.
template <class Container>
void reserve_room(Container& c, std::size_t n) {
  reserve_fresh(c, n);
}
void reserve_room(std::vector<bool>& c, std::size_t n) { c.reserve(n); }

// Room for `more` elements: exactly when none is spare yet (a single append
// into an empty column), else at least half as much again as held, so that
// appending part after part costs linear time, not quadratic.
template <class Container>
void grow(Container& c, std::size_t more) {
  if (c.capacity() - c.size() >= more) return;
  reserve_room(c, c.capacity() == 0 ? more : std::max(c.size() + more, c.capacity() + c.capacity() / 2));
}

// Gives back spare room larger than an eighth of what is used: copying a
// buffer to save less is not worth the copy.
template <class Container>
void shrink(Container& c) {
  if (c.capacity() - c.size() <= c.size() / 8) return;
  Container exact;
  reserve_room(exact, c.size());
  exact.insert(exact.end(), c.begin(), c.end());
  c.swap(exact);
}

}  // namespace

Columns::Columns(const std::vector<FieldType>& types) {
  columns_.reserve(types.size());
  for (FieldType t : types) columns_.push_back(Column{.type = t});
}

void Columns::reserve(std::size_t rows, std::size_t text_bytes) {
  // grow(), not an exact reserve: a reader that reserves batch after batch
  // would otherwise copy everything read so far at every batch.
  for (Column& c : columns_) {
    grow(c.null, rows);
    switch (c.type) {
      case FieldType::Integer: grow(c.integers, rows); break;
      case FieldType::Real: grow(c.reals, rows); break;
      case FieldType::String:
        grow(c.ends, rows);
        grow(c.text, rows * text_bytes);
        break;
    }
  }
}

void Columns::reserve_like(const Columns& sample, double factor, const std::vector<bool>& fields) {
  const std::vector<bool> all(sample.columns_.size(), true);
  const std::vector<bool>& picked = fields.empty() ? all : fields;
  if (picked.size() != sample.columns_.size() ||
      static_cast<std::size_t>(std::count(picked.begin(), picked.end(), true)) != columns_.size())
    throw std::invalid_argument("geo::Columns: reserve_like of another width");
  const auto more = [&](std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * factor); };
  std::size_t f = 0;
  for (std::size_t g = 0; g < sample.columns_.size(); ++g) {
    if (!picked[g]) continue;
    Column& c = columns_[f++];
    const Column& s = sample.columns_[g];
    reserve_room(c.null, c.null.size() + more(s.null.size()));
    reserve_room(c.integers, c.integers.size() + more(s.integers.size()));
    reserve_room(c.reals, c.reals.size() + more(s.reals.size()));
    reserve_room(c.text, c.text.size() + more(s.text.size()));
    reserve_room(c.ends, c.ends.size() + more(s.ends.size()));
  }
}

Columns::Column& Columns::next_column(FieldType type) {
  if (next_ >= columns_.size()) throw std::invalid_argument("geo::Columns: more values than fields in a row");
  Column& c = columns_[next_];
  if (c.type != type) throw std::invalid_argument("geo::Columns: a value of another type than its field's");
  ++next_;
  return c;
}

void Columns::push(const Value& value) {
  if (geo::is_null(value)) {
    if (next_ >= columns_.size()) throw std::invalid_argument("geo::Columns: more values than fields in a row");
    Column& c = columns_[next_++];
    c.null.push_back(true);
    switch (c.type) {
      case FieldType::Integer: c.integers.push_back(0); break;
      case FieldType::Real: c.reals.push_back(0); break;
      case FieldType::String: c.ends.push_back(c.text.size()); break;
    }
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    Column& c = next_column(FieldType::Integer);
    c.null.push_back(false);
    c.integers.push_back(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    Column& c = next_column(FieldType::Real);
    c.null.push_back(false);
    c.reals.push_back(*d);
  } else {
    push_text(std::get<std::string>(value));
  }
}

void Columns::push_text(std::string_view text) {
  Column& c = next_column(FieldType::String);
  c.null.push_back(false);
  grow(c.text, text.size());  // in huge pages, not std::string's own doubling
  c.text.append(text);
  c.ends.push_back(c.text.size());
}

void Columns::end_row() {
  if (next_ != columns_.size()) throw std::logic_error("geo::Columns: a row ended before its last field");
  next_ = 0;
  ++rows_;
}

void Columns::push_row(const std::vector<Value>& row) {
  for (const Value& v : row) push(v);
  end_row();
}

void Columns::append(Columns&& other) {
  if (columns_.empty() && rows_ == 0 && next_ == 0 && other.next_ == 0) {
    *this = std::move(other);
    return;
  }
  append_rows(other, std::vector<bool>(other.columns_.size(), true));
  other = Columns();
}

void Columns::append_rows(const Columns& other, const std::vector<bool>& fields, std::size_t first_row) {
  if (next_ != 0 || other.next_ != 0) throw std::logic_error("geo::Columns: append during a row");
  if (fields.size() != other.columns_.size() ||
      static_cast<std::size_t>(std::count(fields.begin(), fields.end(), true)) != columns_.size())
    throw std::invalid_argument("geo::Columns: append_rows needs one flag per field of the other table, one true per field here");
  for (std::size_t f = 0, g = 0; g < other.columns_.size(); ++g)
    if (fields[g] && columns_[f++].type != other.columns_[g].type)
      throw std::invalid_argument("geo::Columns: append of other field types");
  if (first_row >= other.rows_) return;
  const std::size_t rows = other.rows_ - first_row;
  std::size_t f = 0;
  for (std::size_t g = 0; g < other.columns_.size(); ++g) {
    if (!fields[g]) continue;
    Column& c = columns_[f++];
    const Column& o = other.columns_[g];
    grow(c.null, rows);
    c.null.insert(c.null.end(), o.null.begin() + static_cast<std::ptrdiff_t>(first_row), o.null.end());
    switch (c.type) {
      case FieldType::Integer:
        grow(c.integers, rows);
        c.integers.insert(c.integers.end(), o.integers.begin() + static_cast<std::ptrdiff_t>(first_row), o.integers.end());
        break;
      case FieldType::Real:
        grow(c.reals, rows);
        c.reals.insert(c.reals.end(), o.reals.begin() + static_cast<std::ptrdiff_t>(first_row), o.reals.end());
        break;
      case FieldType::String: {
        const std::uint64_t skipped = first_row == 0 ? 0 : o.ends[first_row - 1];
        const std::uint64_t shift = c.text.size() - skipped;  // unsigned: wraps and wraps back
        grow(c.text, o.text.size() - skipped);
        c.text.append(o.text, skipped);
        grow(c.ends, rows);
        for (std::size_t r = first_row; r < other.rows_; ++r) c.ends.push_back(o.ends[r] + shift);
        break;
      }
    }
  }
  rows_ += rows;
}

void Columns::clear() {
  for (Column& c : columns_) {
    c.null.clear();
    c.integers.clear();
    c.reals.clear();
    c.text.clear();
    c.ends.clear();
  }
  rows_ = 0;
  next_ = 0;
}

void Columns::keep_fields(const std::vector<bool>& keep) {
  if (next_ != 0) throw std::logic_error("geo::Columns: keep_fields during a row");
  if (keep.size() != columns_.size()) throw std::invalid_argument("geo::Columns: keep_fields needs one flag per field");
  std::vector<Column> kept;
  for (std::size_t f = 0; f < columns_.size(); ++f)
    if (keep[f]) kept.push_back(std::move(columns_[f]));
  columns_ = std::move(kept);
}

void Columns::drop_first_row() {
  if (rows_ == 0) return;
  for (Column& c : columns_) {
    c.null.erase(c.null.begin());
    switch (c.type) {
      case FieldType::Integer: c.integers.erase(c.integers.begin()); break;
      case FieldType::Real: c.reals.erase(c.reals.begin()); break;
      case FieldType::String: {
        const std::uint64_t first = c.ends.front();
        c.text.erase(0, first);
        c.ends.erase(c.ends.begin());
        for (std::uint64_t& e : c.ends) e -= first;
        break;
      }
    }
  }
  --rows_;
}

void Columns::shrink_to_fit() {
  for (Column& c : columns_) {
    shrink(c.null);
    shrink(c.integers);
    shrink(c.reals);
    shrink(c.text);
    shrink(c.ends);
  }
}

std::string_view Columns::string_view(std::size_t row, std::size_t field) const {
  const Column& c = columns_[field];
  const std::uint64_t begin = row == 0 ? 0 : c.ends[row - 1];
  return std::string_view(c.text).substr(begin, c.ends[row] - begin);
}

Value Columns::value(std::size_t row, std::size_t field) const {
  const Column& c = columns_[field];
  if (c.null[row]) return std::monostate{};
  switch (c.type) {
    case FieldType::Integer: return c.integers[row];
    case FieldType::Real: return c.reals[row];
    case FieldType::String: return std::string(string_view(row, field));
  }
  return std::monostate{};
}

std::string Columns::text(std::size_t row, std::size_t field) const {
  if (columns_[field].type == FieldType::String) return std::string(string_view(row, field));
  return to_text(value(row, field));
}

std::vector<Value> Columns::row(std::size_t row) const {
  std::vector<Value> out;
  out.reserve(columns_.size());
  for (std::size_t f = 0; f < columns_.size(); ++f) out.push_back(value(row, f));
  return out;
}

std::size_t Columns::bytes() const {
  std::size_t total = columns_.capacity() * sizeof(Column);
  for (const Column& c : columns_)
    total += c.null.capacity() / 8 + c.integers.capacity() * sizeof(std::int64_t) + c.reals.capacity() * sizeof(double) +
             c.text.capacity() + c.ends.capacity() * sizeof(std::uint64_t);
  return total;
}

bool Columns::operator==(const Columns& other) const {
  return rows_ == other.rows_ && next_ == other.next_ && columns_ == other.columns_;
}

}  // namespace geo
