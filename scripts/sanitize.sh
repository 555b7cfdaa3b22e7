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
  # parallel region reports false races), so TSan uses clang with LLVM's libomp, plus Archer
  # (libarcher.so, the OMPT tool shipped with libomp) which tells TSan about OpenMP barriers,
  # reductions, tasks and locks.
  llvm_lib="${LLVM_LIB:-/usr/lib/llvm-14/lib}"
  archer="$llvm_lib/libarcher.so"
  if [ ! -f "$archer" ] || [ ! -f "$llvm_lib/libomp.so" ]; then
    echo "sanitize: $archer or libomp.so missing (apt-get install libomp-14-dev)" >&2
    exit 1
  fi
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIRMNET_TSAN=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g"
  # Only the test executable is needed (it builds the CLI too, as a dependency).
  cmake --build "$build" -j "$jobs" --target firmnet_tests
  # ignore_noninstrumented_modules=1 is what Archer requires: libomp's own runtime, libhdf5,
  # libigraph (with its GCC libgomp) and libstdc++ are not instrumented, and their internal
  # synchronisation is invisible to TSan. Accesses made inside them are not checked; every
  # access made by firmnet's code (all instrumented) still is. No suppression file is used.
  # exitcode=66 + halt_on_error=1: the first report ends the test process with a failure.
  export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1:report_signal_unsafe=0:ignore_noninstrumented_modules=1:history_size=4"
  export OMP_NUM_THREADS=2 OMP_TOOL_LIBRARIES="$archer" OMP_TOOL=enabled OMP_WAIT_POLICY=passive
  # The parallel algorithms on small graphs: Leiden and Louvain, PageRank, betweenness (exact
  # and sampled), the reproducibility-per-thread-count tests, the park null replicates, the PKC
  # coreness peeling, the CSV importer's parallel batches and the ESRI cascades over firms.
  # The names are the Catch2 test names that catch_discover_tests registers with ctest.
  regex="${TSAN_TESTS:-[Ll]eiden|[Ll]ouvain|[Pp]age[Rr]ank|[Bb]etweenness|null replicates|nulls preserve|degree null|reproducible for a seed and thread count|planted linked and co-located parks|PKC coreness|batched parallel edge parsing|risk ESRI does not depend on the thread count|risk top-k screening|risk exposure does not depend on the thread count}"
  # Refuse to pass vacuously: Archer must be loaded and every family must be selected.
  probe=$(cd "$build" && ARCHER_OPTIONS=verbose=1 tests/firmnet_tests "the same seed and thread count give the same null replicates" 2>&1) || {
    printf '%s\n' "$probe" >&2
    echo "sanitize: TSan probe run failed" >&2
    exit 1
  }
  if ! grep -q "Archer detected OpenMP application with TSan" <<<"$probe"; then
    printf '%s\n' "$probe" >&2
    echo "sanitize: Archer ($archer) did not load; OpenMP barriers would be invisible to TSan" >&2
    exit 1
  fi
  selected=$(cd "$build" && ctest -N -R "$regex" | grep -E '^ *Test +#' || true)
  printf 'sanitize: %s tests selected for TSan:\n%s\n' "$(grep -c . <<<"$selected")" "$selected" >&2
  for family in '[Ll]eiden' '[Ll]ouvain' '[Pp]age[Rr]ank' 'exact betweenness' 'sampled betweenness' 'null replicates' \
                'PKC coreness' 'batched parallel edge parsing' 'risk ESRI' 'risk exposure'; do
    if ! grep -q -E "$family" <<<"$selected"; then
      echo "sanitize: the TSan selection matches no test for '$family'" >&2
      exit 1
    fi
  done
  (cd "$build" && ctest --output-on-failure -j 1 --timeout 900 -R "$regex")
fi
