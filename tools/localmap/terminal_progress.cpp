#include "terminal_progress.hpp"

#include <cstdio>

namespace localmap_cli {

void TerminalProgress::begin(const std::string& step, std::uint64_t total) {
  step_ = step;
  total_ = total;
  started_ = std::chrono::steady_clock::now();
  last_draw_ = {};
  draw(0);
}

void TerminalProgress::update(std::uint64_t done) {
  // At most ten redraws a second: drawing must not cost more than the work.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  draw(done);
}

void TerminalProgress::draw(std::uint64_t done) {
  last_draw_ = std::chrono::steady_clock::now();
  if (total_ > 0)
    std::fprintf(stderr, "\r\033[K  %s %3.0f%% (%llu/%llu)", step_.c_str(), 100.0 * static_cast<double>(done) / static_cast<double>(total_),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_));
  else
    std::fprintf(stderr, "\r\033[K  %s ...", step_.c_str());
  std::fflush(stderr);
}

void TerminalProgress::end() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::fprintf(stderr, "\r\033[K  %s: done in %.2f s\n", step_.c_str(), seconds);
}

}  // namespace localmap_cli
