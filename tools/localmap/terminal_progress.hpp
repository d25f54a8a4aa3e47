#pragma once
// engine::Progress drawn as one self-rewriting line on stderr.

#include <chrono>
#include <string>

#include "engine/progress.hpp"

namespace localmap_cli {

class TerminalProgress final : public engine::Progress {
 public:
  void begin(const std::string& step, std::uint64_t total) override;
  void update(std::uint64_t done) override;
  void end() override;

 private:
  void draw(std::uint64_t done);
  std::string step_;
  std::uint64_t total_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace localmap_cli
