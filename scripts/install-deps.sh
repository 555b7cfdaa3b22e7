#!/usr/bin/env bash
# Installs the Debian 12 packages firmnet needs to build, test and run its notebooks.
# Idempotent: packages already present are skipped, and apt is only touched when
# something is missing. Must run as root (or through sudo) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libigraph-dev libarpack2-dev libglpk-dev libplfit-dev
  libboost-graph-dev
  libhdf5-dev
  libcli11-dev
  catch2
  clang libclang-rt-14-dev libomp-14-dev
  python3 python3-h5py python3-numpy python3-scipy python3-pandas python3-matplotlib
  python3-igraph python3-networkx
  pybind11-dev python3-pybind11 python3-pytest python3-openpyxl python3-tqdm python3-geopandas
  jupyter-nbconvert python3-ipykernel
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present" >&2
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
