#pragma once
// One text per record (a rejection reason, a note) where most are empty:
// only the non-empty ones are stored, so a million located records cost
// nothing here.  Reads like a vector of strings.

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace engine {

class RecordTexts {
 public:
  std::size_t size() const { return size_; }
  // The next record's text.
  void push_back(std::string text) {
    if (!text.empty()) texts_.emplace_back(size_, std::move(text));
    ++size_;
  }
  void emplace_back() { ++size_; }
  // Sets a record's text; records are set in increasing order or overwritten.
  void set(std::size_t record, std::string text);
  const std::string& operator[](std::size_t record) const {
    static const std::string none;
    const auto at = find(record);
    return at != texts_.end() && at->first == record ? at->second : none;
  }
  bool operator==(const RecordTexts&) const = default;

 private:
  using Entry = std::pair<std::size_t, std::string>;
  std::vector<Entry>::const_iterator find(std::size_t record) const {
    return std::lower_bound(texts_.begin(), texts_.end(), record, [](const Entry& e, std::size_t r) { return e.first < r; });
  }
  std::vector<Entry> texts_;  // by record
  std::size_t size_ = 0;
};

inline void RecordTexts::set(std::size_t record, std::string text) {
  auto at = texts_.begin() + (find(record) - texts_.cbegin());
  if (at != texts_.end() && at->first == record) {
    if (text.empty()) texts_.erase(at);
    else at->second = std::move(text);
  } else if (!text.empty()) {
    texts_.insert(at, Entry(record, std::move(text)));
  }
}

}  // namespace engine
