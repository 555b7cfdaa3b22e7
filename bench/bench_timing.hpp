// Timing helpers of the centrality benchmarks: wall and CPU time of a section. On a shared
// machine wall time depends on the load, CPU time (all threads) much less.
#pragma once
#include <sys/resource.h>

#include <chrono>
#include <functional>

namespace firmnet::bench {

/// User + system CPU seconds of this process so far, all threads. O(1).
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

/// CPU seconds of the last section timed by seconds_of.
inline double last_cpu = 0.0;

/// Wall seconds of work(); sets last_cpu to its CPU seconds. O(work).
inline double seconds_of(const std::function<void()>& work) {
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  work();
  last_cpu = cpu_seconds() - cpu_start;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace firmnet::bench
