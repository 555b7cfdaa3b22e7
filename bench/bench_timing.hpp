// Timing helpers of the benchmarks: wall and CPU time of a section, resident memory, medians.
// On a shared machine wall time depends on the load, CPU time (all threads) much less.
#pragma once
#include <sys/resource.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

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

/// Resident memory of this process now, in KiB (from /proc/self/statm; 0 when unreadable). O(1).
inline long resident_kib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/// The median (the mean of the two middle values for an even count; NaN when empty).
/// O(k log k).
inline double median(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace firmnet::bench
