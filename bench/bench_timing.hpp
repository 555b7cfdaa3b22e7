// Timing helpers of the benchmarks: wall and CPU time of a section, resident memory, medians.
// On a shared machine wall time depends on the load, CPU time (all threads) much less.
#pragma once
#include <sys/resource.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

/// Minor page faults of this process so far (first touches of memory). O(1).
inline long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
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

/// Peak resident memory of this process in KiB above `base` KiB. O(1).
inline long peak_kib_above(long base) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss - base;
}

/// Runs work() in a forked child and returns what it returns (a trivially copyable struct), so
/// that each measured run starts from the parent's memory and its peak is its own. A child that
/// fails yields a default T and a note on stderr. O(work).
template <typename T>
T in_forked_child(const std::function<T()>& work) {
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fd[0]);
    const T out = work();
    if (write(pipe_fd[1], &out, sizeof out) != sizeof out) _exit(1);
    _exit(0);
  }
  close(pipe_fd[1]);
  T out{};
  if (read(pipe_fd[0], &out, sizeof out) != sizeof out) std::fprintf(stderr, "child failed\n");
  close(pipe_fd[0]);
  waitpid(pid, nullptr, 0);
  return out;
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
