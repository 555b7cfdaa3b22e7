// A barrier for the threads of one OpenMP parallel region that spins briefly before it sleeps.
//
// Kernels that synchronise hundreds of times per call (Leiden's sub-rounds, coreness peeling
// levels) wait at each barrier for a few microseconds: the threads have equal shares of work.
// Under OMP_WAIT_POLICY=passive an OpenMP barrier puts the waiting thread to sleep at once,
// and waking it costs about 50 us on a 2-vCPU virtual machine (measured), more than the wait
// itself. This barrier spins for up to kSpins pause instructions (tens of microseconds), then
// sleeps on the generation counter (std::atomic::wait, a futex on Linux), so long waits still
// leave the core to other work whatever the wait policy.
//
// Approach: a generation counter and an arrival count. The last thread to arrive resets the
// count and then advances the generation (release); waiters leave when they see the new
// generation (acquire), so every write made before the barrier by any thread is visible after
// it. O(1) per arrival, plus the spin or sleep.
#pragma once
#include <atomic>
#include <cstdint>

namespace firmnet {

class SpinBarrier {
 public:
  /// A barrier for `threads` threads (the size of the parallel region that uses it). O(1).
  explicit SpinBarrier(int threads) : threads_(threads) {}
  SpinBarrier(const SpinBarrier&) = delete;
  SpinBarrier& operator=(const SpinBarrier&) = delete;

  /// Returns once all `threads` threads have called it for this generation. O(threads) wait.
  void arrive_and_wait() {
    const std::uint32_t generation = generation_.load(std::memory_order_acquire);
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == threads_) {
      arrived_.store(0, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
      generation_.notify_all();
      return;
    }
    for (int spin = 0; spin < kSpins; ++spin) {
      if (generation_.load(std::memory_order_acquire) != generation) return;
      pause();
    }
    while (generation_.load(std::memory_order_acquire) == generation)
      generation_.wait(generation, std::memory_order_acquire);
  }

 private:
  static constexpr int kSpins = 4096;  // about 20-60 us, by the cost of a pause
  static void pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }

  const int threads_;
  alignas(64) std::atomic<int> arrived_{0};
  alignas(64) std::atomic<std::uint32_t> generation_{0};
};

}  // namespace firmnet
