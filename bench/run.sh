#!/usr/bin/env bash
# `make bench`: runs every benchmark program built from bench/*.cpp on its default graph.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
mkdir -p "$build/bench-work"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
for program in "$build"/bench/bench_*; do
  [ -x "$program" ] || continue
  echo
  echo "== $(basename "$program")"
  (cd "$build/bench-work" && "$program")
done
