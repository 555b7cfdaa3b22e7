#!/usr/bin/env bash
# Creates the standard benchmark networks once (make bench-data):
#   BUILD_DIR/bench-data/scale-1m-10m.h5   1,000,000 firms, 10,000,000 links
#   BUILD_DIR/bench-data/scale-100k-1m.h5    100,000 firms,  1,000,000 links (+ CSV in scale-100k-1m/)
# Each comes with its truth CSV beside it. Files already present are kept.
# Usage: bash bench/make-data.sh BUILD_DIR
set -euo pipefail
build_dir=${1:?usage: make-data.sh BUILD_DIR}
firmnet="$build_dir/firmnet"
[[ -x "$firmnet" ]] || { echo "make-data.sh: $firmnet not built" >&2; exit 1; }
data_dir="$build_dir/bench-data"
mkdir -p "$data_dir"

make_network() {  # name firms links [--out-dir dir]
  local name=$1 firms=$2 links=$3
  shift 3
  local target="$data_dir/$name.h5"
  if [[ -f "$target" ]]; then
    echo "bench-data: $target exists, kept"
    return
  fi
  echo "bench-data: generating $target ($firms firms, $links links)"
  "$firmnet" --seed 1 generate scale --firms "$firms" --links "$links" -o "$target" "$@"
}

make_network scale-100k-1m 100000 1000000 --out-dir "$data_dir/scale-100k-1m"
make_network scale-1m-10m 1000000 10000000
ls -la "$data_dir"
