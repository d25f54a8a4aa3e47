#pragma once
// Splitting independent work over threads.  Each index is handled by exactly
// one call and results are written per index, so the output never depends on
// the number of threads.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace engine {

inline unsigned thread_count(int requested) {
  return requested > 0 ? static_cast<unsigned>(requested) : std::max(1u, std::thread::hardware_concurrency());
}

// Calls work(begin, end) over contiguous chunks of [0, n), on up to
// `threads` threads.  The first exception thrown by any chunk is rethrown.
template <class Work>
void parallel_chunks(std::size_t n, unsigned threads, Work&& work, std::size_t min_chunk = 16) {
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / min_chunk)));
  if (threads <= 1) {
    work(std::size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(n, t * chunk), end = std::min(n, begin + chunk);
    pool.emplace_back([&, t, begin, end] {
      try {
        work(begin, end);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (std::thread& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Runs side() on a new thread while main() runs on this one, and returns
// when both have.  Errors come out as if side() had run first: side()'s
// exception if it threw, else main()'s.
template <class Side, class Main>
void side_by_side(Side&& side, Main&& main) {
  std::exception_ptr side_error, main_error;
  std::thread thread([&] {
    try {
      side();
    } catch (...) {
      side_error = std::current_exception();
    }
  });
  try {
    main();
  } catch (...) {
    main_error = std::current_exception();
  }
  thread.join();
  if (side_error) std::rethrow_exception(side_error);
  if (main_error) std::rethrow_exception(main_error);
}

}  // namespace engine
