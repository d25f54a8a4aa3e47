// engine/parallel.hpp: work split over threads, results and errors as if it
// had run on one.

#include "engine/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.hpp"

namespace {

using testing_support::error_of;

TEST(Parallel, ChunksCoverEveryIndexOnceOnAnyNumberOfThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u})
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{17}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> seen(n);
      engine::parallel_chunks(n, threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) ++seen[i];
      }, 4);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i].load(), 1) << i << " of " << n << ", " << threads << " threads";
    }
}

// side_by_side runs its two jobs at the same time: each waits until the
// other has started, which only two threads can do.
TEST(Parallel, SideBySideRunsBothJobsAtOnce) {
  std::atomic<bool> side_started{false}, main_started{false};
  std::thread::id side_thread, main_thread;
  auto wait_for = [](const std::atomic<bool>& flag) {
    for (int i = 0; i < 20000 && !flag; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return flag.load();
  };
  bool side_saw_main = false, main_saw_side = false;
  engine::side_by_side(
      [&] {
        side_thread = std::this_thread::get_id();
        side_started = true;
        side_saw_main = wait_for(main_started);
      },
      [&] {
        main_thread = std::this_thread::get_id();
        main_started = true;
        main_saw_side = wait_for(side_started);
      });
  EXPECT_TRUE(side_saw_main);
  EXPECT_TRUE(main_saw_side);
  EXPECT_EQ(main_thread, std::this_thread::get_id());
  EXPECT_NE(side_thread, main_thread);
}

// Errors come out as if the side job had run first; both jobs always finish.
TEST(Parallel, SideBySideThrowsTheSideJobsErrorFirst) {
  std::atomic<int> finished{0};
  auto fail = [&](const char* what) { return [&finished, what] { ++finished; throw std::runtime_error(what); }; };
  auto pass = [&] { ++finished; };
  EXPECT_EQ(error_of([&] { engine::side_by_side(fail("side"), fail("main")); }), "side");
  EXPECT_EQ(error_of([&] { engine::side_by_side(fail("side"), pass); }), "side");
  EXPECT_EQ(error_of([&] { engine::side_by_side(pass, fail("main")); }), "main");
  EXPECT_EQ(error_of([&] { engine::side_by_side(pass, pass); }), "(no error)");
  EXPECT_EQ(finished.load(), 8);
}

}  // namespace
