#!/usr/bin/env bash
# `make bench`: runs every benchmark program built from bench/*.cpp on its default graph; the
# programs that measure a stored network get the standard 100k-firm network of
# `make bench-data` (created here when missing). Every program lists its options with --help.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
bash "$(dirname "$0")/make-data.sh" "$build" > /dev/null
network="$(cd "$build/bench-data" && pwd)/scale-100k-1m.h5"
mkdir -p "$build/bench-work"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
for program in "$build"/bench/bench_*; do
  [ -x "$program" ] || continue
  name=$(basename "$program")
  case "$name" in
    bench_kadabra) args=("$network") ;;
    bench_null_mixing | bench_spatial_communities) args=(--network "$network") ;;
    *) args=() ;;
  esac
  echo
  echo "== $name ${args[*]:-}"
  (cd "$build/bench-work" && "$program" "${args[@]}")
done
