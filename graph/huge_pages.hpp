// An allocator for large arrays read at random addresses (the park test's swap chains). Arrays
// of 2 MiB or more are aligned to 2 MiB and marked MADV_HUGEPAGE, so that on Linux with
// transparent huge pages in "madvise" or "always" mode one TLB entry covers 2 MiB instead of
// 4 KiB. Random access over hundreds of MB otherwise pays a page walk on nearly every access:
// with it the swap chains run about twice as fast on 10M links (bench/bench_null_models.cpp).
// Smaller arrays, and other systems, get ordinary allocations.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace firmnet {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{1} << 21;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  /// O(1); the memory is faulted in when first touched.
  T* allocate(std::size_t n) {
    if (n * sizeof(T) < kHugePage) return std::allocator<T>{}.allocate(n);
    const std::size_t bytes = (n * sizeof(T) + kHugePage - 1) / kHugePage * kHugePage;
    void* memory = std::aligned_alloc(kHugePage, bytes);
    if (!memory) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(memory, bytes, MADV_HUGEPAGE);  // a hint: refusal leaves ordinary pages
#endif
    return static_cast<T*>(memory);
  }

  /// O(1).
  void deallocate(T* memory, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePage) std::allocator<T>{}.deallocate(memory, n);
    else std::free(memory);
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

/// A vector whose storage, from 2 MiB up, lives on transparent huge pages where available.
template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace firmnet
