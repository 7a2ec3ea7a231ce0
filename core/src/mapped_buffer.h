// Arrays whose pages come straight from mmap, for the export's per-match arrays.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <new>
#include <vector>

#include <xapian.h>

namespace pressroom {

// Allocator for the per-match arrays (16 then 4 bytes per match: 20 MB at 1M matches): pages
// straight from mmap, returned to the system when the export ends. From malloc, blocks this
// large stay in the worker thread's arena once glibc has raised its mmap threshold (it does
// after the first such free), and every worker thread would keep its own: +40 MB after two 1M
// exports on two threads, instead of +0.
template <class T>
struct PageAllocator {
  using value_type = T;
  PageAllocator() = default;
  template <class U>
  explicit PageAllocator(const PageAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    void* p = mmap(nullptr, std::max<size_t>(1, n * sizeof(T)), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept { munmap(p, std::max<size_t>(1, n * sizeof(T))); }
  template <class U>
  bool operator==(const PageAllocator<U>&) const noexcept {
    return true;
  }
};

using DocidList = std::vector<Xapian::docid, PageAllocator<Xapian::docid>>;

}  // namespace pressroom
