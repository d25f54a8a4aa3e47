#pragma once
// Shared by the fuzz targets: the input as an in-memory GDAL file, so the
// real reading path (driver choice by extension, open options, decoding)
// runs without touching the disk.

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace fuzz {

class MemFile {
 public:
  // `name` is the file name after /vsimem/; its extension picks the driver.
  MemFile(const std::string& name, const std::uint8_t* data, std::size_t size) : path_("/vsimem/fuzz/" + name) {
    // GDAL gets its own copy (bTakeOwnership) so the fuzzer's buffer stays untouched.
    auto* copy = static_cast<GByte*>(CPLMalloc(size == 0 ? 1 : size));
    if (size) std::memcpy(copy, data, size);
    VSIFCloseL(VSIFileFromMemBuffer(path_.c_str(), copy, static_cast<vsi_l_offset>(size), TRUE));
  }
  ~MemFile() { VSIUnlink(path_.c_str()); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An invariant of the code under test failed: abort, so that libFuzzer
// (and the standalone driver) record the input as a crash.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
  std::abort();
}

}  // namespace fuzz
