#pragma once
// Each record's number in its source (1-based, as a user counts data rows).
// They nearly always run first, first + 1, ...: then nothing is stored per
// record.  The first number out of that run makes them explicit.  Reads like
// a vector of numbers.

#include <cstdint>
#include <vector>

namespace engine {

class RecordNumbers {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void push_back(std::int64_t record) {
    if (explicit_.empty()) {
      if (size_ == 0) first_ = record;
      if (record == first_ + static_cast<std::int64_t>(size_)) {
        ++size_;
        return;
      }
      explicit_.reserve(size_ + 1);
      for (std::size_t i = 0; i < size_; ++i) explicit_.push_back(first_ + static_cast<std::int64_t>(i));
    }
    explicit_.push_back(record);
    ++size_;
  }
  std::int64_t operator[](std::size_t i) const {
    return explicit_.empty() ? first_ + static_cast<std::int64_t>(i) : explicit_[i];
  }
  std::size_t bytes() const { return explicit_.capacity() * sizeof(std::int64_t); }  // memory held
  bool operator==(const RecordNumbers& other) const {
    if (size_ != other.size_) return false;
    for (std::size_t i = 0; i < size_; ++i)
      if ((*this)[i] != other[i]) return false;
    return true;
  }

 private:
  std::int64_t first_ = 0;
  std::size_t size_ = 0;
  std::vector<std::int64_t> explicit_;  // empty while the numbers run from first_
};

}  // namespace engine
