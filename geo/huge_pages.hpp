#pragma once
// Fresh arrays of many megabytes, filled without a page fault per 4 KiB.
//
// Writing to freshly allocated memory costs a page fault per 4 KiB page on
// first touch; on virtual machines each fault is expensive (about 12 us per
// page measured on the project's CI machine kind, so 0.5 s for the 170 MB a
// join of 10^7 points writes).  Where the kernel's transparent huge pages are
// in "madvise" mode (as there) or "always", asking for them on the allocation
// turns 512 of those faults into one.  Nothing changes where the kernel says
// no: the request is a hint.
//
// Thread-safety: fill_fresh touches only the vector it is given.

#include <cstddef>
#include <vector>

namespace geo {

// Asks for huge pages on the whole 2 MiB pages inside [data, data + bytes).
void advise_huge_pages(void* data, std::size_t bytes);

// v.assign(n, value), with huge pages asked for before the memory is first
// written when v needs new memory for it.
template <typename T>
void fill_fresh(std::vector<T>& v, std::size_t n, const T& value) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

}  // namespace geo
