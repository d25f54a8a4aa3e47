#pragma once
// Step timings for run.json: lap() returns the seconds since the last lap
// (or since construction) and starts the next.

#include <chrono>

namespace engine {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace engine
