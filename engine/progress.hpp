#pragma once
// How long-running engine steps report progress without printing: the CLI
// passes an implementation that draws a bar on a terminal (or nothing).

#include <cstdint>
#include <string>

namespace engine {

class Progress {
 public:
  virtual ~Progress() = default;
  // A step starts; `total` units of work (0 = unknown).
  virtual void begin(const std::string& step, std::uint64_t total) = 0;
  // `done` units of the current step are complete.
  virtual void update(std::uint64_t done) = 0;
  virtual void end() = 0;
};

// Reports nothing.
class SilentProgress final : public Progress {
 public:
  void begin(const std::string&, std::uint64_t) override {}
  void update(std::uint64_t) override {}
  void end() override {}
};

}  // namespace engine
