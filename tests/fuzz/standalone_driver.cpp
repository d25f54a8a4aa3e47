// A libFuzzer-compatible driver for compilers without libFuzzer (the gcc
// build of the test suite): it replays every file of the given corpus and
// regression folders through LLVMFuzzerTestOneInput, then runs a fixed
// number of random mutations of them from a fixed seed, so every run of the
// smoke test tries the same inputs.
//
//   <target>_smoke [--iterations N] [--max-len BYTES] DIR...
//
// A crash, sanitizer report, invariant failure or escaping exception ends
// the process abnormally; the input being run is then saved to
// ./fuzz-smoke-crash (replay it with the libFuzzer target or this driver).

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// The input under test, for the crash handler.
const Bytes* g_current = nullptr;

extern "C" void save_current_input(int sig) {
  // Only async-signal-safe calls here.
  if (g_current) {
    const int fd = ::open("fuzz-smoke-crash", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ssize_t written = ::write(fd, g_current->data(), g_current->size());
      (void)written;
      ::close(fd);
      static const char note[] = "standalone driver: the failing input is in ./fuzz-smoke-crash\n";
      written = ::write(2, note, sizeof note - 1);
    }
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void run(const Bytes& input) {
  g_current = &input;
  // An empty vector's data() may be null; libFuzzer always passes a valid pointer.
  static const std::uint8_t empty = 0;
  LLVMFuzzerTestOneInput(input.empty() ? &empty : input.data(), input.size());
  g_current = nullptr;
}

// Tokens that matter to the formats under test (CSV, YAML, GeoJSON, UTF-8
// text), spliced in by the mutator.
const char* const kTokens[] = {
    ",", "\"", "\n", "\r\n", "\xEF\xBB\xBF", ":", "- ", "{", "}", "[", "]", "#", "|", "\t", "-",
    "1e308", "-1e308", "nan", "inf", "0", "-0", "999999999999", "4.9e-324", "null", "true", "\"\"",
    "\xD8", "\xD8\xA7\xD9\x84", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xFF", "\xCC\x81", "\xD9\x80",
    "lon", "lat", "wkt", "POINT (", "POLYGON ((", "\"coordinates\"", "\"type\"", "source:", "level:"};

Bytes mutate(const std::vector<Bytes>& seeds, std::mt19937_64& rng, std::size_t max_len) {
  auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  Bytes out = seeds[pick(seeds.size())];
  const std::size_t steps = 1 + pick(4);
  for (std::size_t s = 0; s < steps; ++s) {
    const std::size_t at = pick(out.size() + 1);
    switch (pick(6)) {
      case 0:  // flip one bit
        if (!out.empty()) out[pick(out.size())] ^= static_cast<std::uint8_t>(1u << pick(8));
        break;
      case 1:  // a random byte
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(pick(256)));
        break;
      case 2: {  // erase a range
        const std::size_t n = std::min(out.size() - std::min(at, out.size()), 1 + pick(16));
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(std::min(at, out.size())),
                  out.begin() + static_cast<std::ptrdiff_t>(std::min(at, out.size()) + n));
        break;
      }
      case 3: {  // a token
        const char* t = kTokens[pick(std::size(kTokens))];
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), t, t + std::strlen(t));
        break;
      }
      case 4: {  // duplicate a range (ragged rows, repeated keys)
        if (out.empty()) break;
        const std::size_t from = pick(out.size());
        const std::size_t n = std::min(out.size() - from, 1 + pick(64));
        const Bytes chunk(out.begin() + static_cast<std::ptrdiff_t>(from), out.begin() + static_cast<std::ptrdiff_t>(from + n));
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin(), chunk.end());
        break;
      }
      default: {  // splice: the tail of another seed
        const Bytes& other = seeds[pick(seeds.size())];
        const std::size_t from = pick(other.size() + 1);
        out.resize(std::min(at, out.size()));
        out.insert(out.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
      }
    }
  }
  if (out.size() > max_len) out.resize(max_len);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  long iterations = 1000;
  std::size_t max_len = 64 * 1024;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      iterations = std::atol(argv[++i]);
    } else if (arg == "--max-len" && i + 1 < argc) {
      max_len = static_cast<std::size_t>(std::atol(argv[++i]));
    } else if (fs::is_directory(arg)) {
      for (const auto& e : fs::directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else if (!fs::exists(arg)) {
      // A regression folder with no crash kept yet is not in git.
      std::fprintf(stderr, "standalone driver: %s does not exist, skipped\n", arg.c_str());
    }
  }
  std::sort(files.begin(), files.end());  // the same order on every machine
  if (files.empty()) {
    std::fprintf(stderr, "standalone driver: no input files\n");
    return 2;
  }
  for (int sig : {SIGABRT, SIGSEGV, SIGFPE, SIGILL, SIGBUS}) std::signal(sig, save_current_input);

  std::vector<Bytes> seeds;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    run(seeds.back());
  }
  std::printf("replayed %zu files\n", seeds.size());
  std::mt19937_64 rng(20261201);
  for (long i = 0; i < iterations; ++i) run(mutate(seeds, rng, max_len));
  std::printf("ran %ld mutated inputs\n", iterations);
  return 0;
}
