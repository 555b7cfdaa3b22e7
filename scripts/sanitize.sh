#!/usr/bin/env bash
# Sanitizer runs (docs/ROBUSTNESS.md).
#
#   scripts/sanitize.sh [BUILD_DIR]          ASan + UBSan build, then the whole ctest suite
#                                            (the Python end-to-end tests run the sanitized CLI).
#   scripts/sanitize.sh --tsan [BUILD_DIR]   ThreadSanitizer build with clang + libomp, then the
#                                            tests of the parallel algorithms on small graphs.
#
# Any sanitizer report fails the run (halt_on_error=1, non-zero exit code).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=asan
if [ "${1:-}" = "--tsan" ]; then
  mode=tsan
  shift
fi
jobs="${JOBS:-2}"

if [ "$mode" = asan ]; then
  build="${1:-build-asan}"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIRMNET_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g"
  cmake --build "$build" -j "$jobs"
  # LeakSanitizer needs ptrace-like access; it is switched off where it cannot run.
  leaks=1
  if ! ASAN_OPTIONS=detect_leaks=1 "$build/tests/firmnet_tests" --list-tests >/dev/null 2>&1; then
    leaks=0
    echo "sanitize: LeakSanitizer unavailable here, running with detect_leaks=0" >&2
  fi
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:print_stacktrace=1:detect_leaks=${leaks}:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
  (cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 900 ${CTEST_ARGS:-})
else
  build="${1:-build-tsan}"
  # GCC's libgomp is not TSan-instrumented (its barriers are invisible to TSan and every
  # parallel region reports false races), so TSan uses clang with LLVM's libomp.
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIRMNET_TSAN=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g"
  cmake --build "$build" -j "$jobs" --target firmnet_tests firmnet
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:report_signal_unsafe=0"
  export OMP_NUM_THREADS=2
  # The parallel algorithms: Leiden, PageRank, betweenness and the park null replicates.
  (cd "$build" && ctest --output-on-failure -j 1 --timeout 900 \
    -R "${TSAN_TESTS:-[Ll]eiden|[Pp]age[Rr]ank|[Bb]etweenness|null|replicate}")
fi
