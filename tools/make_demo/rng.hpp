#pragma once
// Portable random draws for the demo generator.
//
// std::mt19937_64's output sequence is fixed by the C++ standard, but the
// std::*_distribution algorithms (and std::shuffle) are implementation-defined,
// so the same seed could give different data with another standard library.
// Every conversion from raw 64-bit words is therefore done here, by hand.
//
// Each part of the generator draws from its own stream (seed, stream), so
// changing how one table is generated does not shift the others.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

namespace make_demo {

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) : engine_(seed ^ (stream * 0x9E3779B97F4A7C15ull)) {}

  // Uniform in [0, 1): the top 53 bits of one word.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n); n > 0.  The bias (n / 2^53) is irrelevant here.
  std::size_t below(std::size_t n) {
    const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal by Box-Muller (one of the pair; simple beats fast here).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1], so log() is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  // Index drawn with probability proportional to weights[i] (all >= 0, sum > 0).
  std::size_t weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    for (std::size_t i = weights.size(); i-- > 0;)  // rounding left r >= 0: last positive weight
      if (weights[i] > 0) return i;
    return 0;
  }
  // Fisher-Yates, written out because std::shuffle is implementation-defined.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

// Stream numbers, one per generator part.
// New streams go at the end, so the numbers of the existing ones never change.
enum Stream : std::uint64_t {
  kOutline = 1, kSeeds, kNames, kPopulation, kFacilities, kPartners, kIssues, kBadRecords, kCity,
  kActors, kLinks,  // the coordination network (actors.cpp)
  kActivities       // the programme's activities (activities.cpp)
};

}  // namespace make_demo
