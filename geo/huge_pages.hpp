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
// Thread-safety: each function touches only the container it is given.

#include <cstddef>
#include <vector>

namespace geo {

// Asks for huge pages on the whole 2 MiB pages inside [data, data + bytes).
void advise_huge_pages(void* data, std::size_t bytes);

// c.reserve(n) for a std::vector or std::string of plain values, with huge
// pages asked for on the new memory before anything is copied into it (a
// plain reserve would copy the elements first, faulting page by page).
template <typename Container>
void reserve_fresh(Container& c, std::size_t n) {
  if (c.capacity() >= n) return;
  Container bigger;
  bigger.reserve(n);
  advise_huge_pages(bigger.data(), n * sizeof(*bigger.data()));
  bigger.insert(bigger.end(), c.begin(), c.end());  // plain iterators: std::string copies without a temporary
  c.swap(bigger);
}

// v.assign(n, value), with huge pages asked for before the memory is first
// written when v needs new memory for it.
template <typename T>
void fill_fresh(std::vector<T>& v, std::size_t n, const T& value) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    reserve_fresh(v, n);
  }
  v.assign(n, value);
}

}  // namespace geo
