// Sorting a large array on every OpenMP thread: the array is cut into one run per thread, the
// runs are sorted at the same time, then merged pairwise in rounds, the merges of a round at
// the same time. Under a total order (no two distinct elements compare equal, e.g. keys with
// their index as the last tie-break) the result is std::sort's, whatever the thread count.
// Cost: O(n log n / p + n log p) time and n elements of extra memory for p threads.
#pragma once
#include <omp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <vector>

namespace firmnet {

/// Below this many elements per thread the sort stays on one thread.
inline constexpr std::size_t kParallelSortGrain = std::size_t{1} << 16;

/// Sorts [first, last) by `less` on every OpenMP thread. O(n log n / p + n log p).
template <typename RandomIt, typename Less = std::less<>>
void parallel_sort(RandomIt first, RandomIt last, Less less = {}) {
  using Value = typename std::iterator_traits<RandomIt>::value_type;
  const auto n = static_cast<std::size_t>(last - first);
  const std::size_t runs = std::min<std::size_t>(static_cast<std::size_t>(omp_get_max_threads()), n / kParallelSortGrain);
  if (runs < 2) {
    std::sort(first, last, less);
    return;
  }
  std::vector<std::size_t> bound(runs + 1);
  for (std::size_t r = 0; r <= runs; ++r) bound[r] = n * r / runs;
#pragma omp parallel for schedule(static, 1)
  for (std::int64_t r = 0; r < static_cast<std::int64_t>(runs); ++r)
    std::sort(first + bound[r], first + bound[r + 1], less);

  // Rounds of pairwise merges between the array and a buffer, `width` runs per merged block.
  std::vector<Value> buffer(n);
  bool in_buffer = false;
  for (std::size_t width = 1; width < runs; width *= 2) {
    const std::size_t blocks = (runs + 2 * width - 1) / (2 * width);
#pragma omp parallel for schedule(static, 1)
    for (std::int64_t b = 0; b < static_cast<std::int64_t>(blocks); ++b) {
      const std::size_t lo = bound[2 * width * b], mid = bound[std::min(runs, 2 * width * b + width)],
                        hi = bound[std::min(runs, 2 * width * (b + 1))];
      if (in_buffer)
        std::merge(std::make_move_iterator(buffer.begin() + lo), std::make_move_iterator(buffer.begin() + mid),
                   std::make_move_iterator(buffer.begin() + mid), std::make_move_iterator(buffer.begin() + hi),
                   first + lo, less);
      else
        std::merge(std::make_move_iterator(first + lo), std::make_move_iterator(first + mid),
                   std::make_move_iterator(first + mid), std::make_move_iterator(first + hi), buffer.begin() + lo,
                   less);
    }
    in_buffer = !in_buffer;
  }
  if (in_buffer) std::move(buffer.begin(), buffer.end(), first);
}

}  // namespace firmnet
